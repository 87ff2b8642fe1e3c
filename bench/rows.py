"""Build and bulk-insert documents, register entries, copies, transfers and the audit chain.

Rows are written with plain sqlite3 `executemany` in chronological order (ids and audit
sequence follow time, as in a database filled by years of use), one year at a time and in
chunks, so memory stays bounded. Values follow what the actions write: register columns by the
layout's ids, `search_text` = fold of the column values, audit events hashed with
bmnn.audit.chain.event_hash into one valid chain.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Protocol

from bench import corpus
from bench.org import Org, UnitInfo
from bmnn.audit.chain import GENESIS, event_hash
from bmnn.law.authority import copy_classes
from bmnn.law.levels import Level
from bmnn.law.pack import REGIME_2025_FROM, RulePack
from bmnn.law.periods import protection_until
from bmnn.law.transfer import envelope_for
from bmnn.lib.text import fold
from bmnn.registry.rules import pack_for as _pack_for

KINDS = ("outgoing", "incoming", "copies", "transfers")
TZ = dt.timezone(dt.timedelta(hours=7))  # Asia/Ho_Chi_Minh, no daylight saving
CHUNK = 20_000

SQL = {
    "document": "INSERT INTO registry_document (id, origin, state, doc_type, number_symbol, summary, "
    "level, regime, rulepack_version, determined_on, issuer_name, drafter_name, signer_name, "
    "copy_permitted, copies_issued, protected_until, shorter_until, arrival_number, arrival_date, "
    "created_at, search_text, drafter_id, signer_id, signer_delegation_id, unit_id) "
    "VALUES (" + ",".join("?" * 25) + ")",
    "recipient": 'INSERT INTO registry_recipient ("order", name, named_person, copies, copy_from, '
    "copy_to, document_id, person_id, unit_id) VALUES (?,?,?,?,?,?,?,?,?)",
    "proposal": "INSERT INTO registry_proposal (id, level, level_reason, copy_permitted, status, "
    "submitted_at, decided_at, decision_note, decided_by_id, decided_delegation_id, document_id, "
    "drafter_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
    "basis": "INSERT INTO registry_proposal_basis (proposal_id, catalogitem_id) VALUES (?,?)",
    "entry": "INSERT INTO registry_registerentry (id, kind, year, number, entry_date, level, columns, "
    "cancelled, cancel_reason, source, search_text, created_at, document_id, register_id, unit_id) "
    "VALUES (?,?,?,?,?,?,?,0,'','bmnn',?,?,?,?,?)",
    "copy": "INSERT INTO registry_copyrecord (id, form, permitted_count, made_count, copy_from, copy_to, "
    "copied_on, recipients, copied_by_id, permitted_by_id, permitted_delegation_id, document_id, "
    "entry_id, unit_id, level, copy_permitted) VALUES (?,?,?,?,?,?,?,?,?,?,NULL,?,?,?,?,1)",
    "transfer": "INSERT INTO registry_transfer (id, channel, recipient_name, named_person, envelope, "
    "copy_numbers, sent_on, received_by_name, received_on, document_id, entry_id, recipient_unit_id, "
    "sent_by_id, unit_id, level) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "event": "INSERT INTO audit_event (id, seq, at, kind, action, actor_id, actor_name, unit_id, "
    "object_type, object_id, changes, rulepack_version, prev_hash, hash, channel) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'')",  # no channel: hashed as events before channels were
}


@lru_cache(maxsize=4096)
def pack_for(day: dt.date) -> RulePack:
    return _pack_for(day)


@lru_cache(maxsize=200_000)
def _fold_part(text: str) -> str:
    return fold(text)


def fold_values(values: Iterable[Any]) -> str:
    """fold(" ".join(values)), computed per value with a cache (fold is per character and
    collapses whitespace, so the two are equal; `--check` verifies it on every row)."""
    parts = [_fold_part(str(v)) for v in values]
    return " ".join(p for p in parts if p)


def db_stamp(at: dt.datetime) -> str:
    """A datetime as Django's SQLite backend stores it: naive UTC, str()."""
    return str(at.astimezone(dt.UTC).replace(tzinfo=None))


def allocate(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """Split `total` over `weights` (largest remainder), each share at least `minimum`."""
    rest = max(total - minimum * len(weights), 0)
    wsum = sum(weights)
    raw = [rest * w / wsum for w in weights]
    shares = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - shares[i], reverse=True)
    for i in order[: rest - sum(shares)]:
        shares[i] += 1
    return [s + minimum for s in shares]


class Paper(Protocol):
    """Register lines kept on paper before a unit took up bmnn (bench/paper.py)."""

    def claims(self, loader: Loader, at: dt.datetime, u: int, k: int, year: int, number: int) -> bool: ...

    def year_done(self, loader: Loader, year: int) -> None: ...

    def claimed(self, kind: str) -> int:
        """Lines of `kind` the paper took from bmnn's first year (made up the year after)."""
        ...


@lru_cache(maxsize=64)
def may_permit_copy(authority: str, level: str, regime_day: dt.date) -> bool:
    """An Art 11 authority class may permit copying `level` under the pack of that day."""
    return authority in copy_classes(pack_for(regime_day), Level(level))


class Loader:
    """Holds the running state: ids, per-unit documents, the chain's last hash."""

    def __init__(self, con: sqlite3.Connection, org: Org, rng: random.Random, check: bool,
                 today: dt.date, paper: Paper | None = None) -> None:
        self.con, self.org, self.rng, self.check = con, org, rng, check
        self.paper = paper
        self.units = org.units
        self.doc_id = self.entry_id = self.seq = self.copy_id = self.transfer_id = 0
        self.prev_hash = GENESIS
        self.docs: list[tuple[Any, ...]] = [()]  # index = document id
        self.unit_docs: list[list[int]] = [[] for _ in self.units]
        self.copyable = [False for _ in self.units]  # the unit holds a document it may copy
        self.copies_made: dict[int, int] = {}
        self.registers: dict[tuple[int, int], int] = {}
        self.register_id = 0
        self.rows: dict[str, list[tuple[Any, ...]]] = {k: [] for k in SQL}
        self.today = today

    # -- plan ---------------------------------------------------------------------------------
    def year_slots(self, year: int, per_kind: list[int], jitter: list[list[float]], last_day: dt.date
                   ) -> list[tuple[float, int, int, int]]:
        """Entries of one year as (timestamp, unit index, kind index, number), in time order;
        also writes the year's register volumes and counters."""
        start = dt.datetime(year, 1, 1, tzinfo=TZ).timestamp()
        days = (min(last_day, dt.date(year, 12, 31)) - dt.date(year, 1, 1)).days + 1
        slots: list[tuple[float, int, int, int]] = []
        rnd = self.rng.random
        for k, total in enumerate(per_kind):
            weights = [u.weight * jitter[i][k] for i, u in enumerate(self.units)]
            shares = allocate(total, weights, minimum=1 if k == 1 else 0)
            for u, n in enumerate(shares):
                if n == 0:
                    continue
                stamps = sorted(start + int(rnd() * days) * 86400 + 27000 + rnd() * 34200
                                for _ in range(n))
                if k == 1 and not self.unit_docs[u]:
                    stamps[0] = start + 60 + u  # a new unit's first line: it must hold something
                slots.extend((ts, u, k, i) for i, ts in enumerate(stamps, start=1))
                self._register(u, k, year, n, last_day)
        slots.sort()
        return slots

    def _register(self, u: int, k: int, year: int, n: int, last_day: dt.date) -> None:
        self.register_id += 1
        self.registers[(u, k)] = self.register_id
        unit = self.units[u]
        opened = dt.date(year, 1, 1)
        closed = dt.date(year, 12, 31) if year < last_day.year else None
        self.con.execute(
            "INSERT INTO registry_register (id, kind, year, volume, regime, opened_on, closed_on, "
            "closed_by_id, unit_id) VALUES (?,?,?,1,?,?,?,?,?)",
            (self.register_id, KINDS[k], year, pack_for(opened).regime.value, opened.isoformat(),
             closed.isoformat() if closed else None, unit.clerk_id if closed else None, unit.id))
        self.con.execute("INSERT INTO registry_registercounter (kind, year, last_number, unit_id) "
                         "VALUES (?,?,?,?)", (KINDS[k], year, n, unit.id))

    # -- write --------------------------------------------------------------------------------
    def load_year(self, year: int, slots: list[tuple[float, int, int, int]]) -> None:
        builders = (self._outgoing, self._incoming, self._copy, self._transfer)
        paper = self.paper
        for start in range(0, len(slots), CHUNK):
            for ts, u, k, number in slots[start : start + CHUNK]:
                at = dt.datetime.fromtimestamp(ts, TZ)
                if paper is not None and paper.claims(self, at, u, k, year, number):
                    continue
                builders[k](at, self.units[u], u, year, number)
            self.flush()
        if paper is not None:
            paper.year_done(self, year)
            self.flush()

    def flush(self) -> None:
        for name, rows in self.rows.items():
            if rows:
                self.con.executemany(SQL[name], rows)
                rows.clear()
        self.con.commit()

    def _entry(self, at: dt.datetime, u: int, k: int, year: int, number: int, doc: int, level: str,
               columns: dict[str, Any], search_extra: dict[str, Any] | None = None) -> int:
        self.entry_id += 1
        columns["number"] = f"{number:02d}"
        search = fold_values(columns.values())
        if self.check:
            assert search == fold(" ".join(str(v) for v in columns.values()))
        if search_extra:
            columns.update(search_extra)  # written after the entry, as do_register_incoming does
        unit = self.units[u]
        self.rows["entry"].append((
            self.entry_id, KINDS[k], year, number, at.date().isoformat(), level,
            json.dumps(columns), search, db_stamp(at), doc, self.registers[(u, k)], unit.id))
        return self.entry_id

    def _event(self, at: dt.datetime, action: str, unit: UnitInfo, obj: str, obj_id: int,
               changes: dict[str, Any]) -> None:
        self.seq += 1
        pack = pack_for(at.date())
        row = {"seq": self.seq, "at": at, "kind": "action", "action": action,
               "actor_id": unit.clerk_account, "actor_name": unit.clerk_name, "unit_id": unit.id,
               "object_type": obj, "object_id": obj_id, "changes": changes,
               "rulepack_version": f"{pack.regime.value}/{pack.version}", "prev_hash": self.prev_hash}
        digest = event_hash(row)
        self.rows["event"].append((
            self.seq, self.seq, db_stamp(at), "action", action, unit.clerk_account, unit.clerk_name,
            unit.id, obj, obj_id, json.dumps(changes), row["rulepack_version"], self.prev_hash, digest))
        self.prev_hash = digest

    def _new_document(self, u: int, row: tuple[Any, ...], info: tuple[Any, ...]) -> int:
        self.doc_id += 1
        self.rows["document"].append((self.doc_id, *row))
        self.docs.append(info)
        self.unit_docs[u].append(self.doc_id)
        return self.doc_id

    def _pick_document(self, u: int, want_copy: bool) -> int:
        """A recent document the unit holds (copies and transfers follow arrival or issue); for a
        copy, one that may be copied (the newest such when four draws miss)."""
        held = self.unit_docs[u]
        pick = held[-1]
        for _ in range(4):
            pick = held[max(len(held) - 1 - int(self.rng.expovariate(1 / 40)), 0)]
            if not want_copy or self.docs[pick][5]:
                return pick
        return next((d for d in reversed(held) if self.docs[d][5]), pick)

    def _copy_permitter(self, unit: UnitInfo, level: str, day: dt.date) -> tuple[int, str]:
        """Who permits a copy (Art 11): the unit's head when their class covers the level that
        day, else the province's chairman (a title held above covers the units below)."""
        if may_permit_copy(unit.authority, level, dt.date(2026, 3, 1) if day >= REGIME_2025_FROM
                           else dt.date(2025, 1, 1)):
            return unit.head_id, unit.head_name
        top = self.units[0]
        return top.head_id, top.head_name

    # -- one entry of each register -------------------------------------------------------------
    def _outgoing(self, at: dt.datetime, unit: UnitInfo, u: int, year: int, number: int) -> None:
        rng, day = self.rng, at.date()
        pack = pack_for(day)
        level, label = corpus.weighted(rng, corpus.LEVELS)
        doc_type, abbr = corpus.weighted(rng, [(t, a, w) for t, a, w in corpus.DOC_TYPES])
        summary = "" if level == "tuyet_mat" else corpus.summary(rng, year)
        symbol = f"{number}/{abbr}-{unit.abbr}" if abbr else f"{number}/{unit.abbr}-VP"
        title = f"{doc_type}: {summary}" if summary else doc_type
        drafter_id, drafter_name = rng.choice(unit.drafters)
        recipients, copies = self._recipients(u)
        copy_ok = rng.random() < 0.6 or not self.copyable[u]  # something to copy from the start
        self.copyable[u] = self.copyable[u] or copy_ok
        until = protection_until(pack, Level(level), day)
        doc = self._new_document(u, (
            "outgoing", "issued", doc_type, symbol, summary, level, pack.regime.value, pack.version,
            day.isoformat(), "", drafter_name, unit.head_name, copy_ok, copies, until.isoformat(), None,
            None, None, db_stamp(at - dt.timedelta(days=2)), fold_values([symbol, title]), drafter_id,
            unit.head_id, None, unit.id), (u, symbol, title, level, "", copy_ok, copies))
        lines = []
        for order, (name, n, first, unit_id, person_id) in enumerate(recipients, start=1):
            last = first + n - 1
            self.rows["recipient"].append((order, name, person_id is not None, n, first, last, doc,
                                           person_id, unit_id))
            lines.append(f"{name} (bản số {first:02d})" if n == 1
                         else f"{name} (bản số {first:02d}–{last:02d})")
        self.rows["proposal"].append((
            doc, level, "", copy_ok, "approved", db_stamp(at - dt.timedelta(days=3)),
            db_stamp(at - dt.timedelta(days=1)), "", unit.head_id, None, doc, drafter_id))
        self.rows["basis"].append((doc, self.org.items[level]))
        permission = "Được phép sao, chụp" if copy_ok else "Không được phép sao, chụp"
        self._entry(at, u, 0, year, number, doc, level, {
            "number_symbol": symbol, "doc_date": f"{day:%d/%m/%Y}", "type_summary": title,
            "level": label, "signer": unit.head_name, "recipients": "; ".join(lines),
            "keeping_unit": unit.name, "copies": str(copies),
            "note": f"{permission}; người soạn thảo: {drafter_name}"})
        self._event(at, "issue_document", unit, "registry.document", doc, {
            "number_symbol": symbol, "signer": unit.head_name, "authority": "theo thẩm quyền",
            "entry": number, "protected_until": until.isoformat()})

    def _recipients(self, u: int) -> tuple[list[tuple[str, int, int, int | None, int | None]], int]:
        rng, units = self.rng, self.units
        picks: list[tuple[str, int, int | None, int | None]] = []
        for target in rng.sample(range(len(units)), rng.randint(1, 3)):
            if target != u:
                picks.append((units[target].name, rng.randint(1, 2), units[target].id, None))
        if rng.random() < 0.04:
            other = units[rng.randrange(len(units))]
            picks.append((f"Đồng chí {other.head_name}", 1, None, other.head_id))
        picks.append(("Lưu: VT", 1, None, None))
        out, first = [], 1
        for name, n, unit_id, person_id in picks:
            out.append((name, n, first, unit_id, person_id))
            first += n
        return out, first - 1

    def _incoming(self, at: dt.datetime, unit: UnitInfo, u: int, year: int, number: int) -> None:
        rng, day = self.rng, at.date()
        level, label = corpus.weighted(rng, corpus.LEVELS)
        doc_type, abbr = corpus.weighted(rng, corpus.DOC_TYPES)
        if rng.random() < 0.5:
            issuer, issuer_abbr = rng.choice(corpus.ISSUERS)
        else:
            other = rng.choice(self.units)
            issuer, issuer_abbr = other.name, other.abbr
        symbol = f"{rng.randint(1, 2500)}/{abbr or 'CV'}-{issuer_abbr}"
        doc_day = day - dt.timedelta(days=rng.randint(0, 10))
        doc_pack = pack_for(doc_day)
        summary = "" if level == "tuyet_mat" else corpus.summary(rng, doc_day.year)
        title = f"{doc_type}: {summary}" if summary else doc_type
        copy_ok = rng.random() < 0.5 or not self.copyable[u]
        self.copyable[u] = self.copyable[u] or copy_ok
        until = protection_until(doc_pack, Level(level), doc_day)
        doc = self._new_document(u, (
            "incoming", "received", doc_type, symbol, summary, level, doc_pack.regime.value,
            doc_pack.version, doc_day.isoformat(), issuer, "", "", copy_ok, 0, until.isoformat(), None,
            number, day.isoformat(), db_stamp(at), fold_values([symbol, doc_type, summary, issuer]),
            None, None, None, unit.id), (u, symbol, title, level, issuer, copy_ok, 0))
        self._entry(at, u, 1, year, number, doc, level, {
            "arrival_date": f"{day:%d/%m/%Y}", "issuer": issuer, "number_symbol": symbol,
            "doc_date": f"{doc_day:%d/%m/%Y}", "type_summary": title, "level": label,
            "receiver": unit.clerk_name, "note": ""}, {"arrival_number": f"{number:02d}"})
        self._event(at, "register_incoming", unit, "registry.document", doc, {
            "number_symbol": symbol, "issuer": issuer, "arrival_number": number})

    def _copy(self, at: dt.datetime, unit: UnitInfo, u: int, year: int, number: int) -> None:
        rng, day = self.rng, at.date()
        doc = self._pick_document(u, want_copy=True)
        _, symbol, title, level, issuer, _, copies = self.docs[doc]
        made = rng.randint(1, 3)
        first = max(self.copies_made.get(doc, copies), 0) + 1
        last = first + made - 1
        self.copies_made[doc] = last
        form_value, form_label = rng.choice([("sao_y", "Sao y bản chính"), ("sao_luc", "Sao lục"),
                                             ("trich_sao", "Trích sao"), ("chup", "Chụp")])
        source = f"{title}, số {symbol}" + (f", {issuer}" if issuer else "")
        numbers = f"{first:02d}" if first == last else f"{first:02d}–{last:02d}"
        recipients = rng.choice(["Phòng Tham mưu", "Lãnh đạo đơn vị", "Bộ phận chuyên môn", ""])
        permitter, permitter_name = self._copy_permitter(unit, level, day)
        entry = self._entry(at, u, 2, year, number, doc, level, {
            "copy_date": f"{day:%d/%m/%Y}", "source_doc": source, "level": Level(level).label,
            "copy_form": form_label, "copy_count": str(made), "copy_numbers": numbers,
            "permitted_by": f"{permitter_name} (theo thẩm quyền)", "copied_by": unit.clerk_name,
            "copy_recipients": recipients, "note": ""})
        self.copy_id += 1
        self.rows["copy"].append((self.copy_id, form_value, made, made, first, last, day.isoformat(),
                                  recipients, unit.clerk_id, permitter, doc, entry, unit.id, level))
        self._event(at, "copy_document", unit, "registry.copyrecord", self.copy_id, {
            "document": doc, "form": form_value, "copies": [first, last],
            "permitted_by": permitter_name, "authority": "theo thẩm quyền"})

    def _transfer(self, at: dt.datetime, unit: UnitInfo, u: int, year: int, number: int) -> None:
        rng, day = self.rng, at.date()
        doc = self._pick_document(u, want_copy=False)
        _, symbol, _, level, _, _, _ = self.docs[doc]
        pack = pack_for(day)
        named = rng.random() < 0.05
        envelope = _envelope(pack.regime.value, level, named)
        target = rng.choice(self.units)
        channel, channel_label = rng.choice([("by_hand", "Trực tiếp qua văn thư, giao liên"),
                                             ("kt1_post", "Mạng bưu chính KT1")])
        received = day + dt.timedelta(days=rng.randint(0, 3))
        done = (self.today - received).days > 7 or rng.random() < 0.5
        receiver = target.clerk_name if done else ""
        entry = self._entry(at, u, 3, year, number, doc, level, {
            "sent_date": f"{day:%d/%m/%Y}", "number_symbol": symbol, "level": Level(level).label,
            "envelope": envelope, "receiver_unit": target.name, "channel": channel_label,
            "receiver_signature": receiver, "received_date": f"{received:%d/%m/%Y}" if done else "",
            "note": ""})
        self.transfer_id += 1
        self.rows["transfer"].append((
            self.transfer_id, channel, target.name, named, envelope, "", day.isoformat(), receiver,
            received.isoformat() if done else None, doc, entry, target.id, unit.clerk_id, unit.id, level))
        self._event(at, "send_document", unit, "registry.transfer", self.transfer_id, {
            "document": doc, "recipient": target.name, "channel": channel, "envelope": envelope,
            "entry": number})


@lru_cache(maxsize=16)
def _envelope(regime: str, level: str, named: bool) -> str:
    pack = pack_for(dt.date(2026, 3, 1) if regime == "2025" else dt.date(2025, 1, 1))
    return envelope_for(pack, Level(level), named).describe()

"""Imported history: the register lines each unit kept on paper before it took up bmnn.

Every unit adopts bmnn early in the first generated year (its first incoming document after a
day drawn between 1 February and 1 April): until then its four registers were kept on paper,
and on adoption its clerk imported them (`bmnn import registers`). A few units also imported
old outgoing and incoming registers of a year long past. Each paper register becomes a sheet
that bmnn's own parser reads (`parse_register_sheet`: columns, `facts` as `line_facts` writes
them, Tuyệt mật summaries withheld), and the lines are written as the import action writes
them (numbers kept, `source` "import:<file>#dòng N", no document), with one audit event per
file. Numbers continue in bmnn after the paper's last one, so counters stay right.

Column violations are planted at known rates (PLANT) and the truth is derived from the parsed
line and the rules (bmnn.law), the same facts the detectors read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bench import corpus
from bench.org import UnitInfo
from bench.plant_org import OrgPlants
from bench.rows import KINDS, TZ, Loader, db_stamp, pack_for
from bench.truth import Truth
from bmnn.law.dates import add_days, add_years
from bmnn.law.levels import Level
from bmnn.law.periods import base_years
from bmnn.lib.sheets import Cell, Sheet
from bmnn.registry.actions.imports import RegisterImport, _event, _source, search_text
from bmnn.registry.importing.facts import MESSAGING, NETWORK, TELECOM, UNKNOWN
from bmnn.registry.importing.parse import RegisterFile, parse_register_sheet

# Share of paper lines given each planted column violation (drawn per line).
PLANT = {
    "signer deputy": 0.012,
    "signer drafter": 0.004,
    "signer unknown": 0.006,
    "signer empty": 0.004,
    "no recipients": 0.006,
    "no copies": 0.006,
    "top secret summary": 0.3,  # of Tuyệt mật lines
    "no permitted_by": 0.01,
    "no signature": 0.006,
    "no received date": 0.006,
    "wrong envelope": 0.008,
    "no envelope": 0.008,
}
# Channel texts of transfer lines and their shares (the rest are the usual physical channels).
CHANNELS = [
    ("Bưu điện", 0.006),
    ("Fax", 0.004),
    ("Zalo", 0.004),
    ("Email công vụ", 0.002),
    ("Mạng LAN độc lập", 0.004),
    ("Mạng cơ yếu", 0.004),
    ("", 0.008),
]
USUAL_CHANNELS = ["Giao liên", "Văn thư", "Bưu điện KT1", "Trực tiếp", "Cán bộ mang"]
PHYSICAL = ("by_hand", "kt1_post", "ordinary_post")
ELECTRONIC = ("network_coyeu", "independent_lan")
OUTGOING_ONLY = (
    "DOC-NO-PROPOSAL",
    "DOC-PROPOSAL-NO-BASIS",
    "DOC-NOT-SECRET",
    "DOC-WRONG-LEVEL",
    "DOC-NO-COPY-NUMBER",
)
ENTRY_SQL = (
    "INSERT INTO registry_registerentry (id, kind, year, number, entry_date, level, columns, cancelled, "
    "cancel_reason, source, search_text, created_at, document_id, register_id, unit_id, facts) "
    "VALUES (?,?,?,?,?,?,?,0,'',?,?,?,NULL,?,?,?)"
)


@dataclass
class PaperFile:
    kind: str
    year: int
    register_id: int
    rows: list[list[Cell]] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)


class PaperHistory:
    """Claims the first generated year's lines of each unit until it adopts bmnn."""

    def __init__(
        self, rng: random.Random, truth: Truth, plants: OrgPlants, today: dt.date, first_year: int
    ) -> None:
        self.rng, self.truth, self.plants, self.today = rng, truth, plants, today
        self.first_year = first_year
        self.nominal: dict[int, float] = {}
        self.adopted: set[int] = set()
        self.files: dict[int, dict[str, PaperFile]] = {}
        self.cutoff = add_days(today, -int(pack_for(today).value("receipt_overdue_days")))
        self.lines = 0
        self.by_kind: Counter[str] = Counter()

    # -- the Loader's hooks ---------------------------------------------------------------------
    def claims(self, loader: Loader, at: dt.datetime, u: int, k: int, year: int, number: int) -> bool:
        if year != self.first_year or u in self.adopted:
            return False
        if u not in self.nominal:
            first = dt.datetime(year, 2, 1, tzinfo=TZ) + dt.timedelta(days=self.rng.randint(0, 59))
            self.nominal[u] = first.timestamp()
        if k == 1 and at.timestamp() >= self.nominal[u]:
            self._import(loader, u, at - dt.timedelta(minutes=30))  # the clerk imports, then goes on
            return False
        self._line(loader, at, u, k, year, number)
        return True

    def year_done(self, loader: Loader, year: int) -> None:
        if year != self.first_year:
            return
        end = dt.datetime(year, 12, 31, 16, tzinfo=TZ)
        for u in range(len(loader.units)):
            if u not in self.adopted:
                self._import(loader, u, end)
        self._old_registers(loader, end + dt.timedelta(minutes=30))

    # -- lines ------------------------------------------------------------------------------------
    def _line(self, loader: Loader, at: dt.datetime, u: int, k: int, year: int, number: int) -> None:
        kind = KINDS[k]
        unit = loader.units[u]
        files = self.files.setdefault(u, {})
        paper = files.get(kind)
        if paper is None:
            paper = files[kind] = PaperFile(kind, year, loader.registers[(u, k)])
        loader.entry_id += 1
        paper.ids.append(loader.entry_id)
        cells = (self._outgoing, self._incoming, self._copy, self._transfer)[k](loader, unit, at.date())
        paper.rows.append([number, *cells])
        self.lines += 1
        self.by_kind[kind] += 1

    def claimed(self, kind: str) -> int:
        return self.by_kind[kind]

    def _chance(self, name: str) -> bool:
        return self.rng.random() < PLANT[name]

    def _level(self) -> tuple[str, str]:
        return corpus.weighted(self.rng, corpus.LEVELS)

    def _type_summary(self, level: str, day: dt.date) -> tuple[str, str]:
        doc_type, abbr = corpus.weighted(self.rng, corpus.DOC_TYPES)
        summary = f"{doc_type} {corpus.summary(self.rng, day.year)}"
        if level == "tuyet_mat" and not self._chance("top secret summary"):
            summary = doc_type  # the paper kept the type only, as it should
        return summary, abbr or "CV"

    def _outgoing(self, loader: Loader, unit: UnitInfo, day: dt.date) -> list[Cell]:
        rng = self.rng
        level, label = self._level()
        type_summary, abbr = self._type_summary(level, day)
        signer: str | None = unit.head_name
        for variant, name in (
            ("signer deputy", unit.deputy_name),
            ("signer drafter", unit.drafters[0][1]),
            ("signer unknown", "Hoàng Văn Khách"),
            ("signer empty", None),
        ):
            if self._chance(variant):
                signer = name
                break
        targets = rng.sample(loader.units, 2)
        recipients: str | None = "; ".join(f"{t.name} (01)" for t in targets) + "; Lưu: VT (01)"
        copies: int | None = 3
        if self._chance("no recipients"):
            recipients = None
        if self._chance("no copies"):
            copies = None
        number_symbol = f"{rng.randint(1, 900)}/{abbr}-{unit.abbr}"
        return [day, number_symbol, type_summary, label, signer, recipients, copies, None]

    def _incoming(self, loader: Loader, unit: UnitInfo, day: dt.date) -> list[Cell]:
        rng = self.rng
        level, label = self._level()
        type_summary, abbr = self._type_summary(level, day)
        issuer, issuer_abbr = rng.choice(corpus.ISSUERS)
        doc_day = day - dt.timedelta(days=rng.randint(0, 10))
        return [
            day,
            None,
            issuer,
            f"{rng.randint(1, 2500)}/{abbr}-{issuer_abbr}",
            doc_day,
            type_summary,
            label,
            unit.clerk_name,
            None,
        ]

    def _copy(self, loader: Loader, unit: UnitInfo, day: dt.date) -> list[Cell]:
        rng = self.rng
        _, label = self._level()
        doc_type, _ = corpus.weighted(rng, corpus.DOC_TYPES)
        made = rng.randint(1, 3)
        permitted: str | None = loader.units[0].head_name if rng.random() < 0.5 else unit.head_name
        if self._chance("no permitted_by"):
            permitted = None
        numbers = f"{1:02d}" if made == 1 else f"01-{made:02d}"
        return [
            day,
            f"{doc_type} số {rng.randint(1, 900)}/{unit.abbr}",
            label,
            rng.choice(corpus.COPY_FORMS),
            made,
            numbers,
            permitted,
            unit.clerk_name,
            "Phòng Tham mưu",
            None,
        ]

    def _transfer(self, loader: Loader, unit: UnitInfo, day: dt.date) -> list[Cell]:
        rng = self.rng
        level, label = self._level()
        letter: str | None = Level(level).envelope_letter
        if self._chance("wrong envelope"):
            letter = rng.choice([x for x in "ABC" if x != letter])
        elif self._chance("no envelope"):
            letter = None
        pick, channel = rng.random(), rng.choice(USUAL_CHANNELS)
        for text, share in CHANNELS:
            if pick < share:
                channel = text
                break
            pick -= share
        target = rng.choice(loader.units)
        received: dt.date | None = min(day + dt.timedelta(days=rng.randint(0, 3)), self.today)
        signature: str | None = target.clerk_name
        if self._chance("no signature"):
            signature = None
        if self._chance("no received date"):
            received = None
        return [
            day,
            f"{rng.randint(1, 900)}/BC-{unit.abbr}",
            label,
            letter,
            target.name,
            channel or None,
            signature,
            received,
            None,
        ]

    # -- import ------------------------------------------------------------------------------------
    def _import(self, loader: Loader, u: int, at: dt.datetime) -> None:
        self.adopted.add(u)
        for paper in self.files.pop(u, {}).values():
            self._write(loader, u, paper, at)

    def _write(self, loader: Loader, u: int, paper: PaperFile, at: dt.datetime) -> None:
        unit = loader.units[u]
        name = f"so-{paper.kind}-{unit.code.lower()}-{paper.year}.xlsx"
        parsed = self._parse(name, paper)
        rows = []
        for row, entry_id in zip(parsed.rows, paper.ids, strict=True):
            rows.append(
                (
                    entry_id,
                    paper.kind,
                    row.year,
                    row.number,
                    row.entry_date.isoformat(),
                    row.level.value,
                    json.dumps(row.columns),
                    _source(name, row.row),
                    search_text(row.columns),
                    db_stamp(at),
                    paper.register_id,
                    unit.id,
                    json.dumps(row.facts),
                )
            )
            self._judge(unit, paper.kind, entry_id, row.entry_date, row.level, row.columns, row.facts)
        loader.con.executemany(ENTRY_SQL, rows)
        first, last = parsed.rows[0].number, parsed.rows[-1].number
        result = RegisterImport(
            name,
            parsed.sha256,
            paper.kind,
            len(parsed.rows),
            {paper.year: (first, last, len(parsed.rows), 1)},
        )
        loader._event(
            at,
            "import_register_entries",
            unit,
            "registry.register",
            paper.register_id,
            _event(parsed, result),
        )

    def _parse(self, name: str, paper: PaperFile) -> RegisterFile:
        pack = pack_for(dt.date(paper.year, 6, 30))
        header: list[Cell] = [c.title for c in pack.registers[paper.kind].columns]
        body = [(i, row) for i, row in enumerate(paper.rows, start=2)]
        digest = hashlib.sha256(repr(body).encode()).hexdigest()
        sheet = Sheet(name, digest, len(repr(body)), [(1, header), *body])
        parsed = parse_register_sheet(sheet, paper.kind, today=self.today)
        assert not parsed.errors, [str(e) for e in parsed.errors[:5]]
        assert len(parsed.rows) == len(paper.rows)
        return parsed

    def _old_registers(self, loader: Loader, at: dt.datetime) -> None:
        """Outgoing and incoming registers of a year long past, imported by a few units: lines
        older than their level's protection period (LIFE-EXPIRED cannot tell what became of them)."""
        year = self.first_year - 8
        units = self.rng.sample(range(len(loader.units)), max(2, len(loader.units) // 12))
        for u in sorted(units):
            unit = loader.units[u]
            for k in (0, 1):
                count = self.rng.randint(10, 40)
                register_id = self._old_register(loader, unit, KINDS[k], year, count)
                paper = PaperFile(KINDS[k], year, register_id)
                days = sorted(self.rng.randint(0, 364) for _ in range(count))
                for number, offset in enumerate(days, start=1):
                    loader.entry_id += 1
                    paper.ids.append(loader.entry_id)
                    day = dt.date(year, 1, 1) + dt.timedelta(days=offset)
                    cells = (self._outgoing, self._incoming)[k](loader, unit, day)
                    paper.rows.append([number, *cells])
                self._write(loader, u, paper, at)
                self.truth.note(f"paper/old register {KINDS[k]}")

    def _old_register(self, loader: Loader, unit: UnitInfo, kind: str, year: int, count: int) -> int:
        loader.register_id += 1
        opened, closed = dt.date(year, 1, 1), dt.date(year, 12, 31)
        loader.con.execute(
            "INSERT INTO registry_register (id, kind, year, volume, regime, opened_on, closed_on, "
            "closed_by_id, unit_id) VALUES (?,?,?,1,?,?,?,?,?)",
            (
                loader.register_id,
                kind,
                year,
                pack_for(opened).regime.value,
                opened.isoformat(),
                closed.isoformat(),
                unit.clerk_id,
                unit.id,
            ),
        )
        loader.con.execute(
            "INSERT INTO registry_registercounter (kind, year, last_number, unit_id) VALUES (?,?,?,?)",
            (kind, year, count, unit.id),
        )
        return loader.register_id

    # -- what the self-inspection must say about each line -----------------------------------------
    def _judge(
        self,
        unit: UnitInfo,
        kind: str,
        entry_id: int,
        day: dt.date,
        level: Level,
        columns: dict[str, str],
        facts: dict[str, Any],
    ) -> None:
        truth, key = self.truth, ("register_entry", entry_id)
        as_of = self.today
        if kind in ("outgoing", "incoming") and day < add_years(as_of, -base_years(pack_for(as_of), level)):
            truth.unknown("LIFE-EXPIRED", unit.id)
        if day.year < self.first_year:
            return  # outside the inspected period: only LIFE-EXPIRED looks at the whole history
        if kind in ("outgoing", "incoming") and level == Level.TUYET_MAT and facts.get("summary_withheld"):
            truth.add("DOC-TOP-SECRET-SUMMARY", *key, unit.id)
            truth.note("paper/top secret summary withheld")
        if kind == "outgoing":
            self._judge_outgoing(unit, key, day, columns, facts)
        elif kind == "copies":
            for category in ("COPY-FORBIDDEN", "COPY-OVER-COUNT"):
                truth.unknown(category, unit.id)
            if facts["permitted_by"] == "":
                truth.add("COPY-UNAUTHORIZED", *key, unit.id)
                truth.note("paper/copy without permitting person")
            else:
                truth.unknown("COPY-UNAUTHORIZED", unit.id)
        elif kind == "transfers":
            self._judge_transfer(unit, key, day, level, columns, facts)

    def _judge_outgoing(
        self,
        unit: UnitInfo,
        key: tuple[str, int],
        day: dt.date,
        columns: dict[str, str],
        facts: dict[str, Any],
    ) -> None:
        truth = self.truth
        for category in OUTGOING_ONLY:
            truth.unknown(category, unit.id)
        if columns["recipients"] == "" or columns["copies"] in ("", "0"):
            truth.add("DOC-RECIPIENTS-INCOMPLETE", *key, unit.id)
            truth.note("paper/outgoing without recipients or copies")
        else:
            truth.unknown("DOC-RECIPIENTS-INCOMPLETE", unit.id)
        people = {name: pid for pid, name in unit.people}
        signer = people.get(str(facts["signer"]))
        if signer is None:
            truth.unknown("DOC-UNAUTHORIZED-SIGNER", unit.id)
        elif signer != unit.head_id and self.plants.grant(signer, unit.id, day, "classify") is None:
            truth.add("DOC-UNAUTHORIZED-SIGNER", *key, unit.id)
            truth.note("paper/signed without authority")

    def _judge_transfer(
        self,
        unit: UnitInfo,
        key: tuple[str, int],
        day: dt.date,
        level: Level,
        columns: dict[str, str],
        facts: dict[str, Any],
    ) -> None:
        truth = self.truth
        channel, allowed = str(facts["channel"]), pack_for(day).value("channels")
        if channel == UNKNOWN:
            for category in ("MOVE-NOT-KT1", "MOVE-NETWORK-LEVEL", "MOVE-MESSAGING"):
                truth.unknown(category, unit.id)
        if channel in PHYSICAL and level.value not in allowed.get(channel, []):
            truth.add("MOVE-NOT-KT1", *key, unit.id)
        if channel in (NETWORK, TELECOM) or (
            channel in ELECTRONIC and level.value not in allowed.get(channel, [])
        ):
            truth.add("MOVE-NETWORK-LEVEL", *key, unit.id)
        if channel == MESSAGING:
            truth.add("MOVE-MESSAGING", *key, unit.id)
        # A line naming no channel but recording an envelope letter was carried in an envelope.
        if channel in PHYSICAL or (channel == UNKNOWN and re.fullmatch("[ABC]+", facts["envelope"])):
            if facts["envelope"] == "":
                truth.unknown("MOVE-ENVELOPE", unit.id)
            elif facts["envelope"] != level.envelope_letter:
                truth.add("MOVE-ENVELOPE", *key, unit.id)
        if day <= self.cutoff and (columns["receiver_signature"] == "" or columns["received_date"] == ""):
            truth.add("MOVE-NO-RECEIPT", *key, unit.id)
        truth.note(f"paper/transfer channel {channel}")

"""The references: the same work written by hand in SQL on a plain sqlite3 connection.

Each function does what the bmnn call it is compared with does, without the ORM: the same
rows read, the same rows written in one IMMEDIATE transaction with the production pragmas
(WAL, synchronous=FULL), the same chain hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bmnn.audit.chain import GENESIS, canonical, event_hash
from bmnn.lib.dburl import SQLITE_PRAGMAS
from bmnn.lib.text import fold

ENTRY_COLUMNS = ("id, kind, year, number, entry_date, level, columns, cancelled, cancel_reason, source, "
                 "search_text, created_at, document_id, register_id, unit_id")
DOC_COLUMNS = ("id, origin, state, doc_type, number_symbol, summary, level, regime, rulepack_version, "
               "determined_on, issuer_name, drafter_name, signer_name, copy_permitted, copies_issued, "
               "protected_until, shorter_until, arrival_number, arrival_date, created_at, search_text, "
               "drafter_id, signer_id, signer_delegation_id, unit_id")


def connect(db: Path) -> sqlite3.Connection:
    """Autocommit connection (explicit BEGIN IMMEDIATE) with the production pragmas."""
    con = sqlite3.connect(db, isolation_level=None, timeout=30)
    for pragma in SQLITE_PRAGMAS.split(";"):
        if pragma.strip():
            con.execute(pragma)
    return con


def like(q: str) -> str:
    escaped = fold(q).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# -- reads -------------------------------------------------------------------------------------
REGISTER_PAGE = (f"SELECT {ENTRY_COLUMNS} FROM registry_registerentry "
                 "WHERE unit_id = ? AND kind = ? AND year = ? ORDER BY number DESC LIMIT ? OFFSET ?")
REGISTER_SEARCH = (f"SELECT {ENTRY_COLUMNS} FROM registry_registerentry "
                   "WHERE unit_id = ? AND kind = ? AND year = ? AND search_text LIKE ? ESCAPE '\\' "
                   "ORDER BY number DESC LIMIT ? OFFSET ?")
# What a person who knows the schema writes for "documents this clerk may see that match q":
# the three reasons as one id set, then the level and text filters, newest first.
DOCUMENT_SEARCH = (
    f"SELECT {DOC_COLUMNS} FROM registry_document WHERE id IN ("
    " SELECT id FROM registry_document WHERE unit_id = :unit"
    " UNION SELECT id FROM registry_document WHERE drafter_id = :person"
    " UNION SELECT document_id FROM registry_recipient WHERE person_id = :person)"
    " AND level IN (SELECT value FROM json_each(:levels)) AND search_text LIKE :q ESCAPE '\\'"
    " ORDER BY id DESC LIMIT 50")


def register_page(con: sqlite3.Connection, unit_id: int, kind: str, year: int, page: int,
                  per_page: int = 50) -> list[tuple[Any, ...]]:
    return con.execute(REGISTER_PAGE, (unit_id, kind, year, per_page + 1, (page - 1) * per_page)).fetchall()


def register_search(con: sqlite3.Connection, unit_id: int, kind: str, year: int, q: str,
                    per_page: int = 50) -> list[tuple[Any, ...]]:
    return con.execute(REGISTER_SEARCH, (unit_id, kind, year, like(q), per_page + 1, 0)).fetchall()


def document_search(con: sqlite3.Connection, unit_id: int, person_id: int, levels: list[str], q: str
                    ) -> list[tuple[Any, ...]]:
    return con.execute(DOCUMENT_SEARCH, {"unit": unit_id, "person": person_id,
                                         "levels": json.dumps(levels), "q": like(q)}).fetchall()


# -- writes ------------------------------------------------------------------------------------
def db_stamp(at: dt.datetime) -> str:
    return str(at.astimezone(dt.UTC).replace(tzinfo=None))


def _append_event(con: sqlite3.Connection, action: str, actor: tuple[int, str], unit_id: int,
                  obj: tuple[str, int], changes: dict[str, Any], rulepack: str) -> None:
    seq, prev = con.execute("SELECT seq, hash FROM audit_chainhead WHERE id = 1").fetchone()
    at = dt.datetime.now(dt.UTC)
    row = {"seq": seq + 1, "at": at, "kind": "action", "action": action, "actor_id": actor[0],
           "actor_name": actor[1], "unit_id": unit_id, "object_type": obj[0], "object_id": obj[1],
           "changes": changes, "rulepack_version": rulepack, "prev_hash": prev}
    digest = event_hash(row)
    con.execute("INSERT INTO audit_event (seq, at, kind, action, actor_id, actor_name, unit_id, "
                "object_type, object_id, changes, rulepack_version, prev_hash, hash, channel) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,'')",
                (seq + 1, db_stamp(at), "action", action, actor[0], actor[1], unit_id, obj[0], obj[1],
                 json.dumps(changes), rulepack, prev, digest))
    con.execute("UPDATE audit_chainhead SET seq = ?, hash = ? WHERE id = 1", (seq + 1, digest))


def propose(con: sqlite3.Connection, s: dict[str, Any]) -> int:
    """Document + recipients + proposal + basis + event, as do_propose_classification writes."""
    now = db_stamp(dt.datetime.now(dt.UTC))
    con.execute("BEGIN IMMEDIATE")
    doc = con.execute(
        "INSERT INTO registry_document (origin, state, doc_type, number_symbol, summary, level, regime, "
        "rulepack_version, issuer_name, drafter_name, signer_name, copy_permitted, copies_issued, "
        "created_at, search_text, drafter_id, unit_id) VALUES ('outgoing','proposed',?,'',?,?,?,?,'',?,'',"
        "1,?,?,?,?,?) RETURNING id",
        (s["doc_type"], s["summary"], s["level"], s["regime"], s["version"], s["drafter_name"],
         sum(n for _, n in s["recipients"]), now, fold(f"{s['doc_type']} {s['summary']}"),
         s["drafter_id"], s["unit_id"])).fetchone()[0]
    con.executemany('INSERT INTO registry_recipient ("order", name, named_person, copies, document_id) '
                    "VALUES (?,?,0,?,?)",
                    [(i, name, n, doc) for i, (name, n) in enumerate(s["recipients"], start=1)])
    proposal = con.execute(
        "INSERT INTO registry_proposal (level, level_reason, copy_permitted, status, submitted_at, "
        "decision_note, document_id, drafter_id) VALUES (?,'',1,'pending',?,'',?,?) RETURNING id",
        (s["level"], now, doc, s["drafter_id"])).fetchone()[0]
    con.execute("INSERT INTO registry_proposal_basis (proposal_id, catalogitem_id) VALUES (?,?)",
                (proposal, s["item_id"]))
    _append_event(con, "propose_classification", s["drafter_actor"], s["unit_id"],
                  ("registry.document", doc), {
                      "level": s["level"], "basis": [s["citation"]], "doc_type": s["doc_type"],
                      "recipients": [list(r) for r in s["recipients"]], "copy_permitted": True},
                  s["rulepack"])
    con.execute("COMMIT")
    return int(proposal)


def decide(con: sqlite3.Connection, proposal: int, s: dict[str, Any]) -> int:
    con.execute("BEGIN IMMEDIATE")
    doc = con.execute("UPDATE registry_proposal SET status = 'approved', decided_by_id = ?, "
                      "decided_at = ? WHERE id = ? AND status = 'pending' RETURNING document_id",
                      (s["head_id"], db_stamp(dt.datetime.now(dt.UTC)), proposal)).fetchone()[0]
    con.execute("UPDATE registry_document SET state = 'approved' WHERE id = ? AND state = 'proposed'",
                (doc,))
    _append_event(con, "decide_proposal", s["head_actor"], s["unit_id"], ("registry.document", doc), {
        "state": {"before": "proposed", "after": "approved"}, "decided_by": s["head_name"],
        "authority": "theo thẩm quyền", "note": ""}, s["rulepack"])
    con.execute("COMMIT")
    return int(doc)


def issue(con: sqlite3.Connection, doc: int, symbol: str, day: dt.date, s: dict[str, Any]) -> int:
    """Copy numbers, document update, counter bump, register line and event, in one transaction."""
    con.execute("BEGIN IMMEDIATE")
    lines, first = [], 1
    for rid, name, n in con.execute('SELECT id, name, copies FROM registry_recipient WHERE document_id = ? '
                                    'ORDER BY "order"', (doc,)).fetchall():
        con.execute("UPDATE registry_recipient SET copy_from = ?, copy_to = ? WHERE id = ?",
                    (first, first + n - 1, rid))
        lines.append(f"{name} (bản số {first:02d})" if n == 1 else
                     f"{name} (bản số {first:02d}–{first + n - 1:02d})")
        first += n
    title = f"{s['doc_type']}: {s['summary']}"
    con.execute("UPDATE registry_document SET number_symbol = ?, determined_on = ?, signer_id = ?, "
                "signer_name = ?, protected_until = ?, state = 'issued', search_text = ? WHERE id = ?",
                (symbol, day.isoformat(), s["head_id"], s["head_name"], s["until"],
                 fold(f"{symbol} {title}"), doc))
    number = con.execute("UPDATE registry_registercounter SET last_number = last_number + 1 WHERE "
                         "unit_id = ? AND kind = 'outgoing' AND year = ? RETURNING last_number",
                         (s["unit_id"], day.year)).fetchone()[0]
    register = con.execute("SELECT id FROM registry_register WHERE unit_id = ? AND kind = 'outgoing' AND "
                           "year = ? AND closed_on IS NULL ORDER BY volume DESC LIMIT 1",
                           (s["unit_id"], day.year)).fetchone()[0]
    columns = {"number_symbol": symbol, "doc_date": f"{day:%d/%m/%Y}", "type_summary": title,
               "level": s["level_label"], "signer": s["head_name"], "recipients": "; ".join(lines),
               "keeping_unit": s["unit_name"], "copies": str(first - 1),
               "note": f"Được phép sao, chụp; người soạn thảo: {s['drafter_name']}",
               "number": f"{number:02d}"}
    con.execute("INSERT INTO registry_registerentry (register_id, unit_id, kind, year, number, entry_date, "
                "document_id, level, columns, cancelled, cancel_reason, source, search_text, created_at) "
                "VALUES (?,?,'outgoing',?,?,?,?,?,?,0,'','bmnn',?,?)",
                (register, s["unit_id"], day.year, number, day.isoformat(), doc, s["level"],
                 json.dumps(columns), fold(" ".join(columns.values())),
                 db_stamp(dt.datetime.now(dt.UTC))))
    _append_event(con, "issue_document", s["clerk_actor"], s["unit_id"], ("registry.document", doc), {
        "number_symbol": symbol, "signer": s["head_name"], "authority": "theo thẩm quyền",
        "entry": number, "protected_until": s["until"]}, s["rulepack"])
    con.execute("COMMIT")
    return int(number)


# -- chain -------------------------------------------------------------------------------------
def _stamp(stored: str) -> str:
    """Django's stored 'YYYY-MM-DD HH:MM:SS[.ffffff]' (UTC) as chain.stamp() writes it."""
    micro = stored[20:26] if len(stored) > 19 else "000000"
    return f"{stored[:10]}T{stored[11:19]}.{micro}Z"


def verify_chain(con: sqlite3.Connection) -> tuple[bool, int]:
    """Recompute every link with hashlib over a plain cursor; (ok, events checked)."""
    rows: Iterable[tuple[Any, ...]] = con.execute(
        "SELECT seq, at, kind, action, actor_id, actor_name, unit_id, object_type, object_id, changes, "
        "rulepack_version, prev_hash, hash FROM audit_event ORDER BY seq")
    prev, count = GENESIS, 0
    for seq, at, kind, action, actor_id, actor_name, unit_id, otype, oid, changes, rp, prev_hash, h in rows:
        count += 1
        payload = {"seq": seq, "at": _stamp(at), "kind": kind, "action": action, "actor_id": actor_id,
                   "actor_name": actor_name, "unit_id": unit_id, "object_type": otype, "object_id": oid,
                   "changes": json.loads(changes), "rulepack_version": rp, "prev_hash": prev_hash}
        if seq != count or prev_hash != prev or \
                hashlib.sha256(canonical(payload).encode("utf-8")).hexdigest() != h:
            return False, count
        prev = h
    head = con.execute("SELECT seq, hash FROM audit_chainhead WHERE id = 1").fetchone()
    return tuple(head) == (count, prev), count

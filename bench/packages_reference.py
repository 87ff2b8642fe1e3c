"""The references of bench/packages_bench.py, hand-written against plain drivers.

- The import floor: the same files read with the same libraries (age decryption with pyrage,
  the ZIP, the Ed25519 signature against a dict of public keys, the part's SHA-256, the JSON) and
  written with plain sqlite3 into a scratch database (a filing row and the found categories' rows,
  one transaction per package in WAL with synchronous=FULL, as bmnn's own setting) — what any
  importer of these files must do, without bmnn's checks of shape, its audit event or the ORM.
- The summary: the GROUP BY over bmnn's own FindingRow table that gives the same figures (totals,
  distinct units, per-locality counts in order of first appearance), on a plain connection.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import sqlite3
import time
import zipfile
from pathlib import Path
from typing import Any

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

FILING = """CREATE TABLE filing (id INTEGER PRIMARY KEY, unit_code TEXT NOT NULL, sequence INTEGER NOT NULL,
 sha256 TEXT NOT NULL, manifest TEXT NOT NULL, content TEXT NOT NULL, UNIQUE (unit_code, sequence))"""


def _scratch(path: Path, finding_sql: str) -> sqlite3.Connection:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute(FILING)
    con.execute(finding_sql)
    return con


def plain_import(paths: list[Path], identity: str, publics: dict[str, str],
                 provinces: dict[str, tuple[str, str]], scratch: Path,
                 finding_sql: str) -> tuple[float, float, int]:
    """(seconds, CPU seconds, finding rows written). `publics`: fingerprint -> "ed25519:…"; `provinces`:
    locality -> (old, new)."""
    con = _scratch(scratch, finding_sql)
    ident = pyrage.x25519.Identity.from_str(identity)
    verifiers = {fp: Ed25519PublicKey.from_public_bytes(base64.b64decode(p.split(":", 1)[1]))
                 for fp, p in publics.items()}
    insert = ("INSERT INTO summaries_findingrow (period, locality, province_new, province_old, unit_code, "
              "unit_name, unit_kind, category, count, note, source, imported_at, imported_by_name) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, datetime('now'), 'plain')")
    rows = 0
    started, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        raw = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(pyrage.decrypt(raw, [ident]))) as archive:
            members = {i.filename: archive.read(i) for i in archive.infolist()}
        manifest = json.loads(members["manifest.json"])
        signature = json.loads(members["signature.json"])
        verifiers[signature["key"]].verify(base64.b64decode(signature["value"]), members["manifest.json"])
        if hashlib.sha256(members["report.json"]).hexdigest() != manifest["parts"][0]["sha256"]:
            raise ValueError(path.name)
        report = json.loads(members["report.json"])
        sha = hashlib.sha256(raw).hexdigest()
        values = []
        for row in report["rows"]:
            unit = row["unit"]
            old, new = provinces.get(unit["locality"], ("", ""))
            values += [(manifest["period"], unit["locality"], new, old, unit["code"], unit["name"],
                        unit["kind"], c["id"], c["count"], f"gói báo cáo {sha}")
                       for c in row["categories"] if c["status"] == "found" and c["count"] > 0]
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO filing (unit_code, sequence, sha256, manifest, content) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (manifest["sender"]["code"], manifest["sequence"], sha,
                     members["manifest.json"].decode(), members["report.json"].decode()))
        con.executemany(insert, values)
        con.execute("COMMIT")
        rows += len(values)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    con.close()
    return elapsed, cpu, rows


BY_PLACE = ("SELECT category, {col}, SUM(count), MIN(id) FROM summaries_findingrow "
            "WHERE period = %s GROUP BY 1, 2")
BY_CATEGORY = ("SELECT category, SUM(count), COUNT(DISTINCT unit_code) FROM summaries_findingrow "
               "WHERE period = %s GROUP BY 1")


def sql_summary(cursor: Any, period: str, column: str, placeholder: str,
                order: list[tuple[str, str]]) -> dict[str, Any]:
    """The summary's JSON (`as_json`'s shape) from two GROUP BYs. `order`: (id, title) in
    findings.yaml order; `column`: locality (as written) or province_new."""
    cursor.execute(BY_CATEGORY.replace("%s", placeholder), (period,))
    heads = {c: (total, units) for c, total, units in cursor.fetchall()}
    cursor.execute(BY_PLACE.replace("%s", placeholder).format(col=column), (period,))
    places: dict[str, list[tuple[int, str, int]]] = {}
    for cat, name, count, first in cursor.fetchall():
        places.setdefault(cat, []).append((first, name, count))
    return {"categories": [
        {"id": cid, "title": title, "total": heads[cid][0], "units": heads[cid][1],
         "localities": [{"name": n, "count": c} for _, n, c in sorted(places[cid])]}
        for cid, title in order if cid in heads]}

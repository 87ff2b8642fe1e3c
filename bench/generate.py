"""Generate a large registry in a fresh SQLite database, for bench/registry_bench.py.

At --scale 1: 131 units (1 province, 30 departments, 100 communes), 1,000,000 documents,
3,000,000 register entries over five years (outgoing, incoming, copies, transfers) and
3,000,000 audit events forming one valid hash chain. The schema comes from Django's
migrations; the rows from plain sqlite3 in big transactions, with journaling off while loading
(the file is thrown away if the load fails) and WAL switched back on at the end.

With --violations (the default) it also plants, at known rates, what the self-inspection must
find: in the organisation (bench/plant_org.py), in the paper registers each unit imported before
it took up bmnn (bench/paper.py), and in the rows bmnn holds (bench/plant_docs.py,
plant_moves.py, plant_life.py); the truth goes to inspection_truth.json beside the database.
The data ends the day before --today (default: the real today), which is recorded in
generate.json for bench/inspection_bench.py.

Example:
  .venv/bin/python -m bench.generate --out bench/out --scale 0.01 --check
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sqlite3
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.org import Org
    from bench.rows import Paper
    from bench.truth import Truth

BENCH_KEY = "bench-only-secret-key-never-used-for-real-data"
DOCUMENTS, ENTRIES, COPIES = 1_000_000, 3_000_000, 800_000
OUTGOING_SHARE = 0.25  # a unit receives far more secret documents than it issues
YEARS = 5
DEFAULT_OUT = Path(__file__).resolve().parent / "out"


def configure_django(out: Path) -> None:
    """Point bmnn at the bench folder; must run before anything imports bmnn's models."""
    os.environ["BMNN_DATA_DIR"] = str(out)
    os.environ.setdefault("BMNN_SECRET_KEY", BENCH_KEY)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bmnn.settings")
    import django

    django.setup()


def totals(scale: float) -> dict[str, int]:
    docs = round(DOCUMENTS * scale)
    outgoing = round(docs * OUTGOING_SHARE)
    copies = round(COPIES * scale)
    entries = round(ENTRIES * scale)
    return {"outgoing": outgoing, "incoming": docs - outgoing, "copies": copies,
            "transfers": entries - docs - copies}


def fresh_database(out: Path) -> Path:
    from django.core.management import call_command

    db = out / "bmnn.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    call_command("migrate", verbosity=0, interactive=False)
    return db


def bulk_connection(db: Path) -> sqlite3.Connection:
    con = sqlite3.connect(db)
    for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-1000000",
                   "temp_store=MEMORY", "foreign_keys=OFF"):
        con.execute(f"PRAGMA {pragma}")
    return con


def load(con: sqlite3.Connection, org: Org, scale: float, rng: random.Random, check: bool,
         today: dt.date, paper: Paper | None) -> dict[str, Any]:
    from bench.rows import KINDS, Loader, allocate

    loader = Loader(con, org, rng, check, today, paper)
    last_day = today - dt.timedelta(days=1)
    jitter = [[rng.uniform(0.6, 1.4) * (0.5 if k == 0 and u.code.startswith("X") else 1.0)
               for k in range(4)] for u in org.units]
    per_year = {kind: allocate(n, [1.0] * YEARS) for kind, n in totals(scale).items()}
    for y, year in enumerate(range(today.year - YEARS + 1, today.year + 1)):
        started = time.perf_counter()
        slots = loader.year_slots(year, [per_year[k][y] for k in KINDS], jitter, last_day)
        loader.load_year(year, slots)
        if paper is not None and y + 1 < YEARS:  # bmnn still writes its full share of lines
            for kind in KINDS:
                per_year[kind][y + 1] += paper.claimed(kind) if y == 0 else 0
        print(f"  {year}: {len(slots):,} register entries in {time.perf_counter() - started:.1f} s",
              flush=True)
    con.execute("UPDATE audit_chainhead SET seq = ?, hash = ? WHERE id = 1",
                (loader.seq, loader.prev_hash))
    con.commit()
    return {"units": len(org.units), "documents": loader.doc_id, "entries": loader.entry_id,
            "events": loader.seq, "copies": loader.copy_id, "transfers": loader.transfer_id}


def plant_rows(con: sqlite3.Connection, org: Org, plants: Any, truth: Truth, rng: random.Random,
               today: dt.date, first_year: int) -> None:
    """Plant the violations in the rows bmnn holds, after the bulk load, in one transaction."""
    from bench.plant_docs import plant_documents
    from bench.plant_life import plant_life
    from bench.plant_moves import plant_moves
    from bench.planting import Planter

    started = time.perf_counter()
    planter = Planter(con, org, plants, truth, rng, today, first_year)
    plant_documents(planter)
    plant_moves(planter)
    plant_life(planter)
    con.commit()
    print(f"  planted violations in {time.perf_counter() - started:.1f} s", flush=True)


def self_check(con: sqlite3.Connection) -> None:
    """Foreign keys resolve, counters equal the last number taken, the chain verifies."""
    bad = con.execute("PRAGMA foreign_key_check").fetchmany(5)
    assert not bad, f"broken foreign keys: {bad}"
    mismatched = con.execute(
        "SELECT c.unit_id, c.kind, c.year FROM registry_registercounter c WHERE c.last_number != "
        "(SELECT max(number) FROM registry_registerentry e WHERE e.unit_id = c.unit_id "
        "AND e.kind = c.kind AND e.year = c.year)").fetchmany(5)
    assert not mismatched, f"counters out of step: {mismatched}"
    from bmnn.audit.verify import verify_chain

    verdict = verify_chain()
    assert verdict.ok, verdict.describe()
    print(f"  check: foreign keys, counters, and {verdict.describe()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="data folder (default bench/out)")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 1M documents, 3M entries")
    parser.add_argument("--seed", type=int, default=20260504)
    parser.add_argument("--check", action="store_true", help="check the generated data (slow at full scale)")
    parser.add_argument("--violations", action=argparse.BooleanOptionalAction, default=True,
                        help="plant what the self-inspection must find, and write its truth (default on)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="the data ends the day before (YYYY-MM-DD; default today)")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    configure_django(out)
    started = time.perf_counter()
    db = fresh_database(out)
    from django.db import connections

    from bench.org import build_org
    from bench.truth import Truth

    rng = random.Random(args.seed)
    org = build_org(rng, communes=100)
    today, first_year = args.today, args.today.year - YEARS + 1
    truth = Truth(meta={"today": today.isoformat(), "first_year": first_year, "scale": args.scale,
                        "seed": args.seed, "violations": args.violations})
    plants, paper = None, None
    if args.violations:
        from bench.paper import PaperHistory
        from bench.plant_org import plant_org

        plants = plant_org(org, random.Random(f"{args.seed}-org"), truth, today, first_year)
        paper = PaperHistory(random.Random(f"{args.seed}-paper"), truth, plants, today, first_year)
    connections.close_all()  # the bulk connection switches journaling off: it must be alone
    con = bulk_connection(db)
    counts = load(con, org, args.scale, rng, args.check, today, paper)
    if plants is not None and paper is not None:
        counts["imported_lines"] = paper.lines
        plant_rows(con, org, plants, truth, random.Random(f"{args.seed}-rows"), today, first_year)
    truth_file = truth.save(out)
    con.execute("PRAGMA journal_mode=WAL")
    con.close()
    connections.close_all()
    elapsed = time.perf_counter() - started
    size = db.stat().st_size
    print(f"Generated {counts} in {db} ({size / 1e9:.2f} GB) in {elapsed:.0f} s")
    meta = {"scale": args.scale, "seed": args.seed, "counts": counts, "seconds": round(elapsed, 1),
            "bytes": size, "generated_on": dt.date.today().isoformat(), "today": today.isoformat(),
            "first_year": first_year, "violations": args.violations, "truth": truth_file.name}
    if args.violations:
        print(f"Planted {sum(truth.planted.values()):,} records/lines in {len(truth.planted)} variants; "
              f"truth in {truth_file}")
    (out / "generate.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    if args.check:
        check_con = sqlite3.connect(db)
        self_check(check_con)
        check_con.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Registry benchmark: register pages, searches, issuing and `audit verify` on a generated registry.

Targets (issue): with 1,000,000 documents and 3,000,000 register entries on SQLite, a register
page and a search under 150 ms at the 95th percentile; issuing a document (action + numbering
+ audit) under 20 ms median; verifying 3,000,000 audit events under 60 s. Each figure is printed
beside the same work written by hand in SQL, measured in the same run, as a ratio
(bmnn / hand). Nothing here asserts: it prints what it measured and on what data.

Generate the data first, then measure:
  .venv/bin/python -m bench.generate --scale 1.0          # bench/out/bmnn.sqlite3, ~10 min
  .venv/bin/python -m bench.registry_bench                # table + bench/out/registry_bench.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.generate import BENCH_KEY, DEFAULT_OUT, configure_django
from bench.measure import Figure, explain, issue_cases, paired, percentile, print_table

Case = dict[str, Any]


def sample_registers(con: sqlite3.Connection, rng: random.Random, runs: int) -> list[Case]:
    """Registers picked through random entries (so big registers weigh more), a random page."""
    top = con.execute("SELECT max(id) FROM registry_registerentry").fetchone()[0]
    cases: list[Case] = []
    while len(cases) < runs:
        row = con.execute("SELECT unit_id, kind, year FROM registry_registerentry WHERE id = ?",
                          (rng.randint(1, top),)).fetchone()
        if row is None:
            continue
        unit_id, kind, year = row
        last = con.execute("SELECT last_number FROM registry_registercounter WHERE unit_id = ? AND kind = ? "
                           "AND year = ?", (unit_id, kind, year)).fetchone()[0]
        cases.append({"unit_id": unit_id, "kind": kind, "year": year, "entries": last,
                      "page": rng.randint(1, max(math.ceil(last / 50), 1)), "q": pick_query(con, rng, top)})
    return cases


def pick_query(con: sqlite3.Connection, rng: random.Random, top: int) -> str:
    """Half typical clerk queries, half two words taken from a random line of the data."""
    from bench.corpus import TYPICAL_QUERIES

    if rng.random() < 0.5:
        return rng.choice(TYPICAL_QUERIES)
    text = con.execute("SELECT search_text FROM registry_registerentry WHERE id = ?",
                       (rng.randint(1, top),)).fetchone()
    words = [w for w in (text[0] if text else "").split() if w.isalpha() and len(w) > 2]
    if len(words) < 2:
        return rng.choice(TYPICAL_QUERIES)
    i = rng.randrange(len(words) - 1)
    return f"{words[i]} {words[i + 1]}"


def register_figures(con: sqlite3.Connection, cases: list[Case]) -> list[Figure]:
    from bench import hand
    from bmnn.org.models import Unit
    from bmnn.registry.queries import register_page

    units = {u.pk: u for u in Unit.objects.all()}
    page = paired(cases,
                  lambda c: register_page(units[c["unit_id"]], c["kind"], c["year"], page=c["page"]),
                  lambda c: hand.register_page(con, c["unit_id"], c["kind"], c["year"], c["page"]))
    search = paired(cases,
                    lambda c: register_page(units[c["unit_id"]], c["kind"], c["year"], q=c["q"]),
                    lambda c: hand.register_search(con, c["unit_id"], c["kind"], c["year"], c["q"]))
    keys = ("unit_id", "kind", "year", "entries", "page", "q")
    return [*page.figures("register page (register_page, random page)", cases, keys),
            *search.figures("register search (register_page q=…, page 1)", cases, keys)]


def document_figures(con: sqlite3.Connection, rng: random.Random, runs: int) -> list[Figure]:
    from bench import hand
    from bmnn.org.models import Account
    from bmnn.registry.access import cleared_levels, visible_by_reason
    from bmnn.registry.queries import search_documents

    top = con.execute("SELECT max(id) FROM registry_registerentry").fetchone()[0]
    clerks = list(Account.objects.filter(username__endswith="-vanthu").select_related("person"))
    cases: list[Case] = [{"account": rng.choice(clerks), "q": pick_query(con, rng, top)}
                         for _ in range(runs)]
    for case in cases:
        person = case["account"].person
        case.update(unit_id=person.unit_id, person_id=person.pk, levels=cleared_levels(person))
    timings = paired(cases, lambda c: search_documents(visible_by_reason(c["account"]), c["q"]),
                     lambda c: hand.document_search(con, c["unit_id"], c["person_id"], c["levels"], c["q"]))
    for case in cases:
        case["clerk"] = case["account"].username
    return timings.figures("document search (search_documents(visible_by_reason(clerk)))", cases,
                           ("clerk", "q"))


def issue_figures(db: Path, runs: int) -> list[Figure]:
    real, real_path, manual, manual_path = issue_cases(db, runs)
    return [
        Figure("issue: do_issue_document (numbering + audit)", "p50 < 20 ms", "p50", 20, real, manual),
        Figure("issue: propose + decide + issue (3 actions)", "(p50, no target)", "p50", None,
               real_path, manual_path),
    ]


def verify_figures(db: Path, out: Path, with_cli: bool) -> list[Figure]:
    from bench import hand
    from bmnn.audit.verify import verify_chain

    con = hand.connect(db)
    started = time.perf_counter()
    verdict = verify_chain()
    orm = time.perf_counter() - started
    started = time.perf_counter()
    ok, count = hand.verify_chain(con)
    manual = time.perf_counter() - started
    con.close()
    print(f"  verify_chain: {verdict.describe()} in {orm:.1f} s; hand loop: ok={ok}, {count:,} events "
          f"in {manual:.1f} s", flush=True)
    figures = [Figure(f"audit verify_chain() over {count:,} events", "< 60 s", "one", 60_000,
                      [orm], [manual])]
    seconds = cli_verify(out) if with_cli else None
    if seconds is not None:
        figures.append(Figure(f"`bmnn audit verify` (CLI) over {count:,} events", "< 60 s", "one", 60_000,
                              [seconds], [manual]))
    return figures


def cli_verify(out: Path) -> float | None:
    """Time the CLI if it exists (another part of the project adds it); None if it does not."""
    exe = Path(sys.executable).with_name("bmnn")
    env = {**os.environ, "BMNN_DATA_DIR": str(out), "BMNN_SECRET_KEY": BENCH_KEY}
    probe = subprocess.run([str(exe), "audit", "verify", "--help"], env=env, capture_output=True, text=True,
                           check=False)
    if probe.returncode != 0:
        print("  `bmnn audit verify` is not available yet; CLI not timed", flush=True)
        return None
    started = time.perf_counter()
    run = subprocess.run([str(exe), "audit", "verify"], env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    print(f"  bmnn audit verify: exit {run.returncode} in {seconds:.1f} s: {run.stdout.strip()[:200]}",
          flush=True)
    return seconds


def data_size(con: sqlite3.Connection, db: Path) -> dict[str, Any]:
    def count(table: str) -> int:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    return {"documents": count("registry_document"), "register_entries": count("registry_registerentry"),
            "audit_events": count("audit_event"), "units": count("org_unit"),
            "database_bytes": db.stat().st_size}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_OUT, help="folder made by bench.generate")
    parser.add_argument("--runs", type=int, default=200, help="queries per read figure")
    parser.add_argument("--issue-runs", type=int, default=100, help="documents issued per path")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-verify", action="store_true")
    parser.add_argument("--no-cli", action="store_true", help="do not time `bmnn audit verify`")
    args = parser.parse_args(argv)
    out = args.data.resolve()
    db = out / "bmnn.sqlite3"
    if not db.exists():
        parser.error(f"{db} does not exist; run: .venv/bin/python -m bench.generate --out {out}")
    configure_django(out)
    from bench import hand

    rng = random.Random(args.seed)
    load_before = os.getloadavg()
    print(f"Load average before: {load_before[0]:.2f} on {os.cpu_count()} CPUs (other work skews timings)")
    con = hand.connect(db)
    size = data_size(con, db)
    print(f"Data: {size['documents']:,} documents, {size['register_entries']:,} register entries, "
          f"{size['audit_events']:,} audit events, {size['units']} units, "
          f"{size['database_bytes'] / 1e9:.2f} GB ({db})", flush=True)
    cases = sample_registers(con, rng, args.runs)
    figures = register_figures(con, cases)
    figures += document_figures(con, rng, args.runs)
    plans = explain(cases[0], con)
    con.close()
    figures += issue_figures(db, args.issue_runs)
    if not args.skip_verify:
        figures += verify_figures(db, out, with_cli=not args.no_cli)
    print_table(figures, size)
    report = {"measured_on": dt.datetime.now().isoformat(timespec="seconds"), "data": size,
              "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "sqlite": sqlite3.sqlite_version, "load_before": load_before,
                          "load_after": os.getloadavg()},
              "runs": {"reads": args.runs, "issues": args.issue_runs},
              "figures": [f.as_dict() for f in figures], "query_plans": plans,
              "register_sizes": {"median": statistics.median(c["entries"] for c in cases),
                                 "p95": percentile([c["entries"] for c in cases], 95)}}
    path = out / "registry_bench.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"Written: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

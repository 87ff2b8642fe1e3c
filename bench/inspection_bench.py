"""Self-inspection benchmark: every category of findings.yaml run by bmnn.inspection.engine on
the generated registry, each timed beside a plain `SELECT COUNT(*)` over the main table its
detector reads (same run, same connection), and scored against the planted truth.

Target (issue): on the 1,000,000-document registry with violations planted at known rates in
generated and imported history, all detectors together under 10 s on SQLite and under 5 s on
PostgreSQL; recall and precision 100 % / 100 % on the planted violations.

Scopes: the province with every unit below it (and the units merged into them), over the
generated years up to the generator's "today" (generate.json); then one commune alone.

  .venv/bin/python -m bench.generate --scale 1.0                 # bench/out/, with violations
  .venv/bin/python -m bench.inspection_bench                     # SQLite
  .venv/bin/python -m bench.pg_load                              # copy into PostgreSQL, then:
  .venv/bin/python -m bench.inspection_bench --database-url postgresql://postgres@127.0.0.1:5432/bmnn_bench
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

from bench.generate import DEFAULT_OUT, configure_django
from bench.inspection_score import Score, percent, score
from bench.truth import Truth

TARGET_S = {"sqlite": 10.0, "postgresql": 5.0}
# The table each detector reads most (its reference is a plain COUNT(*) over it).
MAIN_TABLE = {
    "DOC-PROPOSAL-NO-BASIS": "registry_proposal",
    "DOC-WRONG-LEVEL": "registry_proposal",
    "KEEP-LOST": "registry_loss",
    "KEEP-HANDOVER": "org_unit",
    "KEEP-BACKDATED": "audit_event",
    "LIFE-EXTENSION-LATE": "registry_lifedecision",
    "LIFE-NOTICE-LATE": "registry_lifedecision",
    "LIFE-DESTRUCTION": "registry_destruction",
    "ORG-NO-STAFF": "org_unit",
    "ORG-NO-SELF-INSPECTION": "org_unit",
    "ORG-NO-COMMITMENT": "org_person",
    "ORG-NO-REPORT": "",
    "NET-NO-INCIDENT-PLAN": "org_unit",
}
PREFIX_TABLE = {
    "DOC-": "registry_document",
    "COPY-": "registry_copyrecord",
    "MOVE-": "registry_transfer",
    "KEEP-": "registry_document",
    "LIFE-": "registry_document",
    "NET-": "netsec_informationsystem",
    "PC-": "netsec_computer",
    "ORG-": "org_unit",
    "DATA-": "inspection_checklistanswer",
}


def main_table(category: str, detect: str) -> str:
    if category in MAIN_TABLE:
        return MAIN_TABLE[category]
    if detect == "checklist":
        return "inspection_checklistanswer"
    return next((t for p, t in PREFIX_TABLE.items() if category.startswith(p)), "")


def count_ms(table: str) -> tuple[float, int]:
    from django.db import connection

    if not table:
        return 0.0, 0
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(f"SELECT COUNT(*) FROM {table}")
        rows = int(cursor.fetchone()[0])
        return (time.perf_counter() - started) * 1000, rows


def server_pid() -> int | None:
    """The PostgreSQL server process serving this connection, when it runs on this machine."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = int(cursor.fetchone()[0])
    return pid if Path(f"/proc/{pid}/stat").exists() else None


def cpu_s(pid: int | None) -> float:
    """CPU seconds spent so far by this process and by the server process `pid` (its parallel
    workers are not counted). Other tenants' load stretches wall time far more than CPU time."""
    spent = time.process_time()
    if pid is not None:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        spent += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    return spent


def run_scope(scope: Any, truth: Truth, runs: int) -> list[dict[str, Any]]:
    """Every category `runs` times over (each round: all categories, each then its reference)."""
    from bmnn.inspection.categories import categories
    from bmnn.inspection.detectors import DETECTORS
    from bmnn.inspection.engine import run_category

    units = set(scope.unit_ids)
    rows: list[dict[str, Any]] = [
        {
            "id": c.id,
            "detect": c.detect.value,
            "detector": c.id in DETECTORS,
            "table": main_table(c.id, c.detect.value),
            "ms": [],
            "cpu_ms": [],
            "ref_ms": [],
        }
        for c in categories()
    ]
    pid = server_pid()
    for _ in range(runs):
        for row in rows:
            started, cpu = time.perf_counter(), cpu_s(pid)
            result = run_category(row["id"], scope)
            row["ms"].append((time.perf_counter() - started) * 1000)
            row["cpu_ms"].append((cpu_s(pid) - cpu) * 1000)
            ref, table_rows = count_ms(row["table"])
            row["ref_ms"].append(ref)
            row["table_rows"] = table_rows
            row["status"], row["count"] = result["status"], result["count"]
            row["result"] = result
            row["unchecked"], row["pending"] = result["unchecked"], result["pending"]
            row["score"] = score(truth, result, units) if row["detector"] else None
    return rows


def as_run(scope: Any, rows: list[dict[str, Any]], runs: int, engine: str) -> dict[str, Any]:
    """The whole inspection as `bmnn inspect` runs it (`engine.inspect`: the categories judged
    `default_workers()` at a time, each worker on its own connection), timed; its result must
    equal the categories judged one by one."""
    from bmnn.inspection.engine import default_workers, inspect

    workers = default_workers()
    times, same = [], True
    for _ in range(runs):
        started = time.perf_counter()
        result = inspect(scope)
        times.append(time.perf_counter() - started)
        one_by_one = [r["result"] for r in rows]
        same = same and _essence(result["categories"]) == _essence(one_by_one)
    target = TARGET_S[engine]
    print(
        f"All categories as bmnn inspect runs them ({workers} workers, one database connection each): "
        + " / ".join(f"{t:.2f} s" for t in times)
        + f" (target < {target:.0f} s on {engine}: {'met' if max(times) < target else 'NOT met'})"
        + f"; same result as one by one: {'yes' if same else 'NO'}; load average now {os.getloadavg()[0]:.2f}"
    )
    return {"workers": workers, "total_s": times, "same_result": same, "target_s": target}


def _keys(records: list[dict[str, Any]]) -> list[tuple[str, int]]:
    return [(r["kind"], r["id"]) for r in records]


def _essence(categories: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (c["id"], c["status"], c["unchecked"], c["pending"], sorted(_keys(c["records"])))
        for c in categories
    ]


def print_scope(title: str, rows: list[dict[str, Any]], engine: str, runs: int) -> dict[str, Any]:
    print(f"\n{title}")
    head = (
        "category",
        "status",
        "found",
        "ms",
        "ms again",
        "CPU ms",
        "reference: COUNT(*) of",
        "ref ms",
        "ratio",
        "recall",
        "precision",
        "unchecked got/exp",
        "pending got/exp",
    )
    table = []
    for r in rows:
        s: Score | None = r["score"]
        ms, ref = r["ms"][-1], r["ref_ms"][-1]
        table.append(
            (
                r["id"],
                r["status"],
                f"{r['count']:,}",
                f"{r['ms'][0]:.1f}",
                f"{ms:.1f}" if runs > 1 else "",
                f"{r['cpu_ms'][-1]:.0f}",
                f"{r['table']} ({r['table_rows']:,})" if r["table"] else "–",
                f"{ref:.2f}" if r["table"] else "",
                f"{ms / ref:,.0f}×" if r["table"] and ref > 0 else "",
                percent(s.recall) if s else "",
                percent(s.precision) if s else "",
                f"{s.unchecked[0]:,}/{s.unchecked[1]:,}" if s else "",
                f"{s.pending[0]:,}/{s.pending[1]:,}" if s else "",
            )
        )
    widths = [max(len(x[i]) for x in [head, *table]) for i in range(len(head))]
    for line in [head, tuple("-" * w for w in widths), *table]:
        print("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
    totals = [sum(r["ms"][i] for r in rows) / 1000 for i in range(runs)]
    cpu_totals = [sum(r["cpu_ms"][i] for r in rows) / 1000 for i in range(runs)]
    ref_total = sum(r["ref_ms"][-1] for r in rows) / 1000
    detectors = [r for r in rows if r["detector"]]
    wrong = [r["id"] for r in detectors if not r["score"].perfect]
    slowest = sorted(rows, key=lambda r: -r["ms"][-1])[:5]
    target = TARGET_S.get(engine)
    print(
        f"Sum of all {len(rows)} categories judged one by one: "
        + " / ".join(f"{t:.2f} s" for t in totals)
        + f"; the COUNT(*) references together {ref_total * 1000:.1f} ms"
    )
    print(
        "CPU (this process and its database server process, not parallel workers): "
        + " / ".join(f"{t:.2f} s" for t in cpu_totals)
        + f"; load average now {os.getloadavg()[0]:.2f}"
    )
    print("Slowest: " + ", ".join(f"{r['id']} {r['ms'][-1]:.0f} ms" for r in slowest))
    print(
        f"Detectors scored: {len(detectors)}; recall/precision 100 % and counts agreeing in "
        f"{len(detectors) - len(wrong)}" + (f"; NOT in: {', '.join(wrong)}" if wrong else "")
    )
    for r in detectors:
        s = r["score"]
        if not s.perfect:
            print(
                f"  {r['id']}: missed {s.missed[:5]} extra {s.extra[:5]} unchecked {s.unchecked} "
                f"pending {s.pending}"
            )
    return {
        "total_s": totals,
        "cpu_s": cpu_totals,
        "target_s": target,
        "reference_total_ms": round(ref_total * 1000, 2),
        "categories": [
            {k: (v.as_json() if k == "score" and v else v) for k, v in r.items() if k != "result"}
            for r in rows
        ],
        "not_perfect": wrong,
    }


def data_size() -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        sizes = {}
        for table in (
            "registry_document",
            "registry_registerentry",
            "registry_copyrecord",
            "registry_transfer",
            "audit_event",
            "org_unit",
        ):
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            sizes[table] = int(cursor.fetchone()[0])
        cursor.execute("SELECT COUNT(*) FROM registry_registerentry WHERE source LIKE 'import:%%'")
        sizes["imported_lines"] = int(cursor.fetchone()[0])
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_OUT, help="folder made by bench.generate")
    parser.add_argument("--database-url", default="", help="run on this database (PostgreSQL) instead")
    parser.add_argument("--commune", default="X002", help="the commune whose own scope is also measured")
    parser.add_argument("--runs", type=int, default=2, help="rounds over all categories (first, again)")
    args = parser.parse_args(argv)
    out = args.data.resolve()
    meta = json.loads((out / "generate.json").read_text(encoding="utf-8"))
    truth = Truth.load(out)
    if args.database_url:
        os.environ["BMNN_DATABASE_URL"] = args.database_url
    configure_django(out)
    from django.db import connection

    from bench import corpus
    from bmnn.inspection.scope import build_scope
    from bmnn.org.models import Unit

    engine = connection.vendor
    today = dt.date.fromisoformat(meta["today"])
    first = dt.date(int(meta["first_year"]), 1, 1)
    size = data_size()
    where = args.database_url or str(out / "bmnn.sqlite3")
    print(
        f"Self-inspection benchmark on {engine} ({where}); load average {os.getloadavg()[0]:.2f} "
        f"on {os.cpu_count()} CPUs"
    )
    print(
        "Data: "
        + ", ".join(f"{k} {v:,}" for k, v in size.items())
        + f"; period {first:%d/%m/%Y}–{today:%d/%m/%Y}, judged on {today:%d/%m/%Y}"
    )
    report: dict[str, Any] = {
        "measured_on": dt.datetime.now().isoformat(timespec="seconds"),
        "engine": engine,
        "database": where,
        "data": size,
        "generated": meta,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "scopes": {},
    }
    province = Unit.objects.get(code=corpus.PROVINCE[0])
    commune = Unit.objects.get(code=args.commune)
    for label, unit, below in (
        ("province and all units below", province, True),
        ("one commune", commune, False),
    ):
        scope = build_scope(unit, first, today, today, include_subunits=below)
        rows = run_scope(scope, truth, args.runs)
        title = (
            f"{label}: {unit.name} ({len(scope.unit_ids)} units), {engine}, {first:%d/%m/%Y}–{today:%d/%m/%Y}"
        )
        report["scopes"][label] = {
            "unit": unit.code,
            "units": len(scope.unit_ids),
            **print_scope(title, rows, engine, args.runs),
            "as_run": as_run(scope, rows, args.runs, engine),
        }
    name = "inspection_bench.json" if engine == "sqlite" else f"inspection_bench_{engine}.json"
    (out / name).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nWritten {out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

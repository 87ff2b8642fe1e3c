"""Report packages benchmark (issue 8, "Measured"): a receiving installation imports the annual
packages of 3,400 communes and 2,000 departments — every check before any write, as
`bmnn package import` does, one process — then writes the summary by province of today and by
the locality as written; then the summary of 200,000 imported finding rows.

Targets: import with verification and both summaries under 60 s on SQLite; the summary of
200,000 rows under 2 s. Each beside its reference measured in the same run
(bench/packages_reference.py): the same files read and written by hand with plain sqlite3, and
the GROUP BY that gives the same summary. Correctness: every summary equals the planted truth and
its GROUP BY; nothing refused; ten hostile files refused, listed, and nothing written.

The world (bench/packages_world.py) and the packages are generated first, in a fresh data folder
(`bmnn init`), and timed apart. Period 2024: each unit's report has 10–40 category rows, about
60 % found. Period 2025 (the 200,000 rows): the 34 provinces send one package each carrying their
own row and the rows of every unit below them, exactly 200,000 found rows between them (37 or 38
a unit). When the installation writes the summary's rows at approval rather than at import, the
head approves every received report (timed, and counted in the 60 s).

Example (≈ 6 min on 2 cores):
  nice .venv/bin/python -m bench.packages_bench
  nice .venv/bin/python -m bench.packages_bench --database-url postgresql://postgres@127.0.0.1:5432/bmnn_pkg_bench
  nice .venv/bin/python -m bench.packages_bench --communes 340 --departments 200 --dense-rows 20000 --profile
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.packages_world import (
    Truth,
    World,
    build_world,
    dense_counts,
    write_packages,
    write_province_packages,
)

OUT = Path(__file__).resolve().parent / "out" / "packages"
BENCH_KEY = "bench-only-secret-key-never-used-for-real-data"
FIRST, SECOND = "2024", "2025"
IMPORT_AND_SUMMARIES_S, SUMMARY_S = 60.0, 2.0


def prepare(out: Path, database_url: str) -> None:
    """A fresh data folder and database (`bmnn init`), then Django pointed at it."""
    shutil.rmtree(out / "data", ignore_errors=True)
    shutil.rmtree(out / "files", ignore_errors=True)
    env = {**os.environ, "BMNN_DATA_DIR": str(out / "data"), "BMNN_SECRET_KEY": BENCH_KEY}
    env.pop("BMNN_TESTING", None)
    if database_url:
        env["BMNN_DATABASE_URL"] = database_url
    subprocess.run([str(Path(sys.executable).parent / "bmnn"), "init"], env=env, check=True)
    os.environ.update({k: env[k] for k in ("BMNN_DATA_DIR", "BMNN_SECRET_KEY")})
    os.environ.pop("BMNN_TESTING", None)
    if database_url:
        os.environ["BMNN_DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bmnn.settings"
    import django

    django.setup()


# --- import -------------------------------------------------------------------------------------


class Phases:
    """Time spent inside the functions `receive` calls, by wrapping them where it looks them up."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - started

        return run


def import_files(paths: list[Path], world: World, profile: Path | None = None) -> dict[str, Any]:
    """Receive every file as `bmnn package import` does (verified one by one, written together);
    timed by phase."""
    from bmnn.reports import receiving

    phases = Phases()
    originals = receiving.verify_package, receiving.do_import_report_packages
    receiving.verify_package = phases.wrap("verify", originals[0])  # type: ignore[assignment]
    receiving.do_import_report_packages = phases.wrap("write", originals[1])  # type: ignore[assignment]
    accepted, refused, warnings = 0, [], 0
    profiler = cProfile.Profile() if profile else None
    started, cpu = time.perf_counter(), time.process_time()
    try:
        if profiler:
            profiler.enable()
        t = time.perf_counter()
        files = [(path.name, path.read_bytes()) for path in paths]
        phases.seconds["read"] += time.perf_counter() - t
        for result in receiving.receive_many(files, actor=world.clerk):
            accepted += result.filing is not None
            warnings += len(result.warnings)
            if result.refused is not None:
                refused.append(f"{result.name}: {result.refused.reason}")
    finally:
        if profiler:
            profiler.disable()
        receiving.verify_package, receiving.do_import_report_packages = originals
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    if profiler and profile:
        profiler.dump_stats(profile)
    other = elapsed - sum(phases.seconds.values())
    return {"files": len(paths), "seconds": round(elapsed, 2), "per_second": round(len(paths) / elapsed, 1),
            "cpu_s": round(cpu, 2), "accepted": accepted, "refused": refused, "warnings": warnings,
            "phases_s": {**{k: round(v, 2) for k, v in phases.seconds.items()}, "other": round(other, 2)}}


def approve_all(world: World, period: str) -> dict[str, Any]:
    """The head's approval of every report received for the period, when the installation writes
    the summary's rows at approval rather than at import (none written by the import)."""
    from bmnn.reports.actions import do_approve_reports
    from bmnn.reports.models import Direction, Filing
    from bmnn.summaries.models import FindingRow

    if FindingRow.objects.filter(period=period).exists():
        return {"needed": False, "filings": 0, "seconds": 0.0, "cpu_s": 0.0}
    waiting = Filing.objects.filter(direction=Direction.RECEIVED, period=period, approved_at__isnull=True)
    filings = list(waiting.order_by("pk"))
    started, cpu = time.perf_counter(), time.process_time()
    do_approve_reports(filings, actor=world.head)  # the head's "approve all"
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"needed": True, "filings": len(filings), "seconds": round(elapsed, 2), "cpu_s": round(cpu, 2)}


def floor_import(paths: list[Path], world: World, out: Path) -> dict[str, Any]:
    from django.db import connection

    from bench.packages_reference import plain_import
    from bmnn.reports.models import KeyPurpose, PackageKey
    from bmnn.reports.packages.keys import identity
    from bmnn.summaries.localities import resolve

    own = PackageKey.objects.get(unit=world.receiver, purpose=KeyPurpose.ENCRYPT)
    publics = dict(PackageKey.objects.filter(purpose=KeyPurpose.SIGN).values_list("fingerprint", "public"))
    places = {s.locality for s in world.senders}
    provinces = {p: (r.old, r.new) for p in places if (r := resolve(p)) is not None}
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'summaries_findingrow'")
            finding_sql = cursor.fetchone()[0]
        else:  # the same columns for the scratch SQLite file
            finding_sql = ("CREATE TABLE summaries_findingrow (id INTEGER PRIMARY KEY, period TEXT, "
                           "locality TEXT, province_new TEXT, province_old TEXT, unit_code TEXT, "
                           "unit_name TEXT, unit_kind TEXT, category TEXT, count INTEGER, note TEXT, "
                           "source TEXT, imported_at TEXT, imported_by_id INTEGER, imported_by_name TEXT)")
    seconds, cpu, rows = plain_import(paths, str(identity(own.private_file)), publics, provinces,
                                 out / "plain_reference.sqlite3", finding_sql)
    return {"files": len(paths), "seconds": round(seconds, 2), "per_second": round(len(paths) / seconds, 1),
            "cpu_s": round(cpu, 2), "rows": rows}


# --- summaries ----------------------------------------------------------------------------------


def _median(values: list[float]) -> float:
    return round(statistics.median(values) * 1000, 1)


def reference_cursor(database_url: str, out: Path) -> tuple[Any, str]:
    if database_url:
        import psycopg

        return psycopg.connect(database_url, autocommit=True).cursor(), "%s"
    import sqlite3

    db = out / "data" / "bmnn.sqlite3"
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True).cursor(), "?"


def summaries(period: str, truth: Truth, cursor: Any, placeholder: str, repeats: int) -> dict[str, Any]:
    """Both summaries of the period, each the median of `repeats` runs beside its GROUP BY, and
    checked against the truth and against the GROUP BY."""
    from bench.packages_reference import sql_summary
    from bmnn.inspection.categories import categories
    from bmnn.summaries.summary import By, as_json, build, facts_of_period

    order = [(c.id, c.title) for c in categories()]
    out: dict[str, Any] = {}
    for by, column, expected in ((By.PROVINCE, "province_new", truth.by_province),
                                 (By.OLD_PROVINCE, "locality", truth.by_locality)):
        rewritten = False
        facts_s, build_s, total_s, plain_s = [], [], [], []
        for _ in range(repeats):
            t0 = time.perf_counter()
            facts = facts_of_period(period)
            t1 = time.perf_counter()
            lines = build(facts, by=by)
            t2 = time.perf_counter()
            facts_s.append(t1 - t0)
            build_s.append(t2 - t1)
            total_s.append(t2 - t0)
            t3 = time.perf_counter()
            reference = sql_summary(cursor, period, column, placeholder, order)
            plain_s.append(time.perf_counter() - t3)
        problems = []
        if as_json(lines) != reference:
            problems.append("differs from its GROUP BY")
        if {ln.id for ln in lines} != set(truth.total):
            problems.append("categories differ from the truth")
        as_known = lines and all(dict(ln.localities) == truth.by_province[ln.id] for ln in lines)
        if by is By.OLD_PROVINCE and as_known:
            # The receiver wrote each unit's locality as it knows the unit (its province of today)
            # instead of the name the package gave.
            expected, rewritten = truth.by_province, True
        for line in lines:
            if (line.total, line.units, dict(line.localities)) != (
                    truth.total[line.id], len(truth.units[line.id]), dict(expected[line.id])):
                problems.append(f"{line.id} differs from the truth")
        out[str(by)] = {"rows": len(facts), "categories": len(lines),
                        "localities": len({n for ln in lines for n, _ in ln.localities}),
                        "ms": _median(total_s), "facts_ms": _median(facts_s), "build_ms": _median(build_s),
                        "group_by_ms": _median(plain_s),
                        "ratio": round(_median(total_s) / max(_median(plain_s), 0.1), 1),
                        "localities_rewritten": rewritten, "problems": problems}
    return out


# --- hostile files ------------------------------------------------------------------------------


def hostile(world: World, accepted: list[Path]) -> dict[str, Any]:
    from bench.packages_hostile import hostile_files
    from bmnn.org.models import Unit
    from bmnn.reports.actions import do_revoke_package_key
    from bmnn.reports.models import Direction, Filing, KeyPurpose, PackageKey, RefusedPackage
    from bmnn.reports.receiving import receive
    from bmnn.summaries.models import FindingRow

    revoked = world.senders[20].code
    key = PackageKey.objects.get(unit__code=revoked, purpose=KeyPurpose.SIGN)
    do_revoke_package_key(key, reason="Máy tính của văn thư bị mất", actor=world.clerk)
    files = hostile_files(world, accepted, SECOND, 3, revoked, Unit.objects.get(code="P01"))

    def state() -> tuple[int, int]:
        return Filing.objects.filter(direction=Direction.RECEIVED).count(), FindingRow.objects.count()

    before, listed = state(), RefusedPackage.objects.count()
    rows = []
    for what, raw, words in files:
        result = receive(f"{what}.bmnn", raw, actor=world.clerk)
        reason = result.refused.reason if result.refused else ""
        rows.append({"file": what, "refused": result.refused is not None, "reason": reason,
                     "expected": words, "ok": result.filing is None and words in reason})
    return {"files": len(files), "refused": sum(r["refused"] for r in rows),
            "as_expected": sum(r["ok"] for r in rows),
            "quarantine_list": RefusedPackage.objects.count() - listed,
            "nothing_written": state() == before, "rows": rows}


# --- the run ------------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> dict[str, Any]:
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    prepare(out, args.database_url)
    from django.db import connection

    from bmnn.summaries.models import FindingRow

    load = {"before": os.getloadavg()}
    t0 = time.perf_counter()
    world = build_world(args.seed, args.communes, args.departments)
    t1 = time.perf_counter()
    first, truth1 = write_packages(world, out / "files" / FIRST, FIRST, 1, args.seed + 1)
    counts = dense_counts(world.senders, args.dense_rows, args.seed + 2)
    second, truth2 = write_province_packages(world, out / "files" / SECOND, SECOND, 1, args.seed + 3, counts)
    t2 = time.perf_counter()
    generation = {"world_s": round(t1 - t0, 1), "packages_s": round(t2 - t1, 1),
                  "register_one_key_by_action_s": round(world.register_one_s, 3),
                  "package_bytes_avg": round(sum(p.stat().st_size for p in first) / len(first))}
    senders = len(world.senders) + len(world.bodies)
    print(f"generated {senders:,} senders and {len(first) + len(second):,} packages in {t2 - t0:.0f} s",
          flush=True)

    cursor, placeholder = reference_cursor(args.database_url, out)
    load["import"] = os.getloadavg()
    profile = out / "import.prof" if args.profile else None
    imported = import_files(first, world, profile)
    approved = approve_all(world, FIRST)
    summary1 = summaries(FIRST, truth1, cursor, placeholder, args.repeats)
    rows1 = FindingRow.objects.filter(period=FIRST).count()
    print(f"period {FIRST}: imported {imported['accepted']:,} in {imported['seconds']} s", flush=True)
    floor = floor_import(first, world, out)
    load["second"] = os.getloadavg()
    imported2 = import_files(second, world)
    approved2 = approve_all(world, SECOND)
    summary2 = summaries(SECOND, truth2, cursor, placeholder, args.repeats)
    rows2 = FindingRow.objects.filter(period=SECOND).count()
    bad = hostile(world, first)
    load["after"] = os.getloadavg()
    if profile:
        text = io.StringIO()
        pstats.Stats(str(profile), stream=text).sort_stats("cumulative").print_stats(35)
        (out / "import_profile.txt").write_text(text.getvalue(), "utf-8")
    both = (imported["seconds"] + approved["seconds"]
            + (summary1["province"]["ms"] + summary1["old-province"]["ms"]) / 1000)
    return {
        "database": connection.vendor, "python": platform.python_version(), "cpus": os.cpu_count(),
        "senders": {"communes": args.communes, "departments": args.departments}, "load": load,
        "generation": generation,
        "first": {"period": FIRST, "import": imported, "approval": approved, "floor": floor,
                  "summaries": summary1, "rows": rows1, "truth_rows": truth1.rows,
                  "import_and_summaries_s": round(both, 2)},
        "second": {"period": SECOND, "import": imported2, "approval": approved2, "summaries": summary2,
                   "rows": rows2, "truth_rows": truth2.rows},
        "hostile": bad, "profiled": bool(profile),
    }


def _verdict(ok: bool) -> str:
    return "yes" if ok else "NO"


def report(r: dict[str, Any]) -> str:
    f, s = r["first"], r["second"]
    imp, floor, imp2 = f["import"], f["floor"], s["import"]
    n = imp["files"]
    def load(when: str) -> str:
        return "/".join(f"{x:.1f}" for x in r["load"][when])

    lines = [
        f"database {r['database']}, Python {r['python']}, {r['cpus']} CPUs; load (1/5/15 min) before "
        f"{load('before')}, at the first import {load('import')}, at the second {load('second')}, after "
        f"{load('after')}" + ("; PROFILED (times inflated)" if r["profiled"] else ""),
        f"generation (not measured): world {r['generation']['world_s']} s, packages "
        f"{r['generation']['packages_s']} s, {r['generation']['package_bytes_avg']} bytes a package; one key "
        f"registered through the action: {r['generation']['register_one_key_by_action_s']} s",
        "",
        "| figure | target | bmnn | reference | ratio |",
        "|---|---|---|---|---|",
        f"| import {n:,} packages ({f['period']}, {f['rows']:,} finding rows) | – | {imp['seconds']} s, "
        f"{imp['per_second']} packages/s (CPU {imp['cpu_s']} s) | plain import {floor['seconds']} s, "
        f"{floor['per_second']}/s (CPU {floor['cpu_s']} s) | {imp['seconds'] / floor['seconds']:.1f}× |",
    ]
    for key, label in (("province", "by province of today"), ("old-province", "by locality as written")):
        x = f["summaries"][key]
        lines.append(f"| summary {label} ({x['rows']:,} rows, {x['localities']} places) | – | {x['ms']} ms "
                     f"| GROUP BY {x['group_by_ms']} ms | {x['ratio']}× |")
    if f["approval"]["needed"]:
        lines.append(f"| approval of the {f['approval']['filings']:,} reports (rows written then) | – | "
                     f"{f['approval']['seconds']} s (CPU {f['approval']['cpu_s']} s) | | |")
    lines.append(f"| **import{' + approval' if f['approval']['needed'] else ''} + both summaries** | "
                 f"< {IMPORT_AND_SUMMARIES_S:.0f} s | "
                 f"**{f['import_and_summaries_s']} s** | | |")
    lines.append(f"| import {imp2['files']:,} packages ({s['period']}, {s['rows']:,} rows) | – | "
                 f"{imp2['seconds']} s, {imp2['per_second']} packages/s (CPU {imp2['cpu_s']} s) | | |")
    if s["approval"]["needed"]:
        lines.append(f"| approval of the {s['approval']['filings']:,} reports | – | "
                     f"{s['approval']['seconds']} s (CPU {s['approval']['cpu_s']} s) | | |")
    for key, label in (("province", "by province of today"), ("old-province", "by locality as written")):
        x = s["summaries"][key]
        lines.append(f"| **summary of {x['rows']:,} rows {label}** | < {SUMMARY_S:.0f} s | **{x['ms']} ms** "
                     f"(rows read {x['facts_ms']}, grouped {x['build_ms']}) | GROUP BY {x['group_by_ms']} ms "
                     f"| {x['ratio']}× |")
    lines += ["", "phases of the import (s): " + ", ".join(
        f"{p} {imp['phases_s'][p]} / {imp2['phases_s'][p]}" for p in imp["phases_s"]) + f" ({f['period']} / "
        f"{s['period']})"]
    h = r["hostile"]
    checks = [
        (f"{f['period']}: accepted {imp['accepted']:,} of {n:,}, refused {len(imp['refused'])}, "
         f"finding rows {f['rows']:,} = planted {f['truth_rows']:,}",
         imp["accepted"] == n and not imp["refused"] and f["rows"] == f["truth_rows"]),
        (f"{s['period']}: accepted {imp2['accepted']:,} of {imp2['files']:,}, "
         f"refused {len(imp2['refused'])}, finding rows {s['rows']:,} = planted {s['truth_rows']:,}",
         imp2["accepted"] == imp2["files"] and not imp2["refused"] and s["rows"] == s["truth_rows"]),
        (f"plain reference wrote {floor['rows']:,} rows", floor["rows"] == f["truth_rows"]),
        *((f"summary {p} {k}: equal to the planted truth and to its GROUP BY "
           f"({'; '.join(x[k]['problems']) or 'no difference'})"
           + (" — localities as the receiver knows the units" if x[k]["localities_rewritten"] else ""),
           not x[k]["problems"])
          for p, x in ((f["period"], f["summaries"]), (s["period"], s["summaries"])) for k in x),
        (f"hostile files: {h['refused']} of {h['files']} refused, {h['as_expected']} with the expected "
         f"reason, {h['quarantine_list']} on the quarantine list, nothing written: {h['nothing_written']}",
         h["refused"] == h["as_expected"] == h["quarantine_list"] == h["files"] and h["nothing_written"]),
    ]
    lines += ["", *(f"- [{_verdict(ok)}] {text}" for text, ok in checks)]
    lines += [f"  - {row['file']}: {row['reason'] or 'NOT REFUSED'}" for row in h["rows"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--database-url", default="",
                        help="an empty PostgreSQL database to use (bmnn init creates its tables)")
    parser.add_argument("--communes", type=int, default=3400)
    parser.add_argument("--departments", type=int, default=2000)
    parser.add_argument("--dense-rows", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=3, help="runs of each summary (the median is shown)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--profile", action="store_true",
                        help="cProfile the first import (import_profile.txt)")
    args = parser.parse_args(argv)
    result = run(args)
    text = report(result)
    print(text)
    name = "packages_bench_pg.json" if args.database_url else "packages_bench.json"
    (args.out / name).write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

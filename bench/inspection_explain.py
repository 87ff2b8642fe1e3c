"""Profile one self-inspection category: every SQL statement its detector sends, with its time
and the database's plan (EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL).

  .venv/bin/python -m bench.inspection_explain COPY-UNAUTHORIZED [--data DIR] [--database-url URL]
      [--commune X002] [--sql]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

from bench.generate import DEFAULT_OUT, configure_django


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("category", nargs="+")
    parser.add_argument("--data", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--commune", default="", help="the scope of this commune alone (default: the province)"
    )
    parser.add_argument("--sql", action="store_true", help="print each statement's SQL too")
    args = parser.parse_args(argv)
    out = args.data.resolve()
    meta = json.loads((out / "generate.json").read_text(encoding="utf-8"))
    if args.database_url:
        os.environ["BMNN_DATABASE_URL"] = args.database_url
    configure_django(out)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench import corpus
    from bmnn.inspection.engine import detector_statements, run_category
    from bmnn.inspection.scope import build_scope
    from bmnn.org.models import Unit

    today = dt.date.fromisoformat(meta["today"])
    unit = Unit.objects.get(code=args.commune or corpus.PROVINCE[0])
    scope = build_scope(
        unit, dt.date(int(meta["first_year"]), 1, 1), today, today, include_subunits=not args.commune
    )
    for category in args.category:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            result = run_category(category, scope)
            total = (time.perf_counter() - started) * 1000
        print(
            f"\n{category}: {result['status']}, {result['count']} records, {total:.1f} ms, "
            f"{len(captured.captured_queries)} statements"
        )
        timed = []
        # Again, fetching every row (Django times execute only), as the engine runs them (on
        # PostgreSQL in a transaction without JIT); the engine's own BEGIN and SET left out.
        statements = [q["sql"] for q in captured.captured_queries]
        selects = [sql for sql in statements if sql.lstrip().upper().startswith("SELECT")]
        with detector_statements():
            for sql in selects:
                with connection.cursor() as cursor:
                    started = time.perf_counter()
                    cursor.execute(sql)
                    rows = len(cursor.fetchall())
                    timed.append(((time.perf_counter() - started) * 1000, rows, sql))
            for ms, rows, sql in sorted(timed, key=lambda t: -t[0])[:6]:
                print(f"-- {ms:.1f} ms with its {rows:,} rows, {len(sql):,} characters of SQL")
                if args.sql:
                    print(sql[:3000])
                prefix = "EXPLAIN (ANALYZE, BUFFERS) "
                if connection.vendor == "sqlite":
                    prefix = "EXPLAIN QUERY PLAN "
                with connection.cursor() as cursor:
                    cursor.execute(prefix + sql)
                    for row in cursor.fetchall():
                        print("   ", row[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())

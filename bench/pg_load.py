"""Copy the generated SQLite registry into PostgreSQL, for the self-inspection benchmark there.

Drops and recreates the database, migrates it with Django (the same schema bmnn makes), empties
what the migrations seeded, and copies every table of the SQLite file with psycopg COPY:
booleans from 0/1, JSON text into jsonb, SQLite's naive UTC timestamps read in a UTC session.
Secondary indexes are dropped for the load and rebuilt after it; foreign keys are not checked
row by row during the copy (session_replication_role = replica; the SQLite file passed
`PRAGMA foreign_key_check` in `bench.generate --check`). Sequences are moved past the
largest id with setval, the row counts compared table by table, and the database ends with
VACUUM ANALYZE, as is usual after a bulk load (--no-analyze to skip it).

  .venv/bin/python -m bench.pg_load [--data bench/out] [--url postgresql://postgres@127.0.0.1:5432/bmnn_bench]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

from bench.generate import DEFAULT_OUT, configure_django

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/bmnn_bench"
BATCH = 10_000


def recreate(url: str) -> None:
    import psycopg

    name = urlparse(url).path.lstrip("/")
    admin = urlunparse(urlparse(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        con.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")


def migrate(url: str, out: Path) -> None:
    os.environ["BMNN_DATABASE_URL"] = url
    configure_django(out)
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0, interactive=False)
    connections.close_all()


def pg_columns(pg: Any, table: str) -> list[tuple[str, str]]:
    rows = pg.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' "
        "AND table_name = %s ORDER BY ordinal_position",
        (table,),
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def secondary_indexes(pg: Any, tables: list[str]) -> list[tuple[str, str]]:
    """(name, definition) of the indexes no constraint owns: dropped for the load."""
    return pg.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public' "
        "AND i.tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
        "WHERE c.conindid = (quote_ident(i.indexname))::regclass)",
        (tables,),
    ).fetchall()


def copy_table(lite: sqlite3.Connection, pg: Any, table: str) -> int:
    columns = pg_columns(pg, table)
    have = {r[1] for r in lite.execute(f'PRAGMA table_info("{table}")')}
    columns = [(c, t) for c, t in columns if c in have]
    booleans = [i for i, (_, t) in enumerate(columns) if t == "boolean"]
    names = ", ".join(f'"{c}"' for c, _ in columns)
    cursor = lite.execute(f'SELECT {names} FROM "{table}"')
    count = 0
    with pg.cursor() as cur, cur.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
        while rows := cursor.fetchmany(BATCH):
            for row in rows:
                if booleans:
                    row = list(row)
                    for i in booleans:
                        if row[i] is not None:
                            row[i] = bool(row[i])
                copy.write_row(row)
            count += len(rows)
    return count


def reset_sequences(pg: Any, tables: list[str]) -> None:
    for table in tables:
        if any(c == "id" for c, _ in pg_columns(pg, table)):
            pg.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'coalesce((SELECT max(id) FROM "{table}"), 0) + 1, false) '
                f"WHERE pg_get_serial_sequence('\"{table}\"', 'id') IS NOT NULL"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_OUT, help="folder made by bench.generate")
    parser.add_argument("--url", default=DEFAULT_URL, help="the PostgreSQL database to (re)create")
    parser.add_argument("--no-analyze", action="store_true", help="skip VACUUM ANALYZE after the load")
    args = parser.parse_args(argv)
    import psycopg

    out = args.data.resolve()
    db = out / "bmnn.sqlite3"
    started = time.perf_counter()
    recreate(args.url)
    migrate(args.url, out)
    print(f"Created and migrated {args.url} in {time.perf_counter() - started:.1f} s", flush=True)
    lite = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    tables = [
        r[0]
        for r in lite.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    with psycopg.connect(args.url) as pg:
        present = {r[0] for r in pg.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
        missing = [t for t in tables if t not in present]
        assert not missing, f"tables only in SQLite: {missing}"
        tables_pg = sorted(present)
        pg.execute("SET TIME ZONE 'UTC'")
        pg.execute("SET session_replication_role = replica")
        pg.execute("SET maintenance_work_mem = '2GB'")
        pg.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables_pg) + " RESTART IDENTITY CASCADE")
        indexes = secondary_indexes(pg, tables_pg)
        for name, _ in indexes:
            pg.execute(f'DROP INDEX "{name}"')
        pg.commit()
        for table in tables:
            t0 = time.perf_counter()
            n = copy_table(lite, pg, table)
            pg.commit()
            if n >= 100_000:
                print(f"  {table}: {n:,} rows in {time.perf_counter() - t0:.1f} s", flush=True)
        t0 = time.perf_counter()
        for _, definition in indexes:
            pg.execute(definition)
        pg.commit()
        print(f"  rebuilt {len(indexes)} secondary indexes in {time.perf_counter() - t0:.1f} s", flush=True)
        reset_sequences(pg, tables_pg)
        pg.commit()
        for table in tables:
            a = lite.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            b = pg.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            assert a == b, f"{table}: {a} rows in SQLite, {b} in PostgreSQL"
    print(f"Copied {len(tables)} tables, row counts equal", flush=True)
    if not args.no_analyze:
        t0 = time.perf_counter()
        with psycopg.connect(args.url, autocommit=True) as pg:
            pg.execute("VACUUM ANALYZE")
        print(f"VACUUM ANALYZE in {time.perf_counter() - t0:.1f} s (usual after a bulk load)")
    with psycopg.connect(args.url) as pg:
        size = pg.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    print(f"Done in {time.perf_counter() - started:.0f} s; database {size / 1e9:.2f} GB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

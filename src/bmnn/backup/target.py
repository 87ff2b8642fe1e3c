"""The configured database, described without Django: a SQLite file or a PostgreSQL database."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bmnn.backup.errors import EngineMismatch
from bmnn.backup.pgtools import PgConn


@dataclass(frozen=True)
class SqliteDatabase:
    path: Path
    engine: str = "sqlite"


@dataclass(frozen=True)
class PostgresDatabase:
    conn: PgConn
    engine: str = "postgresql"


Database = SqliteDatabase | PostgresDatabase


def database_from_settings(cfg: Mapping[str, Any]) -> Database:
    """From a Django DATABASES entry (see lib/dburl.py)."""
    engine = str(cfg.get("ENGINE", ""))
    if engine.endswith("sqlite3"):
        return SqliteDatabase(Path(cfg["NAME"]))
    if engine.endswith("postgresql"):
        return PostgresDatabase(PgConn(
            name=str(cfg.get("NAME") or ""), user=str(cfg.get("USER") or ""),
            password=str(cfg.get("PASSWORD") or ""), host=str(cfg.get("HOST") or ""),
            port=str(cfg.get("PORT") or ""),
        ))
    raise EngineMismatch(f"Không hỗ trợ sao lưu hệ quản trị dữ liệu {engine}.")


def describe(db: Database) -> str:
    if isinstance(db, SqliteDatabase):
        return f"SQLite {db.path}"
    where = f"{db.conn.host or 'localhost'}:{db.conn.port or 5432}"
    return f"PostgreSQL {db.conn.name} tại {where}"

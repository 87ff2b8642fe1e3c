"""Turn a database URL (sqlite:///path, postgresql://user@host/db) into Django settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

SQLITE_PRAGMAS = (
    # WAL keeps readers off the writer's back; FULL survives power loss on the standalone PC.
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
    "PRAGMA busy_timeout=30000;"
)


def sqlite_settings(path: Path) -> dict[str, Any]:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        # IMMEDIATE takes the write lock at BEGIN, so two actions never race for register numbers.
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "init_command": SQLITE_PRAGMAS, "timeout": 30},
        "TEST": {"NAME": None},
    }


def database_from_url(url: str) -> dict[str, Any]:
    """Parse a database URL; only SQLite and PostgreSQL are supported."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        return sqlite_settings(Path(unquote(parsed.path)))
    if parsed.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")) or "bmnn",
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": 60,
        }
    raise ValueError(f"Không hỗ trợ cơ sở dữ liệu: {parsed.scheme}")

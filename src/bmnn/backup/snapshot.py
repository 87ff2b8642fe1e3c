"""SQLite: a consistent copy of a live database, what the copy says about itself, and the swap.

The copy uses SQLite's online backup API in a single step: it reads one snapshot under a read
transaction, so it is consistent while the server keeps writing (WAL lets writers go on).
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bmnn.backup.errors import DatabaseInUse, DatabaseMissing, SnapshotCorrupt
from bmnn.backup.manifest import Checkpoint, Migration

_SIDE_FILES = ("-wal", "-journal")  # carry data: kept with the database they belong to
_INDEX_FILES = ("-shm",)  # an index SQLite rebuilds: removed


@dataclass(frozen=True)
class SnapshotFacts:
    """What a database copy says about itself: applied migrations and the audit chain head."""

    migrations: tuple[Migration, ...]
    checkpoint: Checkpoint | None


def _uri(path: Path, mode: str) -> str:
    return f"{path.resolve().as_uri()}?mode={mode}"


@contextlib.contextmanager
def _connect(path: Path, mode: str, *, timeout: float = 30.0) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(_uri(path, mode), uri=True, timeout=timeout, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def take_sqlite_snapshot(source: Path, dest: Path) -> None:
    """Copy the live database to `dest` as one self-contained file (rollback journal, no -wal)."""
    if not source.is_file():
        raise DatabaseMissing(f"Không có cơ sở dữ liệu để sao lưu: {source} (chạy 'bmnn init' trước).")
    with _connect(source, "rw") as src, _connect(dest, "rwc") as dst:
        src.backup(dst)  # pages=-1: one step, one read transaction, one consistent snapshot
        dst.execute("PRAGMA journal_mode=DELETE")


def _table_exists(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone()
    return row is not None


def read_facts(conn: sqlite3.Connection) -> SnapshotFacts:
    migrations: tuple[Migration, ...] = ()
    if _table_exists(conn, "django_migrations"):
        rows = conn.execute("SELECT app, name FROM django_migrations ORDER BY app, name").fetchall()
        migrations = tuple((str(app), str(name)) for app, name in rows)
    checkpoint = None
    if _table_exists(conn, "audit_chainhead"):
        head = conn.execute("SELECT seq, hash FROM audit_chainhead ORDER BY id LIMIT 1").fetchone()
        if head is not None:
            checkpoint = Checkpoint(int(head[0]), str(head[1]))
    return SnapshotFacts(migrations, checkpoint)


def sqlite_facts(path: Path) -> SnapshotFacts:
    with _connect(path, "ro") as conn:
        return read_facts(conn)


def check_sqlite_copy(path: Path) -> SnapshotFacts:
    """PRAGMA integrity_check on an unpacked copy, then read its facts. Raises SnapshotCorrupt."""
    try:
        with _connect(path, "ro") as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            if [tuple(r) for r in rows] != [("ok",)]:
                problems = "; ".join(str(r[0]) for r in rows[:5])
                raise SnapshotCorrupt(
                    f"Cơ sở dữ liệu trong bản sao lưu bị hỏng (integrity_check: {problems})."
                )
            return read_facts(conn)
    except sqlite3.DatabaseError as exc:
        raise SnapshotCorrupt(f"Tệp cơ sở dữ liệu trong bản sao lưu không dùng được: {exc}") from None


def prepare_for_service(path: Path) -> None:
    """Put the restored copy in WAL mode, as the settings expect, before it goes live."""
    with _connect(path, "rw") as conn:
        conn.execute("PRAGMA journal_mode=WAL")
    for suffix in (*_SIDE_FILES, *_INDEX_FILES):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def ensure_not_in_use(path: Path) -> None:
    """Refuse while another process has the database open, and fold its WAL into the main file.

    A WAL-mode connection holds a shared lock for as long as it is open, so an exclusive lock
    is only granted when nobody else (the web server, a scheduled job) has the file open.
    """
    try:
        with _connect(path, "rw", timeout=0) as conn:
            conn.execute("PRAGMA locking_mode=EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("ROLLBACK")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.OperationalError:
        raise DatabaseInUse(
            f"Cơ sở dữ liệu {path} đang được dùng (máy chủ bmnn đang chạy?). "
            "Dừng máy chủ rồi chạy lại lệnh khôi phục."
        ) from None


def move_aside(live: Path, kept: Path) -> None:
    """Move the database and the files that carry its data to `kept`; drop its -shm index."""
    kept.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(live), str(kept))
    for suffix in _SIDE_FILES:
        side = Path(f"{live}{suffix}")
        if side.exists():
            shutil.move(str(side), f"{kept}{suffix}")
    for suffix in _INDEX_FILES:
        Path(f"{live}{suffix}").unlink(missing_ok=True)


def put_back(kept: Path, live: Path) -> None:
    """Undo move_aside after a failed swap."""
    shutil.move(str(kept), str(live))
    for suffix in _SIDE_FILES:
        side = Path(f"{kept}{suffix}")
        if side.exists():
            shutil.move(str(side), f"{live}{suffix}")


def place(restored: Path, live: Path) -> None:
    """Put the restored file in place; no stale -wal/-shm may survive to be replayed onto it."""
    for suffix in (*_SIDE_FILES, *_INDEX_FILES):
        Path(f"{live}{suffix}").unlink(missing_ok=True)
    restored.replace(live)

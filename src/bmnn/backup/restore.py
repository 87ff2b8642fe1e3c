"""Restore: check everything in a temporary folder, then keep the current database aside and
put the restored one in place. Any refusal before the swap leaves the current database as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bmnn.backup.archive import Unpacked, read_archive
from bmnn.backup.errors import (
    BackupError,
    DatabaseInUse,
    ExternalToolFailed,
    RestoreDeclined,
    SchemaTooNew,
    SnapshotCorrupt,
)
from bmnn.backup.installation import check_installation, read_installation_id, write_installation_id
from bmnn.backup.inuse import no_server
from bmnn.backup.limits import DEFAULT_MAX_BYTES
from bmnn.backup.manifest import SNAPSHOT_NAMES, Checkpoint, Manifest, Migration
from bmnn.backup.pgtools import (
    PgConn,
    pg_dump,
    pg_dump_facts,
    pg_live_checkpoint,
    pg_other_sessions,
    pg_restore_into,
    tool,
)
from bmnn.backup.snapshot import (
    SnapshotFacts,
    check_sqlite_copy,
    ensure_not_in_use,
    move_aside,
    place,
    prepare_for_service,
    put_back,
    sqlite_facts,
)
from bmnn.backup.target import Database, SqliteDatabase
from bmnn.backup.workdir import shielded, work_dir

KEPT_FOLDER = "restore-kept"
_INCONSISTENT = "{} trong cơ sở dữ liệu khác bảng kê: bản sao lưu không nhất quán."


@dataclass(frozen=True)
class Verified:
    manifest: Manifest
    snapshot: Path
    # Migrations this code has that the backup lacks: `bmnn init` applies them after the restore.
    pending: tuple[Migration, ...]


@dataclass(frozen=True)
class RestoreResult:
    manifest: Manifest
    kept: Path | None
    pending: tuple[Migration, ...]
    replaced_checkpoint: Checkpoint | None


def _work_dir(parent: Path, prefix: str) -> contextlib.AbstractContextManager[Path]:
    """Unpack beside the database: same protection as the data, same disk for the final rename;
    removed on every exit, and at the next start when the process was killed (workdir.py)."""
    return work_dir(parent, prefix)


def check_schema(backup: Iterable[Migration], known: frozenset[Migration]) -> tuple[Migration, ...]:
    """Refuse a backup from a newer bmnn; return what this code would still have to apply."""
    applied = set(backup)
    unknown = sorted(applied - known)
    if unknown:
        listed = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        raise SchemaTooNew(
            f"Bản sao lưu có lược đồ mới hơn phiên bản bmnn này ({len(unknown)} migration lạ: {listed}). "
            "Cập nhật bmnn rồi mới khôi phục."
        )
    return tuple(sorted(known - applied))


def _snapshot_facts(engine: str, snapshot: Path) -> SnapshotFacts:
    return check_sqlite_copy(snapshot) if engine == "sqlite" else pg_dump_facts(snapshot)


def verify_unpacked(unpacked: Unpacked, known: frozenset[Migration]) -> Verified:
    """The database inside must be sound and say what the manifest says about it."""
    manifest = unpacked.manifest
    snapshot = unpacked.files[SNAPSHOT_NAMES[manifest.engine]]
    facts = _snapshot_facts(manifest.engine, snapshot)
    if sorted(facts.migrations) != sorted(manifest.migrations):
        raise SnapshotCorrupt(_INCONSISTENT.format("Danh sách migration"))
    if facts.checkpoint != manifest.audit_checkpoint:
        raise SnapshotCorrupt(_INCONSISTENT.format("Mốc chuỗi nhật ký"))
    return Verified(manifest, snapshot, check_schema(manifest.migrations, known))


def verify_backup(archive: Path, key: bytes, work_parent: Path, *, known: frozenset[Migration],
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Manifest:
    """Every check a restore makes, without restoring (for testing backups regularly)."""
    with _work_dir(work_parent, ".bmnn-verify-") as tmp:
        unpacked = read_archive(archive, key, tmp, max_bytes=max_bytes)
        return verify_unpacked(unpacked, known).manifest


def current_checkpoint(db: Database) -> Checkpoint | None:
    if isinstance(db, SqliteDatabase):
        try:
            return sqlite_facts(db.path).checkpoint if db.path.is_file() else None
        except sqlite3.Error:  # a damaged current database is a reason to restore, not to stop
            return None
    return pg_live_checkpoint(db.conn)


def _preflight(db: Database) -> None:
    """Refuse before asking for confirmation what would only fail after it."""
    if isinstance(db, SqliteDatabase):
        if db.path.exists():
            ensure_not_in_use(db.path)
    else:
        tool("pg_dump")
        tool("psql")
        others = pg_other_sessions(db.conn)
        if others:
            raise DatabaseInUse(
                f"Cơ sở dữ liệu {db.conn.name} đang có {others} kết nối khác (máy chủ bmnn đang chạy?). "
                "Dừng máy chủ và đóng các kết nối rồi chạy lại lệnh khôi phục."
            )


def _has_database(db: Database) -> bool:
    """Whether there is a current database whose data a restore would replace."""
    if isinstance(db, SqliteDatabase):
        return db.path.exists()
    return pg_live_checkpoint(db.conn) is not None


def _kept_path(folder: Path, stem: str, suffix: str, now: dt.datetime) -> Path:
    base = f"{stem}-{now.strftime('%Y%m%d-%H%M%S')}"
    candidate, n = folder / f"{base}{suffix}", 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{base}-{n}{suffix}"
    return candidate


def _swap_sqlite(live: Path, restored: Path, kept_dir: Path, now: dt.datetime) -> Path | None:
    prepare_for_service(restored)
    kept = None
    if live.exists():
        ensure_not_in_use(live)
        kept = _kept_path(kept_dir, live.stem, live.suffix, now)
        move_aside(live, kept)
    try:
        place(restored, live)
    except OSError as exc:
        if kept is not None:
            put_back(kept, live)
        raise BackupError(
            f"Không đặt được cơ sở dữ liệu khôi phục vào chỗ ({exc}); đã trả lại bản cũ."
        ) from None
    return kept


def _swap_postgres(conn: PgConn, dump: Path, kept_dir: Path, now: dt.datetime) -> Path:
    kept_dir.mkdir(parents=True, exist_ok=True)
    kept = _kept_path(kept_dir, conn.name, ".pgdump", now)
    try:
        pg_dump(conn, kept)
    except ExternalToolFailed as exc:
        kept.unlink(missing_ok=True)
        raise ExternalToolFailed(
            f"Không lưu được bản hiện tại trước khi khôi phục, nên không khôi phục. {exc}"
        ) from None
    pg_restore_into(conn, dump)
    return kept


def _installation_check(data_dir: Path, db: Database, accepted: str) -> Callable[[Manifest], None]:
    """Refuse another installation's backup as soon as its manifest is read, before unpacking."""
    current = read_installation_id(data_dir)

    def check(manifest: Manifest) -> None:
        check_installation(manifest.installation_id, current, accepted, has_data=_has_database(db))

    return check


@contextlib.contextmanager
def _restoring(data_dir: Path, work_parent: Path) -> Iterator[Path]:
    with no_server(data_dir), _work_dir(work_parent, ".bmnn-restore-") as tmp:
        yield tmp


def restore_backup(
    archive: Path, key: bytes, db: Database, *, data_dir: Path, known: frozenset[Migration],
    confirm: Callable[[Verified, Checkpoint | None], bool], max_bytes: int = DEFAULT_MAX_BYTES,
    accept_installation: str = "",
) -> RestoreResult:
    """Check the archive completely, ask `confirm`, keep the current database aside, restore.

    Refused while `bmnn serve` runs on `data_dir`, and when the backup belongs to another
    installation than `data_dir`'s, unless `accept_installation` names it (installation.py).
    The decrypted copy lives in a work folder removed on every exit (workdir.py)."""
    work_parent = db.path.parent if isinstance(db, SqliteDatabase) else data_dir
    with _restoring(data_dir, work_parent) as tmp:
        unpacked = read_archive(archive, key, tmp, max_bytes=max_bytes, engine=db.engine,
                                check_manifest=_installation_check(data_dir, db, accept_installation))
        verified = verify_unpacked(unpacked, known)
        _preflight(db)
        replaced = current_checkpoint(db)
        if not confirm(verified, replaced):
            raise RestoreDeclined("Đã hủy khôi phục; không thay đổi gì.")
        now, kept_dir = dt.datetime.now(), data_dir / KEPT_FOLDER
        if isinstance(db, SqliteDatabase):
            with shielded():  # never cut between moving the current file aside and placing the new
                kept = _swap_sqlite(db.path, verified.snapshot, kept_dir, now)
        else:
            kept = _swap_postgres(db.conn, verified.snapshot, kept_dir, now)  # one transaction
        if verified.manifest.installation_id:
            write_installation_id(data_dir, verified.manifest.installation_id)  # the data's own
    return RestoreResult(verified.manifest, kept, verified.pending, replaced)

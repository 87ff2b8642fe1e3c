"""Make a backup: consistent snapshot, manifest, sealed archive."""

from __future__ import annotations

from pathlib import Path

from bmnn.backup.archive import write_archive
from bmnn.backup.crypto import DEFAULT_CHUNK
from bmnn.backup.errors import OutputExists
from bmnn.backup.manifest import SNAPSHOT_NAMES, Manifest, describe_file, now_utc
from bmnn.backup.pgtools import pg_dump, pg_dump_facts
from bmnn.backup.snapshot import SnapshotFacts, sqlite_facts, take_sqlite_snapshot
from bmnn.backup.target import Database, SqliteDatabase
from bmnn.backup.workdir import work_dir


def take_snapshot(db: Database, dest: Path) -> SnapshotFacts:
    """Snapshot into `dest` and read the facts from the snapshot itself, so they agree with it."""
    if isinstance(db, SqliteDatabase):
        take_sqlite_snapshot(db.path, dest)
        return sqlite_facts(dest)
    pg_dump(db.conn, dest)
    return pg_dump_facts(dest)


def create_backup(
    db: Database, target: Path, key: bytes, *, work_parent: Path, bmnn_version: str,
    installation_id: str = "", chunk_size: int = DEFAULT_CHUNK,
) -> Manifest:
    """Write a sealed backup of `db` to `target`.

    The plaintext snapshot lives only in a work folder under `work_parent` (the data folder,
    which already holds the database), never in the system temp folder, and is removed on every
    exit (workdir.py).
    """
    if target.exists():
        raise OutputExists(f"Tệp {target} đã tồn tại; chọn tên khác.")
    with work_dir(work_parent, ".bmnn-backup-") as tmp:
        snapshot = tmp / SNAPSHOT_NAMES[db.engine]
        facts = take_snapshot(db, snapshot)
        manifest = Manifest(
            engine=db.engine, bmnn_version=bmnn_version, created_at=now_utc(),
            migrations=facts.migrations, files=(describe_file(snapshot),),
            audit_checkpoint=facts.checkpoint, installation_id=installation_id,
        )
        write_archive(target, key, manifest, {snapshot.name: snapshot}, chunk_size=chunk_size)
    return manifest

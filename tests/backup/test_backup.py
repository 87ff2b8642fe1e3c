"""Backup and restore against real SQLite files (and PostgreSQL when BMNN_TEST_DATABASE_URL is set)."""

from __future__ import annotations

import hashlib
import io
import os
import sqlite3
import subprocess
import sys
import tarfile
import threading
from pathlib import Path
from typing import IO, cast
from urllib.parse import urlparse, urlunparse

import pytest

from bmnn.backup import errors
from bmnn.backup.create import create_backup
from bmnn.backup.crypto import HEADER_BYTES, MIN_CHUNK, EncryptingWriter
from bmnn.backup.keys import generate_key_file, load_key
from bmnn.backup.limits import DEFAULT_MAX_BYTES, parse_size
from bmnn.backup.manifest import Checkpoint, FileEntry, Manifest
from bmnn.backup.restore import RestoreResult, restore_backup, verify_backup
from bmnn.backup.snapshot import take_sqlite_snapshot
from bmnn.backup.target import SqliteDatabase

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
MIGRATIONS = (("audit", "0001_initial"), ("audit", "0002_chain_head_row"))
KNOWN = frozenset(MIGRATIONS)
ROWS = [(1, "Công văn số 12/CV-BMNN, Mật"), (2, "Báo cáo tự kiểm tra, Tối mật")]


def _make_db(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE doc (id INTEGER PRIMARY KEY, title TEXT)")
    conn.executemany("INSERT INTO doc VALUES (?, ?)", ROWS)
    conn.execute("CREATE TABLE django_migrations (id INTEGER PRIMARY KEY, app TEXT, name TEXT, applied TEXT)")
    conn.executemany("INSERT INTO django_migrations (app, name, applied) VALUES (?, ?, '2026-01-01')",
                     MIGRATIONS)
    conn.execute("CREATE TABLE audit_chainhead (id INTEGER PRIMARY KEY, seq INTEGER, hash TEXT)")
    conn.execute("INSERT INTO audit_chainhead VALUES (1, 7, ?)", ("ab" * 32,))
    conn.close()


def _rows(path: Path) -> list[tuple[int, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT id, title FROM doc ORDER BY id").fetchall()
    finally:
        conn.close()


def _change(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DELETE FROM doc WHERE id = 1")
    conn.execute("INSERT OR REPLACE INTO doc VALUES (3, 'Sổ đăng ký sửa sau sao lưu')")
    conn.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _yes(*_args: object) -> bool:
    return True


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    _make_db(folder / "bmnn.sqlite3")
    return folder


@pytest.fixture
def live(data_dir: Path) -> SqliteDatabase:
    return SqliteDatabase(data_dir / "bmnn.sqlite3")


@pytest.fixture
def archive(tmp_path: Path, live: SqliteDatabase, data_dir: Path) -> Path:
    """A real backup with small chunks, so tampering tests cross many chunks."""
    target = tmp_path / "saoluu.bmnnbak"
    create_backup(live, target, KEY, work_parent=data_dir, bmnn_version="test", chunk_size=MIN_CHUNK)
    return target


def _restore(archive: Path, live: SqliteDatabase, data_dir: Path, *, key: bytes = KEY,
             max_bytes: int = DEFAULT_MAX_BYTES) -> RestoreResult:
    return restore_backup(archive, key, live, data_dir=data_dir, known=KNOWN, confirm=_yes,
                          max_bytes=max_bytes)


def _assert_untouched(live: SqliteDatabase, data_dir: Path, digest: str) -> None:
    assert _digest(live.path) == digest
    assert not (data_dir / "restore-kept").exists()
    assert not [p for p in data_dir.iterdir() if p.name.startswith(".bmnn-")], "temporary folder left behind"


# --- round trip -------------------------------------------------------------------------------


def test_round_trip_restores_data_and_keeps_current_aside(archive, live, data_dir):
    _change(live.path)
    changed = _rows(live.path)
    result = _restore(archive, live, data_dir)
    assert _rows(live.path) == ROWS
    assert result.kept is not None and result.kept.parent == data_dir / "restore-kept"
    assert _rows(result.kept) == changed  # the replaced database is kept, readable
    assert result.manifest.migrations == tuple(sorted(MIGRATIONS))
    assert result.manifest.audit_checkpoint == Checkpoint(7, "ab" * 32)
    assert result.pending == ()
    assert not Path(f"{live.path}-wal").exists() or Path(f"{live.path}-wal").stat().st_size == 0
    assert [p.name for p in data_dir.iterdir() if p.name.startswith(".bmnn-")] == []


def test_restore_removes_stale_wal_and_shm(archive, live, data_dir):
    _change(live.path)
    Path(f"{live.path}-shm").write_bytes(b"stale index")
    _restore(archive, live, data_dir)
    assert not Path(f"{live.path}-shm").exists()
    assert _rows(live.path) == ROWS
    conn = sqlite3.connect(live.path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    conn.close()


def test_restore_onto_a_machine_without_database(archive, live, data_dir):
    live.path.unlink()
    result = _restore(archive, live, data_dir)
    assert result.kept is None
    assert _rows(live.path) == ROWS


def test_verify_checks_without_replacing(archive, live, data_dir):
    _change(live.path)
    digest = _digest(live.path)
    manifest = verify_backup(archive, KEY, data_dir, known=KNOWN)
    assert manifest.engine == "sqlite" and manifest.files[0].name == "bmnn.sqlite3"
    _assert_untouched(live, data_dir, digest)


def test_snapshot_is_consistent_while_a_writer_runs(tmp_path, live):
    """Each writer transaction adds two rows; a consistent snapshot never holds an odd count."""
    stop = threading.Event()

    def write_pairs() -> None:
        conn = sqlite3.connect(live.path, isolation_level=None, timeout=30)
        while not stop.is_set():
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("INSERT INTO doc (title) VALUES (?)", [("cặp",), ("cặp",)])
            conn.execute("COMMIT")
        conn.close()

    writer = threading.Thread(target=write_pairs)
    writer.start()
    try:
        for n in range(5):
            copy = tmp_path / f"snap{n}.sqlite3"
            take_sqlite_snapshot(live.path, copy)
            assert len(_rows(copy)) % 2 == 0
    finally:
        stop.set()
        writer.join()


# --- refusals: nothing replaced ---------------------------------------------------------------


def test_tampered_byte_is_refused_and_nothing_replaced(archive, live, data_dir):
    _change(live.path)
    digest = _digest(live.path)
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x01
    archive.write_bytes(bytes(data))
    with pytest.raises(errors.ArchiveTampered, match="bị sửa đổi"):
        _restore(archive, live, data_dir)
    _assert_untouched(live, data_dir, digest)


@pytest.mark.parametrize("where", ["header", "last_byte"])
def test_tampered_header_or_tail_is_refused(archive, live, data_dir, where):
    data = bytearray(archive.read_bytes())
    data[12 if where == "header" else -1] ^= 0x80  # byte 12 is in the chunk size field
    archive.write_bytes(bytes(data))
    with pytest.raises(errors.ArchiveTampered):
        _restore(archive, live, data_dir)


def test_truncated_at_chunk_boundary_or_extended_is_refused(archive, live, data_dir):
    data = archive.read_bytes()
    sealed_chunk = MIN_CHUNK + 16
    cut = HEADER_BYTES + 3 * sealed_chunk  # header + three whole chunks: a clean cut between chunks
    archive.write_bytes(data[:cut])
    with pytest.raises(errors.ArchiveTampered):
        _restore(archive, live, data_dir)
    archive.write_bytes(data + b"\0" * 100)
    with pytest.raises(errors.ArchiveTampered):
        _restore(archive, live, data_dir)


def test_wrong_key_is_refused(archive, live, data_dir):
    digest = _digest(live.path)
    with pytest.raises(errors.WrongKey, match="Sai khóa"):
        _restore(archive, live, data_dir, key=OTHER_KEY)
    _assert_untouched(live, data_dir, digest)


def test_foreign_file_is_not_recognised(live, data_dir):
    with pytest.raises(errors.ArchiveNotRecognized, match="không phải bản sao lưu"):
        _restore(live.path, live, data_dir)


def test_declined_confirmation_changes_nothing(archive, live, data_dir):
    digest = _digest(live.path)
    with pytest.raises(errors.RestoreDeclined):
        restore_backup(archive, KEY, live, data_dir=data_dir, known=KNOWN, confirm=lambda *a: False)
    _assert_untouched(live, data_dir, digest)


def test_database_in_use_is_refused(archive, live, data_dir):
    server = sqlite3.connect(live.path)
    server.execute("SELECT count(*) FROM doc").fetchone()
    try:
        with pytest.raises(errors.DatabaseInUse, match="đang được dùng"):
            _restore(archive, live, data_dir)
    finally:
        server.close()
    assert _rows(live.path) == ROWS
    assert not list((data_dir / "restore-kept").glob("*.sqlite3"))


def test_oversize_is_refused_before_unpacking(archive, live, data_dir):
    digest = _digest(live.path)
    with pytest.raises(errors.ArchiveTooLarge, match="vượt giới hạn"):
        _restore(archive, live, data_dir, max_bytes=1000)
    _assert_untouched(live, data_dir, digest)


def test_schema_from_newer_code_is_refused(archive, live, data_dir):
    with pytest.raises(errors.SchemaTooNew, match="mới hơn"):
        restore_backup(archive, KEY, live, data_dir=data_dir, known=frozenset(MIGRATIONS[:1]), confirm=_yes)
    assert _rows(live.path) == ROWS


def test_older_schema_is_restored_with_pending_migrations(archive, live, data_dir):
    newer = KNOWN | {("registry", "0002_later")}
    result = restore_backup(archive, KEY, live, data_dir=data_dir, known=newer, confirm=_yes)
    assert result.pending == (("registry", "0002_later"),)


# --- crafted archives: valid encryption, bad content ------------------------------------------


def _seal(path: Path, members: list[tuple[str, bytes]], key: bytes = KEY) -> Path:
    with path.open("wb") as raw:
        writer = EncryptingWriter(raw, key, chunk_size=MIN_CHUNK)
        with tarfile.open(fileobj=cast(IO[bytes], writer), mode="w|", format=tarfile.PAX_FORMAT) as tar:
            for name, data in members:
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
        writer.close()
    return path


def _manifest(files: list[FileEntry], engine: str = "sqlite") -> bytes:
    return Manifest(engine, "test", "2026-05-10T00:00:00Z", tuple(sorted(MIGRATIONS)), tuple(files),
                    Checkpoint(7, "ab" * 32)).to_json()


@pytest.fixture
def snapshot_bytes(tmp_path, live) -> bytes:
    copy = tmp_path / "copy.sqlite3"
    take_sqlite_snapshot(live.path, copy)
    return copy.read_bytes()


def _entry(name: str, data: bytes, *, size: int | None = None, sha: str | None = None) -> FileEntry:
    return FileEntry(name, len(data) if size is None else size, sha or hashlib.sha256(data).hexdigest())


def _refused(tmp_path, live, data_dir, members, exc, match=None):
    _change(live.path)
    digest = _digest(live.path)
    crafted = _seal(tmp_path / "crafted.bmnnbak", members)
    with pytest.raises(exc, match=match):
        _restore(crafted, live, data_dir)
    _assert_untouched(live, data_dir, digest)


def test_crafted_archive_is_restorable(tmp_path, live, data_dir, snapshot_bytes):
    """Control for the tests below: the crafting helpers make a good archive when told the truth."""
    members = [("manifest.json", _manifest([_entry("bmnn.sqlite3", snapshot_bytes)])),
               ("bmnn.sqlite3", snapshot_bytes)]
    _restore(_seal(tmp_path / "good.bmnnbak", members), live, data_dir)
    assert _rows(live.path) == ROWS


def test_manifest_hash_mismatch_is_refused(tmp_path, live, data_dir, snapshot_bytes):
    manifest = _manifest([_entry("bmnn.sqlite3", snapshot_bytes, sha="0" * 64)])
    _refused(tmp_path, live, data_dir, [("manifest.json", manifest), ("bmnn.sqlite3", snapshot_bytes)],
             errors.FileMismatch, "SHA-256")


def test_size_mismatch_is_refused(tmp_path, live, data_dir, snapshot_bytes):
    manifest = _manifest([_entry("bmnn.sqlite3", snapshot_bytes, size=100)])
    _refused(tmp_path, live, data_dir, [("manifest.json", manifest), ("bmnn.sqlite3", snapshot_bytes)],
             errors.FileMismatch, "Kích thước")


def test_missing_listed_file_is_refused(tmp_path, live, data_dir, snapshot_bytes):
    manifest = _manifest([_entry("bmnn.sqlite3", snapshot_bytes)])
    _refused(tmp_path, live, data_dir, [("manifest.json", manifest)], errors.FileMismatch, "thiếu tệp")


def test_declared_oversize_in_manifest_is_refused(tmp_path, live, data_dir, snapshot_bytes):
    manifest = _manifest([_entry("bmnn.sqlite3", snapshot_bytes, size=parse_size("60G"))])
    _refused(tmp_path, live, data_dir, [("manifest.json", manifest), ("bmnn.sqlite3", snapshot_bytes)],
             errors.ArchiveTooLarge, "vượt giới hạn")


@pytest.mark.parametrize("name", ["../bmnn.sqlite3", "../../etc/evil", "/tmp/evil", "C:\\evil", "a/../../x"])
def test_path_traversal_in_manifest_is_refused(tmp_path, live, data_dir, snapshot_bytes, name):
    manifest = _manifest([_entry(name, snapshot_bytes), _entry("bmnn.sqlite3", snapshot_bytes)])
    _refused(tmp_path, live, data_dir, [("manifest.json", manifest), (name, snapshot_bytes)],
             errors.UnsafePath)
    assert not (tmp_path / "bmnn.sqlite3").exists() and not (tmp_path / "evil").exists()


@pytest.mark.parametrize("name", ["../evil.sqlite3", "/tmp/evil.sqlite3"])
def test_path_traversal_in_tar_member_is_refused(tmp_path, live, data_dir, snapshot_bytes, name):
    manifest = _manifest([_entry("bmnn.sqlite3", snapshot_bytes)])
    _refused(tmp_path, live, data_dir, [("manifest.json", manifest), (name, snapshot_bytes)],
             errors.UnsafePath)
    assert not (tmp_path / "evil.sqlite3").exists()


def test_engine_mismatch_is_refused(tmp_path, live, data_dir):
    dump = b"PGDMP fake"
    manifest = _manifest([_entry("bmnn.pgdump", dump)], engine="postgresql")
    _refused(tmp_path, live, data_dir, [("manifest.json", manifest), ("bmnn.pgdump", dump)],
             errors.EngineMismatch, "postgresql")


def test_corrupt_database_inside_is_refused(tmp_path, live, data_dir, snapshot_bytes):
    broken = snapshot_bytes[:4096] + b"\xff" * (len(snapshot_bytes) - 4096)
    manifest = _manifest([_entry("bmnn.sqlite3", broken)])
    _refused(tmp_path, live, data_dir, [("manifest.json", manifest), ("bmnn.sqlite3", broken)],
             errors.SnapshotCorrupt)


def test_manifest_contradicting_database_is_refused(tmp_path, live, data_dir, snapshot_bytes):
    manifest = Manifest("sqlite", "test", "2026-05-10T00:00:00Z", tuple(sorted(MIGRATIONS)),
                        (_entry("bmnn.sqlite3", snapshot_bytes),), Checkpoint(99, "cd" * 32)).to_json()
    _refused(tmp_path, live, data_dir, [("manifest.json", manifest), ("bmnn.sqlite3", snapshot_bytes)],
             errors.SnapshotCorrupt, "nhật ký")


def test_missing_or_malformed_manifest_is_refused(tmp_path, live, data_dir, snapshot_bytes):
    _refused(tmp_path, live, data_dir, [("bmnn.sqlite3", snapshot_bytes)], errors.ManifestInvalid)
    _refused(tmp_path, live, data_dir, [("manifest.json", b"{not json"), ("bmnn.sqlite3", snapshot_bytes)],
             errors.ManifestInvalid)


# --- keys and sizes ---------------------------------------------------------------------------


def test_keygen_refuses_to_overwrite(tmp_path):
    path = tmp_path / "khoa.key"
    key = generate_key_file(path)
    assert load_key(path) == key and len(key) == 32
    with pytest.raises(errors.KeyFileExists):
        generate_key_file(path)
    assert load_key(path) == key


def test_invalid_key_file_is_refused(tmp_path):
    path = tmp_path / "bad.key"
    path.write_text("không phải khóa", encoding="utf-8")
    with pytest.raises(errors.KeyFileInvalid):
        load_key(path)
    with pytest.raises(errors.KeyFileInvalid):
        load_key(tmp_path / "missing.key")


def test_parse_size():
    assert parse_size("50G") == 50 * 1024**3
    assert parse_size("500m") == 500 * 1024**2
    assert parse_size("1234") == 1234
    with pytest.raises(ValueError):
        parse_size("nhiều")


# --- through the `bmnn` command ---------------------------------------------------------------


def _bmnn(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bmnn.cli", *args], env=env, capture_output=True,
                          text=True, encoding="utf-8", stdin=subprocess.DEVNULL, check=False)


def _cli_env(data: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BMNN_", "DJANGO_"))}
    return {**env, "BMNN_DATA_DIR": str(data), "PYTHONIOENCODING": "utf-8", **extra}


def _sql(path: Path, *statements: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        rows: list[tuple[object, ...]] = []
        for statement in statements:
            rows = conn.execute(statement).fetchall()
        return rows
    finally:
        conn.close()


def test_cli_backup_and_restore(tmp_path):
    data, key, out = tmp_path / "data", tmp_path / "khoa.key", tmp_path / "saoluu.bmnnbak"
    env = _cli_env(data)
    assert _bmnn(env, "init").returncode == 0
    db = data / "bmnn.sqlite3"
    _sql(db, "CREATE TABLE t_doc (title TEXT)", "INSERT INTO t_doc VALUES ('Tài liệu Mật số 1')")

    assert _bmnn(env, "backup", "keygen", str(key)).returncode == 0
    again = _bmnn(env, "backup", "keygen", str(key))
    assert again.returncode == 2 and "đã tồn tại" in again.stderr

    done = _bmnn(env, "backup", "-o", str(out), "--key-file", str(key))
    assert done.returncode == 0, done.stderr
    assert "Đã sao lưu" in done.stdout
    assert _bmnn(env, "backup", "verify", str(out), "--key-file", str(key)).returncode == 0

    _sql(db, "DELETE FROM t_doc", "INSERT INTO t_doc VALUES ('sửa sau sao lưu')")
    asked = _bmnn(env, "restore", str(out), "--key-file", str(key))  # stdin is not a terminal
    assert asked.returncode == 2 and "--yes" in asked.stderr
    assert _sql(db, "SELECT title FROM t_doc") == [("sửa sau sao lưu",)]

    tampered = tmp_path / "hong.bmnnbak"
    raw = bytearray(out.read_bytes())
    raw[len(raw) // 3] ^= 0xFF
    tampered.write_bytes(bytes(raw))
    refused = _bmnn(env, "restore", str(tampered), "--key-file", str(key), "--yes")
    assert refused.returncode == 2 and "bị sửa đổi" in refused.stderr
    assert _sql(db, "SELECT title FROM t_doc") == [("sửa sau sao lưu",)]

    restored = _bmnn(env, "restore", str(out), "--key-file", str(key), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert _sql(db, "SELECT title FROM t_doc") == [("Tài liệu Mật số 1",)]
    kept = list((data / "restore-kept").glob("bmnn-*.sqlite3"))
    assert len(kept) == 1 and str(kept[0]) in restored.stdout
    assert _sql(kept[0], "SELECT title FROM t_doc") == [("sửa sau sao lưu",)]
    # The restore itself is on the record: the first event of the restored chain.
    assert _sql(db, "SELECT seq, action FROM audit_event") == [(1, "backup.restore")]


# --- PostgreSQL -------------------------------------------------------------------------------

PG_URL = os.environ.get("BMNN_TEST_DATABASE_URL", "")
SCRATCH_DB = "bmnn_backup_test"


def _pg_url(dbname: str) -> str:
    return urlunparse(urlparse(PG_URL)._replace(path=f"/{dbname}"))


@pytest.fixture
def scratch_pg():
    import psycopg

    admin = _pg_url("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {SCRATCH_DB}")
    yield _pg_url(SCRATCH_DB)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DB} WITH (FORCE)")


def _pg(url: str, *statements: str) -> list[tuple[object, ...]]:
    import psycopg

    rows: list[tuple[object, ...]] = []
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            cursor = conn.execute(statement)
            rows = cursor.fetchall() if cursor.description else []
    return rows


@pytest.mark.skipif(not PG_URL, reason="BMNN_TEST_DATABASE_URL is not set")
def test_postgresql_round_trip(tmp_path, scratch_pg):
    data, key, out = tmp_path / "data", tmp_path / "khoa.key", tmp_path / "saoluu.bmnnbak"
    env = _cli_env(data, BMNN_DATABASE_URL=scratch_pg)
    assert _bmnn(env, "init").returncode == 0
    _pg(scratch_pg, "CREATE TABLE t_doc (title text)", "INSERT INTO t_doc VALUES ('Tài liệu Mật số 1')")
    assert _bmnn(env, "backup", "keygen", str(key)).returncode == 0
    done = _bmnn(env, "backup", "-o", str(out), "--key-file", str(key))
    assert done.returncode == 0, done.stderr

    _pg(scratch_pg, "UPDATE t_doc SET title = 'sửa sau sao lưu'", "CREATE TABLE t_later (x int)")
    restored = _bmnn(env, "restore", str(out), "--key-file", str(key), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert _pg(scratch_pg, "SELECT title FROM t_doc") == [("Tài liệu Mật số 1",)]
    assert _pg(scratch_pg, "SELECT to_regclass('public.t_later')") == [(None,)]
    kept = list((data / "restore-kept").glob(f"{SCRATCH_DB}-*.pgdump"))
    assert len(kept) == 1 and kept[0].stat().st_size > 0
    assert _pg(scratch_pg, "SELECT action FROM audit_event") == [("backup.restore",)]

    lite_env, lite = _cli_env(tmp_path / "lite"), tmp_path / "lite.bmnnbak"
    assert _bmnn(lite_env, "init").returncode == 0
    assert _bmnn(lite_env, "backup", "-o", str(lite), "--key-file", str(key)).returncode == 0
    cross = _bmnn(env, "restore", str(lite), "--key-file", str(key), "--yes")
    assert cross.returncode == 2 and "không khôi phục chéo" in cross.stderr


@pytest.mark.skipif(not PG_URL, reason="BMNN_TEST_DATABASE_URL is not set")
def test_postgresql_failed_restore_changes_nothing(tmp_path, scratch_pg, monkeypatch):
    """pg_restore dying half way, or psql failing on a statement, rolls the whole restore back."""
    from bmnn.backup import pgtools
    from bmnn.backup.target import database_from_settings
    from bmnn.lib.dburl import database_from_url

    db = database_from_settings(database_from_url(scratch_pg))
    assert not isinstance(db, SqliteDatabase)
    _pg(scratch_pg, "CREATE TABLE t_doc (title text)",
        "INSERT INTO t_doc SELECT 'dòng ' || g FROM generate_series(1, 5000) g")
    dump = tmp_path / "good.pgdump"
    pgtools.pg_dump(db.conn, dump)
    _pg(scratch_pg, "UPDATE t_doc SET title = 'hiện tại'", "CREATE TABLE t_keep (x int)")

    truncated = tmp_path / "cut.pgdump"
    truncated.write_bytes(dump.read_bytes()[: dump.stat().st_size - 200])
    with pytest.raises(errors.ExternalToolFailed, match="giữ nguyên"):
        pgtools.pg_restore_into(db.conn, truncated)
    monkeypatch.setattr(pgtools, "_CLEAR_SCHEMA", pgtools._CLEAR_SCHEMA + "\nSELECT 1/0;\n")
    with pytest.raises(errors.ExternalToolFailed, match="giữ nguyên"):
        pgtools.pg_restore_into(db.conn, dump)

    assert _pg(scratch_pg, "SELECT DISTINCT title FROM t_doc") == [("hiện tại",)]
    assert _pg(scratch_pg, "SELECT to_regclass('public.t_keep')::text") == [("t_keep",)]

"""Restore guards: another installation's backup made with the same key is refused (unless the
operator names it, to move an installation to a new machine); a restore is refused while
`bmnn serve` runs on the data folder; and no decrypted copy outlives the restore, whether it
ends, fails, is interrupted (Ctrl+C, SIGTERM, SIGHUP) or is killed outright (then the next
start removes it)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bmnn.backup import archive as archive_module
from bmnn.backup import errors
from bmnn.backup.create import create_backup
from bmnn.backup.installation import ID_FILE, read_installation_id, write_installation_id
from bmnn.backup.inuse import hold_for_server, no_server
from bmnn.backup.restore import RestoreResult, restore_backup
from bmnn.backup.target import SqliteDatabase
from bmnn.backup.workdir import clean_stale
from tests.backup.test_backup import (  # noqa: F401  (scratch_pg is a fixture)
    KEY,
    KNOWN,
    PG_URL,
    ROWS,
    _bmnn,
    _change,
    _cli_env,
    _digest,
    _make_db,
    _pg,
    _rows,
    _sql,
    scratch_pg,
)

OURS, THEIRS = "1111-2222-3333-4444", "aaaa-bbbb-cccc-dddd"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    _make_db(folder / "bmnn.sqlite3")
    write_installation_id(folder, OURS)
    return folder


@pytest.fixture
def live(data_dir: Path) -> SqliteDatabase:
    return SqliteDatabase(data_dir / "bmnn.sqlite3")


def _backup(tmp_path: Path, live: SqliteDatabase, installation: str, name: str = "b.bmnnbak") -> Path:
    target = tmp_path / name
    create_backup(live, target, KEY, work_parent=live.path.parent, bmnn_version="test",
                  installation_id=installation)
    return target


def _restore(archive: Path, live: SqliteDatabase, data_dir: Path, accept: str = "") -> RestoreResult:
    return restore_backup(archive, KEY, live, data_dir=data_dir, known=KNOWN, confirm=lambda *a: True,
                          accept_installation=accept)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".bmnn-"))


# --- the installation ------------------------------------------------------------------------------

def test_own_backup_restores(tmp_path: Path, live: SqliteDatabase, data_dir: Path) -> None:
    archive = _backup(tmp_path, live, OURS)
    _change(live.path)
    assert _restore(archive, live, data_dir).manifest.installation_id == OURS
    assert _rows(live.path) == ROWS


def test_another_installations_backup_is_refused_before_anything_is_unpacked(
        tmp_path: Path, live: SqliteDatabase, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = _backup(tmp_path, live, THEIRS)
    _change(live.path)
    digest = _digest(live.path)

    def no_unpacking(*_args: object) -> Path:
        raise AssertionError("a file was unpacked from another installation's backup")

    monkeypatch.setattr(archive_module, "_extract", no_unpacking)
    with pytest.raises(errors.OtherInstallation) as refused:
        _restore(archive, live, data_dir)
    message = str(refused.value)
    assert f"của cài đặt {THEIRS}" in message and OURS in message
    assert f"--from-installation {THEIRS}" in message
    assert _digest(live.path) == digest and not (data_dir / "restore-kept").exists()
    assert _leftovers(data_dir) == [] and read_installation_id(data_dir) == OURS


def test_named_installation_is_accepted_and_becomes_this_ones(
        tmp_path: Path, live: SqliteDatabase, data_dir: Path) -> None:
    archive = _backup(tmp_path, live, THEIRS)
    _change(live.path)
    with pytest.raises(errors.OtherInstallation):
        _restore(archive, live, data_dir, accept="eeee-bbbb-cccc-dddd")  # not the backup's id
    _restore(archive, live, data_dir, accept=THEIRS.upper().replace("-", ""))
    assert _rows(live.path) == ROWS and read_installation_id(data_dir) == THEIRS
    _change(live.path)
    _restore(archive, live, data_dir)  # from now on it is this installation's own backup


def test_old_backup_without_an_id_needs_khong_ro(tmp_path: Path, live: SqliteDatabase,
                                                 data_dir: Path) -> None:
    archive = _backup(tmp_path, live, "")
    _change(live.path)
    with pytest.raises(errors.OtherInstallation, match="không ghi mã cài đặt"):
        _restore(archive, live, data_dir)
    _restore(archive, live, data_dir, accept="khong-ro")
    assert _rows(live.path) == ROWS and read_installation_id(data_dir) == OURS


def test_a_machine_without_data_takes_any_backup(tmp_path: Path, live: SqliteDatabase,
                                                 data_dir: Path) -> None:
    archive = _backup(tmp_path, live, THEIRS)
    live.path.unlink()
    _restore(archive, live, data_dir)
    assert _rows(live.path) == ROWS and read_installation_id(data_dir) == THEIRS


def test_cli_refuses_another_installations_backup_made_with_the_same_key(tmp_path: Path) -> None:
    key, ours, theirs = tmp_path / "khoa.key", tmp_path / "ours", tmp_path / "theirs"
    assert _bmnn(_cli_env(ours), "init").returncode == 0
    assert _bmnn(_cli_env(theirs), "init").returncode == 0
    their_id = (theirs / ID_FILE).read_text().strip()
    assert their_id != (ours / ID_FILE).read_text().strip()
    _sql(ours / "bmnn.sqlite3", "CREATE TABLE t_doc (title TEXT)", "INSERT INTO t_doc VALUES ('của ta')")
    assert _bmnn(_cli_env(ours), "backup", "keygen", str(key)).returncode == 0
    out = tmp_path / "theirs.bmnnbak"
    done = _bmnn(_cli_env(theirs), "backup", "-o", str(out), "--key-file", str(key))
    assert done.returncode == 0 and their_id in done.stdout
    refused = _bmnn(_cli_env(ours), "restore", str(out), "--key-file", str(key), "--yes")
    assert refused.returncode == 2 and f"--from-installation {their_id}" in refused.stderr
    assert _sql(ours / "bmnn.sqlite3", "SELECT title FROM t_doc") == [("của ta",)]
    moved = _bmnn(_cli_env(ours), "restore", str(out), "--key-file", str(key), "--yes",
                  "--from-installation", their_id)
    assert moved.returncode == 0, moved.stderr
    assert (ours / ID_FILE).read_text().strip() == their_id


# --- a running server ---------------------------------------------------------------------------------

def test_restore_refused_while_a_server_holds_the_data_folder(
        tmp_path: Path, live: SqliteDatabase, data_dir: Path) -> None:
    archive = _backup(tmp_path, live, OURS)
    _change(live.path)
    digest = _digest(live.path)
    server = hold_for_server(data_dir)
    try:
        with pytest.raises(errors.DatabaseInUse, match="Máy chủ bmnn đang chạy"):
            _restore(archive, live, data_dir)
    finally:
        server.release()
    assert _digest(live.path) == digest and _leftovers(data_dir) == []
    _restore(archive, live, data_dir)


def test_server_cannot_start_while_a_restore_runs(data_dir: Path) -> None:
    with no_server(data_dir), pytest.raises(errors.DatabaseInUse, match="Đang khôi phục"):
        hold_for_server(data_dir)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def _serving(env: dict[str, str]) -> Iterator[subprocess.Popen[str]]:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "bmnn.cli", "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            time.sleep(0.1)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_cli_restore_refused_while_bmnn_serve_runs(tmp_path: Path) -> None:
    data, key, out = tmp_path / "data", tmp_path / "khoa.key", tmp_path / "saoluu.bmnnbak"
    env = _cli_env(data)
    assert _bmnn(env, "init").returncode == 0
    db = data / "bmnn.sqlite3"
    _sql(db, "CREATE TABLE t_doc (title TEXT)", "INSERT INTO t_doc VALUES ('bản sao lưu')")
    assert _bmnn(env, "backup", "keygen", str(key)).returncode == 0
    assert _bmnn(env, "backup", "-o", str(out), "--key-file", str(key)).returncode == 0
    _sql(db, "UPDATE t_doc SET title = 'đang dùng'")
    with _serving(env):
        refused = _bmnn(env, "restore", str(out), "--key-file", str(key), "--yes")
        assert refused.returncode == 2 and "Máy chủ bmnn đang chạy" in refused.stderr
        assert _sql(db, "SELECT title FROM t_doc") == [("đang dùng",)]
    restored = _bmnn(env, "restore", str(out), "--key-file", str(key), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert _sql(db, "SELECT title FROM t_doc") == [("bản sao lưu",)]


@pytest.mark.skipif(not PG_URL, reason="BMNN_TEST_DATABASE_URL is not set")
def test_postgresql_restore_refused_while_another_session_is_connected(
        tmp_path: Path, scratch_pg: str) -> None:  # noqa: F811
    import psycopg

    data, key, out = tmp_path / "data", tmp_path / "khoa.key", tmp_path / "saoluu.bmnnbak"
    env = _cli_env(data, BMNN_DATABASE_URL=scratch_pg)
    assert _bmnn(env, "init").returncode == 0
    _pg(scratch_pg, "CREATE TABLE t_doc (title text)", "INSERT INTO t_doc VALUES ('bản sao lưu')")
    assert _bmnn(env, "backup", "keygen", str(key)).returncode == 0
    assert _bmnn(env, "backup", "-o", str(out), "--key-file", str(key)).returncode == 0
    _pg(scratch_pg, "UPDATE t_doc SET title = 'đang dùng'")
    with psycopg.connect(scratch_pg) as server_elsewhere:  # a bmnn serve on another machine
        server_elsewhere.execute("SELECT 1")
        refused = _bmnn(env, "restore", str(out), "--key-file", str(key), "--yes")
        assert refused.returncode == 2 and "1 kết nối khác" in refused.stderr
    assert _pg(scratch_pg, "SELECT title FROM t_doc") == [("đang dùng",)]
    assert _leftovers(data) == []
    restored = _bmnn(env, "restore", str(out), "--key-file", str(key), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert _pg(scratch_pg, "SELECT title FROM t_doc") == [("bản sao lưu",)]


# --- no plaintext left behind --------------------------------------------------------------------------

PAUSED_RESTORE = """
import sys, time
from pathlib import Path
import bmnn.backup.restore as restore
real = restore.verify_unpacked
def paused(unpacked, known):
    Path(sys.argv[1]).write_text("ready")
    time.sleep(120)
    return real(unpacked, known)
restore.verify_unpacked = paused
from bmnn.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.fixture
def cli_backup(tmp_path: Path) -> tuple[dict[str, str], Path, Path]:
    data, key, out = tmp_path / "data", tmp_path / "khoa.key", tmp_path / "saoluu.bmnnbak"
    env = _cli_env(data)
    assert _bmnn(env, "init").returncode == 0
    _sql(data / "bmnn.sqlite3", "CREATE TABLE t_doc (title TEXT)", "INSERT INTO t_doc VALUES ('Tối mật')")
    assert _bmnn(env, "backup", "keygen", str(key)).returncode == 0
    assert _bmnn(env, "backup", "-o", str(out), "--key-file", str(key)).returncode == 0
    return env, key, out


def _paused_restore(env: dict[str, str], key: Path, out: Path, ready: Path) -> subprocess.Popen[str]:
    command = ["restore", str(out), "--key-file", str(key), "--yes"]
    process = subprocess.Popen(
        [sys.executable, "-c", PAUSED_RESTORE, str(ready), *command],
        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.05)
    return process


def _plaintext_copies(data: Path) -> list[Path]:
    return [p for p in data.glob(".bmnn-restore-*/bmnn.sqlite3")]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_an_interrupted_restore_removes_its_decrypted_copy(
        tmp_path: Path, cli_backup: tuple[dict[str, str], Path, Path], signum: int) -> None:
    env, key, out = cli_backup
    data = Path(env["BMNN_DATA_DIR"])
    process = _paused_restore(env, key, out, tmp_path / f"ready-{signum}")
    assert len(_plaintext_copies(data)) == 1  # the decrypted database, being checked
    process.send_signal(signum)
    process.wait(timeout=30)
    assert process.returncode != 0
    assert _leftovers(data) == []
    assert _sql(data / "bmnn.sqlite3", "SELECT title FROM t_doc") == [("Tối mật",)]


def test_a_killed_restore_leaves_nothing_after_the_next_start(
        tmp_path: Path, cli_backup: tuple[dict[str, str], Path, Path]) -> None:
    env, key, out = cli_backup
    data = Path(env["BMNN_DATA_DIR"])
    process = _paused_restore(env, key, out, tmp_path / "ready")
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    left = _plaintext_copies(data)
    assert len(left) == 1, "SIGKILL cannot be cleaned up after by the process itself"
    verified = _bmnn(env, "backup", "verify", str(out), "--key-file", str(key))
    assert verified.returncode == 0, verified.stderr
    assert "Đã xóa thư mục tạm còn sót lại" in verified.stderr and str(left[0].parent) in verified.stderr
    assert _leftovers(data) == []


def test_clean_stale_spares_a_folder_whose_process_is_alive(tmp_path: Path) -> None:
    from bmnn.backup.workdir import work_dir

    with work_dir(tmp_path, ".bmnn-restore-") as alive:
        (alive / "bmnn.sqlite3").write_bytes(b"plaintext")
        assert clean_stale(tmp_path) == [] and alive.exists()
    assert not alive.exists()
    abandoned = tmp_path / ".bmnn-backup-old"
    abandoned.mkdir()
    (abandoned / ".owner.lock").touch()
    assert clean_stale(tmp_path) == [abandoned] and not abandoned.exists()

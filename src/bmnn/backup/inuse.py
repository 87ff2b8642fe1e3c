"""Whether the data are in use by a running server: `bmnn serve` holds a shared lock on a file
of the data folder for as long as it runs (the operating system drops it when the server stops
or dies); a restore takes the same lock exclusively, so it refuses while a server runs and a
server cannot start while a restore is replacing the database.

Django opens and closes its SQLite connection with each request, so an idle server holds no
database lock; the lock file is what tells a restore that it runs."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from bmnn.backup.errors import DatabaseInUse
from bmnn.backup.locks import FileLock

LOCK_FILE = "serve.lock"  # kept: deleting a lock file races with its next holder


def hold_for_server(data_dir: Path) -> FileLock:
    """Taken by `bmnn serve` at start and held until it exits."""
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(data_dir / LOCK_FILE)
    if not lock.try_acquire(shared=True):
        raise DatabaseInUse(
            f"Đang khôi phục dữ liệu vào {data_dir} (hoặc một máy chủ bmnn khác đang chạy trên thư mục "
            "này); chờ xong rồi chạy lại."
        )
    return lock


@contextlib.contextmanager
def no_server(data_dir: Path) -> Iterator[None]:
    """Held by a restore from its first check to its end; refused while a server runs."""
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(data_dir / LOCK_FILE)
    if not lock.try_acquire():
        raise DatabaseInUse(
            f"Máy chủ bmnn đang chạy trên thư mục dữ liệu {data_dir}: dừng máy chủ (bmnn serve) rồi "
            "chạy lại lệnh khôi phục."
        )
    try:
        yield
    finally:
        lock.release()

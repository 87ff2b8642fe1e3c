"""Work folders that hold plaintext (a decrypted backup being checked, a snapshot being sealed)
and never outlive the command that made them.

- Every normal or failing exit removes the folder; so do Ctrl+C, SIGTERM and SIGHUP, which are
  turned into an exception while the folder exists (only the moment a restored database is put
  in place is shielded: the signal is acted on right after).
- A process killed outright (SIGKILL, power cut) cannot clean up: its folder is removed at the
  next start of `bmnn serve`, `bmnn backup` or `bmnn restore`. A folder is known to be
  abandoned when nobody holds the lock on its `.owner.lock` file, a lock the operating system
  drops when its holder dies.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from bmnn.backup.locks import FileLock

PREFIXES = (".bmnn-restore-", ".bmnn-verify-", ".bmnn-backup-")
OWNER = ".owner.lock"
# A folder without an owner file is either being created this instant or left by an older
# bmnn; only the second is old.
_UNOWNED_GRACE_SECONDS = 60.0
_ENDING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))

_shield: list[int] | None = None  # signals deferred while shielded; None when not shielded


def _on_signal(signum: int, _frame: FrameType | None) -> None:
    if _shield is not None:
        _shield.append(signum)
        return
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def _signals_end_cleanly() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; the folder is still removed on exit
        return
    signals = (signal.SIGINT, *_ENDING)
    previous = {s: signal.signal(s, _on_signal) for s in signals}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


@contextlib.contextmanager
def shielded() -> Iterator[None]:
    """Defer Ctrl+C/SIGTERM/SIGHUP during a step that must not be cut in two."""
    global _shield
    outer, _shield = _shield, []
    try:
        yield
    finally:
        pending, _shield = _shield, outer
        if pending:
            _on_signal(pending[0], None)


@contextlib.contextmanager
def work_dir(parent: Path, prefix: str) -> Iterator[Path]:
    """A private folder under `parent` (beside the data it comes from), removed on every exit."""
    parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(dir=parent, prefix=prefix))  # mode 0700
    owner = FileLock(path / OWNER)
    owner.try_acquire()
    try:
        with _signals_end_cleanly():
            yield path
    finally:
        owner.release()
        shutil.rmtree(path, ignore_errors=True)


def _abandoned(folder: Path) -> bool:
    owner = folder / OWNER
    if not owner.exists():
        try:
            return time.time() - folder.stat().st_mtime > _UNOWNED_GRACE_SECONDS
        except OSError:
            return False
    lock = FileLock(owner)
    if not lock.try_acquire():
        return False  # its process is alive and working
    lock.release()
    return True


def clean_stale(*parents: Path) -> list[Path]:
    """Remove the work folders left under `parents` by killed processes; returns them."""
    removed: list[Path] = []
    for parent in dict.fromkeys(parents):
        if not parent.is_dir():
            continue
        for folder in parent.iterdir():
            if folder.is_dir() and folder.name.startswith(PREFIXES) and _abandoned(folder):
                shutil.rmtree(folder, ignore_errors=True)
                if not folder.exists():
                    removed.append(folder)
    return removed

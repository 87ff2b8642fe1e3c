"""Advisory file locks the operating system drops when their holder dies, however it dies:
flock on POSIX; on Windows msvcrt's byte lock, which has no shared mode (a shared request is
taken exclusive there)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO


class FileLock:
    """A lock on `path` (created when missing), taken without waiting."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None

    def try_acquire(self, *, shared: bool = False) -> bool:
        """True when taken; False when another process holds a conflicting lock."""
        handle = self.path.open("a+b")
        try:
            _lock(handle, shared)
        except OSError:
            handle.close()
            return False
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing drops the lock on both systems
            self._handle = None


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: IO[bytes], shared: bool) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes], shared: bool) -> None:
        fcntl.flock(handle.fileno(), (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)

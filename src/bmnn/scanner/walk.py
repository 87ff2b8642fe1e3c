"""Walk the roots to scan: regular files only, no symlinks followed, skips named with a reason.

Nothing here writes to or modifies the scanned trees; files are opened read-only and, on Linux,
with O_NOATIME where the kernel permits it (owner or CAP_FOWNER), so access times stay unchanged.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

# Filesystems that hold no user files (or live on another machine) and are never walked.
PSEUDO_FS = frozenset({
    "proc", "sysfs", "devtmpfs", "devpts", "tmpfs", "securityfs", "cgroup", "cgroup2", "pstore",
    "debugfs", "tracefs", "configfs", "fusectl", "mqueue", "hugetlbfs", "bpf", "autofs", "binfmt_misc",
    "efivarfs", "rpc_pipefs", "nsfs", "ramfs", "selinuxfs", "overlay_sys", "squashfs",
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p", "afs", "ceph", "glusterfs",
    "fuse.gvfsd-fuse", "fuse.portal", "davfs", "fuse.davfs2",
})
PSEUDO_DIRS = ("/proc", "/sys", "/dev", "/run")
DRIVE_FIXED = 3


@dataclass(frozen=True)
class FileEntry:
    """A regular file found by the walk."""

    path: str
    size: int


@dataclass(frozen=True)
class Skip:
    """Something the walk could not or would not read, with the reason."""

    path: str
    reason: str


def display_path(path: str) -> str:
    """The path as valid Unicode for the report: undecodable bytes become \\xNN escapes."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")


def long_path(path: str) -> str:
    """On Windows, the \\\\?\\ form that lifts the 260-character limit; elsewhere the path itself."""
    if sys.platform != "win32" or path.startswith("\\\\?\\"):
        return path
    absolute = os.path.abspath(path)  # noqa: PTH100 - must stay a str for the prefix
    if absolute.startswith("\\\\"):
        return "\\\\?\\UNC\\" + absolute[2:]
    return "\\\\?\\" + absolute


def open_readonly(path: str) -> int:
    """A read-only descriptor that does not follow a final symlink nor touch the access time."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    noatime = getattr(os, "O_NOATIME", 0)
    if noatime:
        try:
            return os.open(long_path(path), flags | noatime)
        except PermissionError:
            pass  # O_NOATIME needs ownership; fall back to a plain read-only open
    return os.open(long_path(path), flags)


def reason_for(error: OSError) -> str:
    """A short English reason for a skip, from the OS error."""
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.ENAMETOOLONG or getattr(error, "winerror", None) == 206:
        return "path too long"
    if isinstance(error, FileNotFoundError):
        return "vanished or broken link"
    if error.errno == errno.ELOOP:
        return "symlink loop"
    return f"unreadable: {error.strerror or error}"


def parse_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, fs type) pairs from /proc/mounts text; octal escapes (\\040) decoded."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            point = fields[1].encode().decode("unicode_escape").encode("latin-1").decode("utf-8", "replace")
            mounts.append((point, fields[2]))
    return mounts


def excluded_mounts(mounts: Iterable[tuple[str, str]]) -> set[str]:
    """Mount points never to walk: pseudo, network and virtual filesystems, plus /proc /sys /dev /run."""
    excluded = set(PSEUDO_DIRS)
    for point, fstype in mounts:
        if fstype in PSEUDO_FS or (fstype.startswith("fuse.") and fstype != "fuseblk"):
            excluded.add(point)
    excluded.discard("/")
    return excluded


def linux_excluded() -> set[str]:
    """The excluded mount points of this Linux machine."""
    try:
        text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set(PSEUDO_DIRS)
    return excluded_mounts(parse_mounts(text))


def windows_fixed_drives() -> list[str]:  # pragma: no cover - Windows only
    """Fixed drives (C:\\, D:\\…) via GetLogicalDrives and GetDriveTypeW."""
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel32.GetLogicalDrives()
    drives = []
    for index in range(26):
        if mask & (1 << index):
            root = f"{chr(ord('A') + index)}:\\"
            if kernel32.GetDriveTypeW(root) == DRIVE_FIXED:
                drives.append(root)
    return drives


def default_roots() -> list[str]:
    """All fixed drives on Windows; / on Linux and other systems (pseudo filesystems excluded)."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return windows_fixed_drives()
    return ["/"]


class Walker:
    """Depth-first walk of the roots; yields FileEntry and Skip, never follows links or junctions."""

    def __init__(self, roots: Iterable[str], exclude: Iterable[str] = ()) -> None:
        self.roots = [os.fspath(r) for r in roots]
        self.exclude = {os.path.normpath(p) for p in exclude}
        if sys.platform.startswith("linux"):
            self.exclude |= {p for p in linux_excluded() if not any(r == p for r in self.roots)}
        self.seen_dirs: set[tuple[int, int]] = set()

    def __iter__(self) -> Iterator[FileEntry | Skip]:
        for root in self.roots:
            yield from self._root(root)

    def _root(self, root: str) -> Iterator[FileEntry | Skip]:
        try:
            info = os.stat(long_path(root))  # noqa: PTH116 - a root the user named may be a link
        except OSError as error:
            yield Skip(root, reason_for(error))
            return
        if stat.S_ISDIR(info.st_mode):
            yield from self._dir(root, info)
        else:
            yield from self._entry(root, info)

    def _dir(self, path: str, info: os.stat_result) -> Iterator[FileEntry | Skip]:
        key = (info.st_dev, info.st_ino)
        if key in self.seen_dirs:
            return
        self.seen_dirs.add(key)
        stack = [path]
        while stack:
            current = stack.pop()
            try:
                with os.scandir(long_path(current)) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as error:
                yield Skip(current, reason_for(error))
                continue
            subdirs = []
            for entry in entries:
                child = os.path.join(current, entry.name)  # noqa: PTH118 - keeps undecodable names
                if os.path.normpath(child) in self.exclude:
                    continue
                try:
                    child_info = entry.stat(follow_symlinks=False)
                except OSError as error:
                    yield Skip(child, reason_for(error))
                    continue
                if stat.S_ISDIR(child_info.st_mode) and not _is_junction(entry):
                    ckey = (child_info.st_dev, child_info.st_ino)
                    if ckey not in self.seen_dirs:
                        self.seen_dirs.add(ckey)
                        subdirs.append(child)
                else:
                    yield from self._entry(child, child_info)
            stack.extend(reversed(subdirs))

    def _entry(self, path: str, info: os.stat_result) -> Iterator[FileEntry | Skip]:
        mode = info.st_mode
        if stat.S_ISREG(mode):
            yield FileEntry(path, info.st_size)
        elif stat.S_ISLNK(mode):
            if not os.path.exists(long_path(path)):  # noqa: PTH110
                yield Skip(path, "broken link")
            # live links are not followed: their target is scanned where it lives, if in a root
        elif not stat.S_ISDIR(mode):
            yield Skip(path, "special file")


def _is_junction(entry: os.DirEntry[str]) -> bool:
    """Windows junctions and other reparse points are not followed."""
    is_junction = getattr(entry, "is_junction", None)
    if is_junction is not None and is_junction():
        return True
    return entry.is_symlink()

"""The walker: regular files only, reasons for skips, no link followed, odd and long names."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from bmnn.scanner.walk import FileEntry, Skip, Walker, display_path, excluded_mounts, parse_mounts


def walk(root: Path) -> tuple[dict[str, int], dict[str, str]]:
    files, skips = {}, {}
    for item in Walker([str(root)]):
        rel = os.path.relpath(item.path, root)
        if isinstance(item, FileEntry):
            files[rel] = item.size
        else:
            assert isinstance(item, Skip)
            skips[rel] = item.reason
    return files, skips


def test_regular_files_and_skips_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("hello")
    (tmp_path / "b.txt").write_text("")
    (tmp_path / "dangling").symlink_to(tmp_path / "missing")
    (tmp_path / "a" / "loop").symlink_to(tmp_path)  # a loop if links were followed
    (tmp_path / "to-file").symlink_to(tmp_path / "b.txt")
    os.mkfifo(tmp_path / "fifo")
    files, skips = walk(tmp_path)
    assert files == {"a/x.txt": 5, "b.txt": 0}
    assert skips == {"dangling": "broken link", "fifo": "special file"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_unreadable_directory_is_skipped_not_fatal(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "secret.txt").write_text("x")
    (tmp_path / "open.txt").write_text("y")
    locked.chmod(0)
    try:
        files, skips = walk(tmp_path)
    finally:
        locked.chmod(0o755)
    assert files == {"open.txt": 1}
    assert skips == {"locked": "permission denied"}


def test_undecodable_name_round_trips_and_displays(tmp_path: Path) -> None:
    raw = os.fsencode(str(tmp_path)) + b"/t\xe0i-li\xeau.txt"  # Latin-1 bytes, not UTF-8
    fd = os.open(raw, os.O_WRONLY | os.O_CREAT, 0o644)
    os.write(fd, b"abc")
    os.close(fd)
    (entry,) = [i for i in Walker([str(tmp_path)]) if isinstance(i, FileEntry)]
    assert os.fsencode(entry.path) == raw
    shown = display_path(entry.path)
    shown.encode("utf-8")  # valid for JSON
    assert shown.endswith("t\\xe0i-li\\xeau.txt")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux PATH_MAX")
def test_path_longer_than_path_max_is_skipped_with_reason(tmp_path: Path) -> None:
    fd = os.open(tmp_path, os.O_RDONLY)
    name = "d" * 250
    for _ in range(20):  # 20 × 251 > 4096
        os.mkdir(name, dir_fd=fd)
        new = os.open(name, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = new
    os.close(fd)
    (tmp_path / "ok.txt").write_text("z")
    files, skips = walk(tmp_path)
    assert files == {"ok.txt": 1}
    assert list(skips.values()) == ["path too long"]


def test_excluded_mounts_from_proc_mounts() -> None:
    text = (
        "/dev/sda1 / ext4 rw 0 0\nproc /proc proc rw 0 0\nsrv:/x /mnt/nfs nfs4 rw 0 0\n"
        "/dev/sdb1 /media/usb\\040stick vfat rw 0 0\ntmpfs /tmp/ram tmpfs rw 0 0\n"
    )
    mounts = parse_mounts(text)
    assert ("/media/usb stick", "vfat") in mounts
    excluded = excluded_mounts(mounts)
    assert {"/proc", "/sys", "/dev", "/run", "/mnt/nfs", "/tmp/ram"} <= excluded
    assert "/" not in excluded and "/media/usb stick" not in excluded


def test_exclude_list_hides_report_outputs(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("a")
    (tmp_path / "report.json").write_text("{}")
    found = [i.path for i in Walker([str(tmp_path)], exclude=[str(tmp_path / "report.json")])]
    assert found == [str(tmp_path / "doc.txt")]


def test_a_root_given_as_a_link_is_followed_but_links_inside_are_not(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "x.txt").write_text("x")
    (tmp_path / "real" / "back").symlink_to(tmp_path / "real")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    found = [i.path for i in Walker([str(tmp_path / "link")])]
    assert found == [str(tmp_path / "link" / "x.txt")]

"""The archive inside the envelope: a tar stream, manifest.json first, then the listed files.

Writing and reading both stream, so a multi-gigabyte database never sits in memory. Reading
checks as it goes and stops at the first problem: names, types, declared sizes against the
limit and the free space, each file's size and SHA-256, and finally that the envelope was
authenticated to its very last chunk.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tarfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from bmnn.backup.crypto import DEFAULT_CHUNK, DecryptingReader, EncryptingWriter
from bmnn.backup.errors import (
    ArchiveTooLarge,
    EngineMismatch,
    FileMismatch,
    ManifestInvalid,
    OutputExists,
    UnsafePath,
)
from bmnn.backup.limits import human_size
from bmnn.backup.manifest import MANIFEST_NAME, MAX_MANIFEST_BYTES, Manifest, check_safe_name, parse_manifest

_BLOCK = 1024 * 1024
# Tar headers, padding and the end-of-archive record on top of the files themselves.
_TAR_SLACK = 16 * 1024 * 1024
# Leave some room on the disk after unpacking; a full disk corrupts the running database.
_FREE_MARGIN = 256 * 1024 * 1024


@dataclass(frozen=True)
class Unpacked:
    manifest: Manifest
    files: dict[str, Path]


def _tar_info(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    info.mtime = 0
    return info


def _write_tar(out: IO[bytes], manifest: Manifest, files: Mapping[str, Path]) -> None:
    with tarfile.open(fileobj=out, mode="w|", format=tarfile.PAX_FORMAT) as tar:
        data = manifest.to_json()
        tar.addfile(_tar_info(MANIFEST_NAME, len(data)), io.BytesIO(data))
        for entry in manifest.files:
            with files[entry.name].open("rb") as handle:
                tar.addfile(_tar_info(entry.name, entry.size), handle)


def write_archive(
    target: Path, key: bytes, manifest: Manifest, files: Mapping[str, Path], *,
    chunk_size: int = DEFAULT_CHUNK,
) -> None:
    """Write the sealed archive to `target` through a .partial file, so a crash leaves no half backup."""
    if target.exists():
        raise OutputExists(f"Tệp {target} đã tồn tại; chọn tên khác.")
    partial = target.with_name(target.name + ".partial")
    try:
        with partial.open("wb") as raw:  # a .partial left by a crash is overwritten
            sealed = EncryptingWriter(raw, key, chunk_size=chunk_size)
            _write_tar(cast(IO[bytes], sealed), manifest, files)
            sealed.close()
            raw.flush()
            os.fsync(raw.fileno())
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _read_manifest(tar: tarfile.TarFile) -> Manifest:
    member = tar.next()
    if member is None or member.name != MANIFEST_NAME or not member.isreg():
        raise ManifestInvalid("Bản sao lưu không có bảng kê (manifest.json) ở đầu.")
    if member.size > MAX_MANIFEST_BYTES:
        raise ManifestInvalid(f"Bảng kê quá lớn ({human_size(member.size)}).")
    handle = tar.extractfile(member)
    if handle is None:
        raise ManifestInvalid("Bảng kê không đọc được.")
    return parse_manifest(handle.read())


def _check_room(manifest: Manifest, work_dir: Path, max_bytes: int) -> None:
    total = manifest.total_size
    if total > max_bytes:
        raise ArchiveTooLarge(
            f"Bản sao lưu khai báo {human_size(total)} dữ liệu, vượt giới hạn {human_size(max_bytes)}; "
            "nếu đúng là dữ liệu của đơn vị, chạy lại với --max-size lớn hơn."
        )
    free = shutil.disk_usage(work_dir).free
    if total + _FREE_MARGIN > free:
        raise ArchiveTooLarge(
            f"Không đủ chỗ trống trên đĩa để giải nén: cần {human_size(total + _FREE_MARGIN)}, "
            f"còn {human_size(free)}."
        )


def _check_engine(manifest: Manifest, engine: str | None) -> None:
    if engine is not None and manifest.engine != engine:
        raise EngineMismatch(
            f"Bản sao lưu là của {manifest.engine}, còn cơ sở dữ liệu đang cấu hình là {engine}: "
            "không khôi phục chéo được."
        )


def _check_member(member: tarfile.TarInfo, manifest: Manifest, seen: set[str]) -> None:
    name = check_safe_name(member.name)
    if not member.isreg():
        raise UnsafePath(f"Bản sao lưu chứa mục không phải tệp thường: {name!r}")
    if name in seen:
        raise FileMismatch(f"Tệp {name} xuất hiện hai lần trong bản sao lưu.")
    declared = {e.name: e for e in manifest.files}.get(name)
    if declared is None:
        raise FileMismatch(f"Tệp {name} không có trong bảng kê.")
    if member.size != declared.size:
        raise FileMismatch(
            f"Kích thước tệp {name} ({member.size} byte) khác bảng kê ({declared.size} byte)."
        )


def _extract(tar: tarfile.TarFile, member: tarfile.TarInfo, manifest: Manifest, work_dir: Path) -> Path:
    entry = manifest.entry(member.name)
    source = tar.extractfile(member)
    if source is None:
        raise FileMismatch(f"Không đọc được tệp {member.name}.")
    path = work_dir / entry.name
    digest, count = hashlib.sha256(), 0
    with path.open("xb") as out:
        while block := source.read(_BLOCK):
            count += len(block)
            if count > entry.size:
                raise FileMismatch(f"Tệp {entry.name} dài hơn bảng kê.")
            digest.update(block)
            out.write(block)
    if count != entry.size or digest.hexdigest() != entry.sha256:
        raise FileMismatch(
            f"Tệp {entry.name} không khớp bảng kê (kích thước hoặc mã SHA-256 khác): bản sao lưu bị hỏng."
        )
    return path


def read_archive(
    archive: Path, key: bytes, work_dir: Path, *, max_bytes: int, engine: str | None = None,
    check_manifest: Callable[[Manifest], None] | None = None,
) -> Unpacked:
    """Decrypt, authenticate and unpack into `work_dir`, checking everything the manifest claims.

    With `engine`, refuse a backup of another database engine before unpacking anything; so
    does `check_manifest` when it raises (a restore checks the installation there).
    """
    try:
        raw = archive.open("rb")
    except OSError as exc:
        raise FileMismatch(f"Không mở được tệp sao lưu {archive}: {exc.strerror or exc}") from None
    with raw:
        reader = DecryptingReader(raw, key, max_plain_bytes=max_bytes + _TAR_SLACK)
        try:
            with tarfile.open(fileobj=cast(IO[bytes], reader), mode="r|") as tar:
                manifest = _read_manifest(tar)
                _check_engine(manifest, engine)
                if check_manifest is not None:
                    check_manifest(manifest)
                _check_room(manifest, work_dir, max_bytes)
                files: dict[str, Path] = {}
                while (member := tar.next()) is not None:
                    _check_member(member, manifest, set(files))
                    files[member.name] = _extract(tar, member, manifest, work_dir)
        except tarfile.TarError as exc:
            raise ManifestInvalid(f"Cấu trúc bên trong bản sao lưu không hợp lệ: {exc}") from None
        reader.drain()
    missing = sorted({e.name for e in manifest.files} - set(files))
    if missing:
        raise FileMismatch(f"Bản sao lưu thiếu tệp có trong bảng kê: {', '.join(missing)}.")
    return Unpacked(manifest, files)

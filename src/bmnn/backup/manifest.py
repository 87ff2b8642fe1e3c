"""The manifest: what a backup holds and how to check it, stored first in the archive as JSON."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bmnn.backup.errors import ManifestInvalid, UnsafePath
from bmnn.backup.installation import is_id

FORMAT = "bmnn-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MAX_MANIFEST_BYTES = 1024 * 1024
ENGINES = ("sqlite", "postgresql")
# The database file inside the archive, by engine.
SNAPSHOT_NAMES = {"sqlite": "bmnn.sqlite3", "postgresql": "bmnn.pgdump"}
_SAFE_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}")
_HEX64 = re.compile(r"[0-9a-f]{64}")

Migration = tuple[str, str]


@dataclass(frozen=True)
class FileEntry:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Checkpoint:
    """The audit chain head at backup time (audit_chainhead): last sequence number and hash."""

    seq: int
    hash: str


@dataclass(frozen=True)
class Manifest:
    engine: str
    bmnn_version: str
    created_at: str
    migrations: tuple[Migration, ...]
    files: tuple[FileEntry, ...]
    audit_checkpoint: Checkpoint | None = None
    format_version: int = field(default=FORMAT_VERSION)
    # The installation the data belong to (backup/installation.py); '' in backups made before it.
    installation_id: str = ""

    @property
    def total_size(self) -> int:
        return sum(entry.size for entry in self.files)

    def entry(self, name: str) -> FileEntry:
        return next(e for e in self.files if e.name == name)

    def to_json(self) -> bytes:
        data: dict[str, Any] = {
            "format": FORMAT,
            "format_version": self.format_version,
            "bmnn_version": self.bmnn_version,
            "created_at": self.created_at,
            "engine": self.engine,
            "installation_id": self.installation_id or None,
            "schema_migrations": [list(m) for m in self.migrations],
            "files": [{"name": e.name, "size": e.size, "sha256": e.sha256} for e in self.files],
            "audit_checkpoint": (
                None if self.audit_checkpoint is None
                else {"seq": self.audit_checkpoint.seq, "hash": self.audit_checkpoint.hash}
            ),
        }
        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_safe_name(name: str) -> str:
    """Only flat, plain file names: nothing absolute, nothing that climbs out of the work folder."""
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        raise UnsafePath(f"Bản sao lưu chứa đường dẫn tuyệt đối bị từ chối: {name!r}")
    if ".." in re.split(r"[/\\]", name):
        raise UnsafePath(f"Bản sao lưu chứa đường dẫn có '..' bị từ chối: {name!r}")
    if not _SAFE_NAME.fullmatch(name) or name == MANIFEST_NAME:
        raise UnsafePath(f"Bản sao lưu chứa tên tệp không hợp lệ: {name!r}")
    return name


def sha256_file(path: Path, bufsize: int = 1024 * 1024) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(bufsize):
            digest.update(block)
    return digest.hexdigest()


def describe_file(path: Path, name: str | None = None) -> FileEntry:
    return FileEntry(check_safe_name(name or path.name), path.stat().st_size, sha256_file(path))


def _require(condition: bool, what: str) -> None:
    if not condition:
        raise ManifestInvalid(f"Bảng kê (manifest) không hợp lệ: {what}.")


def _parse_files(raw: Any) -> tuple[FileEntry, ...]:
    _require(isinstance(raw, list) and len(raw) > 0, "thiếu danh sách tệp")
    entries: list[FileEntry] = []
    for item in raw:
        _require(isinstance(item, dict), "mục tệp sai kiểu")
        name, size, digest = item.get("name"), item.get("size"), item.get("sha256")
        _require(isinstance(name, str), "tên tệp sai kiểu")
        _require(type(size) is int and size >= 0, f"kích thước tệp {name} sai")
        _require(isinstance(digest, str) and bool(_HEX64.fullmatch(digest)), f"SHA-256 của {name} sai")
        entries.append(FileEntry(check_safe_name(name), size, digest))
    _require(len({e.name for e in entries}) == len(entries), "tên tệp trùng nhau")
    return tuple(entries)


def _parse_migrations(raw: Any) -> tuple[Migration, ...]:
    _require(isinstance(raw, list), "thiếu danh sách migration")
    out: list[Migration] = []
    for item in raw:
        _require(isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item),
                 "mục migration sai kiểu")
        out.append((item[0], item[1]))
    return tuple(out)


def _parse_checkpoint(raw: Any) -> Checkpoint | None:
    if raw is None:
        return None
    _require(isinstance(raw, dict), "mốc chuỗi nhật ký sai kiểu")
    seq, digest = raw.get("seq"), raw.get("hash")
    _require(type(seq) is int and seq >= 0 and isinstance(digest, str), "mốc chuỗi nhật ký sai")
    return Checkpoint(seq, digest)


def _parse_installation(raw: Any) -> str:
    if raw is None:
        return ""
    _require(isinstance(raw, str) and is_id(raw), "mã cài đặt sai")
    return str(raw)


def parse_manifest(data: bytes) -> Manifest:
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ManifestInvalid("Bảng kê (manifest) không đọc được (không phải JSON UTF-8).") from None
    _require(isinstance(raw, dict) and raw.get("format") == FORMAT, "không phải bảng kê sao lưu bmnn")
    version = raw.get("format_version")
    if version != FORMAT_VERSION:
        raise ManifestInvalid(
            f"Bảng kê dùng định dạng phiên bản {version}; "
            f"phiên bản bmnn này chỉ đọc phiên bản {FORMAT_VERSION}."
        )
    engine = raw.get("engine")
    _require(engine in ENGINES, f"hệ quản trị dữ liệu không hỗ trợ: {engine!r}")
    _require(isinstance(raw.get("bmnn_version"), str), "thiếu phiên bản bmnn")
    _require(isinstance(raw.get("created_at"), str), "thiếu thời điểm tạo")
    files = _parse_files(raw.get("files"))
    _require(SNAPSHOT_NAMES[engine] in {f.name for f in files}, "thiếu tệp cơ sở dữ liệu")
    return Manifest(
        engine=engine,
        bmnn_version=raw["bmnn_version"],
        created_at=raw["created_at"],
        migrations=_parse_migrations(raw.get("schema_migrations")),
        files=files,
        audit_checkpoint=_parse_checkpoint(raw.get("audit_checkpoint")),
        format_version=version,
        installation_id=_parse_installation(raw.get("installation_id")),
    )

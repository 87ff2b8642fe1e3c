"""Evidence files (scans of decisions, minutes, photos of stamp impressions): the type is read
from the file's first bytes (not trusted from its name), the size is bounded, the file is kept
under the data folder by its SHA-256 and never executed or served inline."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from bmnn.inspection.errors import EVIDENCE_RULE, EvidenceRejected
from bmnn.lib.env import env_int

# (magic bytes, content type, extension, the names a user's file may carry)
TYPES = (
    (b"%PDF-", "application/pdf", "pdf", (".pdf",)),
    (b"\xff\xd8\xff", "image/jpeg", "jpg", (".jpg", ".jpeg")),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png", (".png",)),
)


def max_bytes() -> int:
    return env_int("BMNN_EVIDENCE_MAX_MB", 20) * 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    content_type: str
    size: int
    path: str  # relative to the data folder


def evidence_dir() -> Path:
    return Path(settings.DATA_DIR) / "evidence"


def _refuse(message: str) -> EvidenceRejected:
    return EvidenceRejected(
        message,
        f"{EVIDENCE_RULE} (PDF, JPEG, PNG; tối đa {max_bytes() // 1048576} MB)",
        confidence="inference",
    )


def sniff(name: str, head: bytes) -> tuple[str, str]:
    """The content type and extension of a file, from its first bytes; its name must agree."""
    for magic, content_type, ext, names in TYPES:
        if head.startswith(magic):
            if not name.lower().endswith(names):
                raise _refuse(
                    f"Tệp '{name}' có nội dung {ext.upper()} nhưng tên tệp không đúng đuôi {names[0]}"
                )
            return content_type, ext
    raise _refuse(f"Tệp '{name}' không phải PDF, JPEG hoặc PNG")


def store(name: str, data: bytes) -> StoredFile:
    """Check and keep one file; the same content is kept once."""
    if not data:
        raise _refuse(f"Tệp '{name}' rỗng")
    if len(data) > max_bytes():
        raise _refuse(f"Tệp '{name}' dung lượng {len(data):,} byte, vượt giới hạn".replace(",", "."))
    content_type, ext = sniff(name, data[:16])
    digest = hashlib.sha256(data).hexdigest()
    relative = Path("evidence") / digest[:2] / f"{digest}.{ext}"
    target = Path(settings.DATA_DIR) / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        Path(tmp.name).replace(target)
    return StoredFile(digest, content_type, len(data), relative.as_posix())

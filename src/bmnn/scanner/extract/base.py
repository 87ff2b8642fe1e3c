"""Types shared by the extractors: parts, errors, limits, and the bounded input they read."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO


@dataclass(frozen=True)
class TextPart:
    """Text of one place in a file, e.g. "word/header1.xml" or "page 3"; NFC-normalised.
    `laid_out`: lines come from a page layout (PDF, OCR), where a narrow column wraps phrases."""

    location: str
    text: str
    laid_out: bool = False


class ExtractError(Exception):
    """A file that cannot be read; `reason`: encrypted, corrupt, truncated, unsupported, too large…"""

    def __init__(self, reason: str, where: str = "") -> None:
        super().__init__(f"{reason}: {where}" if where else reason)
        self.reason = reason
        self.where = where


@dataclass(frozen=True)
class Limits:
    """Memory and depth guards: a 2 GB file or a zip bomb must not blow the scanner up."""

    max_file_bytes: int = 2 * 1024**3
    max_part_bytes: int = 64 * 1024**2
    max_total_uncompressed: int = 512 * 1024**2
    max_depth: int = 3


@dataclass
class Budget:
    """Bytes decompressed so far for one top-level file, against `max_total_uncompressed`."""

    limits: Limits
    used: int = 0

    def take(self, count: int) -> None:
        self.used += count
        if self.used > self.limits.max_total_uncompressed:
            raise ExtractError("too large", "uncompressed total")


@dataclass
class Blob:
    """One input: a file on disk (read without touching atime) or bytes taken from an archive."""

    name: str
    path: Path | None = None
    data: bytes | None = None
    prefix: str = ""
    depth: int = 0
    budget: Budget = field(default_factory=lambda: Budget(Limits()))

    @property
    def limits(self) -> Limits:
        return self.budget.limits

    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        assert self.path is not None
        return self.path.stat().st_size

    def open(self) -> BinaryIO:
        if self.data is not None:
            return io.BytesIO(self.data)
        assert self.path is not None
        return open_noatime(self.path)

    def read_all(self, limit: int) -> bytes:
        """The whole input, refused as "too large" above `limit` bytes."""
        if self.size() > limit:
            raise ExtractError("too large")
        if self.data is not None:
            return self.data
        with self.open() as handle:
            return handle.read()

    def loc(self, location: str) -> str:
        return self.prefix + location

    def part(self, location: str, text: str, laid_out: bool = False) -> TextPart:
        from bmnn.scanner.textnorm import normalize

        return TextPart(self.loc(location), normalize(text), laid_out)


def open_noatime(path: Path) -> BinaryIO:
    """Open for reading with O_NOATIME where the OS allows it, else plainly."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    noatime = getattr(os, "O_NOATIME", 0)
    fd = -1
    if noatime:
        try:
            fd = os.open(path, flags | noatime)
        except OSError:
            fd = -1
    if fd < 0:
        fd = os.open(path, flags)
    return os.fdopen(fd, "rb")

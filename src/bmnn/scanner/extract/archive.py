"""Zip archives, nested up to `max_depth`: members are sniffed and read as files of their own.

Zip-bomb guard: a member whose declared size passes the part limit is refused before reading,
and the bytes actually decompressed are counted against the per-file total (zipread.read_member).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator

from bmnn.scanner.extract.base import Blob, ExtractError, TextPart
from bmnn.scanner.extract.zipread import open_zip, read_member

Nested = Callable[[Blob, str, bytes], Iterator[TextPart]]
Sniff = Callable[[str, bytes], "str | None"]


def extract_zip(blob: Blob, kind: str, nested: Nested, sniff: Sniff) -> Iterator[TextPart]:
    """Text of every document inside; a bad member is reported after the others were read."""
    failure: ExtractError | None = None
    with open_zip(blob) as archive:
        for info in archive.infolist():
            if info.is_dir() or (sniff(info.filename, b"") is None and not _has_magic(archive, info)):
                continue
            try:
                data = read_member(archive, info, blob)
                yield from nested(blob, _name(info), data)
            except ExtractError as exc:
                if exc.reason == "too large":
                    raise
                failure = failure or exc
    if failure is not None:
        raise failure


def _name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except UnicodeError:
        return info.filename


def _has_magic(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Members without a known extension are read only if they look like PDF, zip or OLE."""
    if info.flag_bits & 0x1 or info.file_size < 8:
        return False
    try:
        with archive.open(info) as member:
            head = member.read(8)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError):
        return False
    return head.startswith((b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"{\\rtf"))

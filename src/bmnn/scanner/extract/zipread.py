"""Bounded reading of zip members: declared sizes are checked AND decompressed bytes counted."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

from bmnn.scanner.extract.base import Blob, ExtractError

_CHUNK = 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@contextmanager
def open_zip(blob: Blob) -> Iterator[zipfile.ZipFile]:
    """The zip of `blob`; an OLE container where a zip is expected is an encrypted Office file."""
    handle = blob.open()
    try:
        head = handle.read(8)
        if head == OLE_MAGIC:
            raise ExtractError("encrypted")
        handle.seek(0)
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise ExtractError("truncated" if head[:4] == b"PK\x03\x04" else "corrupt") from exc
        with archive:
            yield archive
    finally:
        handle.close()


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, blob: Blob) -> bytes:
    """Member bytes within the part and per-file limits; raises ExtractError otherwise."""
    if info.flag_bits & 0x1:
        raise ExtractError("encrypted", blob.loc(info.filename))
    limit = blob.limits.max_part_bytes
    if info.file_size > limit:
        raise ExtractError("too large", blob.loc(info.filename))
    chunks: list[bytes] = []
    total = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                total += len(chunk)
                blob.budget.take(len(chunk))
                if total > limit:
                    raise ExtractError("too large", blob.loc(info.filename))
                chunks.append(chunk)
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as exc:
        raise ExtractError("corrupt", blob.loc(info.filename)) from exc
    except RuntimeError as exc:  # zipfile raises it for encrypted members
        raise ExtractError("encrypted", blob.loc(info.filename)) from exc
    return b"".join(chunks)

"""Excel 97–2003 (.xls) read directly (MS-XLS, BIFF8): cell strings (the shared string table,
LABEL and formula STRING records), page headers and footers, text of comments and text boxes
(TXO), and the property streams. No external program, so it runs on Windows too. Excel 5/95
workbooks (BIFF5) go to `xls2csv` when it is installed.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

from bmnn.scanner.extract.base import Blob, ExtractError, TextPart
from bmnn.scanner.extract.ole import OleFile, Stream
from bmnn.scanner.extract.oleprops import property_text
from bmnn.scanner.extract.sheethf import header_footer_text
from bmnn.scanner.extract.tools import run_tool

BOF, EOF, FILEPASS, CONTINUE = 0x0809, 0x000A, 0x002F, 0x003C
SST, LABEL, RSTRING, STRING, HEADER, FOOTER, TXO = 0x00FC, 0x0204, 0x00D6, 0x0207, 0x0014, 0x0015, 0x01B6
_BIFF8, _WORKSHEET = 0x0600, 0x0010
_CHUNK = 1 << 20
_STRINGS_PER_PART = 100_000
_RECORD_COST = 64


def extract_xls(blob: Blob, kind: str) -> Iterator[TextPart]:
    """Parts "properties", "cells", "sheet N: header/footer", "sheet N: comments and text boxes"."""
    with blob.open() as handle:
        ole = OleFile(handle, blob.size())
        book = ole.stream("Workbook")
        if book is None:
            if ole.stream("Book") is not None:  # Excel 5/95
                yield from _old_excel(blob)
                return
            raise ExtractError("corrupt", "no Workbook stream")
        properties = property_text(ole)
        if properties.strip():
            yield blob.part("properties", properties)
        yield from _workbook_parts(blob, book)


def _old_excel(blob: Blob) -> Iterator[TextPart]:
    out, _ = run_tool(["xls2csv", "-d", "utf-8", "-c", "\t", "-q", "0", "/dev/fd/0"], blob)
    if out.strip():
        yield blob.part("cells", out)


def _workbook_parts(blob: Blob, book: Stream) -> Iterator[TextPart]:
    cells: list[str] = []
    sheet = 0
    sheet_lines: dict[str, list[str]] = {}
    records = _records(book, blob.limits.max_part_bytes)
    for kind, data, continues in records:
        if kind == BOF:
            version, substream = struct.unpack_from("<HH", data) if len(data) >= 4 else (0, 0)
            if version != _BIFF8 and sheet == 0 and not cells:
                yield from _old_excel(blob)
                return
            sheet += substream == _WORKSHEET
        elif kind == FILEPASS:
            raise ExtractError("encrypted")
        elif kind == SST:
            cells += _sst(_Segments([data[8:], *continues]))
        elif kind in (LABEL, RSTRING) and len(data) > 8:
            cells.append(_Segments([data[6:]]).unicode_string())
        elif kind == STRING and len(data) > 3:
            cells.append(_Segments([data]).unicode_string())
        elif kind in (HEADER, FOOTER) and len(data) > 3:
            text = header_footer_text(_Segments([data]).unicode_string())
            sheet_lines.setdefault(f"sheet {sheet}: header/footer", []).append(text)
        elif kind == TXO and len(data) >= 12 and continues:
            count = struct.unpack_from("<H", data, 10)[0]
            text = _Segments(list(continues)).flagged_chars(count)
            sheet_lines.setdefault(f"sheet {sheet}: comments and text boxes", []).append(text)
    for first in range(0, len(cells), _STRINGS_PER_PART):  # a huge table in pieces, not one string
        batch = cells[first : first + _STRINGS_PER_PART]
        if any(line.strip() for line in batch):
            yield blob.part("cells", "\n".join(batch))
    for location, lines in sheet_lines.items():
        if any(line.strip() for line in lines):
            yield blob.part(location, "\n".join(lines))


def _records(book: Stream, limit: int) -> Iterator[tuple[int, bytes, list[bytes]]]:
    """(type, data, the data of the CONTINUE records that follow it)."""
    pending: tuple[int, bytes, list[bytes]] | None = None
    held = 0
    for kind, data in _raw_records(book):
        if kind == CONTINUE and pending is not None:
            held += len(data) + _RECORD_COST  # many tiny records cost their list entries too
            if held > limit:
                raise ExtractError("too large", "record")
            pending[2].append(data)
            continue
        if pending is not None:
            yield pending
        pending, held = (kind, data, []), len(data)
    if pending is not None:
        yield pending


def _raw_records(book: Stream) -> Iterator[tuple[int, bytes]]:
    """Records in stream order, read in 1 MB chunks; a record cut short at the end is dropped."""
    buffer, offset, position = b"", 0, 0
    while True:
        left = len(buffer) - offset
        if left < 4 or left < 4 + struct.unpack_from("<H", buffer, offset + 2)[0]:
            chunk = book.read(position, _CHUNK)
            if not chunk:
                return
            position += len(chunk)
            buffer, offset = buffer[offset:] + chunk, 0
            continue
        kind, size = struct.unpack_from("<HH", buffer, offset)
        yield kind, buffer[offset + 4 : offset + 4 + size]
        offset += 4 + size


def _sst(segments: _Segments) -> list[str]:
    out = []
    while segments.remaining():
        try:
            out.append(segments.rich_string())
        except (IndexError, struct.error):
            break  # the table ends early: keep what was read
    return out


class _Segments:
    """Bytes of a record and its CONTINUE records. Characters of a string cut at a record boundary
    resume after a new option byte (compressed or UTF-16); other fields just run on."""

    def __init__(self, parts: list[bytes]) -> None:
        self.parts, self.index, self.at = parts, 0, 0

    def remaining(self) -> bool:
        while self.index < len(self.parts) and self.at >= len(self.parts[self.index]):
            self.index, self.at = self.index + 1, 0
        return self.index < len(self.parts)

    def take(self, count: int) -> bytes:
        pieces = []
        while count > 0:
            if not self.remaining():
                raise IndexError("record ends")
            part = self.parts[self.index]
            piece = part[self.at : self.at + count]
            self.at += len(piece)
            count -= len(piece)
            pieces.append(piece)
        return b"".join(pieces)

    def skip(self, count: int) -> None:
        """Step over `count` bytes (formatting runs, phonetic data) without copying them."""
        while count > 0:
            if not self.remaining():
                raise IndexError("record ends")
            step = min(count, len(self.parts[self.index]) - self.at)
            self.at += step
            count -= step

    def chars(self, count: int, wide: bool) -> str:
        out = []
        while count > 0:
            part = self.parts[self.index] if self.index < len(self.parts) else b""
            if self.at >= len(part):
                self.index, self.at = self.index + 1, 0
                if self.index >= len(self.parts):
                    break
                wide = bool(self.take(1)[0] & 1)
                continue
            width = 2 if wide else 1
            fits = min(count, (len(part) - self.at) // width)
            if fits == 0:
                raise IndexError("character cut in half")
            raw = part[self.at : self.at + fits * width]
            out.append(raw.decode("utf-16-le" if wide else "latin-1", "replace"))
            self.at += fits * width
            count -= fits
        return "".join(out)

    def unicode_string(self) -> str:
        """XLUnicodeString: count (2 bytes), options, characters."""
        count, options = struct.unpack("<HB", self.take(3))
        return self.chars(count, bool(options & 1))

    def rich_string(self) -> str:
        """XLUnicodeRichExtendedString of the shared string table."""
        count, options = struct.unpack("<HB", self.take(3))
        runs = struct.unpack("<H", self.take(2))[0] if options & 0x08 else 0
        extra = struct.unpack("<I", self.take(4))[0] if options & 0x04 else 0
        text = self.chars(count, bool(options & 1))
        self.skip(4 * runs + extra)
        return text

    def flagged_chars(self, count: int) -> str:
        """Characters that start with their own option byte (the text of a TXO)."""
        wide = bool(self.take(1)[0] & 1)
        return self.chars(count, wide)

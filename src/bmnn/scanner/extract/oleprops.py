"""Document properties of OLE files (MS-OLEPS): title, subject, keywords, comments, company,
category and every custom property, the string values only — a stamp typed into "Properties" of a
Word 97–2003 or Excel 97–2003 file lives here."""

from __future__ import annotations

import codecs
import struct

from bmnn.scanner.extract.ole import OleFile

STREAMS = ("\x05SummaryInformation", "\x05DocumentSummaryInformation")
_MAX_BYTES = 4 * 1024 * 1024
_VT_LPSTR, _VT_LPWSTR, _VT_I2 = 0x1E, 0x1F, 0x02
_CODEPAGE_ID, _DICTIONARY_ID = 1, 0
_SKIP_IDS = {_CODEPAGE_ID, _DICTIONARY_ID}
_PROGRAM_ID = 0x12  # in SummaryInformation, the name of the program that wrote the file


def property_text(ole: OleFile) -> str:
    """String property values of both property streams, one per line."""
    lines: list[str] = []
    for name in STREAMS:
        stream = ole.stream(name)
        if stream is not None:
            lines += _stream_strings(stream.read_all(_MAX_BYTES))
    return "\n".join(lines)


def _stream_strings(data: bytes) -> list[str]:
    try:
        count = struct.unpack_from("<I", data, 24)[0]
        sections = [struct.unpack_from("<I", data, 28 + 20 * i + 16)[0] for i in range(min(count, 8))]
        return [text for index, offset in enumerate(sections)
                for text in _section_strings(data, offset, skip_program=index == 0)]
    except struct.error:
        return []  # a damaged property stream hides no text we could read


def _section_strings(data: bytes, base: int, skip_program: bool) -> list[str]:
    """String values of one section; in a custom-properties (second) section 0x12 is a property
    like any other, not the writing program's name."""
    count = struct.unpack_from("<I", data, base + 4)[0]
    pairs = [struct.unpack_from("<II", data, base + 8 + 8 * i) for i in range(min(count, 4096))]
    codepage = "cp1252"
    for pid, offset in pairs:
        if pid == _CODEPAGE_ID and struct.unpack_from("<H", data, base + offset)[0] == _VT_I2:
            codepage = _codec(struct.unpack_from("<H", data, base + offset + 4)[0])
    out = []
    for pid, offset in pairs:
        if pid in _SKIP_IDS or (skip_program and pid == _PROGRAM_ID):
            continue
        kind = struct.unpack_from("<H", data, base + offset)[0]
        if kind in (_VT_LPSTR, _VT_LPWSTR):
            text = _string(data, base + offset + 4, kind, codepage).strip("\x00 ")
            if text:
                out.append(text)
    return out


def _string(data: bytes, at: int, kind: int, codepage: str) -> str:
    size = struct.unpack_from("<I", data, at)[0]
    if kind == _VT_LPWSTR:
        return data[at + 4 : at + 4 + 2 * size].decode("utf-16-le", "replace")
    raw = data[at + 4 : at + 4 + size]
    if codepage == "utf-16-le":
        return raw.decode("utf-16-le", "replace")
    return raw.decode(codepage, "replace")


def _codec(codepage: int) -> str:
    if codepage == 1200:
        return "utf-16-le"
    name = "utf-8" if codepage == 65001 else f"cp{codepage}"
    try:
        codecs.lookup(name)
    except LookupError:
        return "cp1252"
    return name

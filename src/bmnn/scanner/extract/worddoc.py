"""Word 97–2003 (.doc) read directly (MS-DOC): the piece table gives every character of every story
— body, footnotes, headers and footers, comments, endnotes, text boxes — and the property streams
give title, subject and custom properties. No external program, so it runs on Windows too.

Field instructions (between 0x13 and 0x14) are dropped, their results kept; cell and row ends
become tabs and line ends. Files older than Word 97 go to `catdoc` when it is installed.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator

from bmnn.scanner.extract.base import Blob, ExtractError, TextPart
from bmnn.scanner.extract.ole import OleFile, Stream
from bmnn.scanner.extract.oleprops import property_text
from bmnn.scanner.extract.tools import run_tool

_WORD97 = 0x00C1
_ENCRYPTED, _WHICH_TABLE = 0x0100, 0x0200
_FIB_BYTES = 0x600  # FibBase and the counts up to fcClx, with room for a longer FibRgW/FibRgLw
_CLX_PAIR = 33
# Stories in the order their characters follow one another (FibRgLw97 ccp* fields, index: name).
_STORIES = (
    (3, "text"),
    (4, "footnotes"),
    (5, "headers and footers"),
    (7, "comments"),
    (8, "endnotes"),
    (9, "text boxes"),
    (10, "header text boxes"),
)
_MAP = str.maketrans(
    {
        "\r": "\n",
        "\x07": "\t",
        "\x0b": "\n",
        "\x0c": "\n",
        "\x0e": "\n",
        "\x1e": "-",
        **dict.fromkeys("\x01\x02\x03\x04\x05\x08\x1f", ""),
    }
)
_FIELD_MARK = re.compile("([\x13\x14\x15])")
_MAX_TEXT_CHARS = 64 * 1024 * 1024


def extract_doc(blob: Blob, kind: str) -> Iterator[TextPart]:
    """Parts "properties", "text", "headers and footers", "comments", "text boxes"…"""
    with blob.open() as handle:
        ole = OleFile(handle, blob.size())
        word = ole.stream("WordDocument")
        if word is None:
            raise ExtractError("corrupt", "no WordDocument stream")
        fib = word.read(0, _FIB_BYTES)
        if len(fib) < 0x22:
            raise ExtractError("truncated")
        n_fib, flags = struct.unpack_from("<H", fib, 2)[0], struct.unpack_from("<H", fib, 0x0A)[0]
        if flags & _ENCRYPTED:  # (fObfuscated means something only with fEncrypted)
            raise ExtractError("encrypted")
        if n_fib < _WORD97:
            yield from _old_word(blob)
            return
        properties = property_text(ole)
        if properties.strip():
            yield blob.part("properties", properties)
        table = ole.stream("1Table" if flags & _WHICH_TABLE else "0Table")
        if table is None:
            raise ExtractError("corrupt", "no table stream")
        try:
            stories = list(_stories(fib, word, table))
        except struct.error as exc:  # a header shorter than its own counts say
            raise ExtractError("corrupt", "file information block") from exc
        for name, text in stories:
            if text.strip():
                yield blob.part(name, text)


def _old_word(blob: Blob) -> Iterator[TextPart]:
    out, _ = run_tool(["catdoc", "-d", "utf-8", "-w"], blob)
    if out.strip():
        yield blob.part("text", out)


def _stories(fib: bytes, word: Stream, table: Stream) -> Iterator[tuple[str, str]]:
    csw = struct.unpack_from("<H", fib, 0x20)[0]  # FibRgW length (2-byte words), then FibRgLw, then…
    lw_at = 0x22 + 2 * csw + 2
    cslw = struct.unpack_from("<H", fib, lw_at - 2)[0]
    counts = [struct.unpack_from("<i", fib, lw_at + 4 * index)[0] for index, _ in _STORIES]
    fc_lcb_at = lw_at + 4 * cslw + 2  # …the fc/lcb pairs; fcClx is the 34th (0x1A2 in Word 97)
    fc_clx, lcb_clx = struct.unpack_from("<II", fib, fc_lcb_at + 8 * _CLX_PAIR)
    text = _piece_text(word, table.read(fc_clx, lcb_clx))
    at = 0
    for (_, name), count in zip(_STORIES, counts, strict=True):
        count = max(0, count)
        yield name, _clean(text[at : at + count])
        at += count


def _piece_text(word: Stream, clx: bytes) -> str:
    """All characters, piece by piece (MS-DOC 2.9.38 Clx: Prc* then Pcdt)."""
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: property modifiers, skipped
        at += 3 + struct.unpack_from("<H", clx, at + 1)[0]
    if at + 5 > len(clx) or clx[at] != 0x02:
        raise ExtractError("corrupt", "piece table")
    size = struct.unpack_from("<I", clx, at + 1)[0]
    plc = clx[at + 5 : at + 5 + size]
    pieces = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{pieces + 1}i", plc, 0)
    out: list[str] = []
    total = 0
    for index in range(pieces):
        chars = cps[index + 1] - cps[index]
        fc = struct.unpack_from("<I", plc, 4 * (pieces + 1) + 8 * index + 2)[0]
        total += max(chars, 0)
        if chars <= 0 or total > _MAX_TEXT_CHARS:
            if total > _MAX_TEXT_CHARS:
                raise ExtractError("too large", "text")
            continue
        if fc & 0x40000000:
            out.append(word.read((fc & 0x3FFFFFFF) // 2, chars).decode("cp1252", "replace"))
        else:
            out.append(word.read(fc, 2 * chars).decode("utf-16-le", "replace"))
    return "".join(out)


def _clean(text: str) -> str:
    """Field instructions out, results in; Word's control characters to tabs and newlines."""
    if "\x13" in text:
        kept, depth_instr, stack = [], 0, []
        for piece in _FIELD_MARK.split(text):
            if piece == "\x13":
                stack.append(True)
                depth_instr += 1
            elif piece == "\x14" and stack and stack[-1]:
                stack[-1] = False
                depth_instr -= 1
            elif piece == "\x15" and stack:
                depth_instr -= 1 if stack.pop() else 0
            elif depth_instr == 0 and piece and piece not in "\x14\x15":
                kept.append(piece)
        text = "".join(kept)
    return text.replace("\x07\x07", "\x07\n").translate(_MAP)  # a row ends with an extra cell mark

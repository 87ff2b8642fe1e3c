"""A small RTF-to-text reader: \\uN escapes (with \\ucN skip), \\'hh in the document code page
(cp1258 for Vietnamese), ignorable \\* destinations and font/colour/picture tables skipped, \\bin skipped.

Where stamps sit is read even when marked ignorable: comments (annotation), text boxes (shape
text), custom properties (userprops); headers, footers, footnotes and the document information
(title, subject, keywords…) each start and end a line of their own.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from bmnn.scanner.extract.base import Blob, ExtractError, TextPart

# \uN followed by its one-byte fallback (the usual Vietnamese letter) is one token; plain text runs
# include line ends, which RTF ignores.
_TOKEN = re.compile(
    rb"\\u(-?\d{1,10}) ?\\'([0-9a-fA-F]{2})|\\([a-zA-Z]+)(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])"
    rb"|([^\\{}]+)",
    re.S,
)
# Running text: plain runs and \uN\'hh letters, read in one piece while nothing else is going on.
_RUN = re.compile(rb"(?:[^\\{}]+|\\u-?\d{1,10} ?\\'[0-9a-fA-F]{2})+")
_LETTER = re.compile(rb"\\u(-?\d{1,10}) ?\\'[0-9a-fA-F]{2}")
_BIN = re.compile(rb"\\bin(\d{1,10}) ?")
# Formatting words (\pard\plain\s21\loch\f3\fs24…) change nothing in the text: a run of them is
# stepped over in one match, unless it holds a word that does (listed in the sets below).
_SKIP_DESTS = {
    b"fonttbl",
    b"colortbl",
    b"stylesheet",
    b"listtable",
    b"listoverridetable",
    b"pict",
    b"object",
    b"objdata",
    b"themedata",
    b"colorschememapping",
    b"datastore",
    b"latentstyles",
    b"generator",
    b"xmlnstbl",
    b"rsidtbl",
    b"mmathPr",
    b"filetbl",
    b"revtbl",
    b"fldinst",
    b"bkmkstart",
    b"bkmkend",
    b"wgrffmtfilter",
    b"pgdsctbl",
    b"sp",  # a shape's property name/value pairs (sn/sv): numbers and flags, not text
    b"atnid",
    b"atnauthor",
    b"atndate",
    b"atnref",
    b"nonshppict",
    b"shppict",
}
_READ_DESTS = {b"annotation", b"userprops", b"shpinst", b"shptxt"}
_LINE_DESTS = {
    b"header", b"headerl", b"headerr", b"headerf", b"footer", b"footerl", b"footerr", b"footerf",
    b"footnote", b"annotation", b"shptxt", b"title", b"subject", b"author", b"keywords", b"comment",
    b"doccomm", b"category", b"company", b"manager", b"operator", b"propname", b"staticval",
}
_NEWLINE_WORDS = {
    b"par": "\n",
    b"line": "\n",
    b"row": "\n",
    b"cell": "\t",
    b"tab": "\t",
    b"sect": "\n",
    b"page": "\n",
    b"emdash": "—",
    b"endash": "–",
    b"lquote": "‘",
    b"rquote": "’",
    b"ldblquote": "“",
    b"rdblquote": "”",
    b"bullet": "•",
    b"~": "\u00a0",
}


@dataclass
class _State:
    codepage: str = "cp1252"
    skip_depth: int | None = None
    depth: int = 0
    uc_stack: list[int] = field(default_factory=lambda: [1])
    pending_skip: int = 0
    out: list[str] = field(default_factory=list)
    hexbytes: bytearray = field(default_factory=bytearray)
    line_groups: set[int] = field(default_factory=set)  # depths whose group ends its line


def extract_rtf(blob: Blob, kind: str) -> Iterator[TextPart]:
    """The document text as one part "text" (headers and footers included)."""
    data = blob.read_all(blob.limits.max_part_bytes)
    if not data.lstrip().startswith(b"{\\rtf"):
        raise ExtractError("corrupt")
    text = rtf_text(data)
    if text.strip():
        yield blob.part("text", text)


def rtf_text(data: bytes) -> str:
    """Plain text of an RTF document."""
    state = _State()
    position = 0
    while position < len(data):
        if state.skip_depth is None and not state.pending_skip and state.uc_stack[-1] == 1:
            run = _RUN.match(data, position)
            if run is not None:
                _flush(state)
                state.out.append(_run_text(run.group(0), state.codepage))
                position = run.end()
                continue
        formatting = _FORMATTING.match(data, position)
        if formatting is not None:
            _flush(state)
            position = formatting.end()
            continue
        match = _TOKEN.match(data, position)
        if match is None:
            position += 1
            continue
        position = match.end()
        if match.group(3) == b"bin" and match.group(4):
            position += max(0, int(match.group(4)))  # a negative count must not step back
            continue
        _token(state, match)
        if state.skip_depth is not None and match.group(6) != b"*":
            position = _group_end(data, position)  # a skipped group (a picture…) in one jump
    _flush(state)
    return "".join(state.out)


def _run_text(run: bytes, codepage: str) -> str:
    """Text of plain bytes and \\uN\\'hh letters (with \\uc1, the fallback byte is dropped)."""
    pieces = _LETTER.split(run)
    out = []
    for index, piece in enumerate(pieces):
        if index % 2:
            out.append(_char(int(piece)))
        elif piece:
            if b"\r" in piece or b"\n" in piece:
                piece = piece.replace(b"\r", b"").replace(b"\n", b"")
            out.append(piece.decode(codepage, errors="replace"))
    return "".join(out)


def _group_end(data: bytes, position: int) -> int:
    """Where the closing brace of the group being skipped is (left for the main loop to read).
    Braces and backslashes are found with bytes.find (memchr), so a picture's hex is one step."""
    depth, size = 0, len(data)
    following = {mark: _find(data, mark, position) for mark in (b"{", b"}", b"\\")}
    while True:
        at, mark = min((at, mark) for mark, at in following.items())
        if at >= size:
            return size
        if mark == b"\\":
            binary = _BIN.match(data, at)
            after = binary.end() + int(binary.group(1)) if binary else at + 2  # \binN bytes, or \x
            following = {m: at if at >= after else _find(data, m, after) for m, at in following.items()}
            continue
        following[mark] = _find(data, mark, at + 1)
        if mark == b"{":
            depth += 1
        elif depth == 0:
            return at
        else:
            depth -= 1


def _find(data: bytes, mark: bytes, start: int) -> int:
    """Position of `mark` from `start`, or the end of the data (not -1, which sorts first)."""
    at = data.find(mark, start)
    return len(data) if at < 0 else at


def _token(state: _State, match: re.Match[bytes]) -> None:
    code, code_hex, word, arg, hexa, symbol, brace, plain = match.groups()
    if hexa is not None:
        return _hex(state, int(hexa, 16))
    _flush(state)
    if brace is not None:
        return _brace(state, brace)
    skipping = state.skip_depth is not None and state.depth >= state.skip_depth
    if code is not None:
        _control(state, b"u", code, skipping)
        return _hex(state, int(code_hex, 16))  # the fallback byte: skipped when \uc is 1
    if word is not None:
        return _control(state, word, arg, skipping)
    if symbol is not None:
        _symbol(state, symbol, skipping)
    elif plain is not None and not skipping:
        if b"\r" in plain or b"\n" in plain:
            plain = plain.replace(b"\r", b"").replace(b"\n", b"")
        _emit(state, plain.decode(state.codepage, errors="replace"))


def _hex(state: _State, value: int) -> None:
    if state.pending_skip:
        state.pending_skip -= 1
    elif state.skip_depth is None or state.depth < state.skip_depth:
        state.hexbytes.append(value)


def _flush(state: _State) -> None:
    if state.hexbytes:
        state.out.append(bytes(state.hexbytes).decode(state.codepage, errors="replace"))
        state.hexbytes.clear()


def _brace(state: _State, brace: bytes) -> None:
    state.pending_skip = 0
    if brace == b"{":
        state.depth += 1
        state.uc_stack.append(state.uc_stack[-1])
        return
    if state.skip_depth is not None and state.depth <= state.skip_depth:
        state.skip_depth = None
    elif state.depth in state.line_groups:
        _line_break(state)
    state.line_groups.discard(state.depth)
    state.depth -= 1
    if len(state.uc_stack) > 1:
        state.uc_stack.pop()


def _control(state: _State, word: bytes, arg: bytes | None, skipping: bool) -> None:
    if word in _READ_DESTS and state.skip_depth == state.depth:
        state.skip_depth, skipping = None, False  # marked ignorable (\\*), yet stamps sit there
    if word == b"ansicpg" and arg:
        state.codepage = _codepage(int(arg))
    elif word in _LINE_DESTS and not skipping:
        _line_break(state)
        state.line_groups.add(state.depth)
    elif word in _SKIP_DESTS and state.skip_depth is None:
        state.skip_depth = state.depth
    elif skipping:
        return
    elif word == b"uc" and arg is not None:
        state.uc_stack[-1] = int(arg)
    elif word == b"u" and arg is not None:
        _emit(state, _char(int(arg)))
        state.pending_skip = state.uc_stack[-1]
    elif word in _NEWLINE_WORDS:
        _emit(state, _NEWLINE_WORDS[word])


def _symbol(state: _State, symbol: bytes, skipping: bool) -> None:
    if symbol == b"*" and state.skip_depth is None:
        state.skip_depth = state.depth
    elif not skipping and symbol in (b"\\", b"{", b"}"):
        _emit(state, symbol.decode())
    elif not skipping and symbol in _NEWLINE_WORDS:
        _emit(state, _NEWLINE_WORDS[symbol])


_MEANINGFUL = sorted(
    {*_SKIP_DESTS, *_READ_DESTS, *_LINE_DESTS, *_NEWLINE_WORDS, b"ansicpg", b"uc", b"u", b"bin"},
    key=len,
    reverse=True,
)
_FORMATTING = re.compile(
    rb"(?:\\(?!(?:" + b"|".join(w for w in _MEANINGFUL if w.isalpha()) + rb")(?![a-zA-Z]))[a-zA-Z]+-?\d* ?)+"
)


def _char(value: int) -> str:
    """The character of a \\uN value (signed 16-bit in RTF); nonsense reads as U+FFFD."""
    value = value + 65536 if value < 0 else value
    return chr(value) if 0 <= value < 0x110000 else "\ufffd"


def _line_break(state: _State) -> None:
    """End the current line unless it is already ended (or nothing was written yet)."""
    if state.out and not state.out[-1].endswith("\n"):
        state.out.append("\n")


def _emit(state: _State, text: str) -> None:
    if state.pending_skip:
        skipped = min(state.pending_skip, len(text))
        state.pending_skip -= skipped
        text = text[skipped:]
    state.out.append(text)


def _codepage(number: int) -> str:
    name = f"cp{number}"
    try:
        codecs.lookup(name)
    except LookupError:
        return "cp1252"
    return name

"""Secrecy marks — stamps, not words.

Rules, and why:
- A level stamp is "TUYỆT MẬT", "TỐI MẬT" or "MẬT" in CAPITALS, NFC, case-sensitive, as a whole word.
  Stamps are set in capitals; prose ("tài liệu mật", "Tuyệt mật" mid-sentence) is not a stamp, and
  case-insensitive matching halved precision when measured (0.51 against 1.00).
- Diacritics are never folded: "MẶT" (face) is not "MẬT" (secret).
- The stamp must stand alone: no word may touch it across plain spaces ("BÍ MẬT NHÀ NƯỚC",
  "MẬT KHẨU", "BẢO MẬT", "MẬT ĐỘ", "MẬT ONG" are phrases), except the urgency stamps printed
  beside it ("TỐI MẬT KHẨN", "MẬT – HỎA TỐC") and a copy number ("MẬT Bản số: 02"). Punctuation
  separates: "ĐỘ MẬT: TỐI MẬT" is a stamp. A box that wraps "TUYỆT" over "MẬT" is read as one stamp.
- It must sit on a short line: a line, or a column of one (extractors turn a tab or a wide gap into
  a tab), of at most 5 words with the stamp counted as one. Stamps are short lines in headers, boxes
  and text boxes; mentions in prose are long lines.
- A stamp in quotes is a mention ('đóng dấu "MẬT";'), not a stamp, even alone on a line (a page
  layout may wrap a sentence right around it).
- Levels listed ("TUYỆT MẬT, TỐI MẬT, MẬT"), or one followed by a comma, are an enumeration in
  prose cut by a narrow column, not a stamp.
- On a laid-out page (PDF, OCR), a mark in ordinary case ending its line, when the next line goes
  on in lower case ("Tài liệu thu hồi" / "đất …"), is a phrase wrapped by the layout, not a stamp.
- "Chỉ người có tên mới được bóc bì" wrapped over two lines (a table cell in a PDF) is joined.
- On a laid-out page a stamp in capitals may touch the next column with one space ("… BÓC BÌ Lào
  Cai, ngày …"): a neighbour word in title case there is the other column, not the stamp's phrase.
- "TUYỆT MẬT" is one mark, never also "MẬT"; "GIẢI MẬT" / "ĐÃ GIẢI MẬT" is a `declassified` mark,
  never a "MẬT" mark.
- "Bản số" + a number, "Tài liệu thu hồi" / "TÀI LIỆU THU HỒI" and "Chỉ người có tên mới được bóc bì"
  (any case) follow the same stand-alone and short-line rules.
- An envelope letter A, B or C counts only when it is alone on its line and the same part also
  carries a level stamp or "Chỉ người có tên mới được bóc bì" (a lone "A" is otherwise anything);
  its level follows the letter: A tuyệt mật, B tối mật, C mật.
- Identical (kind, level, location, text) marks are reported once; different locations are kept.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bmnn.scanner.extract.base import TextPart

MAX_WORDS = 5
# A segment that can hold a stamp has at most MAX_WORDS words beside the 8 of the named-person
# phrase; twice that in spaces leaves room for spaced decoration ("- - MẬT - -"). Prose lines have
# far more and are passed over without running a regex.
_MOST_SPACES = 2 * (MAX_WORDS + 8)
EVIDENCE_CHARS = 80
_LEVELS = {"TUYỆT MẬT": "tuyet_mat", "TỐI MẬT": "toi_mat", "MẬT": "mat"}
_ENVELOPE_LEVELS = {"A": "tuyet_mat", "B": "toi_mat", "C": "mat"}
_URGENCY = {"KHẨN", "THƯỢNG", "HỎA", "HOẢ", "TỐC"}
_QUOTES = "\"'“”‘’«»„"
_DECOR = " \t[](){}【】〔〕〈〉<>*-–—_=:;.,|/\\!•·■□▪◆◇○●" + _QUOTES
_WORD = re.compile(r"\w+")
_STAMP_BEFORE = re.compile(r"(?<!\w)(?:TUYỆT MẬT|TỐI MẬT|MẬT) $")
_LISTED = re.compile(r"(?<!\w)(?:TUYỆT MẬT|TỐI MẬT|MẬT) ?[,;]")
_LEVEL_START = re.compile(r"(?:TUYỆT|TỐI|MẬT)(?!\w)")  # another level, maybe cut by the line end
_NAMED_WORDS = ["chỉ", "người", "có", "tên", "mới", "được", "bóc", "bì"]
_TRIGGERS = ("MẬT", "ản số", "ản Số", "ẢN SỐ", "HỒI", "hồi", "bì", "BÌ", "Bì", "bÌ")

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("declassified", re.compile(r"(?<!\w)(?:ĐÃ )?GIẢI MẬT(?!\w)")),
    ("named_person", re.compile(r"(?<!\w)chỉ người có tên mới được bóc bì(?!\w)", re.I)),
    ("recalled", re.compile(r"(?<!\w)(?:TÀI LIỆU THU HỒI|Tài liệu thu hồi)(?!\w)")),
    ("copy_number", re.compile(r"(?<!\w)(?:Bản số|BẢN SỐ|Bản Số) ?:? ?\d{1,4}(?: ?/ ?\d{1,4})?(?!\w)")),
    ("level", re.compile(r"(?<!\w)(?:TUYỆT MẬT|TỐI MẬT|MẬT)(?!\w)")),
)


# OCR of a stamp often misreads its diacritics ("MẠT", "MÂT", "TÔI MẬT"): in OCR text only, a
# capitals word one diacritic away from a stamp word (or with its vowel read twice, "TUYẾỆT") is read
# as that word before the stamp rules
# run, which still demand a stand-alone stamp on a short line ("MẶT TRẬN" stays no mark).
_OCR_A, _OCR_O, _OCR_E = "AÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬ", "OÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢ0", "EÉÈẺẼẸÊẾỀỂỄỆ"
_OCR_STAMPS = (
    (re.compile(rf"(?<!\w)TUY[{_OCR_E}]{{1,2}}T M[{_OCR_A}]{{1,2}}T(?!\w)"), "TUYỆT MẬT"),
    (re.compile(rf"(?<!\w)T[{_OCR_O}]{{1,2}}I M[{_OCR_A}]{{1,2}}T(?!\w)"), "TỐI MẬT"),
    (re.compile(rf"(?<!\w)M[{_OCR_A}]{{1,2}}T(?!\w)"), "MẬT"),
)


def ocr_tolerant(text: str) -> str:
    """OCR text with misread stamp words put back ("MẠT" → "MẬT"); other text unchanged."""
    for pattern, stamp in _OCR_STAMPS:
        text = pattern.sub(stamp, text)
    return text


@dataclass(frozen=True)
class Mark:
    """One secrecy mark found in a file."""

    kind: str
    level: str | None
    text: str
    location: str
    evidence: str


def find_marks(parts: Iterable[TextPart]) -> list[Mark]:
    """Marks of all parts, deduplicated on (kind, level, location, text), in order found."""
    seen: set[tuple[str, str | None, str, str]] = set()
    found: list[Mark] = []
    for part in parts:
        for mark in _part_marks(part):
            key = (mark.kind, mark.level, mark.location, mark.text)
            if key not in seen:
                seen.add(key)
                found.append(mark)
    return found


def _has_trigger(text: str) -> bool:
    """Cheap substring test: could `text` hold any mark? (Most text cannot.)"""
    return any(trigger in text for trigger in _TRIGGERS)


def _part_marks(part: TextPart) -> list[Mark]:
    """Only lines holding a trigger, or a lone envelope letter, are looked at."""
    text = part.text
    marks: list[Mark] = []
    for line, following in _trigger_lines(text):
        segments = line.split("\t")
        for index, segment in enumerate(segments):
            if segment.count(" ") <= _MOST_SPACES and _has_trigger(segment):
                last = following if part.laid_out and index == len(segments) - 1 else ""
                marks.extend(_segment_marks(segment, line, part.location, last, part.laid_out))
    if any(mark.kind in ("level", "named_person") for mark in marks):
        for line in text.split("\n"):
            if line.strip(_DECOR) in _ENVELOPE_LEVELS:
                letter = _envelope_letter(line, line, part.location)
                if letter is not None:
                    marks.append(letter)
    return marks


def _trigger_lines(text: str) -> Iterator[tuple[str, str]]:
    """(line, the next line) for lines of `text` holding a trigger, in order. A narrow box may wrap
    "TUYỆT MẬT" as "TUYỆT" over "MẬT", or the named-person phrase over two lines: such a line is
    read joined to the end of the line above."""
    for start in _trigger_line_starts(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if start > 0:
            previous = text[text.rfind("\n", 0, start - 1) + 1 : start - 1]
            if line.strip() == "MẬT" and previous.strip() in ("TUYỆT", "TỐI"):
                line = previous.strip() + " MẬT"
            else:
                line = _join_wrapped_phrase(previous, line)
        yield line, _line_after(text, end)


def _line_after(text: str, end: int) -> str:
    """The line that follows the line ending at `end` ("" at the end of the text)."""
    if end >= len(text):
        return ""
    stop = text.find("\n", end + 1)
    return text[end + 1 : stop if stop >= 0 else len(text)]


def _join_wrapped_phrase(previous: str, line: str) -> str:
    """`line` with the named-person phrase rejoined when its first words end the phrase and the last
    segment of `previous` ends with the rest of it."""
    head, tab, rest = line.partition("\t")
    words = head.split()
    if not words or words[0].lower() not in _NAMED_WORDS:
        return line
    tail = previous.rsplit("\t", 1)[-1].split()
    for taken in range(1, min(len(words), len(_NAMED_WORDS) - 1) + 1):
        needed = len(_NAMED_WORDS) - taken
        if ([w.lower() for w in words[:taken]] == _NAMED_WORDS[needed:]
                and [w.lower() for w in tail[-needed:]] == _NAMED_WORDS[:needed]):
            return " ".join([*tail, *words]) + tab + rest
    return line


def _trigger_line_starts(text: str) -> Iterator[int]:
    """Start of each line holding a trigger. Each trigger is found by str.find (C speed) and
    searched again only once passed, so the text is scanned once per trigger, never per line."""
    heap = [(at, trigger) for trigger in _TRIGGERS if (at := text.find(trigger)) >= 0]
    heapq.heapify(heap)
    position = 0
    while heap:
        at, trigger = heap[0]
        if at < position:
            at = text.find(trigger, position)
            if at < 0:
                heapq.heappop(heap)
            else:
                heapq.heapreplace(heap, (at, trigger))
            continue
        start = text.rfind("\n", 0, at) + 1
        yield start
        end = text.find("\n", at)
        if end < 0:
            return
        position = end + 1


def _segment_marks(segment: str, line: str, location: str, following: str = "",
                   laid_out: bool = False) -> list[Mark]:
    """Marks of one segment in reading order; a longer pattern claims its span first.
    `following` is the next line when the segment ends its line (for a phrase wrapped on)."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, Mark]] = []
    levels = 0
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(segment):
            span = match.span()
            if any(start < span[1] and span[0] < end for start, end in taken):
                continue
            taken.append(span)
            if _standalone(segment, *span, laid_out) and not _wraps_on(segment, match, following):
                levels += kind == "level"
                text = match.group(0)
                level = _LEVELS[text] if kind == "level" else None
                found.append((span[0], Mark(kind, level, text, location, _evidence(line, text))))
    if levels > 1 or _enumerates(segment):  # "TUYỆT MẬT, TỐI MẬT, MẬT": an enumeration
        found = [pair for pair in found if pair[1].kind != "level"]
    return [mark for _, mark in sorted(found, key=lambda pair: pair[0])]


def _enumerates(segment: str) -> bool:
    """A level then a comma that ends the segment, goes on to another level or on in lower case
    ("TUYỆT MẬT," / "MẬT, TỐI MẬT" / "MẬT, tài liệu…"); "TỐI MẬT, HỎA TỐC" is a stamp."""
    for listed in _LISTED.finditer(segment):
        rest = segment[listed.end() :].strip(" ")
        word = rest.split(" ", 1)[0].strip(_DECOR)
        if not rest or _LEVEL_START.match(rest) or (word[:1].islower() and word not in _URGENCY):
            return True
    return False


def _wraps_on(segment: str, match: re.Match[str], following: str) -> bool:
    """A mark in ordinary case that ends its line while the next line goes on in lower case."""
    text = match.group(0)
    if text.isupper() or segment[match.end() :].strip(_DECOR) or not following:
        return False
    first = following.lstrip(" \t")[:1]
    return first.isalpha() and first.islower()


def _standalone(segment: str, start: int, end: int, laid_out: bool = False) -> bool:
    """True when the match stands as a stamp in its segment (see the module rules)."""
    before = re.search(r"(\w+) +$", segment[:start])
    after = re.match(r" +(\w+)", segment[end:])
    if laid_out and after is not None and segment[start:end].isupper() and after.group(1).istitle():
        segment, after = segment[:end], None  # a stamp in capitals touching the next column
    if after is not None and _PATTERNS[3][1].match(segment, end + 1):
        after = None  # "MẬT Bản số: 02": the next words are a copy number, another stamp
    if before is not None and _STAMP_BEFORE.search(segment, 0, start):
        before = None  # and the copy number's neighbour is that stamp
    for neighbour in (before, after):
        if neighbour is not None and neighbour.group(1) not in _URGENCY:
            return False
    words_in_match = len(_WORD.findall(segment[start:end]))
    words = len(_WORD.findall(segment)) - words_in_match + 1
    if words > MAX_WORDS:
        return False
    previous = segment[:start].rstrip(" [](){}*【】")[-1:]
    return not (previous != "" and previous in _QUOTES)


def _envelope_letter(segment: str, line: str, location: str) -> Mark | None:
    core = segment.strip(_DECOR)
    if core in _ENVELOPE_LEVELS and line.strip(_DECOR) == core:
        return Mark("envelope", _ENVELOPE_LEVELS[core], core, location, _evidence(line, core))
    return None


def _evidence(line: str, text: str) -> str:
    """Up to EVIDENCE_CHARS of the line around `text`, on one line."""
    flat = line.replace("\t", " ").strip()
    if len(flat) <= EVIDENCE_CHARS:
        return flat
    at = max(flat.find(text), 0)
    start = max(0, min(at - (EVIDENCE_CHARS - len(text)) // 2, len(flat) - EVIDENCE_CHARS))
    snippet = flat[start : start + EVIDENCE_CHARS]
    return ("…" if start else "") + snippet + ("…" if start + EVIDENCE_CHARS < len(flat) else "")

"""What is planted in the scan corpus, where, and what the scanner must report for it.

A planted mark is (kind, level, text) put in one zone of a source document (page header, text
box, comment, document property…). A file's ground truth is the set of (kind, level) it carries
after LibreOffice wrote it in one format: a format that cannot carry a zone (a PDF keeps no
comments, a .txt export no header) drops the marks planted there. Each file carries a (kind,
level) at most once, and a decoy goes only where the false mark it could cause is not planted,
so every false positive shows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

Key = tuple[str, "str | None"]  # (kind, level) as the scanner reports it


@dataclass(frozen=True)
class Planted:
    zone: str
    kind: str
    level: str | None
    text: str


@dataclass
class Spec:
    """One source document to write and convert."""

    name: str
    family: str  # text, sheet, slides
    formats: tuple[str, ...]
    seed: int
    size: int  # pages (text), rows (sheet), slides (slides)
    images: int
    marks: list[Planted] = field(default_factory=list)
    decoys: list[str] = field(default_factory=list)  # short lines set where a stamp would sit


LEVEL_TEXT = {"tuyet_mat": "TUYỆT MẬT", "toi_mat": "TỐI MẬT", "mat": "MẬT"}
ENVELOPE = {"tuyet_mat": "A", "toi_mat": "B", "mat": "C"}
OTHER_MARKS: dict[str, list[str]] = {
    "copy_number": ["Bản số: 02", "Bản số: 01/05", "BẢN SỐ: 3", "Bản số 04"],
    "named_person": ["Chỉ người có tên mới được bóc bì", "CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ"],
    "recalled": ["TÀI LIỆU THU HỒI", "Tài liệu thu hồi"],
    "declassified": ["ĐÃ GIẢI MẬT", "GIẢI MẬT"],
}
# Short lines set where stamps sit (headings, cells, boxes); each with the false mark it could cause.
DECOYS: list[tuple[str, Key]] = [
    ("HƯỚNG DẪN ĐỔI MẬT KHẨU", ("level", "mat")),
    ("QUY CHẾ BẢO VỆ BÍ MẬT NHÀ NƯỚC", ("level", "mat")),
    ("BẢO MẬT THÔNG TIN", ("level", "mat")),
    ("MẬT KHẨU", ("level", "mat")),
    ("MẬT ĐỘ DÂN SỐ", ("level", "mat")),
    ("MẬT ONG RỪNG", ("level", "mat")),
    ("BÍ MẬT KINH DOANH", ("level", "mat")),
    ("MẶT TRẬN TỔ QUỐC", ("level", "mat")),
    ("Tài liệu mật", ("level", "mat")),
    ("Tuyệt mật", ("level", "tuyet_mat")),
    ("Độ mật: Tối mật", ("level", "toi_mat")),
    ("HỘI ĐỒNG GIẢI MẬT", ("declassified", None)),
    ("Tài liệu thu hồi đất", ("recalled", None)),
    ("Số bản: 05", ("copy_number", None)),
    ("Bản số liệu", ("copy_number", None)),
]

# Zones a source family can hold, and for each output format the zones it keeps (LibreOffice 7.4
# export, checked by opening the files): what a format drops cannot be found in it.
ZONES = {
    "text": (
        "header",
        "footer",
        "stamp_para",
        "table_cell",
        "text_box",
        "comment",
        "prop_subject",
        "prop_custom",
    ),
    "sheet": ("cell", "sheet_header", "sheet_footer", "comment", "text_box", "prop_subject", "prop_custom"),
    "slides": ("slide_box", "table_cell", "notes", "prop_subject", "prop_custom"),
}
_ALL = None
KEPT: dict[tuple[str, str], tuple[str, ...] | None] = {
    **{("text", fmt): _ALL for fmt in ("docx", "docm", "dotx", "odt", "doc", "rtf")},
    # The HTML export draws a text box as a picture (.gif beside the page): its text is gone.
    ("text", "html"): (
        "header",
        "footer",
        "stamp_para",
        "table_cell",
        "comment",
        "prop_subject",
        "prop_custom",
    ),
    ("text", "pdf"): ("header", "footer", "stamp_para", "table_cell", "text_box", "prop_subject"),
    ("text", "txt"): ("stamp_para", "table_cell"),
    **{("sheet", fmt): _ALL for fmt in ("xlsx", "ods", "xls")},
    ("sheet", "pdf"): ("cell", "sheet_header", "sheet_footer", "text_box", "prop_subject"),
    **{("slides", fmt): _ALL for fmt in ("pptx", "odp")},
    ("slides", "pdf"): ("slide_box", "table_cell", "prop_subject"),
}


def kept(family: str, fmt: str, zone: str) -> bool:
    zones = KEPT[(family, fmt)]
    return zones is None or zone in zones


def truth(spec: Spec, fmt: str) -> set[Key]:
    """(kind, level) the file of `spec` written as `fmt` must yield."""
    keys: set[Key] = set()
    for mark in spec.marks:
        if kept(spec.family, fmt, mark.zone):
            keys.add((mark.kind, mark.level))
    # An envelope letter counts only beside a level stamp or the named-person line in its part.
    if any(kind == "envelope" for kind, _ in keys):
        envelope_zone = next(m.zone for m in spec.marks if m.kind == "envelope")
        partners = {m.kind for m in spec.marks if m.zone == envelope_zone and kept(spec.family, fmt, m.zone)}
        if not partners & {"level", "named_person"}:
            keys = {k for k in keys if k[0] != "envelope"}
    return keys


def choose_marks(rng: random.Random, family: str) -> list[Planted]:
    """Half the documents carry no mark; the others one to four, each in its own zone."""
    if rng.random() < 0.5:
        return []
    zones = list(ZONES[family])
    rng.shuffle(zones)
    level = rng.choices(list(LEVEL_TEXT), weights=[1, 3, 6])[0]
    first = Planted(zones.pop(), "level", level, LEVEL_TEXT[level])
    marks = [first]
    if family == "text" and first.zone in ("text_box", "header") and rng.random() < 0.5:
        marks.append(Planted(first.zone, "envelope", level, ENVELOPE[level]))  # the letter beside it
    for kind in rng.sample(list(OTHER_MARKS), rng.randint(0, 3)):
        if zones:
            marks.append(Planted(zones.pop(), kind, None, rng.choice(OTHER_MARKS[kind])))
    return marks


def choose_decoys(rng: random.Random, marks: list[Planted]) -> list[str]:
    """Two to five decoys whose false mark is not among the planted (kind, level)."""
    planted = {(m.kind, m.level) for m in marks}
    allowed = [text for text, risk in DECOYS if risk not in planted]
    return rng.sample(allowed, min(len(allowed), rng.randint(2, 5)))

"""The reference: the same files read the usual way, with the Python libraries people reach for
(python-docx, openpyxl, python-pptx, pdfminer.six, striprtf), then the scanner's own matcher.

Each reader takes what a careful user of that library would: python-docx paragraphs, tables,
headers and footers and core properties; openpyxl cells (read-only mode) and properties;
python-pptx shapes, tables and notes; pdfminer's text per page; striprtf's text.
Install with `pip install -e '.[bench]'`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bmnn.scanner.extract import TextPart
from bmnn.scanner.textnorm import normalize

Reader = Callable[[Path], list[TextPart]]


def _part(location: str, lines: list[str]) -> TextPart:
    return TextPart(location, normalize("\n".join(line for line in lines if line)))


def _core(properties: object) -> list[str]:
    names = ("title", "subject", "keywords", "comments", "description", "category")
    return [str(getattr(properties, name, "") or "") for name in names]


def read_docx(path: Path) -> list[TextPart]:
    import docx

    document = docx.Document(str(path))
    parts = [_part("body", [p.text for p in document.paragraphs])]
    rows = ["\t".join(cell.text for cell in row.cells) for table in document.tables for row in table.rows]
    parts.append(_part("tables", rows))
    for section in document.sections:
        for story in (section.header, section.footer):
            parts.append(_part("header/footer", [p.text for p in story.paragraphs]))
    parts.append(_part("properties", _core(document.core_properties)))
    return parts


def read_xlsx(path: Path) -> list[TextPart]:
    import openpyxl

    book = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    try:
        parts = []
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            lines = ["\t".join("" if v is None else str(v) for v in row) for row in rows]
            parts.append(_part(sheet.title, lines))
        parts.append(_part("properties", _core(book.properties)))
        return parts
    finally:
        book.close()


def read_pptx(path: Path) -> list[TextPart]:
    import pptx

    deck = pptx.Presentation(str(path))
    parts = []
    for number, slide in enumerate(deck.slides, start=1):
        lines = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                lines.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                lines += ["\t".join(c.text for c in row.cells) for row in shape.table.rows]
        notes = slide.notes_slide.notes_text_frame if slide.has_notes_slide else None
        if notes is not None:
            lines.append(notes.text)
        parts.append(_part(f"slide {number}", lines))
    parts.append(_part("properties", _core(deck.core_properties)))
    return parts


def read_pdf(path: Path) -> list[TextPart]:
    from pdfminer.high_level import extract_text

    pages = extract_text(str(path)).split("\f")
    return [_part(f"page {number}", [page]) for number, page in enumerate(pages, start=1)]


def read_rtf(path: Path) -> list[TextPart]:
    from striprtf.striprtf import rtf_to_text

    return [_part("text", [rtf_to_text(path.read_bytes().decode("latin-1"), errors="ignore")])]


READERS: dict[str, Reader] = {
    "docx": read_docx,
    "docm": read_docx,
    "dotx": read_docx,
    "xlsx": read_xlsx,
    "pptx": read_pptx,
    "pdf": read_pdf,
    "rtf": read_rtf,
}

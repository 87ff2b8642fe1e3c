"""The administrative format of Nghị định 30/2020/NĐ-CP (Phụ lục I) that every paper bmnn prints
shares: A4 portrait, margins 20/20/30/15 mm, Times New Roman 13–14, page numbers from page 2;
the issuing body at the top left, the national title and motto with place and date at the top
right; justified body text with a first-line indent; "Nơi nhận". Writers of a paper (paper_docx,
self_inspection_docx) compose these."""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.section import Section
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from bmnn.lib.cells import printable
from bmnn.reports.writers.docx_parts import add_field, base_font, fixed_layout

BODY = 14
TEXT_WIDTH = 165.0  # mm: 210 − 30 − 15
Line = tuple[str, int, bool, bool]  # text, size, bold, italic


def a4_portrait(doc: DocxDocument) -> Section:
    """The first section as the decree sets it, numbered from its second page."""
    base_font(doc, BODY)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_field(number, "PAGE", "2")
    return section


def run(para: Paragraph, text: str, *, size: int = BODY, bold: bool = False, italic: bool = False) -> None:
    piece = para.add_run(printable(text))
    piece.bold, piece.italic, piece.font.size = bold, italic, Pt(size)


def centred(cell: _Cell, lines: Sequence[Line]) -> None:
    """One centred paragraph per line; "————" draws the short rule under a name."""
    for index, (text, size, bold, italic) in enumerate(lines):
        para = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run(para, text, size=size, bold=bold, italic=italic)


def heading(doc: DocxDocument, body: Sequence[Line], place_date: str) -> None:
    """The issuing body's lines at the top left (parent, body, rule, number…), the national title,
    motto, rule and the place and date at the top right."""
    table = doc.add_table(rows=1, cols=2)
    fixed_layout(table, [68.0, 97.0])
    left, right = table.rows[0].cells
    centred(left, body)
    centred(right, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True, False),
                    ("Độc lập - Tự do - Hạnh phúc", 13, True, False),
                    ("————————————", 13, False, False), (place_date, 14, False, True)])


def justified(doc: DocxDocument, text: str, *, bold: bool = False, italic: bool = False,
              indent: bool = True) -> Paragraph:
    para = doc.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt = para.paragraph_format
    fmt.first_line_indent = Mm(10) if indent else None
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(6), Pt(0), 1.1
    run(para, text, bold=bold, italic=italic)
    return para


def recipients(cell: _Cell, names: Sequence[str], *, end: str = "") -> None:
    """ "Nơi nhận:" and one line per recipient, each ended with `end` when given."""
    run(cell.paragraphs[0], "Nơi nhận:", size=12, bold=True, italic=True)
    for name in names:
        run(cell.add_paragraph(), f"- {name}{end}", size=11)

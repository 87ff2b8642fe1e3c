"""A register volume as a Word document: A4 landscape, cover page, then the register table.

Each volume is two sections: the cover (no page number) and the table, whose page numbers start
at 1 and whose two header rows (titles and the (1)…(n) column numbers) repeat on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt

from bmnn.reports.registers import RegisterPrint, masked_note
from bmnn.reports.writers.column_widths import column_widths
from bmnn.reports.writers.docx_parts import add_field, base_font, cell_text, fixed_layout, mark_row, paragraph

PAGE_LONG, PAGE_SHORT = Mm(297), Mm(210)
MARGIN_LEFT, MARGIN_OTHER = Mm(20), Mm(15)
TABLE_WIDTH_MM = 297 - 20 - 15
BLANK = "……………"


def render_register_docx(volumes: Sequence[RegisterPrint]) -> bytes:
    """The volumes, each with its cover and table, as .docx bytes."""
    if not volumes:
        raise ValueError("Không có quyển sổ nào để in.")
    doc = Document()
    base_font(doc)
    for index, volume in enumerate(volumes):
        cover = doc.sections[0] if index == 0 else doc.add_section(WD_SECTION.NEW_PAGE)
        _setup_page(cover)
        _clear_header_footer(cover)
        _write_cover(doc, volume)
        body = doc.add_section(WD_SECTION.NEW_PAGE)
        _setup_page(body)
        _number_pages_from_one(body)
        _write_running_header(body, volume)
        _write_page_footer(body)
        _write_table(doc, volume)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _setup_page(section: Section) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_LONG, PAGE_SHORT
    section.left_margin = MARGIN_LEFT
    section.right_margin = section.top_margin = section.bottom_margin = MARGIN_OTHER
    section.header_distance = section.footer_distance = Mm(8)


def _clear_header_footer(section: Section) -> None:
    # A later volume's cover would otherwise inherit the previous table's page numbers.
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False


def _number_pages_from_one(section: Section) -> None:
    sect_pr = section._sectPr
    pg_num = OxmlElement("w:pgNumType")
    pg_num.set(qn("w:start"), "1")
    cols = sect_pr.find(qn("w:cols"))
    if cols is not None:
        cols.addprevious(pg_num)  # schema order: pgNumType comes before cols
    else:
        sect_pr.append(pg_num)


def _write_page_footer(section: Section) -> None:
    footer = section.footer
    footer.is_linked_to_previous = False
    para = footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.add_run("Trang ")
    add_field(para, "PAGE", "1")


def _write_running_header(section: Section, volume: RegisterPrint) -> None:
    # Identifies a loose page: which body, which register, which volume.
    header = section.header
    header.is_linked_to_previous = False
    para = header.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = para.add_run(
        f"{volume.cover.unit_name} — {_sentence_case(volume.title)} năm {volume.year}, "
        f"quyển số {volume.cover.volume}"
    )
    run.italic = True
    run.font.size = Pt(10)


def _sentence_case(title: str) -> str:
    return title[:1] + title[1:].lower()


def _write_cover(doc: DocxDocument, volume: RegisterPrint) -> None:
    cover = volume.cover
    _write_cover_heading(doc, volume)
    paragraph(doc, volume.title, size=24, bold=True, space_before=80)
    paragraph(doc, f"Năm: {cover.year_opened}", size=16, bold=True, space_before=18)
    paragraph(doc, f"Quyển số: {cover.volume}", size=14, space_before=6)
    paragraph(
        doc, f"Bắt đầu từ ngày {cover.first_date or BLANK}    đến ngày {cover.last_date or BLANK}",
        size=13, space_before=70,
    )
    paragraph(
        doc, f"Bắt đầu từ số {cover.first_number or BLANK}    đến số {cover.last_number or BLANK}",
        size=13, space_before=6,
    )
    if volume.masked:
        paragraph(doc, masked_note(volume.masked), size=12, italic=True, space_before=24)


def _write_cover_heading(doc: DocxDocument, volume: RegisterPrint) -> None:
    """Parent body and body at the top left, as on official papers; the form at the top right."""
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Mm(130), Mm(132)
    parent = volume.cover.parent_name.upper()
    cell_text(left, parent, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    unit = left.add_paragraph()
    unit.alignment = WD_ALIGN_PARAGRAPH.CENTER
    unit_run = unit.add_run(volume.cover.unit_name.upper())
    unit_run.bold, unit_run.font.size = True, Pt(12)
    cell_text(right, volume.form, size=12, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)


# Columns whose short values read best centred (numbers, dates, level).
_CENTRED = frozenset({
    "number", "doc_date", "arrival_date", "arrival_number", "copy_date", "sent_date",
    "received_date", "level", "copies", "copy_count", "copy_numbers", "envelope",
})


def _write_table(doc: DocxDocument, volume: RegisterPrint) -> None:
    # The heading also keeps LibreOffice from dropping the section break: it loses a break
    # whose section starts with a table, and the cover and table then share a page.
    heading = paragraph(doc, volume.title, size=13, bold=True)
    heading.paragraph_format.space_after = Pt(6)
    widths = column_widths(volume.column_ids, TABLE_WIDTH_MM)
    table = doc.add_table(rows=2, cols=len(volume.columns))
    table.style = doc.styles["Table Grid"]
    fixed_layout(table, widths)
    for row_index, texts in enumerate((volume.columns, _column_numbers(len(volume.columns)))):
        row = table.rows[row_index]
        mark_row(row, header=True)
        for cell, text, width in zip(row.cells, texts, widths, strict=True):
            cell.width = Mm(width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            cell_text(
                cell, text, size=11 if row_index == 0 else 10, bold=row_index == 0,
                italic=row_index == 1, align=WD_ALIGN_PARAGRAPH.CENTER,
            )
    for cells in volume.rows:
        row = table.add_row()
        mark_row(row, header=False)
        for cell, text, width, column_id in zip(
            row.cells, cells, widths, volume.column_ids, strict=True
        ):
            cell.width = Mm(width)
            centred = column_id in _CENTRED
            cell_text(
                cell, text, align=WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
            )


def _column_numbers(count: int) -> list[str]:
    return [f"({i})" for i in range(1, count + 1)]

"""An administrative paper (paper_model.Paper) as Word, in the format of Nghị định 30/2020/NĐ-CP
(Phụ lục I): A4 portrait, margins 20/20/30/15 mm, Times New Roman 13–14; the parent body over the
issuing body at the top left with the number under them, the national title and motto at the
top right with place and date; the title, its subject, the body justified with a first-line
indent; "Nơi nhận" at the bottom left and the signature at the bottom right (two signatures, as
minutes have, side by side); page numbers from page 2, as self_inspection_docx writes them."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from bmnn.lib.cells import printable
from bmnn.reports.writers.docx_parts import add_field, base_font, cell_text, fixed_layout, mark_row
from bmnn.reports.writers.paper_model import Block, Paper, Signature, Table

BODY = 14
TEXT_WIDTH = 165.0  # mm: 210 − 30 − 15


def render_paper_docx(paper: Paper) -> bytes:
    """The paper as .docx bytes."""
    doc = Document()
    base_font(doc, BODY)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_field(number, "PAGE", "2")
    _heading(doc, paper)
    _title(doc, paper)
    for block in paper.blocks:
        _block(doc, block)
    if paper.note:
        _text(doc, paper.note, italic=True)
    _closing(doc, paper)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _run(para: Paragraph, text: str, *, size: int = BODY, bold: bool = False, italic: bool = False) -> None:
    run = para.add_run(printable(text))
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)


def _lines(cell: _Cell, lines: Sequence[tuple[str, int, bool, bool]]) -> None:
    """(text, size, bold, italic) per line, centred; "————" draws the short rule under a name."""
    for index, (text, size, bold, italic) in enumerate(lines):
        para = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(para, text, size=size, bold=bold, italic=italic)


def _heading(doc: DocxDocument, paper: Paper) -> None:
    table = doc.add_table(rows=1, cols=2)
    fixed_layout(table, [68.0, 97.0])
    left, right = table.rows[0].cells
    body = [(paper.parent_name.upper(), 13, False, False)] if paper.parent_name else []
    mark = [(paper.mark, 13, True, False)] if paper.mark else []  # the level stamp, under the number
    _lines(left, [*body, (paper.unit_name.upper(), 13, True, False), ("————", 13, False, False),
                  (paper.number, 13, False, False), *mark])
    _lines(right, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True, False),
                   ("Độc lập - Tự do - Hạnh phúc", 13, True, False),
                   ("————————————", 13, False, False), (paper.place_date, 14, False, True)])


def _title(doc: DocxDocument, paper: Paper) -> None:
    for text, before, bold in ((paper.title, 18, True), (paper.subject, 0, True), ("————", 0, False)):
        if not text:
            continue
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.space_before = Pt(before)
        _run(para, text, bold=bold)
    if paper.addressee:
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.space_before = Pt(12)
        _run(para, paper.addressee)


def _text(doc: DocxDocument, text: str, *, bold: bool = False, italic: bool = False,
          indent: bool = True) -> Paragraph:
    para = doc.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt = para.paragraph_format
    fmt.first_line_indent = Mm(10) if indent else None
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(6), Pt(0), 1.1
    _run(para, text, bold=bold, italic=italic)
    return para


def _block(doc: DocxDocument, block: Block) -> None:
    if block.text:
        _text(doc, block.text, bold=block.bold, italic=block.italic, indent=block.indent)
    if block.table is not None:
        _table(doc, block.table)
    if block.image is not None:
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.space_before = Pt(6)
        para.add_run().add_picture(BytesIO(block.image), width=Mm(block.image_width))


def _table(doc: DocxDocument, spec: Table) -> None:
    doc.add_paragraph().paragraph_format.space_after = Pt(0)
    table = doc.add_table(rows=1, cols=len(spec.columns))
    table.style = doc.styles["Table Grid"]
    fixed_layout(table, list(spec.widths))
    head = table.rows[0]
    mark_row(head, header=True)
    for cell, text, width in zip(head.cells, spec.columns, spec.widths, strict=True):
        cell.width = Mm(width)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        cell_text(cell, text, size=12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for values in spec.rows:
        row = table.add_row()
        mark_row(row, header=False)
        for index, (cell, text, width) in enumerate(zip(row.cells, values, spec.widths, strict=True)):
            cell.width = Mm(width)
            centred = not spec.plain and (index == 0 or len(text) <= 12)
            cell_text(cell, printable(text), size=12,
                      align=WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT)


def _signature_lines(signature: Signature) -> list[tuple[str, int, bool, bool]]:
    lines = [(signature.on_behalf.upper(), 13, True, False)] if signature.on_behalf else []
    lines.append((signature.title.upper(), 13, True, False))
    lines.append((signature.instruction, 12, False, True))
    lines += [("", 13, False, False)] * 3
    lines.append((signature.name, 14, True, False))
    return lines


def _closing(doc: DocxDocument, paper: Paper) -> None:
    doc.add_paragraph()
    if len(paper.signatures) >= 2 or not paper.recipients:
        _signature_rows(doc, paper.signatures)
        if paper.recipients:
            _recipients(doc.add_table(rows=1, cols=1).rows[0].cells[0], paper.recipients)
        return
    table = doc.add_table(rows=1, cols=2)
    fixed_layout(table, [80.0, 85.0])
    left, right = table.rows[0].cells
    _recipients(left, paper.recipients)
    if paper.signatures:
        _lines(right, _signature_lines(paper.signatures[0]))


def _signature_rows(doc: DocxDocument, signatures: Sequence[Signature]) -> None:
    """Minutes: the parties side by side, two to a row (a lone one on the right)."""
    for start in range(0, len(signatures), 2):
        pair = list(signatures[start:start + 2])
        table = doc.add_table(rows=1, cols=2)
        fixed_layout(table, [TEXT_WIDTH / 2, TEXT_WIDTH / 2])
        cells = table.rows[0].cells
        targets = [cells[1]] if len(pair) == 1 else list(cells)
        blocks = [_signature_lines(signature) for signature in pair]
        top = max(len(b) for b in blocks)
        for cell, lines in zip(targets, blocks, strict=True):  # names on one line: pad the top
            _lines(cell, [("", 13, False, False)] * (top - len(lines)) + lines)
        doc.add_paragraph()


def _recipients(cell: _Cell, recipients: Sequence[str]) -> None:
    para = cell.paragraphs[0]
    _run(para, "Nơi nhận:", size=12, bold=True, italic=True)
    for name in recipients:
        _run(cell.add_paragraph(), f"- {name};", size=11)

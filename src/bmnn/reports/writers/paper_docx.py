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

from bmnn.lib.cells import printable
from bmnn.reports.writers.admin_docx import (
    TEXT_WIDTH,
    a4_portrait,
    centred,
    heading,
    justified,
    recipients,
    run,
)
from bmnn.reports.writers.docx_parts import cell_text, fixed_layout, mark_row
from bmnn.reports.writers.paper_model import Block, Paper, Signature, Table


def render_paper_docx(paper: Paper) -> bytes:
    """The paper as .docx bytes."""
    doc = Document()
    a4_portrait(doc)
    _heading(doc, paper)
    _title(doc, paper)
    for block in paper.blocks:
        _block(doc, block)
    if paper.note:
        justified(doc, paper.note, italic=True)
    _closing(doc, paper)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _heading(doc: DocxDocument, paper: Paper) -> None:
    body = [(paper.parent_name.upper(), 13, False, False)] if paper.parent_name else []
    mark = [(paper.mark, 13, True, False)] if paper.mark else []  # the level stamp, under the number
    heading(doc, [*body, (paper.unit_name.upper(), 13, True, False), ("————", 13, False, False),
                  (paper.number, 13, False, False), *mark], paper.place_date)


def _title(doc: DocxDocument, paper: Paper) -> None:
    for text, before, bold in ((paper.title, 18, True), (paper.subject, 0, True), ("————", 0, False)):
        if not text:
            continue
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.space_before = Pt(before)
        run(para, text, bold=bold)
    if paper.addressee:
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.space_before = Pt(12)
        run(para, paper.addressee)




def _block(doc: DocxDocument, block: Block) -> None:
    if block.text:
        justified(doc, block.text, bold=block.bold, italic=block.italic, indent=block.indent)
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
            middle = not spec.plain and (index == 0 or len(text) <= 12)
            cell_text(cell, printable(text), size=12,
                      align=WD_ALIGN_PARAGRAPH.CENTER if middle else WD_ALIGN_PARAGRAPH.LEFT)


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
            recipients(doc.add_table(rows=1, cols=1).rows[0].cells[0], paper.recipients, end=";")
        return
    table = doc.add_table(rows=1, cols=2)
    fixed_layout(table, [80.0, 85.0])
    left, right = table.rows[0].cells
    recipients(left, paper.recipients, end=";")
    if paper.signatures:
        centred(right, _signature_lines(paper.signatures[0]))


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
            centred(cell, [("", 13, False, False)] * (top - len(lines)) + lines)
        doc.add_paragraph()



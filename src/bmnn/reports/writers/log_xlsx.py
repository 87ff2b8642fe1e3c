"""The unit log as an Excel workbook for the inspector: one row an event, in Vietnamese, with a
title block saying which unit, which filters and the chain's state when it was exported."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from bmnn.lib.cells import printable

COLUMNS = ("Số", "Thời gian", "Người thực hiện", "Thao tác", "Kết quả", "Qua", "Chi tiết")
WIDTHS = (8, 17, 24, 34, 16, 14, 80)


def render_log_xlsx(title: str, notes: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """`rows` are the events already in words (see web.views.unit_log)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Nhật ký"
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=14)
    for offset, note in enumerate(notes, start=2):
        sheet.cell(row=offset, column=1, value=printable(note)).font = Font(italic=True)
    header = len(notes) + 3
    for column, (name, width) in enumerate(zip(COLUMNS, WIDTHS, strict=True), start=1):
        cell = sheet.cell(row=header, column=column, value=name)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(column)].width = width
    for offset, values in enumerate(rows, start=header + 1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=offset, column=column, value=printable(value))
            cell.data_type = "s"  # never a formula, even when a recorded value starts with "="
            cell.alignment = Alignment(vertical="top", wrap_text=column == len(COLUMNS))
    sheet.freeze_panes = sheet.cell(row=header + 1, column=1)
    # Printed: A4 landscape, every column on the page's width, the header row on each page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header}:{header}"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()

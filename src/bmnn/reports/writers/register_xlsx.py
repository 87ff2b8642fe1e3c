"""A register volume as an Excel workbook: a cover sheet and a register sheet per volume.

The register sheet prints on A4 landscape fitted to the page width, with the two header rows
(titles and the (1)…(n) column numbers) frozen on screen and repeated on every printed page.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from bmnn.reports.registers import RegisterPrint, masked_note
from bmnn.reports.writers.column_widths import column_widths

FONT = "Times New Roman"
HEADER_ROW = 4  # row 1 title, row 2 body/year/volume, row 3 blank
NUMBER_ROW = HEADER_ROW + 1
FIRST_DATA_ROW = NUMBER_ROW + 1
TOTAL_WIDTH_CHARS = 150.0  # Excel width units across a landscape A4 page at 100 %
CHARS_PER_WIDTH_UNIT = 1.15  # Times New Roman 11 in a unit sized on Calibri 11's "0"
LINE_HEIGHT = 1.25  # points of row height per point of font size, per line
PAGE_FOOTER = "Trang &P/&N"
BLANK = "……………"
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="EDEDED")
_CENTRED = frozenset({
    "number", "doc_date", "arrival_date", "arrival_number", "copy_date", "sent_date",
    "received_date", "level", "copies", "copy_count", "copy_numbers", "envelope",
})


def render_register_xlsx(volumes: Sequence[RegisterPrint]) -> bytes:
    """The volumes as .xlsx bytes: sheets "Bìa" and "Sổ" (with " Q01"… when several volumes)."""
    if not volumes:
        raise ValueError("Không có quyển sổ nào để in.")
    workbook = Workbook()
    workbook.remove(workbook.active)
    for volume in volumes:
        suffix = f" Q{volume.cover.volume}" if len(volumes) > 1 else ""
        _write_cover(workbook.create_sheet(f"Bìa{suffix}"), volume)
        _write_register(workbook.create_sheet(f"Sổ{suffix}"), volume)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _page_setup(sheet: Worksheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages tall as needed
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.75, right=0.5, top=0.6, bottom=0.7, footer=0.3)
    sheet.print_options.horizontalCentered = True


def _font(size: int = 12, *, bold: bool = False, italic: bool = False) -> Font:
    return Font(name=FONT, size=size, bold=bold, italic=italic)


def _merged_line(sheet: Worksheet, row: int, width: int, text: str, font: Font) -> None:
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    cell = sheet.cell(row=row, column=1, value=text)
    cell.font = font
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _write_cover(sheet: Worksheet, volume: RegisterPrint) -> None:
    cover = volume.cover
    for column in range(1, 9):
        sheet.column_dimensions[get_column_letter(column)].width = 16
    sheet.merge_cells("A1:D1")
    sheet.merge_cells("A2:D2")
    sheet.merge_cells("E1:H1")
    sheet["A1"] = cover.parent_name.upper()
    sheet["A2"] = cover.unit_name.upper()
    sheet["E1"] = volume.form
    sheet["A1"].font, sheet["A2"].font = _font(12), _font(12, bold=True)
    sheet["E1"].font = _font(12, italic=True)
    for ref in ("A1", "A2"):
        sheet[ref].alignment = Alignment(horizontal="center", wrap_text=True)
    sheet["E1"].alignment = Alignment(horizontal="right")
    lines = [
        (6, volume.title, _font(22, bold=True)),
        (8, f"Năm: {cover.year_opened}", _font(16, bold=True)),
        (9, f"Quyển số: {cover.volume}", _font(14)),
        (13, f"Bắt đầu từ ngày {cover.first_date or BLANK}    đến ngày {cover.last_date or BLANK}",
         _font(13)),
        (14, f"Bắt đầu từ số {cover.first_number or BLANK}    đến số {cover.last_number or BLANK}",
         _font(13)),
    ]
    if volume.masked:
        lines.append((16, masked_note(volume.masked), _font(12, italic=True)))
    for row, text, font in lines:
        _merged_line(sheet, row, 8, text, font)
    sheet.row_dimensions[6].height = 36
    _page_setup(sheet)


def _header_cell(sheet: Worksheet, row: int, column: int, text: str, font: Font) -> None:
    cell = sheet.cell(row=row, column=column, value=text)
    cell.font = font
    cell.border = _BORDER
    cell.fill = _HEADER_FILL
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def wrapped_lines(text: str, width_chars: float) -> int:
    """How many lines a wrapped cell needs: greedy word wrap at the column's width.

    Neither openpyxl nor (reliably) Excel or LibreOffice sizes rows to wrapped text on opening,
    so the writer sets each row's height itself.
    """
    capacity = max(int(width_chars * CHARS_PER_WIDTH_UNIT), 1)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split():
            if used and used + 1 + len(word) > capacity:
                lines += 1
                used = 0
            used += (1 if used else 0) + len(word)
            while used > capacity:  # a word longer than the column breaks across lines
                lines += 1
                used -= capacity
    return max(lines, 1)


def _fit_height(sheet: Worksheet, row: int, texts: list[str], widths: list[float], size: int) -> None:
    lines = max(wrapped_lines(t, w) for t, w in zip(texts, widths, strict=True))
    sheet.row_dimensions[row].height = lines * size * LINE_HEIGHT + 4


def _write_register(sheet: Worksheet, volume: RegisterPrint) -> None:
    width = len(volume.columns)
    _merged_line(sheet, 1, width, volume.title, _font(14, bold=True))
    _merged_line(
        sheet, 2, width,
        f"{volume.cover.unit_name} — Năm {volume.year} — Quyển số {volume.cover.volume}",
        _font(12, italic=True),
    )
    widths = [round(w, 1) for w in column_widths(volume.column_ids, TOTAL_WIDTH_CHARS)]
    for index, (title, chars) in enumerate(zip(volume.columns, widths, strict=True), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = chars
        _header_cell(sheet, HEADER_ROW, index, title, _font(11, bold=True))
        _header_cell(sheet, NUMBER_ROW, index, f"({index})", _font(10, italic=True))
    # Bold headers are wider than body text: size them as if their columns were narrower.
    _fit_height(sheet, HEADER_ROW, volume.columns, [w * 0.85 for w in widths], 11)
    _write_rows(sheet, volume, widths)
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=1)
    sheet.print_title_rows = f"{HEADER_ROW}:{NUMBER_ROW}"
    sheet.oddFooter.center.text = PAGE_FOOTER
    sheet.oddFooter.center.font = FONT
    _page_setup(sheet)


def _write_rows(sheet: Worksheet, volume: RegisterPrint, widths: list[float]) -> None:
    aligns = [
        Alignment(horizontal="center" if c in _CENTRED else "left", vertical="top", wrap_text=True)
        for c in volume.column_ids
    ]
    font = _font(11)
    for row_index, cells in enumerate(volume.rows, start=FIRST_DATA_ROW):
        for column_index, text in enumerate(cells, start=1):
            cell = sheet.cell(row=row_index, column=column_index, value=text)
            cell.data_type = "s"  # never a formula, even when a value starts with "="
            cell.font = font
            cell.border = _BORDER
            cell.alignment = aligns[column_index - 1]
            cell.number_format = "@"  # "01" and "1.576" stay text, as written
        _fit_height(sheet, row_index, cells, widths, 11)

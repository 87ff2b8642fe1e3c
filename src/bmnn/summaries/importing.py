"""Read the inspectors' results file (.csv/.xlsx): a header row, then one row per unit,
locality and category. Every problem is collected with its row and column; the action writes
nothing unless there are none."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bmnn.inspection.categories import category
from bmnn.lib import limits
from bmnn.lib.sheets import Cell, RowError, SheetUnreadable, read_sheet
from bmnn.lib.text import fold
from bmnn.summaries.localities import resolve

PROVISION = "Kết quả kiểm tra nhập từ tệp (Mục 'Nhập kết quả kiểm tra', issue 8)"
COLUMNS = ("period", "locality", "unit_code", "unit_name", "unit_kind", "category", "count", "note")
REQUIRED = ("period", "locality", "unit_code", "category", "count")
BOUNDS = {"period": 20, "locality": limits.NAME, "unit_code": limits.REF, "unit_name": limits.NAME,
          "unit_kind": limits.NAME, "category": limits.REF, "note": limits.NOTE}


@dataclass(frozen=True)
class ParsedRow:
    row: int
    values: dict[str, str]
    count: int
    province_old: str
    province_new: str


@dataclass
class FindingsFile:
    name: str
    sha256: str
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _text(cell: Cell) -> str:
    return "" if cell is None else str(cell).strip()


def header_map(cells: list[Cell], wanted: tuple[str, ...]) -> tuple[dict[str, int], list[str]]:
    """Column positions by name (case- and diacritic-insensitive) and the wanted names missing."""
    names = [fold(_text(c)).replace(" ", "_") for c in cells]
    found = {name: names.index(name) for name in wanted if name in names}
    return found, [name for name in wanted if name not in found]


def _count(raw: str, row: int, errors: list[RowError]) -> int:
    digits = raw.replace(".", "") if raw.replace(".", "").isdigit() else raw
    if not digits.isdigit() or int(digits) <= 0:
        errors.append(RowError(row, "count", f"số lượng phải là số nguyên dương, không phải '{raw}'"))
        return 0
    return int(digits)


def _row(number: int, cells: list[Cell], columns: dict[str, int], errors: list[RowError]) -> ParsedRow | None:
    values = {name: _text(cells[i]) if i < len(cells) else "" for name, i in columns.items()}
    before = len(errors)
    for name in REQUIRED:
        if not values.get(name):
            errors.append(RowError(number, name, "ô trống"))
    for name, bound in BOUNDS.items():
        if len(values.get(name, "")) > bound:
            errors.append(RowError(number, name, f"quá dài ({len(values[name])} ký tự, tối đa {bound})"))
    if values.get("category"):
        try:
            category(values["category"])
        except KeyError:
            errors.append(RowError(number, "category",
                                   f"'{values['category']}' không phải mã loại vi phạm của findings.yaml"))
    count = _count(values["count"], number, errors) if values.get("count") else 0
    place = resolve(values["locality"]) if values.get("locality") else None
    if values.get("locality") and place is None:
        errors.append(RowError(number, "locality", f"'{values['locality']}' không phải tỉnh, thành phố "
                                                   "nào (trước hay sau sắp xếp năm 2025)"))
    if len(errors) > before or place is None:
        return None
    return ParsedRow(number, values, count, place.old, place.new)


def parse_findings_file(path: Path) -> FindingsFile:
    """Parse an inspectors' results file; problems go to `errors`, never raised."""
    try:
        sheet = read_sheet(path)
    except SheetUnreadable as unreadable:
        return FindingsFile(path.name, "", errors=[RowError(None, "", unreadable.message)])
    return parse_findings_rows(sheet.name, sheet.sha256, sheet.rows)


def parse_findings_rows(name: str, sha256: str, rows: list[tuple[int, list[Cell]]]) -> FindingsFile:
    """The same reading for rows from a file or typed in a form: a header row, then data rows,
    each with its row number."""
    parsed = FindingsFile(name, sha256)
    if not rows:
        parsed.errors.append(RowError(None, "", "tệp không có dòng nào"))
        return parsed
    header_row, header = rows[0]
    columns, missing = header_map(header, COLUMNS)
    missing = [name for name in missing if name in REQUIRED]  # unit_name, unit_kind, note may be left out
    if missing:
        parsed.errors += [RowError(header_row, name, "thiếu cột") for name in missing]
        return parsed
    for number, cells in rows[1:]:
        row = _row(number, cells, columns, parsed.errors)
        if row is not None:
            parsed.rows.append(row)
    if not rows[1:]:
        parsed.errors.append(RowError(None, "", "tệp chỉ có dòng tiêu đề"))
    return parsed

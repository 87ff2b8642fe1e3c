"""Does what a summary's text states agree with the data? Mismatches of stated figures, and
apart from them, warnings: a breakdown that repeats much of another's (copy-paste in the
source) and locality names in neither the old nor the new province list."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bmnn.lib.sheets import Cell, RowError, SheetUnreadable, read_sheet
from bmnn.summaries.importing import header_map
from bmnn.summaries.localities import resolve
from bmnn.summaries.summary import Line, number

FIELDS = ("total", "units", "localities")
# Two breakdowns sharing this share of their (locality, count) pairs, each with at least
# MIN_LOCALITIES localities, are probably one copied into the other.
COPY_SHARE = 0.8
MIN_LOCALITIES = 3


@dataclass(frozen=True)
class Stated:
    row: int
    category: str
    figures: dict[str, int]
    names: tuple[str, ...] = ()


@dataclass
class Report:
    mismatches: list[dict[str, object]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {"mismatches": self.mismatches, "warnings": self.warnings}


def _figure(cell: Cell, row: int, column: str, errors: list[RowError]) -> int | None:
    text = "" if cell is None else str(cell).strip()
    if not text:
        return None  # an empty cell states nothing
    digits = text.replace(".", "")
    if not digits.isdigit():
        errors.append(RowError(row, column, f"không phải số: '{text}'"))
        return None
    return int(digits)


def _names(cell: Cell) -> tuple[str, ...]:
    """Locality names of a footnote ("Hà Nội: 04; Cần Thơ: 12"); () for a plain number."""
    text = "" if cell is None or isinstance(cell, int | float) else str(cell)
    if not any(c.isalpha() for c in text):
        return ()
    return tuple(n.split(":")[0].strip() for n in text.split(";") if n.strip())


def read_stated(path: Path) -> tuple[list[Stated], list[RowError]]:
    """Read the stated figures: columns category, total, units, localities; a `names` column may
    list the footnote's localities separated by ';' (as "Name: count" or just "Name"); so may the
    `localities` cell itself, which then states their number."""
    try:
        sheet = read_sheet(path)
    except SheetUnreadable as unreadable:
        return [], [RowError(None, "", unreadable.message)]
    if not sheet.rows:
        return [], [RowError(None, "", "tệp không có dòng nào")]
    columns, _ = header_map(sheet.rows[0][1], ("category", *FIELDS, "names"))
    if "category" not in columns:
        return [], [RowError(sheet.rows[0][0], "category", "thiếu cột")]
    errors: list[RowError] = []
    stated: list[Stated] = []
    for row, cells in sheet.rows[1:]:
        cell = {name: cells[i] if i < len(cells) else None for name, i in columns.items()}
        listed = _names(cell.get("localities"))
        names = _names(cell.get("names")) or listed
        if listed:  # the localities cell holds the footnote itself: it states how many
            cell["localities"] = len(listed)
        figures = {f: v for f in FIELDS if f in columns
                   and (v := _figure(cell[f], row, f, errors)) is not None}
        stated.append(Stated(row, str(cell["category"] or "").strip(), figures, names))
    return stated, errors


def _computed(line: Line | None) -> dict[str, int]:
    if line is None:
        return {"total": 0, "units": 0, "localities": 0}
    return {"total": line.total, "units": line.units, "localities": len(line.localities)}


def copy_warnings(lines: list[Line]) -> list[str]:
    warnings = []
    for i, a in enumerate(lines):
        for b in lines[i + 1:]:
            if min(len(a.localities), len(b.localities)) < MIN_LOCALITIES:
                continue
            shared = len(set(a.localities) & set(b.localities))
            if shared >= COPY_SHARE * min(len(a.localities), len(b.localities)):
                warnings.append(f"{b.id} lặp lại {shared}/{len(b.localities)} cặp (địa phương, số lượng) "
                                f"của {a.id}: có thể sao chép nhầm")
    return warnings


def check(stated: list[Stated], lines: list[Line]) -> Report:
    """Compare each stated figure with the data's; warnings are kept apart."""
    by_id = {line.id: line for line in lines}
    report = Report()
    for item in stated:
        computed = _computed(by_id.get(item.category))
        for name, value in item.figures.items():
            if value != computed[name]:
                report.mismatches.append({"category": item.category, "field": name,
                                          "stated": value, "computed": computed[name]})
        for name in item.names:
            if resolve(name) is None:
                report.warnings.append(f"{item.category}: '{name}' không phải tỉnh, thành phố nào "
                                       "(trước hay sau sắp xếp năm 2025)")
    report.warnings += copy_warnings(lines)
    return report


def as_text(report: Report) -> str:
    out = [f"{m['category']}: {m['field']} ghi {number(int(str(m['stated'])))}, dữ liệu cho "
           f"{number(int(str(m['computed'])))}" for m in report.mismatches]
    if not report.mismatches:
        out.append("Các số liệu nêu khớp với dữ liệu.")
    out += [f"Lưu ý: {w}" for w in report.warnings]
    return "\n".join(out)

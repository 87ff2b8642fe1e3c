"""Parsing a register file into typed rows, or into the list of what is wrong with it.

Pure: no database. The file is refused as a whole when any error is found; `RegisterFile.errors`
holds every (row, column, message), so the user can fix them all in one pass.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bmnn.law.levels import Level
from bmnn.law.pack import Regime, RegisterLayout, RulePack, load_pack, regime_for
from bmnn.lib.cells import CellInvalid, cell_text, parse_date, parse_level, parse_positive_int
from bmnn.lib.sheets import (
    MAX_ROWS,
    Cell,
    RowError,
    Sheet,
    SheetUnreadable,
    column_label,
    read_sheet,
)
from bmnn.registry.importing.doctypes import doc_type_of, is_more_than_type
from bmnn.registry.importing.facts import channel_code, envelope_letters, person_name
from bmnn.registry.importing.layout import (
    ENTRY_DATE,
    Candidate,
    Framing,
    PackLookup,
    candidates,
    choose_layout,
    column_titled,
    header_cells,
)

DATE_COLUMNS = frozenset({"doc_date", "arrival_date", "copy_date", "sent_date", "received_date"})
COUNT_COLUMNS = frozenset({"copies", "copy_count"})
# Columns a line cannot do without, per register (only those present in the layout apply).
REQUIRED = {
    "outgoing": ("number", "doc_date", "number_symbol", "type_summary", "level"),
    "incoming": ("number", "arrival_date", "issuer", "number_symbol", "doc_date", "type_summary",
                 "level"),
    "copies": ("number", "copy_date", "source_doc", "level", "copy_count"),
    "transfers": ("number", "sent_date", "number_symbol", "level", "receiver_unit"),
}
# Dates that cannot come before another date of the same line: (later, earlier, message).
ORDERED_DATES = (
    ("arrival_date", "doc_date", "ngày đến không thể trước ngày văn bản"),
    ("received_date", "sent_date", "ngày nhận không thể trước ngày chuyển"),
)


@dataclass(frozen=True)
class RegisterRow:
    """One register line as understood: its file row, number, date, level and column values."""

    row: int
    number: int
    entry_date: dt.date
    level: Level
    columns: dict[str, str]
    facts: dict[str, object] = field(default_factory=dict)

    @property
    def year(self) -> int:
        return self.entry_date.year


@dataclass
class RegisterFile:
    """A parsed register file. Importable only when `errors` is empty."""

    name: str
    sha256: str
    kind: str
    pack: RulePack
    layout: RegisterLayout
    rows: list[RegisterRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def regime(self) -> Regime:
        return self.pack.regime

    def by_year(self) -> dict[int, list[RegisterRow]]:
        years: dict[int, list[RegisterRow]] = {}
        for row in self.rows:
            years.setdefault(row.year, []).append(row)
        return years

    def number_ranges(self) -> dict[int, tuple[int, int, int]]:
        """Per year: first number, last number, count of lines."""
        return {y: (rows[0].number, rows[-1].number, len(rows)) for y, rows in self.by_year().items()}


class _RowReader:
    """Reads one data row against the chosen layout, collecting errors instead of stopping."""

    def __init__(self, framing: Framing, kind: str, today: dt.date, year: int | None,
                 absent: frozenset[str]) -> None:
        self.layout = framing.candidate.layout
        self.pack = framing.candidate.pack
        self.kind, self.today, self.year, self.absent = kind, today, year, absent
        self.required = frozenset(REQUIRED[kind])

    def read(self, number: int, cells: list[Cell]) -> tuple[RegisterRow | None, list[RowError]]:
        errors = self._extra_cells(number, cells)
        values: dict[str, object] = {}
        for index, column in enumerate(self.layout.columns):
            cell = cells[index] if index < len(cells) else None
            label = column_label(index, column.title)
            if cell is None:
                if column.id in self.required and column.id not in self.absent:
                    errors.append(RowError(number, label, f"thiếu {column.title.lower()}"))
                values[column.id] = ""
                continue
            try:
                values[column.id] = self._value(column.id, cell)
            except CellInvalid as invalid:
                errors.append(RowError(number, label, invalid.message))
        errors += self._line_rules(number, values)
        if errors or self.absent:
            return None, errors
        return self._row(number, values), []

    def _extra_cells(self, number: int, cells: list[Cell]) -> list[RowError]:
        width = len(self.layout.columns)
        return [RowError(number, column_label(i), f"ô {cell_text(c)!r} nằm ngoài {width} cột của "
                         f"{self.layout.form}") for i, c in enumerate(cells[width:], width)
                if c is not None]

    def _value(self, column_id: str, cell: Cell) -> object:
        if column_id == "number":
            return parse_positive_int(cell)
        if column_id == "level":
            return parse_level(cell)
        if column_id in COUNT_COLUMNS:
            return str(parse_positive_int(cell))
        if column_id in DATE_COLUMNS:
            day = parse_date(cell)
            if day > self.today:
                raise CellInvalid(f"ngày {day:%d/%m/%Y} ở tương lai")
            return day
        return cell_text(cell)

    def _label(self, column_id: str) -> str:
        index = [c.id for c in self.layout.columns].index(column_id)
        return column_label(index, self.layout.columns[index].title)

    def _line_rules(self, number: int, values: dict[str, object]) -> list[RowError]:
        errors = []
        for later, earlier, message in ORDERED_DATES:
            a, b = values.get(later), values.get(earlier)
            if isinstance(a, dt.date) and isinstance(b, dt.date) and a < b:
                errors.append(RowError(number, self._label(later), message))
        day = values.get(ENTRY_DATE[self.kind])
        if self.year and isinstance(day, dt.date) and day.year != self.year:
            errors.append(RowError(number, self._label(ENTRY_DATE[self.kind]),
                                   f"ngày {day:%d/%m/%Y} không thuộc năm {self.year}"))
        return errors

    def _row(self, number: int, values: dict[str, object]) -> RegisterRow:
        seq, level = values["number"], values["level"]
        assert isinstance(seq, int) and isinstance(level, Level)
        columns = {k: (f"{v:%d/%m/%Y}" if isinstance(v, dt.date) else str(v))
                   for k, v in values.items() if k not in ("number", "level")}
        columns["number"], columns["level"] = f"{seq:02d}", level.label
        if "arrival_number" in columns and not columns["arrival_number"]:
            columns["arrival_number"] = f"{seq:02d}"  # the arrival number is the register number
        day = values[ENTRY_DATE[self.kind]]
        assert isinstance(day, dt.date)
        facts = line_facts(self.kind, columns)
        if self._top_secret(level) and "type_summary" in columns:
            # History is taken as it is, without keeping what the law forbids keeping: a Tuyệt
            # mật line keeps only a known document type; anything more is dropped, and the fact
            # that the paper line carried it is kept.
            cell = columns["type_summary"]
            columns["type_summary"] = doc_type_of(cell)
            if is_more_than_type(cell):
                facts["summary_withheld"] = True
        return RegisterRow(number, seq, day, level, columns, facts)

    def _top_secret(self, level: Level) -> bool:
        return bool(self.pack.rule("top_secret_summary_forbidden").value) and level == Level.TUYET_MAT


def line_facts(kind: str, columns: dict[str, str]) -> dict[str, object]:
    """What a line shows beyond its text (see bmnn.registry.importing.facts)."""
    if kind == "transfers":
        return {"channel": channel_code(columns.get("channel", "")),
                "envelope": envelope_letters(columns.get("envelope", ""))}
    if kind == "outgoing":
        return {"signer": person_name(columns.get("signer", ""))}
    if kind == "copies":
        return {"permitted_by": person_name(columns.get("permitted_by", ""))}
    return {}


def _absent_columns(framing: Framing, kind: str) -> tuple[frozenset[str], list[RowError]]:
    """Required columns the file does not have at all: one error each, not one per row."""
    layout = framing.candidate.layout
    widths = [len(c) for _, c in [*framing.header, *framing.data]]
    width = max(widths, default=0)
    absent = [(i, c) for i, c in enumerate(layout.columns) if i >= width and c.id in REQUIRED[kind]]
    errors = [RowError(None, column_label(i, c.title), f"tệp không có cột này ({layout.form})")
              for i, c in absent]
    return frozenset(c.id for _, c in absent), errors


def _header_errors(framing: Framing) -> list[RowError]:
    layout = framing.candidate.layout
    errors = []
    for index, column in enumerate(layout.columns):
        if column_titled(framing.header, index, column.title):
            continue
        number, cell = header_cells(framing.header, index)[-1]
        errors.append(RowError(number, column_label(index, column.title),
                               f"tiêu đề cột {cell_text(cell)!r} không khớp mẫu ({layout.form})"))
    return errors


def sequence_errors(rows: list[RegisterRow]) -> list[RowError]:
    """Within a year numbers are unique and increase down the file."""
    errors: list[RowError] = []
    seen: dict[tuple[int, int], int] = {}
    last: dict[int, RegisterRow] = {}
    for row in rows:
        label = column_label(0, "Số thứ tự")
        if (row.year, row.number) in seen:
            errors.append(RowError(row.row, label, f"số thứ tự {row.number:02d} năm {row.year} "
                                   f"trùng với dòng {seen[row.year, row.number]}"))
        elif row.year in last and row.number < last[row.year].number:
            previous = last[row.year]
            errors.append(RowError(row.row, label, f"số thứ tự {row.number:02d} nhỏ hơn số "
                                   f"{previous.number:02d} ở dòng {previous.row} (phải tăng dần)"))
        seen.setdefault((row.year, row.number), row.row)
        if row.year not in last or row.number > last[row.year].number:
            last[row.year] = row
    return errors


def _gaps(rows: list[RegisterRow]) -> Iterator[str]:
    previous: dict[int, RegisterRow] = {}
    for row in rows:
        before = previous.get(row.year)
        if before and row.number > before.number + 1:
            yield (f"Năm {row.year} thiếu số {before.number + 1:02d}–{row.number - 1:02d} "
                   f"(giữa dòng {before.row} và dòng {row.row})")
        if before and row.entry_date < before.entry_date:
            yield f"Dòng {row.row}: ngày {row.entry_date:%d/%m/%Y} trước ngày của dòng {before.row}"
        previous[row.year] = row


def parse_register_sheet(
    sheet: Sheet, kind: str, *, today: dt.date, year: int | None = None,
    packs: PackLookup = load_pack,
) -> RegisterFile:
    """Read a sheet in the official column order of the layout in force on its entry dates."""
    framing = choose_layout(kind, sheet.rows, year=year, today=today, packs=packs)
    absent, errors = _absent_columns(framing, kind)
    errors += _header_errors(framing)
    reader = _RowReader(framing, kind, today, year, absent)
    rows: list[RegisterRow] = []
    for number, cells in framing.data:
        row, row_errors = reader.read(number, cells)
        errors += row_errors
        if row is not None:
            rows.append(row)
    if not framing.data:
        errors.append(RowError(None, "", "tệp không có dòng dữ liệu nào"))
    if len(framing.data) > MAX_ROWS:
        errors.append(RowError(None, "", f"tệp có {len(framing.data)} dòng, quá giới hạn {MAX_ROWS}"))
    errors += sequence_errors(rows)
    errors.sort(key=lambda e: (e.row or 0))
    candidate = framing.candidate
    return RegisterFile(sheet.name, sheet.sha256, kind, candidate.pack, candidate.layout, rows,
                        errors, [*_gaps(rows), *_withheld(rows)])


def _withheld(rows: list[RegisterRow]) -> Iterator[str]:
    lines = [r.row for r in rows if r.facts.get("summary_withheld")]
    if lines:
        listed = ", ".join(str(n) for n in lines[:10]) + (", …" if len(lines) > 10 else "")
        yield (f"{len(lines)} dòng Tuyệt mật có ghi trích yếu (dòng {listed}): chỉ nhập tên loại, không lưu "
               "trích yếu; việc sổ giấy ghi trích yếu được ghi nhận để tự kiểm tra")


def _unreadable(path: Path, kind: str, message: str, year: int | None, today: dt.date,
                packs: PackLookup) -> RegisterFile:
    regime = regime_for(dt.date(year, 12, 31) if year else today)
    candidate: Candidate = next(c for c in candidates(kind, packs) if c.regime == regime)
    return RegisterFile(path.name, "", kind, candidate.pack, candidate.layout,
                        errors=[RowError(None, "", message)])


def parse_register_file(
    path: Path, kind: str, *, today: dt.date, year: int | None = None,
    packs: PackLookup = load_pack,
) -> RegisterFile:
    """Read and parse a register file (.xlsx or .csv). A file that cannot be read at all comes
    back with one file-level error, so it is refused (and the refusal logged) like any other."""
    try:
        sheet = read_sheet(path)
    except SheetUnreadable as unreadable:
        return _unreadable(path, kind, unreadable.message, year, today, packs)
    return parse_register_sheet(sheet, kind, today=today, year=year, packs=packs)


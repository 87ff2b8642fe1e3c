"""Which register layout a file follows, and where its header and data rows are.

The layout is the one in force on the entry date of the first data row (`regime_for`): the 2018
forms of Thông tư 24/2020/TT-BCA before 01/3/2026, Phụ lục III Nghị định 63/2026/NĐ-CP from then
on. The columns are read in the layout's official order. A header is optional; when present
its titles must match the layout's loosely (see `bmnn.lib.sheets.title_matches`). It may span
several rows (a group title over merged cells, the column titles under it): a column is titled
right when any of its header cells matches. Title lines above the header (one filled cell, e.g.
"SỔ ĐĂNG KÝ BMNN ĐI") and a line of column numbers under it ("1 2 3 …", "(1) (2) (3) …") are
skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from bmnn.law.pack import Regime, RegisterLayout, RulePack, regime_for
from bmnn.lib.cells import CellInvalid, parse_date, parse_positive_int
from bmnn.lib.sheets import Cell, title_matches

PackLookup = Callable[[Regime], RulePack]

# The column whose date is the entry's date (and so its year and regime), per register.
ENTRY_DATE = {"outgoing": "doc_date", "incoming": "arrival_date", "copies": "copy_date",
              "transfers": "sent_date"}
_COLUMN_NUMBER = re.compile(r"^\(?(\d+)\)?$")

Row = tuple[int, list[Cell]]


@dataclass(frozen=True)
class Candidate:
    pack: RulePack
    layout: RegisterLayout

    @property
    def regime(self) -> Regime:
        return self.pack.regime

    def index_of(self, column_id: str) -> int:
        return [c.id for c in self.layout.columns].index(column_id)


@dataclass(frozen=True)
class Framing:
    """The chosen layout, the header rows (none, one or more) and the data rows."""

    candidate: Candidate
    header: list[Row]
    data: list[Row]


def header_cells(header: list[Row], index: int) -> list[tuple[int, Cell]]:
    """The filled header cells of one column, with their rows."""
    return [(number, cells[index]) for number, cells in header
            if index < len(cells) and cells[index] is not None]


def candidates(kind: str, packs: PackLookup) -> list[Candidate]:
    """The layouts of the register in each regime, newest first."""
    found = []
    for regime in (Regime.R2025, Regime.R2018):
        pack = packs(regime)
        if kind in pack.registers:
            found.append(Candidate(pack, pack.registers[kind]))
    return found


def _filled(cells: list[Cell]) -> int:
    return sum(1 for c in cells if c is not None)


def _is_number(cell: Cell) -> bool:
    try:
        parse_positive_int(cell)
    except CellInvalid:
        return False
    return True


def _is_column_numbers(cells: list[Cell]) -> bool:
    values = [c for c in cells if c is not None]
    numbers = [_COLUMN_NUMBER.match(str(c)) for c in values]
    return len(values) >= 3 and all(numbers) and \
        [int(m.group(1)) for m in numbers if m] == list(range(1, len(values) + 1))


def _has_date(cells: list[Cell]) -> bool:
    for cell in cells:
        try:
            parse_date(cell)
        except CellInvalid:
            continue
        return True
    return False


def _continues_header(cells: list[Cell]) -> bool:
    return not _is_number(cells[0]) and not _has_date(cells) and not _is_column_numbers(cells)


def split_rows(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """Skip title lines; take header rows while rows neither start with a number nor hold a
    date; skip a line of column numbers under them."""
    start = 0
    while start < len(rows) and _filled(rows[start][1]) <= 1 and not _is_number(rows[start][1][0]):
        start += 1
    rest = rows[start:]
    header: list[Row] = []
    if rest and not _is_number(rest[0][1][0]):
        header.append(rest.pop(0))
        while rest and _continues_header(rest[0][1]):
            header.append(rest.pop(0))
    if rest and _is_column_numbers(rest[0][1]):
        rest = rest[1:]
    return header, rest


def _date_regime(candidate: Candidate, kind: str, row: Row | None) -> Regime | None:
    if row is None:
        return None
    index = candidate.index_of(ENTRY_DATE[kind])
    cells = row[1]
    try:
        day = parse_date(cells[index] if index < len(cells) else None)
    except CellInvalid:
        return None
    return regime_for(day)


def column_titled(header: list[Row], index: int, title: str) -> bool:
    """The column has no header cell, or one of its header cells names it."""
    cells = header_cells(header, index)
    return not cells or any(title_matches(cell, title) for _, cell in cells)


def header_matches(candidate: Candidate, header: list[Row]) -> int:
    return sum(1 for i, c in enumerate(candidate.layout.columns)
               if header_cells(header, i) and column_titled(header, i, c.title))


def choose_layout(
    kind: str, rows: list[Row], *, year: int | None, today: dt.date, packs: PackLookup,
) -> Framing:
    """Pick the layout whose regime is that of the first entry's date; when no date can be
    read, the one the header matches best, else the regime of --year (or of today)."""
    header, data = split_rows(rows)
    options = candidates(kind, packs)
    first = data[0] if data else None
    fallback = regime_for(dt.date(year, 12, 31) if year else today)

    def score(candidate: Candidate) -> tuple[bool, int, bool]:
        return (
            _date_regime(candidate, kind, first) == candidate.regime,
            header_matches(candidate, header),
            candidate.regime == fallback,
        )

    return Framing(max(options, key=score), header, data)

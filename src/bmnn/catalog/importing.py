"""Parsing a catalog of state secrets (danh mục BMNN) from a spreadsheet or the shipped sample.

Pure: no database. A file has the columns, in this order: số quyết định, ngày, lĩnh vực, điều,
khoản, điểm, độ mật, nội dung — one catalog item per row, with an optional header row (titles
matched loosely) and optional title lines above it. Every problem is collected as (row, column,
message) so the file is refused as a whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from bmnn.law.levels import Level
from bmnn.lib import limits
from bmnn.lib.cells import CellInvalid, cell_text, parse_date, parse_level
from bmnn.lib.sheets import (
    Cell,
    RowError,
    Sheet,
    SheetUnreadable,
    column_label,
    read_sheet,
    title_matches,
)
from bmnn.lib.text import nfc

COLUMNS = (
    ("decision_number", "Số quyết định"), ("decision_date", "Ngày"), ("sector", "Lĩnh vực"),
    ("article", "Điều"), ("clause", "Khoản"), ("point", "Điểm"), ("level", "Độ mật"),
    ("text", "Nội dung"),
)
REQUIRED = frozenset({"decision_number", "decision_date", "sector", "article", "level", "text"})
MAX_LENGTH = {"decision_number": 80, "sector": 255, "article": 10, "clause": 10, "point": 10,
              "text": limits.NOTE}
PROVISION = "Điều 9 Luật Bảo vệ bí mật nhà nước 2018 (danh mục bí mật nhà nước)"
SAMPLE_NAME = "sample_catalog.yaml"
_PREFIX = re.compile(r"^(điều|khoản|điểm)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class CatalogRow:
    """One catalog item as understood, with the file row (or sample item number) it came from."""

    row: int
    decision_number: str
    decision_date: dt.date
    sector: str
    article: str
    clause: str
    point: str
    level: Level
    text: str
    source: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return self.article, self.clause, self.point

    @property
    def citation(self) -> str:
        parts = [f"điểm {self.point}" if self.point else "", f"khoản {self.clause}" if self.clause
                 else "", f"Điều {self.article}"]
        return ", ".join(p for p in parts if p) + f" {self.decision_number}"


@dataclass
class CatalogFile:
    name: str
    sha256: str
    rows: list[CatalogRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def decisions(self) -> dict[str, list[CatalogRow]]:
        grouped: dict[str, list[CatalogRow]] = {}
        for row in self.rows:
            grouped.setdefault(row.decision_number, []).append(row)
        return grouped


def _reference(value: Cell) -> str:
    """"Điều 1", "khoản 2", "1", 1 → "1"; "điểm a" → "a"."""
    return _PREFIX.sub("", cell_text(value)).strip(" .)").lower()


def _value(column_id: str, cell: Cell) -> object:
    if column_id == "decision_date":
        day = parse_date(cell)
        if day > dt.date.today():
            raise CellInvalid(f"ngày {day:%d/%m/%Y} ở tương lai")
        return day
    if column_id == "level":
        return parse_level(cell)
    if column_id in ("article", "clause", "point"):
        text = _reference(cell)
    elif column_id == "text":
        text = cell_text(cell)
    else:
        text = " ".join(cell_text(cell).split())
    limit = MAX_LENGTH.get(column_id)
    if limit and len(text) > limit:
        raise CellInvalid(f"dài {len(text)} ký tự, tối đa {limit}")
    return text


def parse_row(number: int, cells: list[Cell], source: str) -> tuple[CatalogRow | None, list[RowError]]:
    errors = [RowError(number, column_label(i), f"ô {cell_text(c)!r} nằm ngoài {len(COLUMNS)} cột")
              for i, c in enumerate(cells[len(COLUMNS):], len(COLUMNS)) if c is not None]
    values: dict[str, Any] = {}
    for index, (column_id, title) in enumerate(COLUMNS):
        cell = cells[index] if index < len(cells) else None
        try:
            values[column_id] = _value(column_id, cell) if cell is not None else ""
        except CellInvalid as invalid:
            errors.append(RowError(number, column_label(index, title), invalid.message))
            continue
        if column_id in REQUIRED and values[column_id] == "":
            errors.append(RowError(number, column_label(index, title), f"thiếu {title.lower()}"))
    if errors:
        return None, errors
    return CatalogRow(number, **values, source=source), []


def _consistency(rows: list[CatalogRow]) -> list[RowError]:
    """Rows of one decision agree on its date and sector; no item appears twice."""
    errors: list[RowError] = []
    first: dict[str, CatalogRow] = {}
    seen: dict[tuple[str, str, str, str], int] = {}
    for row in rows:
        head = first.setdefault(row.decision_number, row)
        if row.decision_date != head.decision_date:
            errors.append(RowError(row.row, column_label(1, "Ngày"), (
                f"quyết định {row.decision_number} ghi ngày {head.decision_date:%d/%m/%Y} ở dòng "
                f"{head.row}")))
        if row.sector != head.sector:
            errors.append(RowError(row.row, column_label(2, "Lĩnh vực"), (
                f"quyết định {row.decision_number} ghi lĩnh vực '{head.sector}' ở dòng {head.row}")))
        key = (row.decision_number, *row.key)
        if key in seen:
            errors.append(RowError(row.row, column_label(3, "Điều"),
                                   f"{row.citation} trùng với dòng {seen[key]}"))
        seen.setdefault(key, row.row)
    return errors


def _is_header(cells: list[Cell]) -> bool:
    matched = sum(1 for i, (_, title) in enumerate(COLUMNS)
                  if i < len(cells) and title_matches(cells[i], title))
    return matched * 2 >= len(COLUMNS)


def _header_errors(number: int, cells: list[Cell]) -> list[RowError]:
    return [RowError(number, column_label(i, title), f"tiêu đề cột {cell_text(cells[i])!r} không khớp")
            for i, (_, title) in enumerate(COLUMNS)
            if i < len(cells) and cells[i] is not None and not title_matches(cells[i], title)]


def parse_catalog_sheet(sheet: Sheet) -> CatalogFile:
    """One item per row, after optional title lines and a header (recognised when at least
    half its cells name the expected columns; the others are reported)."""
    rows = list(sheet.rows)
    while rows and sum(1 for c in rows[0][1] if c is not None) <= 1:
        rows.pop(0)
    parsed = CatalogFile(sheet.name, sheet.sha256)
    if rows and _is_header(rows[0][1]):
        parsed.errors += _header_errors(*rows.pop(0))
    for number, cells in rows:
        row, errors = parse_row(number, cells, f"import:{sheet.name}"[:255])
        parsed.errors += errors
        if row is not None:
            parsed.rows.append(row)
    if not rows:
        parsed.errors.append(RowError(None, "", "tệp không có dòng dữ liệu nào"))
    parsed.errors += _consistency(parsed.rows)
    parsed.errors.sort(key=lambda e: e.row or 0)
    return parsed


def parse_catalog_file(path: Path) -> CatalogFile:
    """Read and parse a catalog file; an unreadable file comes back with one file-level error."""
    try:
        sheet = read_sheet(path)
    except SheetUnreadable as unreadable:
        return CatalogFile(path.name, "", errors=[RowError(None, "", unreadable.message)])
    return parse_catalog_sheet(sheet)


def _yaml_cell(value: object) -> Cell:
    text = nfc(str(value)).strip() if value is not None else ""
    return text or None


def sample_bytes() -> bytes:
    return resources.files("bmnn.catalog.data").joinpath(SAMPLE_NAME).read_bytes()


def load_sample() -> CatalogFile:
    """The sample catalog shipped with bmnn (data/sample_catalog.yaml), as a parsed file whose
    "rows" are the items numbered in file order."""
    raw = sample_bytes()
    data = yaml.safe_load(raw)
    parsed = CatalogFile(SAMPLE_NAME, hashlib.sha256(raw).hexdigest())
    number = 0
    for decision in data["catalogs"]:
        source = nfc(f"Danh mục mẫu bmnn; {decision.get('source', '')}")[:255]
        for item in decision["items"]:
            number += 1
            values = [decision["decision"], decision["date"], decision["sector"], item.get("article"),
                      item.get("clause"), item.get("point"), item.get("level"), item.get("text")]
            row, errors = parse_row(number, [_yaml_cell(v) for v in values], source)
            parsed.errors += errors
            if row is not None:
                parsed.rows.append(row)
    parsed.errors += _consistency(parsed.rows)
    return parsed

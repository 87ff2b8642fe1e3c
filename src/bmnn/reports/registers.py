"""The printed form of a register volume: cover notes, column titles and rows (LAW.md §3.3, §8).

The builder only reads. It prints what the register holds, in the layout of the regime the
volume was opened under: a value missing from an entry's `columns` stays blank (it is never
filled from the document, so a Tuyệt mật entry recorded without its summary prints without one).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from bmnn.law.levels import Level
from bmnn.law.pack import Confidence, Regime, RegisterLayout, load_pack
from bmnn.lib.text import nfc
from bmnn.org.models import Unit
from bmnn.registry.models import Register, RegisterEntry

CANCELLED_MARK = "ĐÃ HỦY"
MASKED_MARK = "Không in: vượt mức người in được tiếp cận"
NOTE_COLUMN = "note"
# Columns whose value is the entry's own date when the entry did not record one separately.
ENTRY_DATE_COLUMNS = frozenset({"arrival_date", "copy_date", "sent_date"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class RegisterCover:
    """The six cover notes of a volume (LAW.md §8); blank strings where nothing is entered yet."""

    parent_name: str
    unit_name: str
    year_opened: str
    first_date: str
    last_date: str
    first_number: str
    last_number: str
    volume: str


@dataclass(frozen=True)
class RegisterPrint:
    """One volume, ready for a writer: every cell is the text to print."""

    kind: str
    title: str
    form: str
    regime: str
    confidence: Confidence
    year: int
    volume: int
    cover: RegisterCover
    column_ids: list[str]
    columns: list[str]
    rows: list[list[str]]
    masked: int = 0  # lines above the reader's clearance, printed with number and level only


def masked_note(count: int) -> str:
    """The cover's word on a print that hides lines above its reader's clearance."""
    return (f"Bản in này che {format_int(count)} dòng có độ mật vượt mức người in được tiếp cận: "
            "các dòng đó chỉ in số thứ tự và độ mật.")


def format_date(day: dt.date | None) -> str:
    """dd/mm/yyyy, as Vietnamese documents write dates; blank for no date."""
    return day.strftime("%d/%m/%Y") if day else ""


def format_seq(number: int) -> str:
    """A register sequence number as written in the register: 01, 02 … 10, 11 … 125."""
    return f"{number:02d}"


def format_int(number: int) -> str:
    """An integer with the Vietnamese thousands separator: 1.576."""
    return f"{number:,}".replace(",", ".")


def cell_text(value: Any) -> str:
    """The printed text of one stored column value (JSON: text, number, list, ISO date)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int):
        return format_int(value)
    if isinstance(value, list | tuple):
        return "; ".join(t for t in (cell_text(v) for v in value) if t)
    text = nfc(str(value)).strip()
    if _ISO_DATE.match(text):
        return format_date(dt.date.fromisoformat(text))
    return text


def layout_of(register: Register) -> RegisterLayout:
    """The layout of the regime the volume was opened under (not the regime of today)."""
    return load_pack(Regime(register.regime)).registers[register.kind]


def _note(entry: RegisterEntry, recorded: str) -> str:
    if not entry.cancelled:
        return recorded
    reason = nfc(entry.cancel_reason).strip()
    mark = f"{CANCELLED_MARK}: {reason}" if reason else CANCELLED_MARK
    return f"{mark}; {recorded}" if recorded else mark


_LEVEL_LABELS = {lv.value: lv.label for lv in Level}


def _level(entry: RegisterEntry, recorded: str) -> str:
    """The level as printed: the recorded label, else the entry's level (a code → its label)."""
    text = recorded or entry.level
    return _LEVEL_LABELS.get(text, text)


def entry_cells(entry: RegisterEntry, column_ids: list[str]) -> list[str]:
    """One printed row. A cancelled entry keeps its number; its note starts with "ĐÃ HỦY"."""
    values = entry.columns if isinstance(entry.columns, dict) else {}
    cells: list[str] = []
    for column_id in column_ids:
        text = cell_text(values.get(column_id))
        if column_id == "number":
            text = format_seq(entry.number)
        elif column_id == "level":
            text = _level(entry, text)
        elif column_id in ENTRY_DATE_COLUMNS and not text:
            text = format_date(entry.entry_date)
        cells.append(text)
    if entry.cancelled and NOTE_COLUMN not in column_ids and cells:
        cells[-1] = _note(entry, cells[-1])  # a layout without a note column: mark the last one
    elif NOTE_COLUMN in column_ids:
        index = column_ids.index(NOTE_COLUMN)
        cells[index] = _note(entry, cells[index])
    return cells


def masked_cells(entry: RegisterEntry, column_ids: list[str]) -> list[str]:
    """A line the reader may not read: its number and level, and a note saying why it is blank."""
    shown = {"number": format_seq(entry.number), "level": _level(entry, ""), NOTE_COLUMN: MASKED_MARK}
    return [shown.get(c, "") for c in column_ids]


def build_cover(register: Register, entries: list[RegisterEntry]) -> RegisterCover:
    """Cover notes: parent body, body, year opened, first/last dates and numbers, volume."""
    unit: Unit = register.unit
    first = entries[0] if entries else None
    last = entries[-1] if entries else None
    return RegisterCover(
        parent_name=nfc(unit.parent.name) if unit.parent else "",
        unit_name=nfc(unit.name),
        year_opened=str(register.opened_on.year),
        first_date=format_date(first.entry_date) if first else "",
        last_date=format_date(last.entry_date) if last else "",
        first_number=format_seq(first.number) if first else "",
        last_number=format_seq(last.number) if last else "",
        volume=format_seq(register.volume),
    )


def build_register_print(register: Register, *, hidden_levels: Collection[str] = ()) -> RegisterPrint:
    """Build the printed register of one volume: cover, column titles, one row per entry.

    Entries are in number order, cancelled ones included (they keep their number). An entry of
    one of `hidden_levels` (above the reader's clearance) prints its number and level only.
    """
    layout = layout_of(register)
    column_ids = [c.id for c in layout.columns]
    entries = list(register.entries.order_by("number"))
    hidden = [e for e in entries if e.level and e.level in hidden_levels]
    return RegisterPrint(
        kind=register.kind,
        title=layout.title,
        form=layout.form,
        regime=register.regime,
        confidence=layout.confidence,
        year=register.year,
        volume=register.volume,
        cover=build_cover(register, entries),
        column_ids=column_ids,
        columns=[c.title for c in layout.columns],
        rows=[masked_cells(e, column_ids) if e in hidden else entry_cells(e, column_ids) for e in entries],
        masked=len(hidden),
    )


def build_register_prints(
    unit: Unit, kind: str, year: int, *, hidden_levels: Collection[str] = (),
) -> list[RegisterPrint]:
    """All volumes of a unit's register for a year, volume 1 first."""
    registers = Register.objects.filter(unit=unit, kind=kind, year=year).select_related(
        "unit__parent"
    )
    return [build_register_print(r, hidden_levels=hidden_levels) for r in registers.order_by("volume")]

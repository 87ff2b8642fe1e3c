"""Register numbers: gap-free and duplicate-free per (unit, register, year).

The counter row is locked and bumped in the action's transaction, so a number is taken only
if the whole action commits. On SQLite the IMMEDIATE transaction serialises writers; on
PostgreSQL the row lock does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction

from bmnn.law.errors import StateNotAllowed
from bmnn.lib.text import fold
from bmnn.org.models import Unit
from bmnn.registry.models import Document, Register, RegisterCounter, RegisterEntry
from bmnn.registry.rules import pack_for


def locked_counter(unit: Unit, kind: str, year: int) -> RegisterCounter:
    """The (unit, kind, year) counter row, created if missing and locked for this transaction."""
    locked = RegisterCounter.objects.select_for_update()
    counter = locked.filter(unit=unit, kind=kind, year=year).first()
    if counter is not None:
        return counter
    try:
        with transaction.atomic():
            RegisterCounter.objects.create(unit=unit, kind=kind, year=year)
    except IntegrityError:
        pass  # another writer created it first; lock theirs
    return locked.get(unit=unit, kind=kind, year=year)


def open_volume(unit: Unit, kind: str, year: int, day: dt.date) -> Register:
    """The open volume for (unit, kind, year); a new one after the last was closed."""
    latest = Register.objects.filter(unit=unit, kind=kind, year=year).order_by("-volume").first()
    if latest is not None and not latest.is_closed:
        return latest
    return Register.objects.create(
        unit=unit, kind=kind, year=year, volume=(latest.volume + 1) if latest else 1,
        regime=pack_for(day).regime.value, opened_on=day,
    )


def add_entry(
    unit: Unit, kind: str, day: dt.date, columns: dict[str, Any], *,
    document: Document | None = None, level: str = "", source: str = "bmnn",
) -> RegisterEntry:
    """Take the next number and write the entry, in the caller's transaction."""
    counter = locked_counter(unit, kind, day.year)
    register = open_volume(unit, kind, day.year, day)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    columns = {**columns, "number": f"{counter.last_number:02d}"}
    return RegisterEntry.objects.create(
        register=register, unit=unit, kind=kind, year=day.year, number=counter.last_number,
        entry_date=day, document=document, level=level, columns=columns, source=source,
        search_text=fold(" ".join(str(v) for v in columns.values())),
    )


def ensure_open(entry: RegisterEntry) -> None:
    """A closed volume accepts no change."""
    if entry.register.is_closed:
        provision, confidence = pack_for(entry.register.opened_on).cite("register_practice")
        raise StateNotAllowed(f"{entry.register} đã khóa sổ, không được sửa đổi", provision,
                              confidence=confidence)


def update_columns(entry: RegisterEntry, **values: Any) -> None:
    ensure_open(entry)
    entry.columns = {**entry.columns, **values}
    entry.search_text = fold(" ".join(str(v) for v in entry.columns.values()))
    entry.save(update_fields=["columns", "search_text"])

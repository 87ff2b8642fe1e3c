"""The units a self-inspection looks at: the unit, with the units below it when asked, and the
units merged into any of them (their history is the receiving unit's to answer for)."""

from __future__ import annotations

import datetime as dt

from bmnn.inspection.detectors.base import Scope
from bmnn.org.models import Unit


def scope_unit_ids(unit: Unit, include_subunits: bool) -> tuple[int, ...]:
    rows = list(Unit.objects.values_list("pk", "parent_id", "merged_into_id"))
    children: dict[int, list[int]] = {}
    merged: dict[int, list[int]] = {}
    for pk, parent, into in rows:
        if parent is not None:
            children.setdefault(parent, []).append(pk)
        if into is not None:
            merged.setdefault(into, []).append(pk)
    found, todo = [unit.pk], [unit.pk]
    while todo:
        current = todo.pop()
        nearby = merged.get(current, []) + (children.get(current, []) if include_subunits else [])
        for pk in nearby:
            if pk not in found:
                found.append(pk)
                todo.append(pk)
    return tuple(found)


def build_scope(
    unit: Unit,
    period_from: dt.date,
    period_to: dt.date,
    today: dt.date,
    *,
    include_subunits: bool = False,
    run_id: int | None = None,
) -> Scope:
    if period_to < period_from:
        raise ValueError("Kỳ kiểm tra: ngày kết thúc trước ngày bắt đầu")
    return Scope(
        unit.pk,
        unit.code,
        scope_unit_ids(unit, include_subunits),
        period_from,
        period_to,
        today,
        include_subunits,
        run_id,
    )

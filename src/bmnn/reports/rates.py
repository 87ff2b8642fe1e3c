"""Reporting rates for a receiving body, as DHIS2 counts them: per kind of unit below it and in
total, how many reports were due, received, received on time, late, and still missing."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from bmnn.inspection.scope import scope_unit_ids
from bmnn.org.models import Unit, UnitKind
from bmnn.reports.calendar import Standing, State, obligations, standings
from bmnn.reports.models import Direction


@dataclass(frozen=True)
class Rate:
    level: str
    expected: int
    on_time: int
    late: int
    missing: int

    @property
    def received(self) -> int:
        return self.on_time + self.late

    @property
    def percent(self) -> str:
        return f"{100 * self.received / self.expected:.0f} %" if self.expected else "—"


def standings_below(receiver: Unit, start: dt.date, end: dt.date, today: dt.date) -> list[Standing]:
    """What every live unit below the receiver owed with a due date in [start, end], answered only
    by reports received here (a package made but never carried is not a report)."""
    ids = set(scope_unit_ids(receiver, True)) - {receiver.pk}
    units = Unit.objects.filter(pk__in=ids, active=True, merged_into__isnull=True)
    return standings(obligations(units, start, end), today, direction=Direction.RECEIVED)


def rates(rows: list[Standing]) -> list[Rate]:
    """Per kind of unit (in the order of UnitKind), then the total; reports not yet due are left out."""
    kinds = dict(Unit.objects.filter(pk__in={s.obligation.unit_id for s in rows}).values_list("pk", "kind"))
    counts: dict[str, Counter[State]] = {}
    for row in rows:
        if row.state != State.NOT_DUE:
            counts.setdefault(kinds[row.obligation.unit_id], Counter())[row.state] += 1
    total: Counter[State] = Counter()
    out = []
    for value, label in UnitKind.choices:
        if value in counts:
            c = counts[value]
            total.update(c)
            out.append(Rate(str(label), sum(c.values()), c[State.ON_TIME], c[State.LATE], c[State.MISSING]))
    out.append(
        Rate("Tổng cộng", sum(total.values()), total[State.ON_TIME], total[State.LATE], total[State.MISSING])
    )
    return out

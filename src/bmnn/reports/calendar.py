"""What each unit owes and when: the law's yearly report (data/calendar.yaml), the deadlines the
bodies above it set (Deadline: the nearest body's yearly deadline of a kind takes the place of
the law's for the units below it), and the ad-hoc report after each loss found. Then which of
those were sent on time, late, or not at all (Filing).

Obligations are computed per unit over a handful of deadline rows; filings are read in one query
for all the units asked about."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from bmnn.org.models import Unit
from bmnn.reports.kinds import ADHOC, ReportKind, kind, kinds
from bmnn.reports.models import Deadline, Direction, Filing

# A year's report answers the year only when its data reach this close to the year's end (bmnn's
# reading: a report made in May is not the annual report; not a figure of the law).
YEAR_END_SLACK = dt.timedelta(days=31)
LOSS_CATEGORIES = ("KEEP-LOST",)  # incidents that call for the ad-hoc report (findings.yaml ids)


@dataclass(frozen=True)
class Obligation:
    unit_id: int
    kind: str
    period: str
    data_from: dt.date
    data_to: dt.date
    due_on: dt.date
    basis: str
    receiver_id: int | None
    loss_found_on: dt.date | None = None  # ad-hoc: any report from this day on answers it
    yearly: bool = False  # a report of a year: only one whose data reach near the year's end answers it

    @property
    def title(self) -> str:
        return kind(self.kind).title


class State(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    NOT_DUE = "not_due"

    @property
    def label(self) -> str:
        return {
            "on_time": "Đã gửi đúng hạn",
            "late": "Gửi muộn",
            "missing": "Chưa gửi (quá hạn)",
            "not_due": "Chưa đến hạn",
        }[self.value]


@dataclass(frozen=True)
class Standing:
    obligation: Obligation
    state: State
    sent_on: dt.date | None
    filing_id: int | None


def _chain(unit: Unit, links: Mapping[int, tuple[int | None, int | None]]) -> list[int]:
    """The bodies above the unit, nearest first. A merged unit is answered for by the unit it
    joined: the walk goes to the successor before going up (a cycle in bad data stops it)."""
    out: list[int] = []
    parent, merged = links.get(unit.pk, (None, None))
    node = merged or parent
    while node is not None and node not in out and node != unit.pk:
        out.append(node)
        parent, merged = links.get(node, (None, None))
        node = merged or parent
    return [n for n in out if not links.get(n, (None, None))[1]]  # a merged body receives nothing


def _in_year(day: dt.date, year: int) -> dt.date:
    """The same day and month in `year` (29/02 becomes 28/02 in a common year)."""
    if (day.month, day.day) == (2, 29) and not calendar.isleap(year):
        return day.replace(year=year, day=28)
    return day.replace(year=year)


def _year_before(day: dt.date) -> dt.date:
    """The first day of the year of data that ends on `day`."""
    return _in_year(day, day.year - 1) + dt.timedelta(days=1)


def _applies(deadline: Deadline, unit_id: int, named: dict[int, set[int]], due: dt.date) -> bool:
    """The deadline binds the unit for a report due that day: the unit is named (or none is), the
    letter was issued by then, and it had not been withdrawn before that day (a deadline
    withdrawn later still judges what fell due while it stood)."""
    units = named.get(deadline.pk)
    issued = deadline.issued_on or deadline.set_at.date()
    withdrawn = deadline.withdrawn_at.date() if deadline.withdrawn_at else None
    return (not units or unit_id in units) and issued <= due and (withdrawn is None or due < withdrawn)


def _governing(standing: list[tuple[Deadline, dt.date]]) -> tuple[Deadline, dt.date]:
    """Of a body's yearly deadlines for one year (newest first), the one set last — unless an
    older one had already fallen due before that one's letter: the year's report was owed then."""
    row, due = standing[0]
    for older, older_due in standing[1:]:
        if older_due < (row.issued_on or row.set_at.date()):
            row, due = older, older_due
    return row, due


def _yearly(
    unit: Unit,
    ancestors: list[int],
    year: int,
    rows: dict[int, list[Deadline]],
    named: dict[int, set[int]],
    report_kind: ReportKind,
) -> Obligation | None:
    """The yearly report of a kind for `year`: the nearest body's own yearly deadline (the one it
    set last, when it set several), else the law's."""
    receiver = ancestors[0] if ancestors else None
    for body in ancestors:
        standing = [
            (row, _in_year(row.due_on, year))
            for row in rows.get(body, [])  # newest first
            if row.kind == report_kind.id and row.yearly
        ]
        standing = [(row, due) for row, due in standing if _applies(row, unit.pk, named, due)]
        if standing:
            row, due = _governing(standing)
            return Obligation(
                unit.pk, row.kind, str(year), _year_before(due), due, due, row.basis, body, yearly=True
            )
    if report_kind.yearly is None:
        return None
    start, end, due = report_kind.yearly.window(year)
    return Obligation(
        unit.pk, report_kind.id, str(year), start, end, due, report_kind.basis, receiver, yearly=True
    )


def _once(
    unit: Unit, ancestors: list[int], rows: dict[int, list[Deadline]], named: dict[int, set[int]]
) -> list[Obligation]:
    """Reports a body called for once. Without a period of its own, a deadline's period is its due
    date, so two calls of the same kind in one year are two reports."""
    out = []
    for body in ancestors:
        for row in rows.get(body, []):
            if not row.yearly and _applies(row, unit.pk, named, row.due_on):
                period = row.period or f"{row.due_on:%d/%m/%Y}"
                out.append(
                    Obligation(
                        unit.pk,
                        row.kind,
                        period,
                        _year_before(row.due_on),
                        row.due_on,
                        row.due_on,
                        row.basis,
                        body,
                    )
                )
    return out


def _losses(unit_ids: Sequence[int], start: dt.date, end: dt.date) -> dict[int, list[dt.date]]:
    """Days a loss or leak was found, per unit: lost documents of the registry and incidents."""
    from bmnn.inspection.models import Incident
    from bmnn.registry.models import Loss

    found: dict[int, set[dt.date]] = defaultdict(set)
    for unit_id, day in Loss.objects.filter(
        document__unit_id__in=unit_ids, discovered_on__range=(start, end)
    ).values_list("document__unit_id", "discovered_on"):
        found[unit_id].add(day)
    incidents = Incident.objects.filter(
        unit_id__in=unit_ids, discovered_on__range=(start, end), category__in=LOSS_CATEGORIES
    )
    for unit_id, day in incidents.values_list("unit_id", "discovered_on"):
        found[unit_id].add(day)
    return {u: sorted(days) for u, days in found.items()}


def obligations(units: Iterable[Unit], start: dt.date, end: dt.date) -> list[Obligation]:
    """Every report the units owe with a due date in [start, end]."""
    units = list(units)
    links = {
        pk: (parent, merged)
        for pk, parent, merged in Unit.objects.values_list("pk", "parent_id", "merged_into_id")
    }
    rows: dict[int, list[Deadline]] = defaultdict(list)
    live = Deadline.objects.order_by("-set_at", "-pk")  # withdrawn ones still judge their past
    for row in live:
        rows[row.receiver_id].append(row)
    named: dict[int, set[int]] = defaultdict(set)
    for deadline_id, unit_id in Deadline.units.through.objects.values_list("deadline_id", "unit_id"):
        named[deadline_id].add(unit_id)
    adhoc = kind(ADHOC)
    losses = _losses([u.pk for u in units], start - dt.timedelta(days=adhoc.after_loss_days or 0), end)
    out: list[Obligation] = []
    for unit in units:
        ancestors = _chain(unit, links)
        if not ancestors:
            continue  # the top of the tree reports outside bmnn's tree
        for year in range(start.year, end.year + 2):
            for report_kind in kinds():
                found = _yearly(unit, ancestors, year, rows, named, report_kind)
                if found and start <= found.due_on <= end:
                    out.append(found)
        out += [o for o in _once(unit, ancestors, rows, named) if start <= o.due_on <= end]
        for day in losses.get(unit.pk, []):
            due = day + dt.timedelta(days=adhoc.after_loss_days or 0)
            if start <= due <= end:
                out.append(
                    Obligation(
                        unit.pk,
                        ADHOC,
                        f"{day:%d/%m/%Y}",
                        day,
                        day,
                        due,
                        adhoc.basis,
                        ancestors[0],
                        loss_found_on=day,
                    )
                )
    return sorted(out, key=lambda o: (o.due_on, o.unit_id, o.kind))


def standings(owed: Sequence[Obligation], today: dt.date, *, direction: str | None = None) -> list[Standing]:
    """Each obligation with what was filed for it: the first filing of the unit, kind and period
    (for an ad-hoc report, the first one sent on or after the day the loss was found)."""
    filings = Filing.objects.filter(unit_id__in={o.unit_id for o in owed}, kind__in={o.kind for o in owed})
    if direction:
        filings = filings.filter(direction=direction)
    sent_for: dict[tuple[int, str, str], list[tuple[dt.date, int, dt.date]]] = defaultdict(list)
    adhoc: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    for pk, unit_id, kind_id, period, sent_on, data_to in filings.order_by("sent_on", "pk").values_list(
        "pk", "unit_id", "kind", "period", "sent_on", "data_to"
    ):
        sent_for[(unit_id, kind_id, period)].append((sent_on, pk, data_to))
        if kind_id == ADHOC:
            adhoc[unit_id].append((sent_on, pk))
    out = []
    for o in owed:
        if o.loss_found_on is not None:
            sent = next(((d, pk) for d, pk in adhoc[o.unit_id] if d >= o.loss_found_on), None)
        else:
            reach = o.data_to - YEAR_END_SLACK if o.yearly else dt.date.min
            sent = next(
                ((d, pk) for d, pk, data_to in sent_for[(o.unit_id, o.kind, o.period)] if data_to >= reach),
                None,
            )
        if sent is not None:
            state = State.ON_TIME if sent[0] <= o.due_on else State.LATE
        else:
            state = State.MISSING if o.due_on < today else State.NOT_DUE
        out.append(Standing(o, state, sent[0] if sent else None, sent[1] if sent else None))
    return out


__all__ = ["Direction", "Obligation", "Standing", "State", "obligations", "standings"]

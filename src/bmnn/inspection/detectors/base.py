"""What every detector shares: the scope it looks at, the records it returns, its outcome.

A detector is a function `Scope -> Outcome`, registered for one category id of findings.yaml.
It reads with set-based queries and never writes. Its outcome says `found` (with the offending
records and the evidence a person needs to check each), `none`, `no_data` (the data cannot show
it: a detector that cannot run, or register lines imported from paper that do not carry the
fact) or `unanswered` (candidates waiting for a person's confirmation).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from django.db import connection
from django.db.models import BooleanField, F, Func, Model, Q, QuerySet
from django.utils import timezone

from bmnn.inspection.categories import category
from bmnn.inspection.models import CLEARED, CheckResult, RecordCheck
from bmnn.org.models import Unit


class Status(StrEnum):
    FOUND = "found"
    NONE = "none"
    NO_DATA = "no_data"
    UNANSWERED = "unanswered"

    @property
    def label(self) -> str:
        return {
            "found": "Có vi phạm, thiếu sót",
            "none": "Không phát hiện",
            "no_data": "Chưa đủ dữ liệu để kết luận",
            "unanswered": "Chờ trả lời, xác nhận",
        }[self.value]


@dataclass(frozen=True)
class Scope:
    """The units looked at (the plan's unit, with the units below and those merged into them
    when asked), the period, today, and the run doing the looking (if any)."""

    unit_id: int
    unit_code: str
    unit_ids: tuple[int, ...]
    period_from: dt.date
    period_to: dt.date
    today: dt.date
    include_subunits: bool = False
    run_id: int | None = None

    @property
    def as_of(self) -> dt.date:
        """State-like findings (expired periods, missing staff) are judged on this day."""
        return min(self.today, self.period_to)


@dataclass(frozen=True)
class Record:
    """One offending record: what it is, a content-free label (never a Tuyệt mật summary, never
    any summary), the unit, why it is a finding and since when."""

    kind: str
    id: int
    label: str
    unit_id: int
    evidence: str
    level: str = ""
    since: dt.date | None = None
    quantity: int = 1  # what it counts (findings.yaml `counted`): an incident may report 50 documents

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "label": self.label,
            "unit_id": self.unit_id,
            "evidence": self.evidence,
            "level": self.level,
            "since": self.since.isoformat() if self.since else None,
            "quantity": self.quantity,
        }


@dataclass(frozen=True)
class Outcome:
    """`waiting` names, by kind, the records behind `unchecked` and `pending` that a person can
    judge one by one (paper lines whose columns cannot show the fact, candidates to confirm)."""

    status: Status
    records: tuple[Record, ...] = ()
    unchecked: int = 0
    pending: int = 0
    note: str = ""
    waiting: Mapping[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.records)

    @property
    def quantity(self) -> int:
        return sum(r.quantity for r in self.records)


def outcome(
    records: Iterable[Record],
    *,
    unchecked: int = 0,
    pending: int = 0,
    note: str = "",
    cannot_run: bool = False,
    waiting: Mapping[str, Iterable[int]] | None = None,
) -> Outcome:
    """Found when any record offends; otherwise waiting for a person, otherwise no data when the
    detector could not run or some lines cannot show the fact; otherwise none."""
    found = tuple(records)
    if found:
        status = Status.FOUND
    elif pending:
        status = Status.UNANSWERED
    elif cannot_run or unchecked:
        status = Status.NO_DATA
    else:
        status = Status.NONE
    named = {kind: tuple(sorted(set(ids))) for kind, ids in (waiting or {}).items()}
    return Outcome(status, found, unchecked, pending, note, {k: ids for k, ids in named.items() if ids})


M = TypeVar("M", bound=Model)
IDS_A_STATEMENT = 5_000  # SQLite takes up to 32,766 parameters a statement (3.32 and later)


def offending_ids(*questions: QuerySet[Any]) -> list[int]:
    """The ids the questions find (their union), each question asked alone. A question keeps to
    the columns it asks about, and each condition of an OR asked as its own question lets the
    database join (anti-join, semi-join) instead of testing every row."""
    found: set[int] = set()
    for question in questions:
        found.update(question.order_by().values_list("pk", flat=True))  # no model ordering: no sort, no join
    return sorted(found)


def by_ids(qs: QuerySet[M], ids: list[int]) -> list[QuerySet[M]]:
    """`qs` restricted to these ids, a few thousand ids a query. Given as a list rather than as a
    subquery, the ids are looked up by primary key: PostgreSQL, unable to estimate how few rows a
    detector's question finds, otherwise joined (or scanned again) the whole table."""
    step = IDS_A_STATEMENT
    return [qs.filter(pk__in=ids[start : start + step]) for start in range(0, len(ids), step)]


def rows_by_ids(qs: QuerySet[M], ids: list[int], *fields: str) -> list[dict[str, Any]]:
    """`fields` of the rows of `qs` with these ids."""
    return [row for part in by_ids(qs, ids) for row in part.values(*fields)]


FEW_UNITS = 10  # a scope this small is asked row by row of its units; a larger one by joins


def ask_apart(scope: Scope) -> bool:
    return connection.vendor == "postgresql" and len(scope.unit_ids) > FEW_UNITS


def asked_apart(scope: Scope, *ways: Q) -> list[Q]:
    """The ways a row can offend, as the questions to ask. On PostgreSQL over a large scope, each
    way alone: one OR of subqueries makes it test every subquery on every row of the whole tree,
    where each way alone is one join. Over a few units, one question: their rows are few, and a
    join would read the whole other table. SQLite tests a subquery row by row either way, so one
    pass over the rows costs it least."""
    if not ask_apart(scope):
        either = Q(pk__in=[])
        for way in ways:
            either |= way
        return [either]
    return list(ways)


def oldest_first(day: dt.date | None) -> tuple[bool, dt.date]:
    """A sort key for a date that may be missing (missing first)."""
    return (day is not None, day or dt.date.min)


Detector = Callable[[Scope], Outcome]
DETECTORS: dict[str, Detector] = {}


def detector(category_id: str) -> Callable[[Detector], Detector]:
    """Register `fn` as the detector of `category_id` (which findings.yaml must define)."""
    category(category_id)

    def register(fn: Detector) -> Detector:
        if category_id in DETECTORS:
            raise ValueError(f"two detectors for {category_id}")
        DETECTORS[category_id] = fn
        return fn

    return register


class Checks:
    """People's checks (RecordCheck) of one kind of record for one category, as subqueries of
    record ids: cleared (compliant or remedied), confirmed violations, and any answer at all."""

    def __init__(self, category_id: str, kind: str) -> None:
        mine = RecordCheck.objects.filter(category=category_id, record_kind=kind)
        self.cleared = mine.filter(result__in=CLEARED).values("record_id")
        self.confirmed = mine.filter(result=CheckResult.VIOLATION).values("record_id")
        self.answered = mine.values("record_id")


def in_period(field_name: str, scope: Scope) -> dict[str, dt.date]:
    """Filter keywords: `field_name` falls in the scope's period."""
    return {f"{field_name}__gte": scope.period_from, f"{field_name}__lte": scope.period_to}


class HasKey(Func):
    """A JSON object column has `key`, with the key written into the SQL text rather than passed
    as a parameter, so that an index made only for rows with that key can serve the query
    (SQLite matches a partial index by the text of its condition). `key` is a plain word."""

    output_field = BooleanField()

    def __init__(self, field_name: str, key: str) -> None:
        if not key.isidentifier():
            raise ValueError(f"not a plain key: {key!r}")
        super().__init__(F(field_name))
        self.key = key

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"JSON_TYPE({sql}, '$.\"{self.key}\"') IS NOT NULL", list(params)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql} ? '{self.key}')", list(params)


def in_units(field_name: str, scope: Scope) -> Q:
    """`field_name` is one of the scope's units. A scope holding nearly every unit is asked as
    "none of the few others" (nothing at all for the whole tree): the database then walks the
    rows in the order they were written, which over the whole registry costs less than going
    unit by unit; a smaller scope is asked by its own units."""
    others = sorted(set(Unit.objects.values_list("pk", flat=True)) - set(scope.unit_ids))
    if len(others) < len(scope.unit_ids):
        return ~Q(**{f"{field_name}__in": others}) if others else Q()
    return Q(**{f"{field_name}__in": scope.unit_ids})


def at_in_period(field_name: str, scope: Scope) -> dict[str, dt.datetime]:
    """Filter keywords: the moment `field_name` falls on a day of the scope's period, in the
    current time zone (what `__date` asks, as a range the database compares directly instead
    of converting every row's moment to a date)."""
    zone = timezone.get_current_timezone()
    first = dt.datetime.combine(scope.period_from, dt.time.min, tzinfo=zone)
    after = dt.datetime.combine(scope.period_to + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return {f"{field_name}__gte": first, f"{field_name}__lt": after}

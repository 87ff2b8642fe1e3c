"""Running a self-inspection: every category of findings.yaml exactly once, each by its
detector, its checklist questions or its incident records, into one plain result — the JSON
`bmnn inspect` prints, the snapshot a run keeps, what pages and reports read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

from bmnn.inspection import checklist
from bmnn.inspection.categories import Category, Detect, categories, category
from bmnn.inspection.detectors import DETECTORS, Outcome, Scope
from bmnn.inspection.detectors.base import outcome
from bmnn.inspection.detectors.keeping import incident_records

SCHEMA = "bmnn-self-inspection/1"


@contextmanager
def detector_statements() -> Iterator[None]:
    """Where the detectors' statements run. On PostgreSQL: in one transaction (one snapshot for
    the category) without JIT compilation. A detector's statement reads 10^5-10^6 rows in well
    under a second, which puts its estimated cost past `jit_above_cost`, and compiling it took
    70-270 ms a statement on the benchmark's registry (EXPLAIN ANALYZE), about a quarter of a
    whole inspection: more than the compiled code saved. SET LOCAL ends with the transaction."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


def evaluate(cat: Category, scope: Scope) -> Outcome:
    """The category's outcome for the scope. Every category has a way to be judged; one that had
    none would be a programming error (a test walks them all)."""
    if cat.id in DETECTORS:
        with detector_statements():
            return DETECTORS[cat.id](scope)
    if cat.detect == Detect.CHECKLIST:
        return checklist.evaluate(cat.id, scope)
    if cat.detect == Detect.INCIDENT:
        return outcome(incident_records(scope, cat.id))
    raise LookupError(f"Không có cách đánh giá loại vi phạm {cat.id}")


def category_result(cat: Category, result: Outcome) -> dict[str, Any]:
    return {
        "id": cat.id,
        "title": cat.title,
        "status": result.status.value,
        "count": result.count,
        "records": [r.as_json() for r in result.records],
        "quantity": result.quantity,
        "counted": cat.counted,
        "detect": cat.detect.value,
        "group": cat.group,
        "basis": cat.basis,
        "unchecked": result.unchecked,
        "pending": result.pending,
        "note": result.note,
        "waiting": {kind: list(ids) for kind, ids in result.waiting.items()},
    }


def header(scope: Scope) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "unit": scope.unit_code,
        "period": {"from": scope.period_from.isoformat(), "to": scope.period_to.isoformat()},
        "as_of": scope.as_of.isoformat(),
        "include_subunits": scope.include_subunits,
        "units": list(scope.unit_ids),
        "categories": [],
    }


def run_category(category_id: str, scope: Scope) -> dict[str, Any]:
    cat = category(category_id)
    return category_result(cat, evaluate(cat, scope))


def inspect(scope: Scope) -> dict[str, Any]:
    """Every category, in findings.yaml's order."""
    result = header(scope)
    result["categories"] = [run_category(cat.id, scope) for cat in categories()]
    return result


def year_period(year: int, today: dt.date) -> tuple[dt.date, dt.date]:
    """A calendar year; the current year runs to today."""
    last = dt.date(year, 12, 31)
    return dt.date(year, 1, 1), min(last, today) if year == today.year else last

"""Running a self-inspection: every category of findings.yaml exactly once, each by its
detector, its checklist questions or its incident records, into one plain result — the JSON
`bmnn inspect` prints, the snapshot a run keeps, what pages and reports read."""

from __future__ import annotations

import datetime as dt
import os
import queue
import threading
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


def inspect(scope: Scope, *, workers: int | None = None) -> dict[str, Any]:
    """Every category, in findings.yaml's order, judged `workers` at a time (by default as many
    as `default_workers` allows)."""
    result = header(scope)
    result["categories"] = judge_all([cat.id for cat in categories()], scope, workers)
    return result


MAX_WORKERS = 4


def default_workers() -> int:
    """Categories judged at once, each on its own database connection: one per CPU (at most
    four), so the database works on one detector's question while Python reads another's rows.
    One inside a transaction: another connection would not see what the transaction wrote."""
    name = str(connection.settings_dict["NAME"])
    in_memory = connection.vendor == "sqlite" and (name == ":memory:" or "mode=memory" in name)
    if connection.in_atomic_block or in_memory:
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def judge_all(category_ids: list[str], scope: Scope, workers: int | None = None) -> list[dict[str, Any]]:
    """The categories' results in the order given. With several workers, each thread takes the
    next category from a queue (the detectors over the registry first: the longest), on its own
    connection, closed when the queue is empty."""
    count = default_workers() if workers is None else workers
    if count <= 1 or len(category_ids) <= 1:
        return [run_category(cid, scope) for cid in category_ids]
    todo: queue.SimpleQueue[str] = queue.SimpleQueue()
    for cid in sorted(category_ids, key=lambda c: category(c).detect != Detect.REGISTRY):
        todo.put(cid)
    done: dict[str, dict[str, Any]] = {}
    failed: list[BaseException] = []

    def work() -> None:
        try:
            while not failed:
                try:
                    cid = todo.get_nowait()
                except queue.Empty:
                    return
                done[cid] = run_category(cid, scope)
        except BaseException as error:  # handed to the caller below
            failed.append(error)
        finally:
            connection.close()

    # Daemons: Ctrl-C on `bmnn inspect` ends the command without waiting for every category.
    threads = [threading.Thread(target=work, name=f"bmnn-inspect-{n}", daemon=True) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failed:
        raise failed[0]
    return [done[cid] for cid in category_ids]


def year_period(year: int, today: dt.date) -> tuple[dt.date, dt.date]:
    """A calendar year; the current year runs to today."""
    last = dt.date(year, 12, 31)
    return dt.date(year, 1, 1), min(last, today) if year == today.year else last

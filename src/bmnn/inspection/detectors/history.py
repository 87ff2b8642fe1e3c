"""Register lines imported from paper or Excel (`bmnn import registers`): history before bmnn.

A line shows only what its columns show. Where a column shows a violation (a transfer line
with no receiver's signature) it is a finding; where it cannot show the fact (the proposal behind
an outgoing line) the line is unchecked — `no_data`, never clear — until a person checks it
against the files (RecordCheck) and says compliant, remedied or a violation.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from bmnn.inspection.detectors.base import Checks, Outcome, Record, Scope, in_units, outcome
from bmnn.inspection.records import ENTRY_FIELDS, entry_label
from bmnn.registry.models import RegisterEntry

IMPORTED = "import:"
KIND = "register_entry"


def imported_lines(scope: Scope, register: str, *, whole_history: bool = False) -> QuerySet[RegisterEntry]:
    """The scope's imported, not cancelled lines of one register, in the period (or all years).
    An imported line never points at a document: saying so lets the database find the few
    imported lines through the document index instead of reading every line of the registers."""
    qs = RegisterEntry.objects.filter(
        in_units("unit_id", scope),
        kind=register,
        document__isnull=True,
        source__startswith=IMPORTED,
        cancelled=False,
    )
    if whole_history:
        return qs
    return qs.filter(
        year__gte=scope.period_from.year,
        year__lte=scope.period_to.year,
        entry_date__gte=scope.period_from,
        entry_date__lte=scope.period_to,
    )


def entry_records(lines: QuerySet[RegisterEntry], evidence: str, *, since_entry: bool = True) -> list[Record]:
    return [
        Record(
            KIND,
            row["pk"],
            entry_label(row),
            row["unit_id"],
            evidence,
            row["level"],
            row["entry_date"] if since_entry else None,
        )
        for row in lines.order_by("unit_id", "kind", "year", "number").values(*ENTRY_FIELDS)
    ]


def shown_and_unknown(
    category_id: str,
    lines: QuerySet[RegisterEntry],
    *,
    shows: Q | None,
    evidence: str,
    unknown_means: str,
    clear: Q | None = None,
) -> tuple[list[Record], list[int]]:
    """Lines whose columns show the violation (`shows`), plus lines a person confirmed; and the
    ids of the rest that no one has checked (the data cannot tell: a person must look at the
    files). Lines a person cleared, and lines whose columns show they comply (`clear`), are left
    out."""
    checks = Checks(category_id, KIND)
    live = lines.exclude(pk__in=checks.cleared)
    records: list[Record] = []
    rest = live
    if shows is not None:
        records += entry_records(live.filter(shows), evidence)
        rest = live.exclude(shows)
    if clear is not None:
        rest = rest.exclude(clear)
    records += entry_records(
        rest.filter(pk__in=checks.confirmed), f"{unknown_means}: xác nhận khi đối chiếu hồ sơ"
    )
    unchecked = sorted(rest.exclude(pk__in=checks.answered).order_by().values_list("pk", flat=True))
    return records, unchecked


def merge(*parts: Iterable[Record]) -> list[Record]:
    seen: dict[str, Record] = {}
    for part in parts:
        for record in part:
            seen.setdefault(record.key, record)
    return list(seen.values())


def with_paper(own: list[Record], lines: list[Record], unknown: list[int], note: str) -> Outcome:
    """A detector's records and the paper lines found (or confirmed by a person), with the paper
    lines that cannot show the fact waiting for a person (`shown_and_unknown`'s ids)."""
    return outcome(merge(own, lines), unchecked=len(unknown), waiting={KIND: unknown}, note=note)

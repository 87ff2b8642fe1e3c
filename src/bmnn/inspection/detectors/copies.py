"""COPY-*: copying and photographing (Điều 11 Luật; Điều 3 NĐ 26/2020)."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Q, QuerySet

from bmnn.inspection.detectors.authority import copy_rights
from bmnn.inspection.detectors.base import (
    Checks,
    Outcome,
    Record,
    Scope,
    by_ids,
    detector,
    in_period,
    in_units,
    offending_ids,
    rows_by_ids,
)
from bmnn.inspection.detectors.history import imported_lines, shown_and_unknown, with_paper
from bmnn.inspection.records import day_level, document_label
from bmnn.registry.models import CopyRecord

KIND = "copy"
FIELDS = (
    "pk",
    "copied_on",
    "made_count",
    "permitted_count",
    "level",
    "document__unit_id",
    "document__number_symbol",
    "document__doc_type",
    "document__level",
    "document__determined_on",
    "document__arrival_date",
)


def copies(scope: Scope) -> QuerySet[CopyRecord]:
    """The copies the scope's units made in the period (by the unit that made each: a merger that
    later moved the document does not move its copies)."""
    return CopyRecord.objects.filter(in_units("unit_id", scope), **in_period("copied_on", scope))


def copy_records(qs: QuerySet[CopyRecord], category_id: str, evidence: str) -> list[Record]:
    """The offending copies (those a person cleared left out), found by their ids in one pass over
    the copies, then read with their documents for the labels by those ids (as one statement,
    PostgreSQL scanned the copies twice to join the question to itself)."""
    return records_of_copies(offending_ids(qs.exclude(pk__in=Checks(category_id, KIND).cleared)), evidence)


def records_of_copies(ids: list[int], evidence: str) -> list[Record]:
    """The copies with these ids, read a few thousand ids a statement."""
    return _records(rows_by_ids(CopyRecord.objects.all(), ids, *FIELDS), evidence)


def _records(rows: list[dict[str, Any]], evidence: str) -> list[Record]:
    found = []
    for row in sorted(rows, key=lambda r: (r["copied_on"], r["pk"])):
        document = {k.removeprefix("document__"): v for k, v in row.items() if k.startswith("document__")}
        label = f"Sao, chụp ngày {row['copied_on']:%d/%m/%Y} ({row['made_count']} bản) " + document_label(
            document
        )
        text = evidence.format(made=row["made_count"], permitted=row["permitted_count"]) + day_level(
            row["level"], row["document__level"], "khi sao"
        )
        found.append(
            Record(
                KIND,
                row["pk"],
                label,
                row["document__unit_id"],
                text,
                row["document__level"],
                row["copied_on"],
            )
        )
    return found


def _note(unknown: list[int], what: str) -> str:
    return f"{len(unknown)} dòng sổ sao, chụp nhập từ sổ giấy chưa đối chiếu ({what})" if unknown else ""


@detector("COPY-FORBIDDEN")
def copy_forbidden(scope: Scope) -> Outcome:
    own = copy_records(  # by the marking the original bore on the day of copying
        copies(scope).filter(copy_permitted=False),
        "COPY-FORBIDDEN",
        'Tài liệu ghi "không được phép sao, chụp" nhưng vẫn sao {made} bản',
    )
    lines, unchecked = shown_and_unknown(
        "COPY-FORBIDDEN",
        imported_lines(scope, "copies"),
        shows=None,
        evidence="Dòng sổ sao, chụp nhập từ sổ giấy",
        unknown_means="Sao tài liệu không được phép sao",
    )
    return with_paper(own, lines, unchecked, _note(unchecked, "tài liệu gốc có được phép sao"))


@detector("COPY-UNAUTHORIZED")
def copy_unauthorized(scope: Scope) -> Outcome:
    """Permitted by someone with no Art 11 authority for the level that day, directly (their
    class, in the unit or above it) or by a copy delegation; a paper line with no permitting
    person at all shows the same."""
    held, delegated = copy_rights(  # by the unit and level of the day of copying
        "permitted_by", "unit_id", "copied_on", "level", scope.unit_ids, scope.period_from, scope.period_to
    )
    cleared = Checks("COPY-UNAUTHORIZED", KIND).cleared
    without = offending_ids(copies(scope).exclude(held).exclude(pk__in=cleared))
    unauthorized = offending_ids(  # then the delegations, for those rows only
        *(part.exclude(delegated) for part in by_ids(CopyRecord.objects.all(), without))
    )
    own = records_of_copies(
        unauthorized, "Người cho phép sao không có thẩm quyền theo Điều 11 (trực tiếp hoặc ủy quyền) ngày đó"
    )
    nobody = Q(columns__permitted_by="") | Q(columns__permitted_by__isnull=True)
    lines, unchecked = shown_and_unknown(
        "COPY-UNAUTHORIZED",
        imported_lines(scope, "copies"),
        shows=nobody,
        evidence="Dòng sổ sao, chụp không ghi người cho phép",
        unknown_means="Người cho phép không có thẩm quyền",
    )
    return with_paper(own, lines, unchecked, _note(unchecked, "thẩm quyền người cho phép"))


@detector("COPY-OVER-COUNT")
def copy_over_count(scope: Scope) -> Outcome:
    own = copy_records(
        copies(scope).filter(made_count__gt=F("permitted_count")),
        "COPY-OVER-COUNT",
        "Sao {made} bản, được phép {permitted} bản",
    )
    lines, unchecked = shown_and_unknown(
        "COPY-OVER-COUNT",
        imported_lines(scope, "copies"),
        shows=None,
        evidence="Dòng sổ sao, chụp nhập từ sổ giấy",
        unknown_means="Sao vượt số lượng được phép",
    )
    return with_paper(own, lines, unchecked, _note(unchecked, "số bản được phép"))

"""A report's content, built from data: per unit, counts of the registry, copies, transfers,
destructions and losses in the data window, staff and commitments, the inventory, the latest
self-inspection's category statuses and the remediation status. Counts, ids and statuses only —
never a document's number, title or summary. A body above adds the approved rows of the reports
it received from the units below it, so figures go up the tree only after approval."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from bmnn.inspection.models import RemediationItem, RemediationStatus, Run, RunStatus
from bmnn.org.models import Commitment, StaffAssignment, Unit, UnitKind
from bmnn.reports.models import Direction, Filing
from bmnn.reports.packages.format import REPORT_SCHEMA

FIGURES = {
    "outgoing.mat": "Tài liệu Mật do đơn vị ban hành",
    "outgoing.toi_mat": "Tài liệu Tối mật do đơn vị ban hành",
    "outgoing.tuyet_mat": "Tài liệu Tuyệt mật do đơn vị ban hành",
    "incoming.mat": "Tài liệu Mật đến",
    "incoming.toi_mat": "Tài liệu Tối mật đến",
    "incoming.tuyet_mat": "Tài liệu Tuyệt mật đến",
    "copies": "Lần sao, chụp",
    "copies.made": "Bản sao, chụp đã làm",
    "transfers": "Lần chuyển giao",
    "destroyed": "Tài liệu đã tiêu hủy",
    "lost": "Tài liệu bị mất",
    "staff": "Cán bộ được phân công bảo vệ BMNN",
    "commitments": "Bản cam kết bảo vệ BMNN đã ký",
    "computers": "Máy tính đang sử dụng",
    "computers.internet": "Máy tính kết nối Internet",
    "computers.standalone": "Máy tính độc lập soạn thảo, lưu giữ BMNN",
}


def locality(unit: Unit) -> str:
    """The province the unit is in, as today's list names it (the unit's own province-level
    ancestor's name, resolved offline); '' when no ancestor is a province."""
    from bmnn.summaries.localities import resolve

    node: Unit | None = unit
    seen = 0
    while node is not None and node.kind != UnitKind.PROVINCE and seen < 50:
        node, seen = node.parent, seen + 1
    if node is None or node.kind != UnitKind.PROVINCE:
        return ""
    name = node.name
    for prefix in ("UBND tỉnh ", "UBND thành phố ", "Ủy ban nhân dân tỉnh ", "Ủy ban nhân dân thành phố "):
        name = name.removeprefix(prefix)
    found = resolve(name)
    return found.new if found else name


def _registry(unit: Unit, start: dt.date, end: dt.date) -> dict[str, int]:
    from bmnn.registry.models import CopyRecord, Document, Loss, Transfer

    out: dict[str, int] = {}
    docs = (
        Document.objects.filter(unit=unit)
        .annotate(day=Coalesce("determined_on", "arrival_date"))
        .filter(day__range=(start, end))
        .values("origin", "level")
        .annotate(n=Count("pk"))
    )
    for row in docs:
        out[f"{row['origin']}.{row['level']}"] = row["n"]
    copies = CopyRecord.objects.filter(entry__unit=unit, copied_on__range=(start, end)).aggregate(
        n=Count("pk"), made=Coalesce(Sum("made_count"), 0)
    )
    out["copies"], out["copies.made"] = copies["n"], copies["made"]
    out["transfers"] = Transfer.objects.filter(entry__unit=unit, sent_on__range=(start, end)).count()
    out["destroyed"] = (
        Document.objects.filter(destructions__destroyed_on__range=(start, end), unit=unit).distinct().count()
    )
    out["lost"] = Loss.objects.filter(document__unit=unit, discovered_on__range=(start, end)).count()
    return out


def _organisation(unit: Unit, end: dt.date) -> dict[str, int]:
    from bmnn.netsec.models import Computer, Purpose

    staff = (
        StaffAssignment.objects.filter(unit=unit, start_on__lte=end)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=end))
        .count()
    )
    computers = Computer.objects.filter(unit=unit).filter(Q(retired_on__isnull=True) | Q(retired_on__gt=end))
    by_purpose = dict(computers.values_list("purpose").annotate(n=Count("pk")))
    return {
        "staff": staff,
        "commitments": Commitment.objects.filter(person__unit=unit, signed_on__lte=end).count(),
        "computers": sum(by_purpose.values()),
        "computers.internet": by_purpose.get(Purpose.INTERNET, 0),
        "computers.standalone": by_purpose.get(Purpose.STANDALONE, 0),
    }


def _inspection(unit: Unit, start: dt.date, end: dt.date) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The latest concluded self-inspection whose period overlaps the data window (it may have
    been concluded after the window closed, before the report is sent)."""
    run = (
        Run.objects.filter(plan__unit=unit, status=RunStatus.CLOSED, plan__period_from__lte=end,
                           plan__period_to__gte=start)
        .order_by("-as_of", "-pk")
        .first()
    )
    if run is None:
        return {"as_of": None, "closed": False}, []
    categories = [
        {"id": c["id"], "status": c["status"], "count": int(c.get("count") or 0)} for c in run.categories
    ]
    return {"as_of": run.as_of.isoformat(), "closed": True}, categories


def _remediation(unit: Unit, end: dt.date) -> dict[str, int]:
    items = RemediationItem.objects.filter(unit=unit)
    return {
        "open": items.filter(status=RemediationStatus.OPEN).count(),
        "overdue": items.filter(status=RemediationStatus.OPEN, deadline__lt=end).count(),
        "done": items.filter(status=RemediationStatus.DONE).count(),
    }


def unit_row(unit: Unit, start: dt.date, end: dt.date) -> dict[str, Any]:
    inspection, categories = _inspection(unit, start, end)
    figures = {**_registry(unit, start, end), **_organisation(unit, end)}
    return {
        "unit": {"code": unit.code, "name": unit.name, "kind": unit.kind, "locality": locality(unit)},
        "source": "own",
        "figures": {k: v for k, v in figures.items() if k in FIGURES},
        "self_inspection": inspection,
        "categories": categories,
        "remediation": _remediation(unit, end),
    }


def rows_from_below(unit: Unit, kind: str, period: str) -> tuple[list[dict[str, Any]], int]:
    """The rows of the approved reports of this kind and period received from the units below,
    and how many received reports still wait for approval (they do not go up)."""
    received = Filing.objects.filter(
        direction=Direction.RECEIVED, receiver=unit, kind=kind, period=period
    ).order_by("unit__code", "-sequence")
    rows: dict[str, dict[str, Any]] = {}
    pending = 0
    for filing in received:
        if filing.approved_at is None:
            pending += 1
            continue
        for row in filing.content.get("rows", []):
            rows.setdefault(row["unit"]["code"], {**row, "source": filing.package_sha256})
    return list(rows.values()), pending


def build_report(
    unit: Unit, kind: str, period: str, start: dt.date, end: dt.date, narrative: str = ""
) -> dict[str, Any]:
    below, pending = rows_from_below(unit, kind, period)
    below = [r for r in below if r["unit"]["code"] != unit.code]
    return {
        "schema": REPORT_SCHEMA,
        "rows": [unit_row(unit, start, end), *below],
        "narrative": narrative,
        "pending_below": pending,
    }

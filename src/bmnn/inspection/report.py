"""Plain data for the self-inspection report, read from a run (or from a live result), for the
builder in bmnn.reports.self_inspection."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import timezone

from bmnn.inspection.categories import title, vocabulary
from bmnn.inspection.models import RemediationItem, RemediationStatus, Run, RunStatus
from bmnn.inspection.shown import Viewer, masked_result
from bmnn.org.models import Person, Unit, UnitKind
from bmnn.reports.self_inspection import (
    RemediationLine,
    SectionSpec,
    SelfInspectionInput,
    SelfInspectionReport,
    Signer,
    build_self_inspection,
)

_ADMIN_WORDS = re.compile(r"^(UBND|Ủy ban nhân dân)?\s*(tỉnh|thành phố|xã|phường|đặc khu)\s+", re.IGNORECASE)


def place_of(unit: Unit) -> str:
    """The place name a paper of the unit is dated at: its commune, else its province."""
    node: Unit | None = unit
    while node is not None:
        if node.kind in (UnitKind.COMMUNE, UnitKind.PROVINCE):
            return _ADMIN_WORDS.sub("", node.name).strip() or node.name
        node = node.parent
    return unit.name


def _sections() -> tuple[SectionSpec, ...]:
    return tuple(SectionSpec(s.title, s.category_ids) for s in vocabulary().sections)


def remediation_lines(items: list[RemediationItem], today: dt.date) -> tuple[RemediationLine, ...]:
    return tuple(
        RemediationLine(
            category_title=title(i.category),
            unit_name=i.unit.name,
            count=i.count,
            person=i.person.full_name if i.person else "",
            task=i.task,
            responsibility=i.responsibility,
            deadline=i.deadline,
            status=i.get_status_display(),
            overdue=i.overdue_on(today),
        )
        for i in items
    )


def _records(result: dict[str, Any]) -> list[dict[str, Any]]:
    return list(result["records"])


def items_of(run: Run) -> list[RemediationItem]:
    """The newest item of each (unit, category) the run found."""
    found = {
        (int(r["unit_id"]), str(c["id"]))
        for c in run.categories
        if c["status"] == "found"
        for r in _records(c)
    }
    latest: dict[tuple[int, str], RemediationItem] = {}
    rows = (
        RemediationItem.objects.filter(
            unit_id__in=run.result.get("units", []), opened_at__lte=run.finished_at or timezone.now()
        )
        .select_related("unit", "person")
        .order_by("opened_at")
    )
    for item in rows:
        if (item.unit_id, item.category) in found:
            latest[item.unit_id, item.category] = item
    return sorted(latest.values(), key=lambda i: (i.unit.code, i.category))


def previous_run(run: Run) -> Run | None:
    """The unit's last finished run before this one, of the same scope (with or without the
    units below), to compare with."""
    return (
        Run.objects.filter(
            plan__unit=run.plan.unit,
            plan__include_subunits=run.plan.include_subunits,
            status__in=[RunStatus.DONE, RunStatus.CLOSED],
            started_at__lt=run.started_at,
        )
        .order_by("-started_at")
        .first()
    )


def _signer(person: Person | None) -> Signer | None:
    if person is None:
        return None
    position = person.position.title if person.position else "Thủ trưởng đơn vị"
    return Signer(title=position, name=person.full_name)


def _covered(result: dict[str, Any]) -> tuple[str, ...]:
    ids = result.get("units", [])
    names = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))
    return tuple(names[i] for i in ids if i in names)


def run_report(run: Run, viewer: Viewer) -> SelfInspectionReport:
    """The report of a run as `viewer` may read it (records masked by need-to-know)."""
    plan = run.plan
    unit = plan.unit
    previous = previous_run(run)
    on = timezone.localtime(run.closed_at).date() if run.closed_at else timezone.localdate()
    plan_ref = (
        f"Kế hoạch số {plan.number} ngày {plan.created_at:%d/%m/%Y}"
        if plan.number
        else f'Kế hoạch "{plan.title}"'
    )
    return build_self_inspection(
        SelfInspectionInput(
            parent_name=unit.parent.name if unit.parent else "",
            unit_name=unit.name,
            place=place_of(unit),
            on=on,
            result=masked_result(run.result, viewer),
            sections=_sections(),
            covered_units=_covered(run.result),
            number=run.report_number,
            plan_ref=plan_ref,
            team=plan.team,
            remediation=remediation_lines(items_of(run), on),
            conclusion=run.conclusion,
            signer=_signer(run.closed_by),
            previous=previous.result if previous else None,
        )
    )


def live_report(result: dict[str, Any], unit: Unit, today: dt.date, viewer: Viewer) -> SelfInspectionReport:
    """A report straight from a result (`bmnn inspect -o x.docx`): no plan, no conclusion yet; the
    unit's open remediation items; compared with its last concluded self-inspection."""
    items = list(
        RemediationItem.objects.filter(unit_id__in=result.get("units", []), status=RemediationStatus.OPEN)
        .select_related("unit", "person")
        .order_by("unit__code", "category")
    )
    last = Run.objects.filter(plan__unit=unit, status=RunStatus.CLOSED).order_by("-started_at").first()
    return build_self_inspection(
        SelfInspectionInput(
            parent_name=unit.parent.name if unit.parent else "",
            unit_name=unit.name,
            place=place_of(unit),
            on=today,
            result=masked_result(result, viewer),
            sections=_sections(),
            covered_units=_covered(result),
            remediation=remediation_lines(items, today),
            previous=last.result if last else None,
        )
    )

"""Remediation ("4 rõ"): each finding of a run opens an item — one per unit and category — with
rõ người (the unit's secrets officer by default), rõ việc (the category's remedy), rõ trách
nhiệm and rõ thời gian; the officer adjusts them; closing needs evidence, and is refused while
the detector still finds what the item was opened for."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max, Min, Q
from django.utils import timezone

from bmnn.audit.journal import action
from bmnn.inspection.access import may_close_item, may_keep
from bmnn.inspection.actions.common import log
from bmnn.inspection.actions.evidence import Attachment, evidence_for, highest
from bmnn.inspection.categories import Detect, category
from bmnn.inspection.detectors.base import Status
from bmnn.inspection.engine import evaluate
from bmnn.inspection.errors import EVIDENCE_RULE, FOUR_CLEAR, EvidenceRequired, FindingStillPresent
from bmnn.inspection.models import Evidence, Plan, RemediationItem, RemediationStatus, Run
from bmnn.inspection.records import CHECKABLE_KINDS, record_facts
from bmnn.inspection.scope import build_scope
from bmnn.law.dates import add_days
from bmnn.lib.env import env_int
from bmnn.lib.text import nfc
from bmnn.org.models import Account, Person, StaffAssignment, Unit
from bmnn.registry.actions.common import locked

RESPONSIBILITY = "Chủ trì thực hiện, báo cáo kết quả với thủ trưởng đơn vị"


def default_days() -> int:
    return env_int("BMNN_REMEDIATION_DAYS", 30)


def officer_of(unit: Unit, day: dt.date) -> Person | None:
    """Who answers for a unit's secret protection: its assigned officer, else its head."""
    assignment = (
        StaffAssignment.objects.filter(unit=unit, start_on__lte=day, person__active=True)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=day))
        .select_related("person")
        .order_by("-start_on")
        .first()
    )
    if assignment is not None:
        return assignment.person
    return Person.objects.filter(unit=unit, active=True, position__is_head=True, position__unit=unit).first()


def _by_unit(found: dict[str, Any]) -> dict[int, list[str]]:
    keys: dict[int, list[str]] = {}
    for record in found["records"]:
        keys.setdefault(int(record["unit_id"]), []).append(f"{record['kind']}:{record['id']}")
    return keys


def _live(unit_id: int) -> int:
    """The unit that carries a finding's remediation: a merged unit no longer acts, so what was
    found in its records is remedied by the unit it was merged into (followed to a live one)."""
    unit = Unit.objects.get(pk=unit_id)
    seen = {unit.pk}
    while not unit.active and unit.merged_into_id is not None and unit.merged_into_id not in seen:
        unit = Unit.objects.get(pk=unit.merged_into_id)
        seen.add(unit.pk)
    return unit.pk


def open_items(run: Run) -> list[RemediationItem]:
    """Open (or extend) an item for every (unit, category) the run found, in the run's transaction."""
    now = timezone.now()
    deadline = add_days(run.as_of, default_days())
    items = []
    for found in (c for c in run.categories if c["status"] == Status.FOUND):
        category_id = str(found["id"])
        for found_in, keys in _by_unit(found).items():
            unit_id = _live(found_in)
            item = RemediationItem.objects.filter(
                unit_id=unit_id, category=category_id, status=RemediationStatus.OPEN
            ).first()
            if item is None:
                unit = Unit.objects.get(pk=unit_id)
                item = RemediationItem(
                    unit=unit,
                    category=category_id,
                    run=run,
                    keys=[],
                    count=0,
                    person=officer_of(unit, run.as_of),
                    task=category(category_id).remedy,
                    responsibility=RESPONSIBILITY,
                    deadline=deadline,
                    opened_at=now,
                )
            item.keys = sorted(set(item.keys) | set(keys))
            item.count = len(item.keys)
            item.save()
            items.append(item)
    return items


@action("assign_remediation")
def do_assign_remediation(
    item: RemediationItem,
    *,
    person: Person,
    task: str,
    responsibility: str,
    deadline: dt.date,
    actor: Account,
) -> RemediationItem:
    """Set the four "rõ" of an item: who, what, with what responsibility, by when."""
    item = locked(item)
    may_keep(actor, item.unit, "phân công khắc phục")
    missing = [
        name
        for name, value in (
            ("người thực hiện", person),
            ("nhiệm vụ", task.strip()),
            ("trách nhiệm", responsibility.strip()),
            ("thời hạn", deadline),
        )
        if not value
    ]
    if missing or item.status != RemediationStatus.OPEN:
        raise EvidenceRequired(
            "Phải ghi rõ " + ", ".join(missing) if missing else "Việc này đã hoàn thành",
            FOUR_CLEAR,
            confidence="inference",
        )
    if not person.active or person.unit_id != item.unit_id:
        raise EvidenceRequired(
            f"{person} không phải cán bộ đang công tác tại {item.unit.name}",
            FOUR_CLEAR,
            confidence="inference",
        )
    before = {"person": item.person_id, "deadline": item.deadline.isoformat()}
    item.person, item.task, item.responsibility, item.deadline = (
        person,
        nfc(task.strip()),
        nfc(responsibility.strip()),
        deadline,
    )
    item.save(update_fields=["person", "task", "responsibility", "deadline"])
    log(
        "assign_remediation",
        actor,
        item,
        item.unit_id,
        {
            "category": item.category,
            "before": before,
            "after": {"person": person.pk, "deadline": deadline.isoformat()},
            "person_name": person.full_name,
        },
    )
    return item


def keys_level(keys: list[str]) -> str:
    """The highest secrecy level among records named by "kind:id" keys."""
    by_kind: dict[str, list[int]] = {}
    for key in keys:
        kind, _, pk = key.partition(":")
        if kind in CHECKABLE_KINDS and pk.isdigit():
            by_kind.setdefault(kind, []).append(int(pk))
    return highest([level for kind, ids in by_kind.items() for _, level in record_facts(kind, ids).values()])


def _periods_since(item: RemediationItem) -> tuple[dt.date, dt.date]:
    """The span of the periods examined by the run that opened the item and by the unit's later
    runs (which extend an open item rather than opening another)."""
    above = [u.pk for u in item.unit.ancestors()]
    reaching = Q(unit=item.unit) | Q(unit_id__in=above, include_subunits=True)
    later = Plan.objects.filter(reaching, runs__started_at__gte=item.run.started_at)
    spans = (later | Plan.objects.filter(pk=item.run.plan_id)).aggregate(
        first=Min("period_from"), last=Max("period_to"))
    return spans["first"], spans["last"]


def still_found(item: RemediationItem) -> list[str]:
    """What the detector still finds of what the item was opened for (run today on the unit,
    over every period examined since it was opened: a later run may have added to it)."""
    today = timezone.localdate()
    first, last = _periods_since(item)
    scope = build_scope(item.unit, first, last, today)
    cat = category(item.category)
    result = evaluate(cat, scope)
    if cat.detect == Detect.CHECKLIST:
        if result.status == Status.UNANSWERED:
            return ["chưa có câu trả lời mới trên bảng kiểm"]
        return [r.label for r in result.records]
    keys = set(item.keys)
    return [r.label for r in result.records if r.key in keys]


@action("close_remediation")
def do_close_remediation(
    item: RemediationItem,
    *,
    note: str,
    reference: str,
    evidence: Evidence | None = None,
    attachment: Attachment | None = None,
    actor: Account,
) -> RemediationItem:
    """Close an item as fixed: the result and a paper or scan that shows it are required, and the
    detector must no longer find any record the item was opened for."""
    item = locked(item)
    person = may_close_item(actor, item)
    if item.status != RemediationStatus.OPEN:
        raise FindingStillPresent("Việc khắc phục này đã đóng", FOUR_CLEAR, confidence="inference")
    if not note.strip() or not (reference.strip() or evidence or attachment):
        raise EvidenceRequired(
            "Phải ghi kết quả khắc phục và văn bản hoặc tệp chứng minh", EVIDENCE_RULE, confidence="inference"
        )
    remaining = still_found(item)
    if remaining:
        shown = "; ".join(remaining[:3]) + ("; …" if len(remaining) > 3 else "")
        raise FindingStillPresent(
            f"Kiểm tra lại vẫn phát hiện {len(remaining)} vi phạm của việc này ({shown}); "
            "chưa thể xác nhận đã khắc phục",
            category(item.category).basis or FOUR_CLEAR,
            confidence="partial",
        )
    evidence = evidence_for(item.unit, evidence, attachment, actor, keys_level(item.keys))
    item.status, item.closed_at, item.closed_by = RemediationStatus.DONE, timezone.now(), person
    item.closing_note, item.closing_reference, item.evidence = (
        nfc(note.strip()),
        nfc(reference.strip()),
        evidence,
    )
    item.save()
    log(
        "close_remediation",
        actor,
        item,
        item.unit_id,
        {
            "category": item.category,
            "reference": item.closing_reference,
            "evidence": evidence.sha256 if evidence else "",
        },
    )
    return item

"""Evidence files, checklist answers, people's checks of single records, and incidents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from bmnn.audit.journal import action
from bmnn.inspection import checklist
from bmnn.inspection.access import may_answer, may_keep, may_record_incident
from bmnn.inspection.actions.common import log
from bmnn.inspection.actions.evidence import Attachment, evidence_for, highest
from bmnn.inspection.categories import Detect, category
from bmnn.inspection.checklist import ItemState, items_of
from bmnn.inspection.errors import EVIDENCE_RULE, EvidenceRequired
from bmnn.inspection.models import Answer, ChecklistAnswer, CheckResult, Evidence, Incident, RecordCheck
from bmnn.inspection.records import CHECKABLE_KINDS, record_facts
from bmnn.inspection.scope import scope_unit_ids
from bmnn.law.errors import StateNotAllowed
from bmnn.lib.text import nfc
from bmnn.org.models import Account, Person, Unit
from bmnn.registry.rules import pack_for

INCIDENT_CATEGORIES = ("KEEP-LOST", "KEEP-NOT-REGISTERED", "NET-PASSWORD-EXPOSED")


def _required(message: str) -> EvidenceRequired:
    return EvidenceRequired(message, EVIDENCE_RULE, confidence="inference")


def _items(q: checklist.Question, items: dict[str, str]) -> tuple[str, dict[str, str]]:
    """Check a per-item answer: every item answered with a known state. The overall answer is
    yes only when every item is right."""
    known = [i.id for i in items_of(q, pack_for(timezone.localdate()))[0]]
    unanswered = [i for i in known if i not in items]
    if unanswered or any(v not in set(ItemState) for v in items.values()) or set(items) - set(known):
        raise _required(f"Phải chọn tình trạng cho đủ {len(known)} mục ({len(unanswered)} mục chưa chọn)")
    return (Answer.YES if all(items[i] == ItemState.OK for i in known) else Answer.NO), {
        i: items[i] for i in known
    }


@action("answer_checklist")
def do_answer_question(
    unit: Unit,
    *,
    question_id: str,
    answer: str = "",
    items: dict[str, str] | None = None,
    note: str = "",
    doc_number: str = "",
    doc_date: dt.date | None = None,
    evidence: Evidence | None = None,
    attachment: Attachment | None = None,
    actor: Account,
) -> ChecklistAnswer:
    """Answer a checklist question for the unit. "Yes" needs the evidence the question asks for
    (the number and date of the paper; a scan when required); "no" needs a note saying what is
    missing. The answer holds for the question's validity, then comes back unanswered."""
    q = checklist.question(question_id)
    person = may_answer(actor, unit, {category(c).group for c in q.categories})
    if q.items:
        answer, items = _items(q, items or {})
    elif answer not in (Answer.YES, Answer.NO):
        raise _required('Phải chọn "đã thực hiện đúng" hoặc "chưa thực hiện, chưa đúng"')
    if answer == Answer.YES:
        if q.needs_document and not (doc_number.strip() and doc_date):
            raise _required(f'Trả lời "đã thực hiện" phải ghi số và ngày văn bản làm bằng chứng ({q.help})')
        if q.needs_attachment and evidence is None and attachment is None:
            raise _required("Câu hỏi này yêu cầu đính kèm bản chụp văn bản")
        if doc_date and doc_date > timezone.localdate():
            raise _required("Ngày văn bản không thể sau ngày hôm nay")
    elif not note.strip() and not q.items:
        raise _required('Trả lời "chưa thực hiện" phải ghi rõ thiếu sót')
    evidence = evidence_for(unit, evidence, attachment, actor)
    today = timezone.localdate()
    row = ChecklistAnswer.objects.create(
        unit=unit,
        question=q.id,
        answer=answer,
        items=items or {},
        note=nfc(note.strip()),
        doc_number=nfc(doc_number.strip()),
        doc_date=doc_date,
        evidence=evidence,
        answered_by=person,
        answered_at=timezone.now(),
        valid_until=checklist.valid_until(q, today),
    )
    log(
        "answer_checklist",
        actor,
        row,
        unit.pk,
        {
            "question": q.id,
            "answer": answer,
            "items": items or {},
            "doc_number": row.doc_number,
            "doc_date": doc_date.isoformat() if doc_date else "",
            "evidence": evidence.sha256 if evidence else "",
            "valid_until": row.valid_until.isoformat(),
        },
    )
    return row


@action("check_records")
def do_check_records(
    unit: Unit,
    *,
    category_id: str,
    kind: str,
    record_ids: list[int],
    result: str,
    reference: str,
    note: str = "",
    evidence: Evidence | None = None,
    attachment: Attachment | None = None,
    actor: Account,
) -> list[RecordCheck]:
    """Record that records were checked against the unit's files for one category: a violation
    confirmed, found compliant, or remedied. The reference (the paper checked) is required. A
    newer check of the same record replaces the older one; the log keeps both. Only records of
    the unit (or merged into it) and within the checker's clearance may be checked."""
    person = may_keep(actor, unit, "đối chiếu hồ sơ")
    try:
        cat = category(category_id)
    except KeyError:
        raise StateNotAllowed(
            f"Không có loại vi phạm '{category_id}'", EVIDENCE_RULE, confidence="inference"
        ) from None
    if cat.detect == Detect.CHECKLIST or kind not in CHECKABLE_KINDS or not record_ids:
        raise StateNotAllowed(
            "Không có hồ sơ nào để đối chiếu cho loại này", EVIDENCE_RULE, confidence="inference"
        )
    if result not in CheckResult.values:
        raise _required("Phải chọn kết quả đối chiếu")
    if not reference.strip() and evidence is None and attachment is None:
        raise _required("Phải ghi văn bản, hồ sơ đã đối chiếu (số, ngày) hoặc đính kèm bản chụp")
    level = _own_records(unit, person, kind, record_ids)
    if result == CheckResult.COMPLIANT and cat.detect == Detect.REGISTRY:
        _not_proven(unit, category_id, kind, record_ids)
    evidence = evidence_for(unit, evidence, attachment, actor, level)
    now = timezone.now()
    checks = []
    for record_id in sorted(set(record_ids)):
        check, _ = RecordCheck.objects.update_or_create(
            category=category_id,
            record_kind=kind,
            record_id=record_id,
            defaults={
                "unit": unit,
                "result": result,
                "note": nfc(note.strip()),
                "reference": nfc(reference.strip()),
                "evidence": evidence,
                "checked_by": person,
                "checked_at": now,
            },
        )
        checks.append(check)
    changes: dict[str, Any] = {
        "category": category_id,
        "kind": kind,
        "records": sorted(set(record_ids)),
        "result": result,
        "reference": reference.strip(),
    }
    log("check_records", actor, checks[0], unit.pk, changes)
    return checks


def _not_proven(unit: Unit, category_id: str, kind: str, record_ids: list[int]) -> None:
    """A record the unit's own data show offending cannot be declared compliant by a check:
    it is remedied (with the paper that shows it) or the registry is corrected. A record found
    only because a person confirmed it may still be corrected to compliant."""
    from bmnn.inspection.engine import evaluate
    from bmnn.inspection.scope import build_scope

    today = timezone.localdate()
    shown = evaluate(category(category_id), build_scope(unit, dt.date(1900, 1, 1), today, today))
    wanted = set(record_ids)
    checks = RecordCheck.objects.filter(category=category_id, record_kind=kind, record_id__in=wanted)
    confirmed = set(checks.filter(result=CheckResult.VIOLATION).values_list("record_id", flat=True))
    proven = [r.label for r in shown.records if r.kind == kind and r.id in wanted and r.id not in confirmed]
    if proven:
        raise StateNotAllowed(
            f"Dữ liệu trong sổ cho thấy vi phạm ({'; '.join(proven[:3])}): không ghi 'đúng quy định' được; "
            "ghi 'đã khắc phục' kèm văn bản chứng minh, hoặc sửa dữ liệu trong sổ",
            EVIDENCE_RULE, confidence="inference")


def _own_records(unit: Unit, person: Person, kind: str, record_ids: list[int]) -> str:
    """Refuse records of another unit or above the checker's clearance; their highest level."""
    found = record_facts(kind, record_ids)
    mine = set(scope_unit_ids(unit, include_subunits=False))
    if len(found) != len(set(record_ids)) or any(u not in mine for u, _ in found.values()):
        raise PermissionDenied(f"Chỉ đối chiếu hồ sơ của {unit.name}")
    if any(level and not person.cleared_for(level) for _, level in found.values()):
        raise PermissionDenied("Có hồ sơ vượt mức được tiếp cận của người đối chiếu")
    return highest([level for _, level in found.values()])


@action("record_incident")
def do_record_incident(
    unit: Unit,
    *,
    category_id: str,
    discovered_on: dt.date,
    description: str,
    count: int = 1,
    occurred_on: dt.date | None = None,
    reported_to: str = "",
    reference: str = "",
    actor: Account,
) -> Incident:
    """Record an incident: documents lost, items found outside the registers in a count, a
    password exposed on a network."""
    if category_id not in INCIDENT_CATEGORIES:
        raise StateNotAllowed("Loại sự cố không hợp lệ", EVIDENCE_RULE, confidence="inference")
    person = may_record_incident(actor, unit, category(category_id).group)
    today = timezone.localdate()
    if discovered_on > today or (occurred_on and occurred_on > discovered_on):
        raise StateNotAllowed(
            "Ngày phát hiện không thể sau hôm nay; ngày xảy ra không thể sau ngày phát hiện",
            EVIDENCE_RULE,
            confidence="inference",
        )
    if count < 1 or not description.strip():
        raise _required("Phải mô tả sự cố và số lượng (ít nhất 1)")
    incident = Incident.objects.create(
        unit=unit,
        category=category_id,
        occurred_on=occurred_on,
        discovered_on=discovered_on,
        count=count,
        description=nfc(description.strip()),
        reported_to=nfc(reported_to.strip()),
        reference=nfc(reference.strip()),
        recorded_by=person,
        recorded_at=timezone.now(),
    )
    log(
        "record_incident",
        actor,
        incident,
        unit.pk,
        {
            "category": category_id,
            "discovered_on": discovered_on.isoformat(),
            "count": count,
            "reference": incident.reference,
        },
    )
    return incident

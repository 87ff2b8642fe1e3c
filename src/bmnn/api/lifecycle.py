"""Protection-period events and the end of a document: extension, level change,
declassification and their notices, destruction, loss, handover to another unit."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Status

from bmnn.api.auth import account_of
from bmnn.api.common import day_or_today, responses
from bmnn.api.inputs import (
    DeclassificationIn,
    DestructionIn,
    ExtensionIn,
    HandoverIn,
    LevelChangeIn,
    LossIn,
    NoticeIn,
    PathId,
)
from bmnn.api.permissions import (
    NOT_FOUND,
    document_to_act_on,
    field_error,
    related_to_act_on,
    require_step,
    unit_person,
)
from bmnn.api.schemas import DecisionOut, DestructionOut, HandoverOut, LossOut
from bmnn.org.models import Account, Unit
from bmnn.registry.access import visible_documents
from bmnn.registry.actions.disposal import do_destroy_documents, do_report_loss
from bmnn.registry.actions.handover import do_hand_over_documents
from bmnn.registry.actions.lifecycle import (
    do_change_level,
    do_declassify,
    do_declassify_expired,
    do_extend_protection,
    do_record_notice,
)
from bmnn.registry.may import Step
from bmnn.registry.models import Document, LifeDecision

router = Router(tags=["Thời hạn, độ mật, giải mật, tiêu hủy, bàn giao"])


@router.post("/documents/{document_id}/extension", response=responses(201, DecisionOut),
             summary="Gia hạn thời hạn bảo vệ")
def extend(request: HttpRequest, document_id: PathId, data: ExtensionIn) -> Any:
    """Extend the protection period (decided at least 60 days before it ends, by a person with
    the authority; notice due within 15 days).
    Clerk (from the signed paper); head or deputy: their own only."""
    account = account_of(request)
    document, person = document_to_act_on(account, document_id, Step.EXTEND)
    return Status(201, do_extend_protection(
        document, new_until=data.new_until, decided_on=day_or_today(data.decided_on),
        decided_by=unit_person(document.unit_id, data.decided_by_id, "decided_by_id", default=person),
        decision_number=data.decision_number, reason=data.reason, late=data.late(), actor=account,
    ))


@router.post("/documents/{document_id}/level-change", response=responses(201, DecisionOut),
             summary="Điều chỉnh độ mật")
def change_level(request: HttpRequest, document_id: PathId, data: LevelChangeIn) -> Any:
    """Raise or lower the level; the period is recounted for the new level.
    Clerk (from the signed paper); head or deputy: their own only."""
    account = account_of(request)
    document, person = document_to_act_on(account, document_id, Step.CHANGE_LEVEL)
    return Status(201, do_change_level(
        document, new_level=data.new_level, decided_on=day_or_today(data.decided_on),
        decided_by=unit_person(document.unit_id, data.decided_by_id, "decided_by_id", default=person),
        decision_number=data.decision_number, reason=data.reason, late=data.late(), actor=account,
    ))


@router.post("/documents/{document_id}/declassification", response=responses(201, DecisionOut),
             summary="Giải mật")
def declassify(request: HttpRequest, document_id: PathId, data: DeclassificationIn) -> Any:
    """Declassify by decision on a council's proposal (`basis: "decision"`), or record the
    automatic declassification of a document whose period has ended (`basis: "expired"`).
    Clerk (from the signed paper); head or deputy: their own only."""
    account = account_of(request)
    document, person = document_to_act_on(account, document_id, Step.DECLASSIFY)
    day = day_or_today(data.decided_on)
    if data.basis == "expired":
        return Status(201, do_declassify_expired(document, actor=account))
    return Status(201, do_declassify(
        document, decided_on=day,
        decided_by=unit_person(document.unit_id, data.decided_by_id, "decided_by_id", default=person),
        decision_number=data.decision_number, council=data.council, reason=data.reason, late=data.late(),
        actor=account,
    ))


@router.post("/decisions/{decision_id}/notice", response=responses(200, DecisionOut),
             summary="Ghi nhận đã gửi thông báo")
def record_notice(request: HttpRequest, decision_id: PathId, data: NoticeIn) -> Any:
    """Record the written notice sent after an extension, level change or declassification."""
    account = account_of(request)
    decision, _ = related_to_act_on(account, LifeDecision.objects.select_related("document"),
                                    decision_id, Step.RECORD_NOTICE)
    return do_record_notice(decision, sent_on=day_or_today(data.sent_on), notice_ref=data.notice_ref,
                            actor=account)


@router.post("/documents/{document_id}/loss", response=responses(201, LossOut), summary="Báo mất tài liệu")
def report_loss(request: HttpRequest, document_id: PathId, data: LossIn) -> Any:
    """Record that a document was lost and to whom it was reported at once. Clerk, head, deputy."""
    account = account_of(request)
    document, person = document_to_act_on(account, document_id, Step.REPORT_LOSS)
    return Status(201, do_report_loss(
        document, discovered_on=day_or_today(data.discovered_on), description=data.description,
        reported_to=data.reported_to,
        reported_by=unit_person(document.unit_id, data.reported_by_id, "reported_by_id", default=person),
        actor=account,
    ))


def _documents(account: Account, ids: list[int]) -> list[Document]:
    """Documents the caller sees, in the order given; one hidden or unknown id is a 404."""
    found = {d.pk: d for d in visible_documents(account).filter(pk__in=ids).select_related("unit")}
    if any(pk not in found for pk in ids):
        raise Http404(NOT_FOUND)
    return [found[pk] for pk in dict.fromkeys(ids)]


@router.post("/destructions", response=responses(201, DestructionOut), summary="Tiêu hủy tài liệu")
def destroy(request: HttpRequest, data: DestructionIn) -> Any:
    """Destroy documents of the caller's unit: decided by a person with the authority, on a
    council's proposal, with minutes and the full dossier (or at once, `urgent`, to avoid harm).
    Clerk (from the signed paper); head or deputy: their own only."""
    account = account_of(request)
    person = require_step(account, Step.DESTROY)
    return Status(201, do_destroy_documents(
        _documents(account, data.document_ids), unit=person.unit,
        decided_by=unit_person(person.unit, data.decided_by_id, "decided_by_id", default=person),
        decision_number=data.decision_number, decided_on=data.decided_on, council=data.council,
        minutes_ref=data.minutes_ref, dossier=data.dossier,
        destroyed_on=day_or_today(data.destroyed_on), urgent=data.urgent, late=data.late(), actor=account,
    ))


@router.post("/handovers", response=responses(201, HandoverOut), summary="Bàn giao tài liệu sang đơn vị khác")
def hand_over(request: HttpRequest, data: HandoverIn) -> Any:
    """Hand documents of the caller's unit to another unit (merge, departure), with minutes
    signed by both; `received_by_id` is a person of the receiving unit. Clerk of either unit."""
    account = account_of(request)
    person = require_step(account, Step.HAND_OVER)
    to_unit = Unit.objects.filter(pk=data.to_unit_id).first()
    if to_unit is None:
        raise field_error("to_unit_id", f"Không có đơn vị mã {data.to_unit_id}")
    return Status(201, do_hand_over_documents(
        _documents(account, data.document_ids), from_unit=person.unit, to_unit=to_unit,
        reason=data.reason,
        handed_by=unit_person(person.unit, data.handed_by_id, "handed_by_id", default=person),
        received_by=unit_person(to_unit, data.received_by_id, "received_by_id"),
        handed_on=day_or_today(data.handed_on), minutes_ref=data.minutes_ref, actor=account,
    ))

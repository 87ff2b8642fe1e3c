"""Handover of documents between units (merge) or from a departing officer (Điều 26)."""

from __future__ import annotations

import datetime as dt

from bmnn.audit.journal import action
from bmnn.law.errors import StateNotAllowed
from bmnn.org.models import Account, Person, Unit
from bmnn.registry.actions.common import locked, not_future, record, require_held
from bmnn.registry.may import Step, may
from bmnn.registry.models import Document, Handover, HandoverReason
from bmnn.registry.rules import pack_for


@action("hand_over_documents")
def do_hand_over_documents(
    documents: list[Document], *, from_unit: Unit, to_unit: Unit, reason: HandoverReason,
    handed_by: Person, received_by: Person, handed_on: dt.date, minutes_ref: str, actor: Account,
) -> Handover:
    """Hand documents over with an itemised list and both signatures; afterwards they belong to
    the receiving unit, with their history kept."""
    may(Step.HAND_OVER, actor, (from_unit.pk, to_unit.pk))
    pack = pack_for(handed_on)
    provision, confidence = pack.cite("handover")
    if not documents:
        raise StateNotAllowed("Danh sách bàn giao trống", provision, confidence=confidence)
    documents = [locked(d) for d in documents]
    not_future(handed_on, "Ngày bàn giao", pack)
    if handed_by.unit_id != from_unit.pk or received_by.unit_id != to_unit.pk:
        raise StateNotAllowed("Người giao phải thuộc đơn vị giao, người nhận thuộc đơn vị nhận",
                              provision, confidence=confidence)
    if not minutes_ref.strip():
        raise StateNotAllowed("Thiếu biên bản bàn giao có chữ ký hai bên", provision, confidence=confidence)
    for document in documents:
        require_held(document, pack, "bàn giao")
        if document.unit_id != from_unit.pk:
            raise StateNotAllowed(f"Tài liệu {document} không thuộc đơn vị giao", provision,
                                  confidence=confidence)
    handover = Handover.objects.create(
        from_unit=from_unit, to_unit=to_unit, reason=reason, handed_by=handed_by,
        received_by=received_by, handed_on=handed_on, minutes_ref=minutes_ref,
    )
    handover.documents.set(documents)
    for document in documents:
        document.unit = to_unit
        document.save(update_fields=["unit"])
        record("hand_over_document", actor, document, to_unit.pk, pack, {
            "unit": {"before": from_unit.code, "after": to_unit.code}, "minutes": minutes_ref,
        })
    record("hand_over_documents", actor, handover, from_unit.pk, pack, {
        "documents": [d.pk for d in documents], "to_unit": to_unit.code, "reason": reason,
    })
    return handover

"""Destruction (Điều 23) and loss of secret documents."""

from __future__ import annotations

import datetime as dt

from bmnn.audit.journal import action
from bmnn.law.authority import Power, authorize
from bmnn.law.errors import DestructionNotAllowed
from bmnn.org.authority import law_actor
from bmnn.org.models import Account, Person, Unit
from bmnn.registry.actions.common import Late, breach, dated, locked, not_future, record, require_held
from bmnn.registry.may import Step, may
from bmnn.registry.models import Destruction, Document, DocumentState, Loss
from bmnn.registry.rules import pack_for

# Papers the destruction dossier must hold (khoản 3 Điều 23 Luật 2018, as restated).
DOSSIER_ITEMS = {
    "council_decision": "Quyết định thành lập Hội đồng tiêu hủy",
    "item_list": "Danh sách tài liệu đề nghị tiêu hủy",
    "council_minutes": "Biên bản họp Hội đồng tiêu hủy",
    "destruction_decision": "Quyết định tiêu hủy",
    "destruction_minutes": "Biên bản tiêu hủy",
}


@action("destroy_documents")
def do_destroy_documents(
    documents: list[Document], *, unit: Unit, decided_by: Person, decision_number: str,
    decided_on: dt.date, council: str, minutes_ref: str, dossier: list[str],
    destroyed_on: dt.date, urgent: bool = False, urgent_reason: str = "", report_ref: str = "",
    late: Late | None = None, actor: Account,
) -> Destruction:
    """Destroy documents no longer needed: decided by a person with Tuyệt mật/Tối mật copy
    authority, on the proposal of a destruction council, with minutes and the full dossier
    (Điều 23). In the urgent case (điểm b) the person of the unit managing the documents
    destroys at once, states why, and reports to the head in writing."""
    may(Step.DESTROY, actor, unit.pk, decider=decided_by)
    pack = pack_for(decided_on)
    provision, sure = pack.article("Điều 23")
    documents = [locked(d) for d in documents]
    backdated = dated(decided_on, "Ngày quyết định tiêu hủy", pack, late)
    not_future(destroyed_on, "Ngày tiêu hủy", pack)
    if not documents:
        raise DestructionNotAllowed("Chưa chọn tài liệu tiêu hủy", provision, confidence=sure)
    for document in documents:
        require_held(document, pack, "tiêu hủy")
        if document.unit_id != unit.pk:
            raise DestructionNotAllowed(f"Tài liệu {document} không do đơn vị quản lý", provision,
                                        confidence=sure)
    if not minutes_ref.strip():
        raise DestructionNotAllowed("Thiếu biên bản tiêu hủy", provision, confidence=sure)
    if urgent:
        if decided_by.unit_id != unit.pk or not decided_by.active:
            raise DestructionNotAllowed("Chỉ người đang quản lý tài liệu của đơn vị được tiêu hủy ngay",
                                        provision, confidence=sure)
        if not urgent_reason.strip() or not report_ref.strip():
            raise DestructionNotAllowed(
                "Tiêu hủy ngay phải ghi lý do và văn bản báo cáo người đứng đầu", provision, confidence=sure)
    else:
        authorize(pack, Power.DESTROY, law_actor(decided_by), unit.pk, decided_on,
                  superiors=frozenset(u.pk for u in unit.ancestors()))
        missing = [label for key, label in DOSSIER_ITEMS.items() if key not in dossier]
        if not council.strip() or missing:
            raise DestructionNotAllowed(
                "Hồ sơ tiêu hủy chưa đủ: " + ", ".join(missing or ["thành phần Hội đồng"]), provision,
                confidence=sure,
            )
    if destroyed_on < decided_on:
        raise DestructionNotAllowed("Ngày tiêu hủy không thể trước ngày quyết định", provision,
                                    confidence=sure)
    destruction = Destruction.objects.create(
        unit=unit, decided_by=decided_by, decision_number=decision_number, decided_on=decided_on,
        urgent=urgent, urgent_reason=urgent_reason, report_ref=report_ref, council=council,
        minutes_ref=minutes_ref, dossier=dossier,
        destroyed_on=destroyed_on,
    )
    destruction.documents.set(documents)
    for document in documents:
        before = document.state
        document.state = DocumentState.DESTROYED
        document.save(update_fields=["state"])
        record("destroy_document", actor, document, unit.pk, pack, {
            "state": {"before": before, "after": document.state}, "decision": decision_number,
        })
    record("destroy_documents", actor, destruction, unit.pk, pack, {
        "documents": [d.pk for d in documents], "decision": decision_number, "urgent": urgent, **backdated,
    })
    return destruction


@action("report_loss")
def do_report_loss(
    document: Document, *, discovered_on: dt.date, description: str, reported_to: str,
    reported_by: Person, actor: Account,
) -> Loss:
    """Record that a document was lost (Khoản 1 Điều 5) and to whom it was reported at once."""
    may(Step.REPORT_LOSS, actor, document.unit_id)
    pack = pack_for(discovered_on)
    document = locked(document)
    not_future(discovered_on, "Ngày phát hiện", pack)
    require_held(document, pack, "báo mất")
    if not description.strip() or not reported_to.strip():
        raise breach("Phải mô tả sự việc và nơi đã báo cáo", pack, "Khoản 1 Điều 5")
    loss = Loss.objects.create(document=document, discovered_on=discovered_on, description=description,
                               reported_to=reported_to, reported_by=reported_by)
    document.state = DocumentState.LOST
    document.save(update_fields=["state"])
    record("report_loss", actor, loss, document.unit_id, pack,
           {"document": document.pk, "reported_to": reported_to})
    return loss

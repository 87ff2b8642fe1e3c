"""Classification proposal (tờ trình đề xuất độ mật) and the decision on it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from bmnn.audit.journal import action
from bmnn.catalog.models import CatalogItem
from bmnn.law.authority import Power, authorize
from bmnn.law.classification import check_basis, check_recipients_block, check_summary
from bmnn.law.levels import Level
from bmnn.lib.text import fold, nfc
from bmnn.org.authority import delegation_by_id, law_actor
from bmnn.org.models import Account, Person, Unit
from bmnn.registry.actions.common import diff, locked, record, refused, snapshot
from bmnn.registry.may import Step, may
from bmnn.registry.models import Document, DocumentState, Origin, Proposal, ProposalStatus, Recipient
from bmnn.registry.rules import pack_for


@dataclass(frozen=True)
class RecipientInput:
    name: str
    copies: int
    unit: Unit | None = None
    person: Person | None = None
    named_person: bool = False


@action("propose_classification")
def do_propose_classification(
    *, unit: Unit, doc_type: str, summary: str, level: Level, basis: list[CatalogItem],
    level_reason: str, recipients: list[RecipientInput], copy_permitted: bool | None,
    drafter: Person, shorter_until: dt.date | None = None, draft: Document | None = None,
    actor: Account,
) -> Proposal:
    """The drafter proposes that a draft is secret: level, catalog basis, recipients with copy
    counts, copy permission (Điều 2 Nghị định 26/2020/NĐ-CP). Refused without catalog basis,
    with an incomplete "Nơi nhận" block, or with a summary for Tuyệt mật. `draft` resubmits a
    document whose earlier proposal was not approved."""
    may(Step.PROPOSE, actor, unit.pk)
    today = timezone.localdate()
    pack = pack_for(today)
    check_basis(pack, level, [item.basis for item in basis], level_reason)
    check_summary(pack, level, summary)
    check_recipients_block(pack, [(r.name, r.copies) for r in recipients], drafter.full_name,
                           copy_permitted)
    fields = dict(
        unit=unit, origin=Origin.OUTGOING, state=DocumentState.PROPOSED, doc_type=nfc(doc_type),
        summary=nfc(summary), level=level.value, regime=pack.regime.value,
        rulepack_version=pack.version, drafter=drafter, drafter_name=drafter.full_name,
        copy_permitted=copy_permitted, shorter_until=shorter_until,
        copies_issued=sum(r.copies for r in recipients), search_text=fold(f"{doc_type} {summary}"),
    )
    if draft is None:
        document = Document.objects.create(**fields)
    else:
        document = locked(draft)
        if document.state != DocumentState.DRAFT or document.unit_id != unit.pk:
            raise refused("Chỉ đề xuất lại tài liệu đang soạn thảo của đơn vị", pack, "proposal")
        for name, value in fields.items():
            setattr(document, name, value)
        document.save()
        document.recipients.all().delete()
    for order, r in enumerate(recipients, start=1):
        Recipient.objects.create(
            document=document, order=order, name=nfc(r.name), unit=r.unit, person=r.person,
            named_person=r.named_person, copies=r.copies,
        )
    proposal = Proposal.objects.create(
        document=document, drafter=drafter, level=level.value, level_reason=level_reason,
        copy_permitted=bool(copy_permitted), status=ProposalStatus.PENDING,
        submitted_at=timezone.now(),
    )
    proposal.basis.set(basis)
    record("propose_classification", actor, document, unit.pk, pack, {
        "resubmitted": draft is not None,
        "level": level.value, "basis": [i.citation for i in basis], "doc_type": doc_type,
        "recipients": [(r.name, r.copies) for r in recipients], "copy_permitted": copy_permitted,
    })
    return proposal


@action("decide_proposal")
def do_decide_proposal(
    proposal: Proposal, *, approve: bool, decided_by: Person, note: str = "", actor: Account,
) -> Proposal:
    """The head, or a deputy holding a valid delegation to classify, approves or rejects the
    proposal (Khoản 2 Điều 10 Luật Bảo vệ BMNN; HD 4114/BCA-ANCTNB)."""
    may(Step.DECIDE_PROPOSAL, actor, proposal.document.unit_id, decider=decided_by)
    proposal = locked(proposal)
    document = locked(proposal.document)
    pack = pack_for(timezone.localdate())
    if document.state != DocumentState.PROPOSED:
        raise refused("Đề xuất này đã được xử lý", pack, "proposal")
    before = snapshot(document, ["state"])
    authority = None
    if approve:
        check_basis(pack, Level(proposal.level), [i.basis for i in proposal.basis.all()],
                    proposal.level_reason)
        authority = authorize(pack, Power.CLASSIFY, law_actor(decided_by), document.unit_id,
                              timezone.localdate())
    proposal.status = ProposalStatus.APPROVED if approve else ProposalStatus.REJECTED
    proposal.decided_by = decided_by
    proposal.decided_at = timezone.now()
    proposal.decided_delegation = delegation_by_id(authority.delegation) if authority else None
    proposal.decision_note = note
    proposal.save()
    document.state = DocumentState.APPROVED if approve else DocumentState.DRAFT
    document.save(update_fields=["state"])
    record("decide_proposal", actor, document, document.unit_id, pack, {
        **diff(before, snapshot(document, ["state"])), "decided_by": decided_by.full_name,
        "authority": authority.describe() if authority else "", "note": note,
    })
    return proposal

"""Classification proposals, the decision on them, and issuing the approved document."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.errors import ValidationError

from bmnn.api.auth import account_of
from bmnn.api.common import day_or_today, responses
from bmnn.api.inputs import DecisionIn, IssueIn, PathId, ProposalIn, RecipientIn
from bmnn.api.permissions import (
    document_to_act_on,
    field_error,
    related_to_act_on,
    require_step,
    unit_person,
)
from bmnn.api.schemas import IssueOut, ProposalOut, entry_out
from bmnn.catalog.models import CatalogItem
from bmnn.org.models import Person, Unit
from bmnn.registry.actions.issuance import do_issue_document
from bmnn.registry.actions.proposals import RecipientInput, do_decide_proposal, do_propose_classification
from bmnn.registry.may import Step
from bmnn.registry.models import Document, Proposal, ProposalStatus

router = Router(tags=["Đề xuất độ mật, ban hành"])


def _basis(ids: list[int]) -> list[CatalogItem]:
    found = {i.pk: i for i in CatalogItem.objects.filter(pk__in=ids, catalog__active=True)
             .select_related("catalog")}
    unknown = [str(pk) for pk in ids if pk not in found]
    if unknown:
        raise field_error("basis_ids", "Không có mục danh mục BMNN còn hiệu lực mã: " + ", ".join(unknown))
    return [found[pk] for pk in dict.fromkeys(ids)]


def _recipient(index: int, r: RecipientIn) -> RecipientInput:
    def missing(field: str, what: str) -> ValidationError:
        return ValidationError([{"type": "value_error", "loc": ["body", "data", "recipients", index, field],
                                 "msg": f"Không có {what} mã {getattr(r, field)}"}])

    unit = Unit.objects.filter(pk=r.unit_id).first() if r.unit_id is not None else None
    if r.unit_id is not None and unit is None:
        raise missing("unit_id", "đơn vị")
    person = Person.objects.filter(pk=r.person_id, active=True).first() if r.person_id else None
    if r.person_id is not None and person is None:
        raise missing("person_id", "cán bộ")
    return RecipientInput(r.name, r.copies, unit=unit, person=person, named_person=r.named_person)


@router.post("/proposals", response=responses(201, ProposalOut), summary="Đề xuất độ mật")
def propose(request: HttpRequest, data: ProposalIn) -> Any:
    """Propose that a draft of the caller's unit is secret: level, catalog basis (item ids from
    GET /catalog/items), recipients with copy counts, copy permission. Drafter, head or deputy."""
    account = account_of(request)
    person = require_step(account, Step.PROPOSE)
    drafter = unit_person(person.unit, data.drafter_id, "drafter_id", default=person)
    proposal = do_propose_classification(
        unit=person.unit, doc_type=data.doc_type, summary=data.summary, level=data.level,
        basis=_basis(data.basis_ids), level_reason=data.level_reason,
        recipients=[_recipient(i, r) for i, r in enumerate(data.recipients)],
        copy_permitted=data.copy_permitted, drafter=drafter, shorter_until=data.shorter_until,
        actor=account,
    )
    return Status(201, proposal)


@router.post("/proposals/{proposal_id}/decision", response=responses(200, ProposalOut),
             summary="Duyệt hoặc không duyệt đề xuất độ mật")
def decide(request: HttpRequest, proposal_id: PathId, data: DecisionIn) -> Any:
    """Approve or reject a pending proposal. `decided_by_id` (default: the caller) must hold the
    authority to classify, as head or by a valid delegation. Head or deputy."""
    account = account_of(request)
    proposal, person = related_to_act_on(account, Proposal.objects.select_related("document"),
                                         proposal_id, Step.DECIDE_PROPOSAL)
    decided_by = unit_person(proposal.document.unit_id, data.decided_by_id, "decided_by_id",
                             default=person)
    return do_decide_proposal(proposal, approve=data.approve, decided_by=decided_by, note=data.note,
                              actor=account)


def _approver(document: Document) -> Person | None:
    approved = document.proposals.filter(status=ProposalStatus.APPROVED).order_by("-decided_at").first()
    return approved.decided_by if approved else None


@router.post("/documents/{document_id}/issue", response=responses(200, IssueOut),
             summary="Ban hành, vào sổ đăng ký BMNN đi")
def issue(request: HttpRequest, document_id: PathId, data: IssueIn) -> Any:
    """Issue an approved document: number and symbol, signer (default: who approved the
    proposal), copy numbers for each recipient, and its line in the outgoing register. Clerk."""
    account = account_of(request)
    document, person = document_to_act_on(account, document_id, Step.ISSUE)
    signer = unit_person(document.unit_id, data.signer_id, "signer_id",
                         default=_approver(document) or person)
    entry = do_issue_document(document, number_symbol=data.number_symbol,
                              issued_on=day_or_today(data.issued_on), signer=signer, late=data.late(),
                              actor=account)
    document.refresh_from_db()
    return {"document": document, "entry": entry_out(entry)}

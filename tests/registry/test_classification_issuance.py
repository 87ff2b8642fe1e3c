"""From proposal to issuance: what the law demands, and what it refuses with nothing written."""

from __future__ import annotations

import datetime as dt

import pytest

from bmnn.audit.models import Event, EventKind
from bmnn.audit.verify import verify_chain
from bmnn.law.errors import (
    LevelMismatch,
    ProposalWithoutBasis,
    RecipientsIncomplete,
    SignerNotAuthorized,
    StateNotAllowed,
    SummaryForbidden,
)
from bmnn.law.levels import Level
from bmnn.registry.actions.issuance import do_issue_document, do_register_incoming
from bmnn.registry.actions.proposals import RecipientInput, do_decide_proposal, do_propose_classification
from bmnn.registry.models import Document, DocumentState, Proposal, RegisterCounter, RegisterEntry
from tests.registry.flows import DAY, issue, propose
from tests.world import World


def assert_only_refusal_written(before_events: int, code: str) -> None:
    events = list(Event.objects.filter(seq__gt=before_events))
    assert [(e.kind, e.changes["code"]) for e in events] == [(EventKind.REFUSAL, code)]
    assert verify_chain().ok


def test_issue_assigns_copy_numbers_period_and_outgoing_entry(world: World) -> None:
    document = issue(world)
    assert document.state == DocumentState.ISSUED
    assert [(r.copy_from, r.copy_to) for r in document.recipients.all()] == [(1, 2), (3, 3)]
    # Tối mật: 20 years from the day the level was determined (Điều 19).
    assert document.protected_until == dt.date(2046, 5, 4)
    assert document.regime == "2025"
    entry = RegisterEntry.objects.get(document=document, kind="outgoing")
    assert entry.number == 1 and entry.columns["number"] == "01"
    assert "bản số 01–02" in entry.columns["recipients"]
    assert entry.columns["level"] == "Tối mật" and entry.columns["copies"] == "3"
    actions = list(Event.objects.values_list("action", flat=True))
    assert actions == ["propose_classification", "decide_proposal", "issue_document"]
    assert verify_chain().ok


def test_proposal_without_basis_is_refused_and_nothing_written(world: World) -> None:
    # Khoản 1 Điều 10 Luật; Điều 2 NĐ 26/2020.
    assert world.drafter.person
    with pytest.raises(ProposalWithoutBasis):
        do_propose_classification(
            unit=world.dept, doc_type="Báo cáo", summary="x", level=Level.MAT, basis=[],
            level_reason="", recipients=[RecipientInput("UBND tỉnh", 1)], copy_permitted=False,
            drafter=world.drafter.person, actor=world.drafter,
        )
    assert not Document.objects.exists() and not Proposal.objects.exists()
    assert_only_refusal_written(0, "proposal_without_basis")


def test_level_below_basis_without_reason_is_refused(world: World) -> None:
    assert world.drafter.person
    with pytest.raises(LevelMismatch):
        do_propose_classification(
            unit=world.dept, doc_type="Báo cáo", summary="x", level=Level.MAT,
            basis=[world.exam_item], level_reason="", recipients=[RecipientInput("UBND tỉnh", 1)],
            copy_permitted=False, drafter=world.drafter.person, actor=world.drafter,
        )
    assert not Document.objects.exists()


def test_incomplete_recipients_block_is_refused(world: World) -> None:
    # Khoản 2 Điều 2 NĐ 26/2020: copy permission must be stated.
    with pytest.raises(RecipientsIncomplete):
        propose(world, copy_permitted=None)  # type: ignore[arg-type]
    assert not Document.objects.exists()


def test_top_secret_summary_is_refused(world: World) -> None:
    assert world.drafter.person
    with pytest.raises(SummaryForbidden):
        do_propose_classification(
            unit=world.dept, doc_type="Tờ trình", summary="Phương án nhân sự", level=Level.TUYET_MAT,
            basis=[world.exam_item], level_reason="lý do", recipients=[RecipientInput("Tỉnh ủy", 1)],
            copy_permitted=False, drafter=world.drafter.person, actor=world.drafter,
        )
    assert not Document.objects.exists()


def test_deputy_without_delegation_cannot_approve(world: World) -> None:
    # Khoản 2 Điều 10 Luật; HD 4114/BCA-ANCTNB.
    proposal = propose(world)
    events = Event.objects.count()
    assert world.deputy_nodel.person
    with pytest.raises(SignerNotAuthorized):
        do_decide_proposal(proposal, approve=True, decided_by=world.deputy_nodel.person,
                           actor=world.deputy_nodel)
    proposal.refresh_from_db()
    assert proposal.status == "pending" and proposal.document.state == DocumentState.PROPOSED
    assert_only_refusal_written(events, "signer_not_authorized")


def test_delegated_deputy_approves_and_the_delegation_is_recorded(world: World) -> None:
    proposal = propose(world)
    assert world.deputy.person
    do_decide_proposal(proposal, approve=True, decided_by=world.deputy.person, actor=world.deputy)
    proposal.refresh_from_db()
    assert proposal.decided_delegation == world.delegation
    event = Event.objects.get(action="decide_proposal")
    assert "05/QĐ-SGDĐT" in event.changes["authority"]


def test_issue_without_approved_proposal_takes_no_number(world: World) -> None:
    proposal = propose(world)
    events = Event.objects.count()
    assert world.head.person
    with pytest.raises(StateNotAllowed, match="tờ trình"):
        do_issue_document(proposal.document, number_symbol="1/BC", issued_on=DAY,
                          signer=world.head.person, actor=world.clerk)
    assert not RegisterEntry.objects.exists() and not RegisterCounter.objects.exists()
    assert_only_refusal_written(events, "state_not_allowed")


def test_deputy_without_delegation_cannot_sign(world: World) -> None:
    proposal = propose(world)
    assert world.head.person and world.deputy_nodel.person
    do_decide_proposal(proposal, approve=True, decided_by=world.head.person, actor=world.head)
    with pytest.raises(SignerNotAuthorized):
        do_issue_document(proposal.document, number_symbol="1/BC", issued_on=DAY,
                          signer=world.deputy_nodel.person, actor=world.clerk)
    assert not RegisterEntry.objects.exists()


def test_incoming_register_gives_arrival_number(world: World) -> None:
    first = do_register_incoming(
        unit=world.dept, issuer_name="Bộ Giáo dục và Đào tạo", number_symbol="88/BGDĐT-QLCL",
        doc_date=dt.date(2026, 4, 28), doc_type="Công văn", summary="Kế hoạch in sao đề thi",
        level=Level.MAT, arrival_date=DAY, receiver_name="Phạm Thị Hoa", actor=world.clerk,
    )
    second = do_register_incoming(
        unit=world.dept, issuer_name="Tỉnh ủy Lào Cai", number_symbol="3/TU", doc_date=DAY,
        doc_type="Thông báo", summary="", level=Level.TUYET_MAT, arrival_date=DAY,
        receiver_name="Phạm Thị Hoa", actor=world.clerk,
    )
    assert (first.arrival_number, second.arrival_number) == (1, 2)
    entry = RegisterEntry.objects.get(document=second)
    assert entry.columns["type_summary"] == "Thông báo"  # Tuyệt mật: type only
    assert first.protected_until == dt.date(2036, 4, 28)


def test_rejected_draft_is_resubmitted_on_the_same_document(world: World) -> None:
    proposal = propose(world)
    assert world.head.person and world.drafter.person
    do_decide_proposal(proposal, approve=False, decided_by=world.head.person, note="Thiếu căn cứ",
                       actor=world.head)
    draft = Document.objects.get(pk=proposal.document_id)
    assert draft.state == DocumentState.DRAFT
    again = do_propose_classification(
        unit=world.dept, doc_type="Báo cáo", summary="Đề thi", level=Level.TOI_MAT, basis=[world.exam_item],
        level_reason="", recipients=[RecipientInput("UBND tỉnh Lào Cai", 1)], copy_permitted=False,
        drafter=world.drafter.person, draft=draft, actor=world.drafter,
    )
    assert again.document_id == draft.pk and Document.objects.count() == 1
    assert list(draft.recipients.values_list("name", "copies")) == [("UBND tỉnh Lào Cai", 1)]
    with pytest.raises(StateNotAllowed):  # only a draft can be resubmitted
        do_propose_classification(
            unit=world.dept, doc_type="Báo cáo", summary="x", level=Level.TOI_MAT, basis=[world.exam_item],
            level_reason="", recipients=[RecipientInput("UBND tỉnh", 1)], copy_permitted=False,
            drafter=world.drafter.person, draft=draft, actor=world.drafter,
        )

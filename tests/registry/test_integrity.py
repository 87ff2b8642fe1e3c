"""Stale instances, incoming secrets, the Tuyệt mật summary, dates, cancelled lines, closing
volumes with open transfers: the action re-reads what it acts on and refuses with nothing written."""

from __future__ import annotations

import datetime as dt

import pytest

from bmnn.audit.journal import append_event
from bmnn.audit.models import Event
from bmnn.audit.verify import verify_chain
from bmnn.law.errors import StateNotAllowed
from bmnn.law.levels import Level
from bmnn.law.transfer import Channel
from bmnn.registry.access import visible_documents
from bmnn.registry.actions.disposal import DOSSIER_ITEMS, do_destroy_documents
from bmnn.registry.actions.issuance import do_issue_document, do_register_incoming
from bmnn.registry.actions.lifecycle import do_change_level
from bmnn.registry.actions.proposals import RecipientInput, do_decide_proposal, do_propose_classification
from bmnn.registry.actions.registers import do_cancel_entry, do_close_volume
from bmnn.registry.actions.transfers import do_send_document
from bmnn.registry.models import Document, DocumentState, RegisterEntry
from bmnn.registry.queries import register_page
from tests.registry.flows import DAY, issue, propose
from tests.world import World


def test_stale_instance_cannot_issue_twice(world: World) -> None:
    proposal = propose(world)
    assert world.head.person
    do_decide_proposal(proposal, approve=True, decided_by=world.head.person, actor=world.head)
    stale = Document.objects.get(pk=proposal.document_id)
    second_tab = Document.objects.get(pk=proposal.document_id)
    do_issue_document(stale, number_symbol="1/BC", issued_on=DAY, signer=world.head.person, actor=world.clerk)
    with pytest.raises(StateNotAllowed):
        do_issue_document(second_tab, number_symbol="2/BC", issued_on=DAY, signer=world.head.person,
                          actor=world.clerk)
    assert RegisterEntry.objects.filter(kind="outgoing").count() == 1


def test_stale_proposal_cannot_revert_an_issued_document(world: World) -> None:
    proposal = propose(world)
    stale = type(proposal).objects.get(pk=proposal.pk)
    assert world.head.person
    do_decide_proposal(proposal, approve=True, decided_by=world.head.person, actor=world.head)
    with pytest.raises(StateNotAllowed):
        do_decide_proposal(stale, approve=False, decided_by=world.head.person, actor=world.head)
    assert Document.objects.get(pk=proposal.document_id).state == DocumentState.APPROVED


def test_receiving_unit_cannot_change_anothers_level(world: World) -> None:
    # Điều 21: only the body that determined the level changes it.
    document = do_register_incoming(
        unit=world.dept, issuer_name="Bộ Giáo dục và Đào tạo", number_symbol="88/BGDĐT", doc_date=DAY,
        doc_type="Công văn", summary="Kế hoạch", level=Level.MAT, arrival_date=DAY,
        receiver_name="Văn thư", actor=world.clerk,
    )
    assert world.head.person
    with pytest.raises(StateNotAllowed, match="Bộ Giáo dục"):
        do_change_level(document, new_level=Level.TOI_MAT, decided_on=DAY, decided_by=world.head.person,
                        decision_number="1/QĐ", reason="x", actor=world.clerk)
    assert Document.objects.get(pk=document.pk).level == "mat"


def test_raise_to_tuyet_mat_removes_summary_everywhere(world: World) -> None:
    document = issue(world)
    assert world.head.person
    do_change_level(document, new_level=Level.TUYET_MAT, decided_on=DAY, decided_by=world.head.person,
                    decision_number="9/QĐ", reason="Điều 1 khoản 1 QĐ 531", actor=world.clerk)
    document.refresh_from_db()
    entry = RegisterEntry.objects.get(document=document)
    assert document.summary == "" and entry.columns["type_summary"] == "Báo cáo"
    assert "thi" not in entry.search_text and "thi" not in document.search_text
    assert entry.level == "tuyet_mat"
    assert not Event.objects.filter(changes__icontains="tốt nghiệp").exists()
    assert verify_chain().ok


def test_future_dates_are_refused(world: World) -> None:
    with pytest.raises(StateNotAllowed, match="sau ngày hôm nay"):
        do_register_incoming(
            unit=world.dept, issuer_name="Bộ Công an", number_symbol="1/CV", doc_date=DAY,
            doc_type="Công văn", summary="x", level=Level.MAT, arrival_date=DAY + dt.timedelta(days=1),
            receiver_name="Văn thư", actor=world.clerk,
        )
    assert not RegisterEntry.objects.exists()


def test_document_whose_line_was_cancelled_cannot_be_sent(world: World) -> None:
    document = issue(world)
    do_cancel_entry(RegisterEntry.objects.get(document=document), reason="Vào sổ nhầm", actor=world.clerk)
    assert world.clerk.person
    with pytest.raises(StateNotAllowed, match="vào sổ"):
        do_send_document(document, recipient_name="UBND tỉnh", channel=Channel.BY_HAND, sent_on=DAY,
                         sent_by=world.clerk.person, actor=world.clerk)


def test_transfers_volume_with_open_transfer_cannot_close(world: World) -> None:
    document = issue(world)
    assert world.clerk.person
    transfer = do_send_document(document, recipient_name="UBND tỉnh", channel=Channel.BY_HAND,
                                sent_on=DAY, sent_by=world.clerk.person, actor=world.clerk)
    with pytest.raises(StateNotAllowed, match="chưa có ký nhận"):
        do_close_volume(transfer.entry.register, closed_on=DAY, actor=world.clerk)


def test_destruction_writes_an_event_on_each_document(world: World) -> None:
    first, second = issue(world, "1/BC"), issue(world, "2/BC")
    assert world.head.person
    do_destroy_documents([first, second], unit=world.dept, decided_by=world.head.person,
                         decision_number="40/QĐ", decided_on=DAY, council="Hội đồng", minutes_ref="BB",
                         dossier=list(DOSSIER_ITEMS), destroyed_on=DAY, actor=world.clerk)
    for document in (first, second):
        event = Event.objects.get(action="destroy_document", object_id=document.pk)
        assert event.changes["state"] == {"before": "issued", "after": "destroyed"}


def test_named_recipient_sees_the_document_only_once_issued(world: World) -> None:
    assert world.drafter.person and world.outsider.person
    proposal = do_propose_classification(
        unit=world.dept, doc_type="Báo cáo", summary="x", level=Level.MAT, basis=[world.staff_item],
        level_reason="", recipients=[RecipientInput("Chị Thu", 1, person=world.outsider.person)],
        copy_permitted=False, drafter=world.drafter.person, actor=world.drafter,
    )
    assert not visible_documents(world.outsider).filter(pk=proposal.document_id).exists()
    assert world.head.person
    do_decide_proposal(proposal, approve=True, decided_by=world.head.person, actor=world.head)
    do_issue_document(proposal.document, number_symbol="3/BC", issued_on=DAY, signer=world.head.person,
                      actor=world.clerk)
    assert visible_documents(world.outsider).filter(pk=proposal.document_id).exists()


def test_register_search_does_not_answer_from_masked_lines(world: World) -> None:
    issue(world)  # Tối mật line about "đề thi"
    page = register_page(world.dept, "outgoing", 2026, q="de thi", searchable_levels=["mat"])
    assert page.rows == []


@pytest.mark.django_db(transaction=True)
def test_floats_in_events_survive_the_database_round_trip() -> None:
    from django.db import transaction

    with transaction.atomic():
        append_event(kind="system", action="load_demo", changes={"big": 1e16, "neg": -0.0, "x": 0.1})
    assert verify_chain().ok


def test_refusals_cite_the_regime_in_force(world: World) -> None:
    # Under the 2025 regime a procedure refusal cites Decree 63/2026, not Decree 26/2020.
    proposal = propose(world)
    assert world.head.person
    with pytest.raises(StateNotAllowed) as refusal:
        do_issue_document(proposal.document, number_symbol="1/BC", issued_on=DAY, signer=world.head.person,
                          actor=world.clerk)
    assert refusal.value.provision.startswith("Nghị định 63/2026/NĐ-CP")
    assert refusal.value.confidence == "not_confirmed"

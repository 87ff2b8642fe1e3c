"""Extension, level change, declassification (Điều 20-22), destruction (Điều 23), loss,
taking out of storage (Điều 14) and handover between units."""

from __future__ import annotations

import datetime as dt

import pytest

from bmnn.law.errors import DestructionNotAllowed, ExtensionNotAllowed, SignerNotAuthorized, StateNotAllowed
from bmnn.law.levels import Level
from bmnn.registry.actions.disposal import DOSSIER_ITEMS, do_destroy_documents, do_report_loss
from bmnn.registry.actions.handover import do_hand_over_documents
from bmnn.registry.actions.lifecycle import (
    do_change_level,
    do_declassify,
    do_declassify_expired,
    do_extend_protection,
    do_record_notice,
)
from bmnn.registry.actions.storage import do_return_document, do_take_out_document
from bmnn.registry.models import Document, DocumentState, HandoverReason
from tests.registry.flows import DAY, issue
from tests.world import World


def test_extension_within_rules_sets_new_period_and_notice_due(world: World) -> None:
    document = issue(world)
    assert world.deputy.person
    decision = do_extend_protection(
        document, new_until=dt.date(2066, 5, 4), decided_on=DAY, decided_by=world.deputy.person,
        decision_number="20/QĐ-SGDĐT", reason="Còn giá trị", actor=world.clerk,
    )
    document.refresh_from_db()
    assert document.protected_until == dt.date(2066, 5, 4)
    assert decision.notice_due == dt.date(2026, 5, 19)  # 15 days (Điều 20)
    do_record_notice(decision, sent_on=DAY, notice_ref="21/TB", actor=world.clerk)


def test_extension_longer_than_base_period_is_refused(world: World) -> None:
    document = issue(world)
    assert world.head.person
    with pytest.raises(ExtensionNotAllowed):
        do_extend_protection(document, new_until=dt.date(2066, 5, 5), decided_on=DAY,
                             decided_by=world.head.person, decision_number="x", reason="",
                             actor=world.clerk)
    document.refresh_from_db()
    assert document.protected_until == dt.date(2046, 5, 4) and not document.decisions.exists()


def test_level_change_to_top_secret_drops_summary_and_recounts_period(world: World) -> None:
    document = issue(world)
    assert world.head.person
    do_change_level(document, new_level=Level.TUYET_MAT, decided_on=DAY, decided_by=world.head.person,
                    decision_number="22/QĐ", reason="Bổ sung nội dung", actor=world.clerk)
    document.refresh_from_db()
    assert document.level == "tuyet_mat" and document.summary == ""
    assert document.protected_until == dt.date(2056, 5, 4)


def test_declassify_needs_council_and_authority(world: World) -> None:
    document = issue(world)
    assert world.head.person and world.deputy.person
    with pytest.raises(StateNotAllowed, match="Hội đồng"):
        do_declassify(document, decided_on=DAY, decided_by=world.head.person, decision_number="1/QĐ",
                      council="", reason="", actor=world.clerk)
    with pytest.raises(SignerNotAuthorized):  # the deputy's delegation does not cover declassify
        do_declassify(document, decided_on=DAY, decided_by=world.deputy.person, decision_number="1/QĐ",
                      council="HĐ giải mật", reason="", actor=world.clerk)
    do_declassify(document, decided_on=DAY, decided_by=world.head.person, decision_number="1/QĐ",
                  council="Hội đồng giải mật theo QĐ 30/QĐ", reason="Phục vụ công khai", actor=world.clerk)
    document.refresh_from_db()
    assert document.state == DocumentState.DECLASSIFIED


def test_automatic_declassification_only_after_expiry(world: World) -> None:
    document = issue(world)
    with pytest.raises(StateNotAllowed):
        do_declassify_expired(document, actor=world.clerk)
    Document.objects.filter(pk=document.pk).update(protected_until=dt.date(2026, 5, 1))
    document.refresh_from_db()
    do_declassify_expired(document, actor=world.clerk)


def _destroy(w: World, docs: list[Document], by, dossier: list[str]) -> None:  # type: ignore[no-untyped-def]
    do_destroy_documents(docs, unit=w.dept, decided_by=by.person, decision_number="40/QĐ",
                         decided_on=DAY, council="Hội đồng tiêu hủy QĐ 39/QĐ", minutes_ref="BB 01",
                         dossier=dossier, destroyed_on=DAY, actor=w.clerk)


def test_destruction_needs_authority_council_and_dossier(world: World) -> None:
    document = issue(world)
    with pytest.raises(DestructionNotAllowed):  # a deputy without destruction authority
        _destroy(world, [document], world.deputy, list(DOSSIER_ITEMS))
    with pytest.raises(DestructionNotAllowed, match="Biên bản tiêu hủy"):
        _destroy(world, [document], world.head, ["council_decision", "item_list"])
    document.refresh_from_db()
    assert document.state == DocumentState.ISSUED
    _destroy(world, [document], world.head, list(DOSSIER_ITEMS))
    document.refresh_from_db()
    assert document.state == DocumentState.DESTROYED


def test_loss_is_recorded_and_document_no_longer_held(world: World) -> None:
    document = issue(world)
    assert world.clerk.person
    do_report_loss(document, discovered_on=DAY, description="Không tìm thấy khi kiểm kê",
                   reported_to="Giám đốc Sở; Công an tỉnh", reported_by=world.clerk.person,
                   actor=world.clerk)
    document.refresh_from_db()
    assert document.state == DocumentState.LOST


def test_take_out_needs_permission_and_return(world: World) -> None:
    document = issue(world)
    assert world.clerk.person and world.head.person
    kwargs = dict(person=world.clerk.person, purpose="Họp Ban chỉ đạo thi", place="UBND tỉnh",
                  protection="Cặp có khóa", out_on=DAY, due_on=DAY)
    with pytest.raises(SignerNotAuthorized):
        do_take_out_document(document, permitted_by=world.clerk.person, actor=world.clerk, **kwargs)
    take_out = do_take_out_document(document, permitted_by=world.head.person, actor=world.clerk, **kwargs)
    with pytest.raises(StateNotAllowed, match="chưa trả"):
        do_take_out_document(document, permitted_by=world.head.person, actor=world.clerk, **kwargs)
    do_return_document(take_out, returned_on=DAY, use_report="Đã sử dụng tại cuộc họp", actor=world.clerk)


def test_handover_moves_documents_with_both_signatures(world: World) -> None:
    document = issue(world)
    assert world.clerk.person and world.outsider.person
    with pytest.raises(StateNotAllowed, match="biên bản"):
        do_hand_over_documents([document], from_unit=world.dept, to_unit=world.commune,
                               reason=HandoverReason.MERGE, handed_by=world.clerk.person,
                               received_by=world.outsider.person, handed_on=DAY, minutes_ref="",
                               actor=world.clerk)
    do_hand_over_documents([document], from_unit=world.dept, to_unit=world.commune,
                           reason=HandoverReason.MERGE, handed_by=world.clerk.person,
                           received_by=world.outsider.person, handed_on=DAY, minutes_ref="BB 05",
                           actor=world.clerk)
    document.refresh_from_db()
    assert document.unit == world.commune and document.entries.count() == 1


def test_urgent_destruction_needs_reason_and_report(world: World) -> None:
    # Điểm b khoản 1 Điều 23: destroy at once only to avoid harm, then report in writing.
    document = issue(world)
    assert world.clerk.person and world.outsider.person
    kwargs = dict(unit=world.dept, decision_number="", decided_on=DAY, council="", minutes_ref="BB 02",
                  dossier=[], destroyed_on=DAY, urgent=True, actor=world.clerk)
    with pytest.raises(DestructionNotAllowed, match="lý do"):
        do_destroy_documents([document], decided_by=world.clerk.person, **kwargs)
    with pytest.raises(DestructionNotAllowed, match="đang quản lý"):
        do_destroy_documents([document], decided_by=world.outsider.person, urgent_reason="Cháy",
                             report_ref="BC 01", **kwargs)
    do_destroy_documents([document], decided_by=world.clerk.person, urgent_reason="Nguy cơ lộ khi di dời",
                         report_ref="BC 01/BC-VT", **kwargs)


def test_taking_abroad_needs_a_khoan_2_dieu_14_leader(world: World) -> None:
    # Khoản 2 Điều 14: a provincial department head may permit domestic use, not abroad.
    document = issue(world)
    assert world.clerk.person and world.head.person and world.drafter.person
    kwargs = dict(purpose="Hội thảo", place="Côn Minh", protection="Cặp có khóa", out_on=DAY, due_on=DAY)
    with pytest.raises(SignerNotAuthorized, match="nước ngoài"):
        do_take_out_document(document, person=world.clerk.person, permitted_by=world.head.person,
                             abroad=True, actor=world.clerk, **kwargs)
    with pytest.raises(StateNotAllowed, match="chưa được tiếp cận"):  # the drafter holds Mật only
        do_take_out_document(document, person=world.drafter.person, permitted_by=world.head.person,
                             actor=world.clerk, **kwargs)


def test_declassify_when_removed_from_catalog_needs_reference_and_notice_now(world: World) -> None:
    # Điểm c khoản 1 Điều 22: no longer in the catalog → stamp GIẢI MẬT and notify at once.
    from bmnn.registry.actions.lifecycle import do_declassify_removed_from_catalog

    document = issue(world)
    assert world.head.person
    with pytest.raises(StateNotAllowed):
        do_declassify_removed_from_catalog(document, decided_on=DAY, decided_by=world.head.person,
                                           catalog_ref="", actor=world.clerk)
    decision = do_declassify_removed_from_catalog(
        document, decided_on=DAY, decided_by=world.head.person, catalog_ref="QĐ 99/QĐ-TTg", actor=world.clerk)
    assert decision.notice_due == DAY
    document.refresh_from_db()
    assert document.state == DocumentState.DECLASSIFIED

"""DOC-*: each detector finds the planted violation, and only it; imported paper lines that
cannot show the fact are no_data until a person checks them (Điều 10 Luật; Điều 2 NĐ 26/2020)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bmnn.audit.models import Event
from bmnn.inspection.actions import do_check_records
from bmnn.inspection.detectors import Status
from bmnn.inspection.models import RecordCheck
from bmnn.law.errors import StateNotAllowed
from bmnn.law.levels import Level
from bmnn.registry.models import Document, RegisterEntry
from tests.inspection.plant import found, import_lines, judge, legacy_document, outgoing_row_2018
from tests.registry.flows import issue
from tests.world import World


def test_issued_without_an_approved_proposal(world: World) -> None:
    """Khoản 2 Điều 10 Luật 2018; Điều 2 NĐ 26/2020: no proposal, no issue."""
    good = issue(world)
    bad = legacy_document(world, "05/KH-SGDĐT", proposal=False)
    assert found(world, "DOC-NO-PROPOSAL") == {("document", bad.pk)}
    assert good.pk != bad.pk
    result = judge(world, "DOC-NO-PROPOSAL")
    assert result.status == Status.FOUND and "05/KH-SGDĐT" in result.records[0].label
    assert "Kế hoạch tổ chức kỳ thi" not in result.records[0].label  # never a summary


def test_paper_lines_are_no_data_until_checked(world: World, tmp_path: Path) -> None:
    lines = import_lines(world, tmp_path, "outgoing", [outgoing_row_2018(1), outgoing_row_2018(2)])
    result = judge(world, "DOC-NO-PROPOSAL")
    assert (result.status, result.unchecked, result.count) == (Status.NO_DATA, 2, 0)
    assert result.waiting == {"register_entry": (lines[0].pk, lines[1].pk)}  # named, to be checked
    do_check_records(
        world.dept,
        category_id="DOC-NO-PROPOSAL",
        kind="register_entry",
        record_ids=[lines[0].pk],
        result="compliant",
        reference="Tờ trình 01/TTr ngày 01/6/2025",
        actor=world.clerk,
    )
    assert judge(world, "DOC-NO-PROPOSAL").waiting == {"register_entry": (lines[1].pk,)}
    do_check_records(
        world.dept,
        category_id="DOC-NO-PROPOSAL",
        kind="register_entry",
        record_ids=[lines[1].pk],
        result="violation",
        reference="Hồ sơ lưu không có tờ trình",
        actor=world.clerk,
    )
    result = judge(world, "DOC-NO-PROPOSAL")
    assert result.status == Status.FOUND and {r.id for r in result.records} == {lines[1].pk}
    assert (result.unchecked, result.waiting) == (0, {})


def test_proposal_without_catalog_basis(world: World) -> None:
    issue(world)
    bare = legacy_document(world, "06/KH-SGDĐT", basis=[])
    proposal = bare.proposals.get()
    assert found(world, "DOC-PROPOSAL-NO-BASIS") == {("proposal", proposal.pk)}


def test_not_secret_candidates_wait_for_a_person(world: World) -> None:
    issue(world)
    bare = legacy_document(world, "07/KH-SGDĐT", basis=[])
    result = judge(world, "DOC-NOT-SECRET")
    assert (result.status, result.pending, result.count) == (Status.UNANSWERED, 1, 0)
    do_check_records(
        world.dept,
        category_id="DOC-NOT-SECRET",
        kind="document",
        record_ids=[bare.pk],
        result="violation",
        reference="Kết luận của Giám đốc ngày 02/5/2026",
        actor=world.head,
    )
    assert found(world, "DOC-NOT-SECRET") == {("document", bare.pk)}


def test_level_below_the_highest_basis_without_reason(world: World) -> None:
    """Khoản 2 Điều 10: several levels → the highest. The exam item is Tối mật."""
    low = legacy_document(world, "08/KH-SGDĐT", level=Level.MAT, basis=[world.exam_item, world.staff_item])
    legacy_document(
        world, "09/KH-SGDĐT", level=Level.MAT, basis=[world.exam_item], level_reason="Chỉ trích phần Mật"
    )
    legacy_document(world, "10/KH-SGDĐT", level=Level.TOI_MAT, basis=[world.exam_item, world.staff_item])
    assert found(world, "DOC-WRONG-LEVEL") == {("document", low.pk)}


def test_deputy_signing_without_a_valid_delegation(world: World) -> None:
    """HD 4114/BCA-ANCTNB: a deputy signs only with a written delegation valid that day (the
    world's runs 01/01–31/12/2026)."""
    legacy_document(world, "11/KH", signer=world.head)
    legacy_document(world, "12/KH", signer=world.deputy, day=dt.date(2026, 4, 1))
    before = legacy_document(world, "13/KH", signer=world.deputy, day=dt.date(2025, 6, 2))
    nobody = legacy_document(world, "14/KH", signer=world.deputy_nodel, day=dt.date(2026, 4, 1))
    assert found(world, "DOC-UNAUTHORIZED-SIGNER") == {("document", before.pk), ("document", nobody.pk)}
    unsigned = legacy_document(world, "15/KH", day=dt.date(2026, 4, 1))
    Document.objects.filter(pk=unsigned.pk).update(signer=None)  # loaded without its signer
    result = judge(world, "DOC-UNAUTHORIZED-SIGNER")
    assert {r.id for r in result.records} == {before.pk, nobody.pk}
    assert result.unchecked == 1 and "chưa ghi người ký" in result.note


def test_paper_signer_judged_when_the_name_is_known(world: World, tmp_path: Path) -> None:
    lines = import_lines(
        world,
        tmp_path,
        "outgoing",
        [
            outgoing_row_2018(1, signer="Nguyễn Văn Hùng"),
            outgoing_row_2018(2, signer="LÊ VĂN NAM"),
            outgoing_row_2018(3, signer="Người Lạ"),
        ],
    )
    result = judge(world, "DOC-UNAUTHORIZED-SIGNER")
    assert {r.id for r in result.records} == {lines[1].pk}
    assert result.unchecked == 1


def test_recipients_block_incomplete(world: World, tmp_path: Path) -> None:
    issue(world)
    empty = legacy_document(world, "15/KH", recipients=[])
    unsaid = legacy_document(world, "16/KH", copy_permitted=None)
    lines = import_lines(
        world, tmp_path, "outgoing", [outgoing_row_2018(101, copies=None), outgoing_row_2018(102)]
    )
    result = judge(world, "DOC-RECIPIENTS-INCOMPLETE")
    assert {(r.kind, r.id) for r in result.records} == {
        ("document", empty.pk),
        ("document", unsaid.pk),
        ("register_entry", lines[0].pk),
    }
    assert result.unchecked == 1  # line 2 shows recipients and copies, not the drafter or permission


@pytest.mark.parametrize("apart", [True, False])
def test_the_ways_to_offend_find_the_same_asked_apart_or_together(
    world: World, monkeypatch: pytest.MonkeyPatch, apart: bool
) -> None:
    """A large scope on PostgreSQL asks each way a proposal or a "Nơi nhận" block can fall short
    as its own question; a small one, and SQLite, ask them in one. Both find the same."""
    monkeypatch.setattr("bmnn.inspection.detectors.base.ask_apart", lambda scope: apart)
    issue(world)
    bare = legacy_document(world, "06/KH-SGDĐT", basis=[])
    empty = legacy_document(world, "15/KH", recipients=[])
    zero = legacy_document(world, "19/KH", recipients=[("Sở Nội vụ", 0)])
    unsaid = legacy_document(world, "16/KH", copy_permitted=None, drafter_name="")
    assert found(world, "DOC-PROPOSAL-NO-BASIS") == {("proposal", bare.proposals.get().pk)}
    assert found(world, "DOC-RECIPIENTS-INCOMPLETE") == {
        ("document", empty.pk),
        ("document", zero.pk),
        ("document", unsaid.pk),
    }


def test_copies_not_numbered(world: World) -> None:
    issue(world)
    bare = legacy_document(world, "17/KH", numbered=False)
    assert found(world, "DOC-NO-COPY-NUMBER") == {("document", bare.pk)}


def test_top_secret_summary_on_paper_and_in_data(world: World, tmp_path: Path) -> None:
    """Phụ lục III NĐ 63/2026: a Tuyệt mật line carries the type only."""
    lines = import_lines(
        world,
        tmp_path,
        "outgoing",
        [
            outgoing_row_2018(1, level="Tuyệt mật", summary="Kế hoạch"),
            outgoing_row_2018(2, level="Tuyệt mật", summary="Kế hoạch bảo vệ đề thi"),
        ],
    )
    kept = legacy_document(
        world, "18/KH", level=Level.TUYET_MAT, summary="Phương án nhân sự", day=dt.date(2026, 4, 2)
    )
    assert found(world, "DOC-TOP-SECRET-SUMMARY") == {("register_entry", lines[1].pk), ("document", kept.pk)}
    assert "bảo vệ đề thi" not in RegisterEntry.objects.get(pk=lines[1].pk).columns["type_summary"]


def test_a_violation_the_data_show_cannot_be_declared_compliant(world: World) -> None:
    """A check records what the files show; it cannot overrule what the registry itself shows."""
    bad = legacy_document(world, "05/KH-SGDĐT", proposal=False)
    before = Event.objects.filter(kind="action").count()
    with pytest.raises(StateNotAllowed, match="không ghi 'đúng quy định' được"):
        do_check_records(world.dept, category_id="DOC-NO-PROPOSAL", kind="document", record_ids=[bad.pk],
                         result="compliant", reference="Không tìm thấy hồ sơ", actor=world.clerk)
    assert not RecordCheck.objects.exists() and Event.objects.filter(kind="action").count() == before
    assert found(world, "DOC-NO-PROPOSAL") == {("document", bad.pk)}
    do_check_records(world.dept, category_id="DOC-NO-PROPOSAL", kind="document", record_ids=[bad.pk],
                     result="remedied", reference="Tờ trình bổ sung 07/TTr ngày 02/5/2026", actor=world.clerk)
    assert found(world, "DOC-NO-PROPOSAL") == set()

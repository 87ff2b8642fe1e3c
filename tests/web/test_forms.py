"""Forms that help: no secrecy level chosen for the person, signers and permitting people chosen
among those with the authority (the others named with the reason), dates as typed ("4/5/26"),
the cancelled line shown on its form; and HTTP tests of the forms that had none."""

from __future__ import annotations

import re

import pytest

from bmnn.law.levels import Level
from bmnn.org.models import Commitment, StaffAssignment
from bmnn.registry.models import Document, Register, RegisterEntry
from tests.registry.flows import issue, propose
from tests.world import World, client_for


def _options(page: str, name: str) -> str:
    match = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, flags=re.S)
    assert match, name
    return match.group(1)


@pytest.mark.parametrize(("username", "url"), [("chuyenvien", "/de-xuat/moi/"), ("vanthu", "/den/moi/")])
def test_no_level_is_preselected(world: World, username: str, url: str) -> None:
    options = _options(client_for(username).get(url).content.decode(), "level")
    assert '<option value="" selected>— Chọn độ mật —</option>' in options
    assert not re.search(r'value="(tuyet_mat|toi_mat|mat)"\s+selected', options)


def test_level_change_form_preselects_nothing(world: World) -> None:
    document = issue(world)
    page = client_for("vanthu").get(f"/tai-lieu/{document.pk}/dieu-chinh-do-mat/").content.decode()
    assert '<option value="" selected>— Chọn độ mật —</option>' in _options(page, "new_level")


def test_incoming_without_a_level_is_refused_and_nothing_written(world: World) -> None:
    response = client_for("vanthu").post("/den/moi/", {
        "issuer_name": "Bộ Giáo dục và Đào tạo", "number_symbol": "860/BGDĐT", "doc_date": "2/5/26",
        "doc_type": "Công văn", "summary": "Hướng dẫn", "level": "", "arrival_date": "4/5/26",
        "receiver_name": "Văn thư", "copy_permitted": "no"})
    assert response.status_code == 200 and "Chọn độ mật." in response.content.decode()
    assert not Document.objects.exists()


def test_incoming_accepts_short_dates(world: World) -> None:
    response = client_for("vanthu").post("/den/moi/", {
        "issuer_name": "Bộ Giáo dục và Đào tạo", "number_symbol": "860/BGDĐT", "doc_date": "2/5/26",
        "doc_type": "Công văn", "summary": "Hướng dẫn", "level": "mat", "arrival_date": "4/5/26",
        "receiver_name": "Văn thư", "copy_permitted": "no"})
    assert response.status_code == 302
    entry = RegisterEntry.objects.get(kind="incoming")
    assert entry.entry_date.isoformat() == "2026-05-04" and "02/05/2026" in str(entry.columns)


def test_a_date_that_is_not_one_is_refused_in_vietnamese(world: World) -> None:
    response = client_for("vanthu").post("/den/moi/", {"doc_date": "31/2/26", "arrival_date": "hôm qua"})
    page = response.content.decode()
    assert "Ngày không hợp lệ. Ngày/tháng/năm, ví dụ 04/12/2026 hoặc 4/12/26." in page
    assert not Document.objects.exists()


def test_signer_is_chosen_among_those_with_authority(world: World) -> None:
    proposal = propose(world)
    assert world.head.person and world.deputy.person and world.deputy_nodel.person and world.clerk.person
    from bmnn.registry.actions.proposals import do_decide_proposal

    do_decide_proposal(proposal, approve=True, decided_by=world.head.person, actor=world.head)
    page = client_for("vanthu").get(f"/tai-lieu/{proposal.document_id}/ban-hanh/").content.decode()
    options = _options(page, "signer")
    assert world.head.person.full_name in options and world.deputy.person.full_name in options
    assert world.deputy_nodel.person.full_name not in options and world.clerk.person.full_name not in options
    assert "Không có trong danh sách" in page and "Lê Văn Nam" in page  # named, with the reason
    assert "không có văn bản ủy quyền còn hiệu lực" in page


def test_a_signer_without_authority_posted_anyway_is_refused_and_nothing_written(world: World) -> None:
    proposal = propose(world)
    assert world.head.person and world.deputy_nodel.person
    from bmnn.registry.actions.proposals import do_decide_proposal

    do_decide_proposal(proposal, approve=True, decided_by=world.head.person, actor=world.head)
    response = client_for("vanthu").post(f"/tai-lieu/{proposal.document_id}/ban-hanh/", {
        "number_symbol": "15/BC-SGDĐT", "issued_on": "4/5/26", "signer": world.deputy_nodel.person.pk})
    assert response.status_code == 200 and "Không thực hiện được" in response.content.decode()
    assert not Document.objects.get(pk=proposal.document_id).number_symbol
    assert not RegisterEntry.objects.exists()


def test_copy_permission_lists_a_superior_with_the_title_and_not_the_clerk(world: World) -> None:
    document = issue(world)
    page = client_for("vanthu").get(f"/tai-lieu/{document.pk}/sao-chup/").content.decode()
    options = _options(page, "permitted_by")
    assert "Nguyễn Văn Hùng" in options and "Trần Thị Lan" in options  # head; deputy by delegation
    assert "Phạm Thị Hoa" not in options


def test_cancel_form_shows_the_line_it_cancels(world: World) -> None:
    issue(world)
    entry = RegisterEntry.objects.get(kind="outgoing")
    page = client_for("vanthu").get(f"/so/dong/{entry.pk}/huy/").content.decode()
    assert "Dòng sẽ hủy" in page and "12/BC-SGDĐT" in page and "Đề thi tốt nghiệp THPT" in page


def test_cancel_form_masks_a_line_above_clearance(world: World) -> None:
    issue(world, number="12/BC-SGDĐT", level=Level.TUYET_MAT)
    entry = RegisterEntry.objects.get(kind="outgoing")
    page = client_for("vanthu").get(f"/so/dong/{entry.pk}/huy/").content.decode()
    assert "Tuyệt mật" in page and "12/BC-SGDĐT" not in page


def test_cancel_entry_keeps_its_number(world: World) -> None:
    issue(world)
    entry = RegisterEntry.objects.get(kind="outgoing")
    response = client_for("vanthu").post(f"/so/dong/{entry.pk}/huy/", {"reason": "Vào nhầm sổ"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.cancelled and entry.number == 1


def test_cancel_entry_refused_to_the_drafter_and_nothing_changes(world: World) -> None:
    issue(world)
    entry = RegisterEntry.objects.get(kind="outgoing")
    response = client_for("chuyenvien").post(f"/so/dong/{entry.pk}/huy/", {"reason": "x"})
    assert response.status_code == 403
    entry.refresh_from_db()
    assert not entry.cancelled


def test_volume_close_page(world: World) -> None:
    issue(world)
    register = Register.objects.get(kind="outgoing")
    client = client_for("vanthu")
    assert "Ngày khóa sổ" in client.get(f"/so/quyen/{register.pk}/khoa/").content.decode()
    assert client_for("giamdoc").post(f"/so/quyen/{register.pk}/khoa/", {"closed_on": "31/12/26"}) \
        .status_code == 403
    register.refresh_from_db()
    assert not register.is_closed


def test_destruction_page_lists_deciders_and_keepers(world: World) -> None:
    issue(world)
    page = client_for("vanthu").get("/tieu-huy/moi/").content.decode()
    options = _options(page, "decided_by")
    assert "Nguyễn Văn Hùng" in options and "Chỉ khi tiêu hủy ngay" in options


def test_assignment_and_commitment_pages_record_the_paper(world: World) -> None:
    assert world.clerk.person
    client = client_for("vanthu")
    response = client.post("/to-chuc/phan-cong/moi/", {
        "person": world.clerk.person.pk, "kind": "full_time", "decision_number": "45/QĐ-SGDĐT",
        "decision_date": "2/5/26", "start_on": "4/5/26"})
    assert response.status_code == 302 and StaffAssignment.objects.count() == 1
    response = client.post("/to-chuc/cam-ket/moi/", {
        "person": world.clerk.person.pk, "signed_on": "4/5/26", "reference": "01/CK"})
    assert response.status_code == 302 and Commitment.objects.count() == 1


def test_assignment_refused_to_the_drafter_and_nothing_written(world: World) -> None:
    assert world.clerk.person
    response = client_for("chuyenvien").post("/to-chuc/phan-cong/moi/", {
        "person": world.clerk.person.pk, "kind": "full_time", "decision_number": "45/QĐ",
        "decision_date": "2/5/26", "start_on": "4/5/26"})
    assert response.status_code == 403 and not StaffAssignment.objects.exists()


def test_delegation_form_offers_the_head_and_deputies_only(world: World) -> None:
    page = client_for("vanthu").get("/to-chuc/uy-quyen/moi/").content.decode()
    giver, taker = _options(page, "from_person"), _options(page, "to_person")
    assert "Nguyễn Văn Hùng" in giver and "Trần Thị Lan" not in giver and "Phạm Thị Hoa" not in giver
    assert "Trần Thị Lan" in taker and "Lê Văn Nam" in taker and "Nguyễn Văn Hùng" not in taker


def test_delegation_revoke_page(world: World) -> None:
    url = f"/to-chuc/uy-quyen/{world.delegation.pk}/thu-hoi/"
    assert client_for("chuyenvien").post(url, {"on": "4/5/26"}).status_code == 403  # a drafter
    world.delegation.refresh_from_db()
    assert world.delegation.revoked_on is None
    response = client_for("vanthu").post(url, {"on": "4/5/26"})
    assert response.status_code == 302
    world.delegation.refresh_from_db()
    assert f"{world.delegation.revoked_on:%d/%m/%Y}" == "04/05/2026"

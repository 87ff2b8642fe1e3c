"""The papers the office prints (Nghị định 30/2020 format, .docx): the proposal, the delegation,
the handover and destruction minutes; who may print them; lines above the reader's clearance
listed by level only."""

from __future__ import annotations

from io import BytesIO

import docx

from bmnn.law.levels import Level
from bmnn.registry.actions.disposal import DOSSIER_ITEMS, do_destroy_documents
from bmnn.registry.actions.handover import do_hand_over_documents
from bmnn.registry.models import Destruction, Handover, HandoverReason, Proposal
from tests.registry.flows import DAY, issue, propose
from tests.world import World, client_for


def _text(content: bytes) -> str:
    document = docx.Document(BytesIO(content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _print(username: str, url: str) -> str:
    response = client_for(username).get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return _text(response.content)


def test_proposal_prints_as_a_to_trinh(world: World) -> None:
    proposal = propose(world)
    text = _print("vanthu", f"/de-xuat/{proposal.pk}/in/")
    assert "TỜ TRÌNH" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độ mật đề xuất: TỐI MẬT" in text and "Điều 1" in text and "531/QĐ-TTg" in text
    assert "Kính gửi: Giám đốc Sở Giáo dục và Đào tạo" in text and "Hoàng Văn Minh" in text
    assert "UBND tỉnh Lào Cai (2 bản)" in text and "Được phép sao, chụp" in text


def test_proposal_above_the_readers_clearance_is_not_printed(world: World) -> None:
    proposal = propose(world)  # Tối mật; the drafter's own clearance is Mật
    assert client_for("chuyenvien").get(f"/de-xuat/{proposal.pk}/in/").status_code == 404
    assert client_for("canboxa").get(f"/de-xuat/{proposal.pk}/in/").status_code == 404


def test_delegation_prints_with_both_signatures(world: World) -> None:
    text = _print("vanthu", f"/to-chuc/uy-quyen/{world.delegation.pk}/in/")
    assert "GIẤY ỦY QUYỀN" in text and "Số: 05/QĐ-SGDĐT" in text
    assert "Xác định độ mật, ký ban hành" in text and "Cho phép sao, chụp" in text
    assert "NGƯỜI ĐƯỢC ỦY QUYỀN" in text and "NGƯỜI ỦY QUYỀN" in text and "Trần Thị Lan" in text
    assert "đến hết ngày 31/12/2026" in text


def test_delegation_print_refused_to_the_drafter_and_other_units(world: World) -> None:
    assert client_for("chuyenvien").get(f"/to-chuc/uy-quyen/{world.delegation.pk}/in/").status_code == 403
    assert client_for("canboxa").get(f"/to-chuc/uy-quyen/{world.delegation.pk}/in/").status_code == 404


def _hand_over(world: World) -> Handover:
    plain = issue(world, number="12/BC-SGDĐT")
    secret = issue(world, number="13/BC-SGDĐT", level=Level.TUYET_MAT)
    assert world.clerk.person and world.outsider.person
    return do_hand_over_documents([plain, secret], from_unit=world.dept, to_unit=world.commune,
                                  reason=HandoverReason.MERGE, handed_by=world.clerk.person,
                                  received_by=world.outsider.person, handed_on=DAY,
                                  minutes_ref="05/BB-BG ngày 04/5/2026", actor=world.clerk)


def test_handover_minutes_list_every_document_and_mask_above_clearance(world: World) -> None:
    handover = _hand_over(world)
    text = _print("canboxa", f"/ban-giao/{handover.pk}/in/")  # the receiving side's clerk, Tối mật
    assert "BIÊN BẢN" in text and "Bàn giao tài liệu, vật chứa bí mật nhà nước" in text
    assert "Số: 05/BB-BG" in text and "ĐẠI DIỆN BÊN GIAO" in text and "ĐẠI DIỆN BÊN NHẬN" in text
    assert "12/BC-SGDĐT" in text and "13/BC-SGDĐT" not in text and "Tuyệt mật" in text
    assert "không ghi số, ký hiệu của 1 tài liệu" in text
    assert "Đề thi tốt nghiệp" not in text  # minutes carry no summaries


def test_handover_minutes_not_printed_for_a_third_unit(world: World) -> None:
    handover = _hand_over(world)
    Handover.objects.filter(pk=handover.pk).update(to_unit=world.province)
    assert client_for("canboxa").get(f"/ban-giao/{handover.pk}/in/").status_code == 404


def test_destruction_minutes_name_the_council_and_the_documents(world: World) -> None:
    document = issue(world)
    assert world.head.person
    do_destroy_documents([document], unit=world.dept, decided_by=world.head.person, decision_number="40/QĐ",
                         decided_on=DAY, council="Nguyễn Văn Hùng, Chủ tịch; Phạm Thị Hoa, thư ký",
                         minutes_ref="01/BB-TH", dossier=list(DOSSIER_ITEMS), destroyed_on=DAY,
                         actor=world.clerk)
    destruction = Destruction.objects.get()
    text = _print("giamdoc", f"/tieu-huy/{destruction.pk}/in/")
    assert "Tiêu hủy tài liệu, vật chứa bí mật nhà nước" in text and "Quyết định số 40/QĐ" in text
    assert "- Nguyễn Văn Hùng, Chủ tịch;" in text and "12/BC-SGDĐT" in text
    assert "CHỦ TỊCH HỘI ĐỒNG" in text and "Biên bản họp Hội đồng tiêu hủy" in text
    assert client_for("canboxa").get(f"/tieu-huy/{destruction.pk}/in/").status_code == 404


def test_document_page_links_its_papers(world: World) -> None:
    proposal = propose(world)
    page = client_for("vanthu").get(f"/tai-lieu/{proposal.document_id}/").content.decode()
    assert f"/de-xuat/{proposal.pk}/in/" in page
    assert Proposal.objects.count() == 1


def test_record_sheet_holds_the_documents_facts(world: World) -> None:
    document = issue(world)
    text = _print("vanthu", f"/tai-lieu/{document.pk}/phieu-theo-doi/")
    assert "PHIẾU THEO DÕI" in text and "TỐI MẬT" in text and "12/BC-SGDĐT" in text
    assert "UBND tỉnh Lào Cai" in text and "bản số 01–02" in text and "Được phép" in text
    assert client_for("chuyenvien").get(f"/tai-lieu/{document.pk}/phieu-theo-doi/").status_code == 404


def test_loss_report_names_the_document_and_who_was_told(world: World) -> None:
    from bmnn.registry.actions.disposal import do_report_loss
    from bmnn.registry.models import Loss

    document = issue(world)
    assert world.clerk.person
    do_report_loss(document, discovered_on=DAY, description="Không tìm thấy bản số 03 khi kiểm kê",
                   reported_to="Công an tỉnh Lào Cai", reported_by=world.clerk.person, actor=world.clerk)
    loss = Loss.objects.get()
    text = _print("giamdoc", f"/mat-tai-lieu/{loss.pk}/in/")
    assert "BÁO CÁO" in text and "Về việc mất tài liệu, vật chứa bí mật nhà nước" in text
    assert "Kính gửi: Công an tỉnh Lào Cai" in text and "12/BC-SGDĐT" in text
    assert "Không tìm thấy bản số 03 khi kiểm kê." in text
    assert client_for("canboxa").get(f"/mat-tai-lieu/{loss.pk}/in/").status_code == 404


def test_council_minutes_propose_the_destruction(world: World) -> None:
    document = issue(world)
    assert world.head.person
    do_destroy_documents([document], unit=world.dept, decided_by=world.head.person, decision_number="40/QĐ",
                         decided_on=DAY, council="Nguyễn Văn Hùng, Chủ tịch; Phạm Thị Hoa, thư ký",
                         minutes_ref="01/BB-TH", dossier=list(DOSSIER_ITEMS), destroyed_on=DAY,
                         actor=world.clerk)
    destruction = Destruction.objects.get()
    text = _print("vanthu", f"/tieu-huy/{destruction.pk}/hop-hoi-dong/")
    assert "Họp Hội đồng tiêu hủy tài liệu, vật chứa bí mật nhà nước" in text
    assert "Hội đồng thống nhất đề nghị Nguyễn Văn Hùng, Giám đốc quyết định tiêu hủy 1 tài liệu" in text

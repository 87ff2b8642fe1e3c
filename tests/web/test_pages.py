"""The web UI through Django's test client: login, lockout, pages, an action and a refusal shown
in place, need-to-know on document pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from bmnn.audit.models import Event
from bmnn.registry.models import Document, Transfer
from tests.registry.flows import issue, propose
from tests.world import PASSWORD, World, client_for


def test_login_page_and_lockout_after_repeated_failures(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LOGIN_MAX_FAILURES = 3
    client = Client()
    assert "Đăng nhập" in client.get("/dang-nhap/").content.decode()
    for _ in range(3):
        client.post("/dang-nhap/", {"username": "vanthu", "password": "sai"})
    response = client.post("/dang-nhap/", {"username": "vanthu", "password": PASSWORD})
    assert "tạm khóa" in response.content.decode()
    assert Event.objects.filter(action="lockout").count() == 1


def test_login_success_lands_on_home_with_attention_lists(world: World) -> None:
    propose(world)
    response = Client().post("/dang-nhap/", {"username": "vanthu", "password": PASSWORD}, follow=True)
    page = response.content.decode()
    assert "Việc cần làm" in page and "Đề xuất độ mật chờ duyệt (1)" in page


@pytest.mark.parametrize("kind", ["outgoing", "incoming", "copies", "transfers"])
def test_register_pages_render_with_layout_columns(world: World, kind: str) -> None:
    issue(world)
    page = client_for("vanthu").get(f"/so/{kind}/2026/").content.decode()
    assert "Số thứ tự" in page


def test_register_search_is_diacritic_insensitive(world: World) -> None:
    issue(world)
    client = client_for("vanthu")
    assert "12/BC-SGDĐT" in client.get("/so/outgoing/2026/?q=de thi tot nghiep").content.decode()
    assert "Chưa có dòng nào" in client.get("/so/outgoing/2026/?q=khong co").content.decode()


def test_refusal_is_shown_in_place_and_nothing_written(world: World) -> None:
    document = issue(world)
    assert world.clerk.person
    response = client_for("vanthu").post(f"/tai-lieu/{document.pk}/chuyen-giao/", {
        "recipient_name": "UBND tỉnh", "channel": "ordinary_post", "sent_on": "2026-05-04",
        "sent_by": world.clerk.person.pk, "copy_numbers": "",
    })
    page = response.content.decode()
    assert response.status_code == 200 and "Không thực hiện được" in page and "Điều 13" in page
    assert not Transfer.objects.exists()


def test_issue_through_the_form(world: World) -> None:
    proposal = propose(world)
    assert world.head.person
    client = client_for("giamdoc")
    response = client.post(f"/de-xuat/{proposal.pk}/duyet/",
                           {"approve": "yes", "decided_by": world.head.person.pk})
    assert response.status_code == 302
    response = client_for("vanthu").post(f"/tai-lieu/{proposal.document_id}/ban-hanh/", {
        "number_symbol": "15/BC-SGDĐT", "issued_on": "2026-05-04", "signer": world.head.person.pk})
    assert response.status_code == 302
    assert Document.objects.get(pk=proposal.document_id).number_symbol == "15/BC-SGDĐT"


def test_outsider_and_admin_cannot_open_the_document(world: World) -> None:
    document = issue(world)
    assert client_for("canboxa").get(f"/tai-lieu/{document.pk}/").status_code == 404
    assert client_for("quantri").get(f"/tai-lieu/{document.pk}/").status_code == 403


def test_low_clearance_drafter_cannot_read_toi_mat_and_reads_are_logged(world: World) -> None:
    document = issue(world)  # Tối mật; the drafter holds Mật clearance only
    assert client_for("chuyenvien").get(f"/tai-lieu/{document.pk}/").status_code == 404
    assert client_for("vanthu").get(f"/tai-lieu/{document.pk}/").status_code == 200
    assert Event.objects.filter(kind="read", object_id=document.pk).count() == 1


def test_rules_page_flags_unconfirmed_rules(world: World) -> None:
    page = client_for("vanthu").get("/quy-dinh/").content.decode()
    assert "chưa xác nhận" in page and "Điều 19" in page


def test_register_downloads_as_docx_and_xlsx(world: World) -> None:
    issue(world)
    client = client_for("vanthu")
    docx = client.get("/so/outgoing/2026/tai-ve.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert client.get("/so/outgoing/2026/tai-ve.xlsx").status_code == 200
    assert Event.objects.filter(action="export_register").count() == 2




def test_org_page_lists_delegation_and_refuses_deputy_delegating(world: World) -> None:
    from bmnn.org.models import Delegation

    client = client_for("vanthu")
    assert "05/QĐ-SGDĐT" in client.get("/to-chuc/").content.decode()
    assert world.deputy.person and world.deputy_nodel.person
    response = client.post("/to-chuc/uy-quyen/moi/", {
        "from_person": world.deputy.person.pk, "to_person": world.deputy_nodel.person.pk,
        "scopes": ["copy"], "doc_number": "9/QĐ", "doc_date": "04/05/2026", "valid_from": "04/05/2026"})
    assert "Chỉ người đứng đầu đơn vị mới được ủy quyền" in response.content.decode()
    assert Delegation.objects.count() == 1


def test_handover_page_moves_documents(world: World) -> None:
    document = issue(world)
    assert world.clerk.person and world.outsider.person
    response = client_for("vanthu").post("/ban-giao/moi/", {
        "documents": [document.pk], "to_unit": world.commune.pk, "reason": "merge",
        "handed_by": world.clerk.person.pk, "received_by": world.outsider.person.pk,
        "handed_on": "04/05/2026", "minutes_ref": "BB 01/BG"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.unit == world.commune


def test_expired_document_declassified_from_its_page(world: World) -> None:
    import datetime as dt

    document = issue(world)
    Document.objects.filter(pk=document.pk).update(protected_until=dt.date(2026, 5, 1))
    client = client_for("vanthu")
    assert "Giải mật" in client.get("/").content.decode()
    response = client.post(f"/tai-lieu/{document.pk}/giai-mat-het-han/", {"confirm": "on"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.state == "declassified"


def test_return_and_notice_pages_record_the_step(world: World) -> None:
    from bmnn.registry.actions.lifecycle import do_extend_protection
    from bmnn.registry.actions.storage import do_take_out_document
    from tests.registry.flows import DAY

    document = issue(world)
    assert world.clerk.person and world.head.person
    take_out = do_take_out_document(document, person=world.clerk.person, purpose="Họp", place="UBND tỉnh",
                                    protection="Cặp có khóa", permitted_by=world.head.person, out_on=DAY,
                                    due_on=DAY, actor=world.clerk)
    decision = do_extend_protection(document, new_until=dt.date(2066, 5, 4), decided_on=DAY,
                                    decided_by=world.head.person, decision_number="20/QĐ", reason="x",
                                    actor=world.clerk)
    client = client_for("vanthu")
    assert client.post(f"/mang-ra/{take_out.pk}/tra/",
                       {"returned_on": "04/05/2026", "use_report": "Đã dùng"}).status_code == 302
    assert client.post(f"/quyet-dinh/{decision.pk}/thong-bao/",
                       {"sent_on": "04/05/2026", "notice_ref": "21/TB"}).status_code == 302
    take_out.refresh_from_db()
    decision.refresh_from_db()
    assert take_out.returned_on and decision.notice_ref == "21/TB"
    assert client_for("canboxa").post(f"/mang-ra/{take_out.pk}/tra/", {}).status_code == 404  # not hers


def test_history_speaks_vietnamese(world: World) -> None:
    document = issue(world)
    page = client_for("vanthu").get(f"/tai-lieu/{document.pk}/").content.decode()
    assert "Đề xuất độ mật" in page and "Chờ duyệt độ mật → Đã duyệt độ mật" in page

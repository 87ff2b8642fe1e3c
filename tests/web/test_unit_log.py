"""The inspector's log: the unit's events for the inspector and the head, filtered by person,
kind, dates, record and refusals; the chain's state; details about documents above the reader's
clearance withheld; export to Excel; everyone else refused."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.test import Client
from openpyxl import load_workbook

from bmnn.law.errors import LawRefusal
from bmnn.law.levels import Level
from bmnn.law.transfer import Channel
from bmnn.org.models import Account, Person, Role
from bmnn.registry.actions.transfers import do_send_document
from tests.registry.flows import DAY, issue
from tests.world import PASSWORD, World, client_for


@pytest.fixture
def inspector(world: World) -> Account:
    person = Person.objects.create(full_name="Phạm Quang Vinh", unit=world.dept, clearance="toi_mat")
    account = Account(username="thanhtra", person=person, roles=[Role.INSPECTOR])
    account.set_password(PASSWORD)
    account.save()
    return account


def _rows(client: Client, url: str) -> str:
    page = client.get(url).content.decode()
    return page[page.index("<tbody>"):]


def _refused_transfer(world: World) -> None:
    document = issue(world)
    assert world.clerk.person
    with pytest.raises(LawRefusal):
        do_send_document(document, recipient_name="UBND tỉnh", channel=Channel.INTERNET, sent_on=DAY,
                         sent_by=world.clerk.person, actor=world.clerk)


def test_inspector_reads_the_units_log(world: World, inspector: Account) -> None:
    issue(world)
    page = client_for("thanhtra").get("/nhat-ky/").content.decode()
    assert "Nhật ký hoạt động" in page and "Ban hành, vào sổ đi" in page and "Đề xuất độ mật" in page
    assert "Chuỗi nhật ký hiện có" in page


@pytest.mark.parametrize("username", ["vanthu", "chuyenvien", "phogd", "quantri"])
def test_others_may_not_read_the_log(world: World, username: str) -> None:
    assert client_for(username).get("/nhat-ky/").status_code == 403
    assert client_for(username).get("/nhat-ky/tai-ve.xlsx").status_code == 403


def test_other_units_events_are_not_shown(world: World, inspector: Account) -> None:
    issue(world)
    page = client_for("thanhtra").get("/nhat-ky/?nguoi=&loai=create_unit").content.decode()
    assert "Không có sự kiện nào khớp điều kiện" in page


def test_refusals_only(world: World, inspector: Account) -> None:
    _refused_transfer(world)
    page = _rows(client_for("thanhtra"), "/nhat-ky/?tu_choi=on")
    assert "Bị từ chối:" in page and "Chuyển giao" in page and "Ban hành, vào sổ đi" not in page


def test_filter_by_person_kind_dates_and_record(world: World, inspector: Account) -> None:
    issue(world)
    client = client_for("thanhtra")
    page = _rows(client, f"/nhat-ky/?nguoi={world.drafter.pk}")
    assert "Đề xuất độ mật" in page and "Ban hành, vào sổ đi" not in page
    page = _rows(client, "/nhat-ky/?loai=issue_document")
    assert "Ban hành, vào sổ đi" in page and "Đề xuất độ mật" not in page
    assert "Không có sự kiện nào" in client.get("/nhat-ky/?tu=1/1/27").content.decode()
    assert "Ban hành, vào sổ đi" in _rows(client, "/nhat-ky/?ho_so=12/BC")
    assert "Không có sự kiện nào" in client.get("/nhat-ky/?ho_so=khong co ho so nay").content.decode()


def test_details_about_documents_above_clearance_are_withheld(world: World, inspector: Account) -> None:
    issue(world, number="77/BC-SGDĐT", level=Level.TUYET_MAT)  # the inspector holds Tối mật
    page = client_for("thanhtra").get("/nhat-ky/").content.decode()
    assert "77/BC-SGDĐT" not in page and "Không hiện chi tiết" in page
    assert "77/BC-SGDĐT" in client_for("giamdoc").get("/nhat-ky/").content.decode()  # Tuyệt mật head


def test_chain_check_on_request(world: World, inspector: Account) -> None:
    issue(world)
    page = client_for("thanhtra").get("/nhat-ky/?kiem-tra=1").content.decode()
    assert "Đã kiểm tra: toàn vẹn" in page


def test_export_to_excel(world: World, inspector: Account) -> None:
    issue(world, number="=HYPERLINK(1)")
    response = client_for("thanhtra").get("/nhat-ky/tai-ve.xlsx?loai=issue_document")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    values = [c.value for row in sheet.iter_rows() for c in row if c.value]
    assert "Nhật ký hoạt động — Sở Giáo dục và Đào tạo" in values and "Ban hành, vào sổ đi" in values
    details = [v for v in values if isinstance(v, str) and "HYPERLINK" in v]
    assert details and all(c.data_type == "s" for row in sheet.iter_rows() for c in row if c.value in details)

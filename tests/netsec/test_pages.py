"""The IT officer's pages render in Vietnamese, actions run through them, refusals show in place;
an outsider (no IT role, or another unit) is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bmnn.netsec.actions import (
    do_propose_level,
    do_record_incident_plan,
    do_register_computer,
    do_register_system,
)
from bmnn.netsec.models import Computer, ScanReport
from bmnn.org.models import Account
from tests.netsec.conftest import encode, report
from tests.world import World, client_for


@pytest.fixture
def inventory(world: World, it: Account) -> dict[str, int]:
    pc = do_register_computer(world.dept, {"asset_id": "MT-01", "hostname": "VT-PC01",
                                           "purpose": "standalone", "os_name": "Windows",
                                           "os_version": "10.0.19045"}, actor=it)
    system = do_register_system(world.dept, name="Cổng thông tin điện tử", actor=it)
    do_propose_level(system, level=2, dossier_ref="HS-01", actor=it)
    plan = do_record_incident_plan(world.dept, title="Phương án 2026", approved_by="Giám đốc",
                                   approved_on=dt.date(2026, 1, 5), actor=it)
    return {"pc": pc.pk, "system": system.pk, "plan": plan.pk}


def _pages(ids: dict[str, int]) -> list[str]:
    pc, system, plan = ids["pc"], ids["system"], ids["plan"]
    return ["/an-ninh-mang/", "/an-ninh-mang/may-tinh/moi/", f"/an-ninh-mang/may-tinh/{pc}/",
            f"/an-ninh-mang/may-tinh/{pc}/sua/", f"/an-ninh-mang/may-tinh/{pc}/kiem-tra/",
            "/an-ninh-mang/bao-cao-quet/nhap/", "/an-ninh-mang/he-thong/",
            f"/an-ninh-mang/he-thong/{system}/",
            f"/an-ninh-mang/he-thong/{system}/bien-phap/M01/", f"/an-ninh-mang/he-thong/{system}/lop/1/",
            f"/an-ninh-mang/he-thong/{system}/de-xuat-cap-do/", "/an-ninh-mang/phuong-an/",
            f"/an-ninh-mang/phuong-an/{plan}/dien-tap/"]


def test_pages_render_for_the_it_officer(inventory: dict[str, int]) -> None:
    client = client_for("cntt")
    for url in _pages(inventory):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(f"/an-ninh-mang/he-thong/{inventory['system']}/").content.decode()
    assert "chưa được đối chiếu với văn bản chính thức" in page and "Yêu cầu quản lý" in page
    listing = client.get("/an-ninh-mang/").content.decode()
    assert "Máy tính không được kiểm tra an ninh" in listing and "MT-01" in listing


def test_outsiders_are_refused(world: World, inventory: dict[str, int]) -> None:
    for username in ("vanthu", "canboxa"):
        client = client_for(username)
        for url in _pages(inventory):
            assert client.get(url).status_code == 403, (username, url)
    other = Account.objects.get(username="cntt")
    assert other.person is not None
    other.person.unit = world.commune
    other.person.save()
    assert client_for("cntt").get(f"/an-ninh-mang/may-tinh/{inventory['pc']}/").status_code == 404


def test_refusal_is_shown_in_place(inventory: dict[str, int]) -> None:
    response = client_for("cntt").post(f"/an-ninh-mang/may-tinh/{inventory['pc']}/dua-vao-su-dung/",
                                       {"on": "04/05/2026"})
    page = response.content.decode()
    assert response.status_code == 200 and "Không thực hiện được" in page
    assert Computer.objects.get().in_use_since is None


def test_register_and_check_through_the_pages(inventory: dict[str, int]) -> None:
    client = client_for("cntt")
    response = client.post("/an-ninh-mang/may-tinh/moi/", {
        "asset_id": "MT-02", "hostname": "VT-PC02", "kind": "laptop", "purpose": "internet",
        "os_name": "Ubuntu", "os_version": "20.04", "licence": "licensed", "antivirus_licence": "unknown"})
    assert response.status_code == 302
    pc = Computer.objects.get(asset_id="MT-02")
    assert pc.os_end_of_support == dt.date(2025, 5, 31)
    client.post(f"/an-ninh-mang/may-tinh/{pc.pk}/kiem-tra/",
                {"checked_on": "04/05/2026", "checked_by": "Phòng PA05", "result": "passed"})
    assert Computer.objects.get(pk=pc.pk).check_result == "passed"


def test_scan_upload_good_and_bad(inventory: dict[str, int]) -> None:
    client = client_for("cntt")
    bad = client.post("/an-ninh-mang/bao-cao-quet/nhap/",
                      {"file": SimpleUploadedFile("r.json", b"{}")}).content.decode()
    assert "không được hỗ trợ" in bad and not ScanReport.objects.exists()
    good = client.post("/an-ninh-mang/bao-cao-quet/nhap/",
                       {"file": SimpleUploadedFile("r.json", encode(report()))}, follow=True).content.decode()
    assert ScanReport.objects.count() == 1 and "đề-thi.docx" in good


def test_a_scan_that_left_files_unread_says_so_on_the_computers_page(
    world: World, it: Account, inventory: dict[str, int]
) -> None:
    from bmnn.netsec.actions import do_import_scan_report

    data = report()
    data["files"].append({"path": "C:\\scan\\cv.pdf", "size": 900, "sha256": "cd" * 32, "type": "pdf",
                          "marks": [], "catalog_hits": [], "error": "no OCR engine"})
    data["summary"].update({"errors": 1, "complete": False, "unread": {"ocr": 3},
                            "unread_by_type": {"pdf": 2, "png": 1}})
    do_import_scan_report(world.dept, encode(data), actor=it)
    page = client_for("cntt").get(f"/an-ninh-mang/may-tinh/{inventory['pc']}/").content.decode()
    assert "Báo cáo quét chưa đầy đủ: Chưa đọc được 2 tệp PDF, 1 tệp ảnh PNG" in page

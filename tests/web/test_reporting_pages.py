"""The reports pages as a clerk and a chairman use them: what the unit owes, a package made and
downloaded, received (or refused) on the province's page, approved by the chairman only, the
province's deadlines and the keys."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from bmnn.reports.models import Deadline, Direction, Filing, KeyPurpose, PackageKey, RefusedPackage
from bmnn.reports.packages.format import AGE_HEADER
from tests.reports.people import Province, keys, province_staff
from tests.world import World, client_for


def _province(world: World) -> Province:
    staff = province_staff(world)
    keys(world, staff)
    return staff


def _download(clerk: Client) -> tuple[str, bytes]:
    response = clerk.post(
        "/bao-cao/gui/",
        {
            "kind": "annual",
            "period": "2025",
            "data_from": "15/12/2024",
            "data_to": "14/12/25",
            "narrative": "Đã quán triệt.",
        },
    )
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    name = response["Content-Disposition"].split("filename=")[1].strip('"')
    return name, b"".join(response.streaming_content)  # type: ignore[attr-defined]


def test_the_clerk_sees_what_is_owed_and_downloads_the_package(world: World) -> None:
    _province(world)
    clerk = client_for("vanthu")
    page = clerk.get("/bao-cao/").content.decode()
    assert "Báo cáo định kỳ hằng năm (sơ kết)" in page and "20/12/2026" in page and "Chưa đến hạn" in page
    form = clerk.get("/bao-cao/gui/?kind=annual&period=2026").content.decode()
    assert 'value="15/12/2025"' in form and 'value="14/12/2026"' in form  # the window, from the calendar
    name, raw = _download(clerk)
    assert name == "BC-S01-annual-2025-00001.bmnn" and raw.startswith(AGE_HEADER)
    assert Filing.objects.filter(direction=Direction.SENT, unit=world.dept).count() == 1
    assert "Đã gửi" in clerk.get("/bao-cao/").content.decode()


def test_the_province_receives_refuses_and_its_chairman_approves(world: World) -> None:
    _province(world)
    name, raw = _download(client_for("vanthu"))
    province = client_for("vanthutinh")
    broken = raw[:-10]
    page = province.post(
        "/bao-cao/nhan/", {"files": [SimpleUploadedFile(name, raw), SimpleUploadedFile("hong.bmnn", broken)]}
    ).content.decode()
    assert f"Đã nhận <strong>{name}</strong>" in page
    assert "Từ chối <strong>hong.bmnn</strong>" in page and RefusedPackage.objects.get().name == "hong.bmnn"
    assert "Gói bị từ chối (cách ly)" in page
    filing = Filing.objects.get(direction=Direction.RECEIVED)
    assert (
        province.get(f"/bao-cao/cap-duoi/{filing.pk}/duyet/").status_code == 403
    )  # a clerk does not approve
    assert province.post(f"/bao-cao/cap-duoi/{filing.pk}/duyet/").status_code == 403
    chairman = client_for("chutichtinh")
    assert chairman.post(f"/bao-cao/cap-duoi/{filing.pk}/duyet/").status_code == 302
    filing.refresh_from_db()
    assert filing.approved_at is not None
    board = province.get("/bao-cao/cap-duoi/").content.decode()
    assert "Tỉ lệ báo cáo" in board and "Đã duyệt" in board and 'id="chart-data"' in board


def test_an_upload_of_nothing_says_so(world: World) -> None:
    _province(world)
    page = client_for("vanthutinh").post("/bao-cao/nhan/", {}).content.decode()
    assert "Chọn ít nhất một tệp" in page


def test_the_province_sets_a_deadline_the_department_then_owes(world: World) -> None:
    _province(world)
    province = client_for("vanthutinh")
    response = province.post(
        "/bao-cao/han/moi/",
        {
            "kind": "plan",
            "due_on": "27/2/26",
            "period": "2026",
            "basis": "Kế hoạch 38/KH-UBND",
            "issued_on": "10/2/26",
            "units": [world.dept.pk],
        },
    )
    assert response.status_code == 302
    assert Deadline.objects.get().due_on.isoformat() == "2026-02-27"
    page = client_for("vanthu").get("/bao-cao/").content.decode()
    assert "27/02/2026" in page and "Chưa gửi (quá hạn)" in page
    outside = province.post(
        "/bao-cao/han/moi/",
        {"kind": "plan", "due_on": "27/2/26", "basis": "KH", "units": [world.province.pk]},
    )
    assert outside.status_code == 200 and Deadline.objects.count() == 1


def test_keys_are_made_shown_and_revoked_only_by_who_may(world: World) -> None:
    clerk = client_for("vanthu")
    assert clerk.post("/bao-cao/khoa/tao/", {"purpose": "sign"}).status_code == 302
    key = PackageKey.objects.get(unit=world.dept, purpose=KeyPurpose.SIGN)
    page = clerk.get("/bao-cao/khoa/").content.decode()
    assert key.public in page and "Thu hồi" in page
    assert client_for("chuyenvien").post("/bao-cao/khoa/tao/", {"purpose": "sign"}).status_code == 403
    response = clerk.post(f"/bao-cao/khoa/{key.pk}/thu-hoi/", {"reason": "Máy tính bị mất"})
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.revoked_reason == "Máy tính bị mất"


def test_an_inspection_typed_in_the_page_joins_the_summary(world: World) -> None:
    from bmnn.summaries.models import FindingRow

    _province(world)
    province = client_for("vanthutinh")
    entry = {
        "period": "2025",
        "locality": "TP Cần Thơ",
        "unit_code": "STP-CT",
        "unit_name": "Sở Tư pháp",
        "unit_kind": "sở",
        "note": "Kết luận 12/KL",
        "c_DOC-NO-PROPOSAL": "12",
        "c_ORG-NO-STAFF": "1",
    }
    assert (
        province.post("/bao-cao/ket-qua-kiem-tra/moi/", {**entry, "locality": "Xứ Sở Thần Tiên"}).status_code
        == 200
    )
    empty = {k: v for k, v in entry.items() if not k.startswith("c_")}
    page = province.post("/bao-cao/ket-qua-kiem-tra/moi/", empty).content.decode()
    assert "Ghi số lượng cho ít nhất một loại" in page and not FindingRow.objects.exists()
    assert client_for("chuyenvien").post("/bao-cao/ket-qua-kiem-tra/moi/", entry).status_code == 403
    assert not FindingRow.objects.exists()
    assert province.post("/bao-cao/ket-qua-kiem-tra/moi/", entry).status_code == 302
    assert sorted(FindingRow.objects.values_list("category", "count", "province_new")) == [
        ("DOC-NO-PROPOSAL", 12, "Cần Thơ"),
        ("ORG-NO-STAFF", 1, "Cần Thơ"),
    ]
    summary = province.get("/bao-cao/ket-qua-kiem-tra/?ky=2025").content.decode()
    assert "12 văn bản thuộc 01 địa phương, 01 đơn vị" in summary and "TP Cần Thơ: 12" in summary
    assert "01 đơn vị thuộc 01 địa phương" in summary


def test_the_findings_import_asks_who_imports(world: World, tmp_path: Path) -> None:
    from bmnn.cli import main
    from bmnn.summaries.models import FindingRow

    _province(world)
    path = tmp_path / "kq.csv"
    path.write_text(
        "period,locality,unit_code,category,count\n2025,Thanh Hóa,S1,DOC-NO-PROPOSAL,4\n", "utf-8"
    )
    assert main(["findings", "import", str(path), "--username", "chuyenvien"]) == 1
    assert not FindingRow.objects.exists()
    assert main(["findings", "import", str(path), "--username", "vanthutinh"]) == 0
    assert FindingRow.objects.get().imported_by_name == "Đỗ Thị Mai"


def test_findings_are_entered_once_and_only_by_a_receiving_body(world: World, tmp_path: Path) -> None:
    from bmnn.cli import main
    from bmnn.summaries.models import FindingRow

    _province(world)
    entry = {"period": "2025", "locality": "Hà Nội", "unit_code": "SNV-HN", "c_KEEP-LOST": "5000"}
    assert (
        client_for("vanthu").post("/bao-cao/ket-qua-kiem-tra/moi/", entry).status_code == 200
    )  # no units below
    assert not FindingRow.objects.exists()
    province = client_for("vanthutinh")
    assert province.post("/bao-cao/ket-qua-kiem-tra/moi/", entry).status_code == 302
    again = province.post("/bao-cao/ket-qua-kiem-tra/moi/", entry).content.decode()
    assert "đã được nhập trước đây" in again and FindingRow.objects.count() == 1
    path = tmp_path / "kq.csv"
    path.write_text(
        "period,locality,unit_code,category,count\n2025,Thanh Hóa,S1,DOC-NO-PROPOSAL,4\n", "utf-8"
    )
    assert main(["findings", "import", str(path)]) == 0
    assert main(["findings", "import", str(path)]) == 1 and FindingRow.objects.count() == 2


def test_the_chairman_approves_everything_waiting_at_once(world: World) -> None:
    _province(world)
    name, raw = _download(client_for("vanthu"))
    client_for("vanthutinh").post("/bao-cao/nhan/", {"files": [SimpleUploadedFile(name, raw)]})
    assert client_for("vanthutinh").post("/bao-cao/cap-duoi/duyet-tat-ca/").status_code == 403
    chairman = client_for("chutichtinh")
    assert "Duyệt tất cả 1 báo cáo" in chairman.get("/bao-cao/cap-duoi/").content.decode()
    assert chairman.post("/bao-cao/cap-duoi/duyet-tat-ca/").status_code == 302
    assert not Filing.objects.filter(direction=Direction.RECEIVED, approved_at__isnull=True).exists()

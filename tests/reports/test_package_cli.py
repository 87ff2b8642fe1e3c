"""The way a clerk works without a network, through `bmnn`: keys made and exchanged, a deadline
set, a package carried from the department to the province, checked, refused when replayed,
approved by the chairman, and the province's own package carrying the approved figures to the
ministry, where the summary counts them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from bmnn.cli import main
from bmnn.inspection.actions.plans import do_conclude_run, do_plan_self_inspection, do_run_self_inspection
from bmnn.org.models import Account, Person, Position, Role, Unit, UnitKind
from bmnn.reports.models import Direction, Filing, KeyPurpose, PackageKey
from bmnn.summaries.models import FindingRow
from tests.reports.people import province_staff
from tests.world import World


def bmnn(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def test_a_report_goes_up_from_department_to_ministry(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    province = province_staff(world)
    ministry = Unit.objects.create(code="B01", name="Bộ Công an", kind=UnitKind.MINISTRY)
    Unit.objects.filter(pk=world.province.pk).update(parent=ministry)
    plan = do_plan_self_inspection(
        world.dept,
        title="Tự kiểm tra năm 2026",
        period_from=dt.date(2026, 1, 1),
        period_to=dt.date(2026, 5, 4),
        starts_on=dt.date(2026, 5, 4),
        ends_on=dt.date(2026, 5, 4),
        actor=world.clerk,
    )
    do_conclude_run(
        do_run_self_inspection(plan, actor=world.clerk), conclusion="Còn thiếu sót", actor=world.head
    )

    code, out = bmnn(
        capsys, "package", "key", "create", "--unit", "S01", "--purpose", "sign", "--username", "vanthu"
    )
    assert code == 0 and "Dấu vân tay:" in out
    for purpose in ("sign", "encrypt"):
        assert (
            bmnn(
                capsys,
                "package",
                "key",
                "create",
                "--unit",
                "T01",
                "--purpose",
                purpose,
                "--username",
                "vanthutinh",
            )[0]
            == 0
        )
    code, out = bmnn(
        capsys,
        "report",
        "deadline",
        "--unit",
        "T01",
        "--kind",
        "annual",
        "--due",
        "30/4/2026",
        "--yearly",
        "--basis",
        "Kế hoạch 38/KH-UBND",
        "--issued",
        "10/02/2026",
        "--username",
        "vanthutinh",
    )
    assert code == 0, out
    code, out = bmnn(capsys, "report", "status", "--unit", "T01", "--year", "2026")
    assert "Sở, ban, ngành" in out and "Sở Giáo dục và Đào tạo: Báo cáo định kỳ hằng năm" in out
    assert "Chưa gửi (quá hạn)" in out

    code, out = bmnn(
        capsys,
        "package",
        "export",
        "--unit",
        "S01",
        "--kind",
        "annual",
        "--period",
        "2026",
        "-o",
        str(tmp_path),
        "--username",
        "vanthu",
    )
    assert code == 0, out
    [package] = tmp_path.glob("*.bmnn")
    assert "Số liệu từ 01/05/2025 đến 30/04/2026" in out  # the province's own yearly window
    code, out = bmnn(capsys, "package", "import", str(package), "--username", "vanthutinh")
    assert code == 0 and "Đã nhận  BC-S01-annual-2026-00001.bmnn" in out, out
    code, out = bmnn(capsys, "package", "import", str(package), "--username", "vanthutinh")
    assert code == 1 and "gói lặp lại" in out
    assert "gói lặp lại" in bmnn(capsys, "package", "refused")[1]
    code, out = bmnn(capsys, "report", "status", "--unit", "T01", "--year", "2026")
    assert "Gửi muộn" in out  # sent 04/05 against 30/04

    # The province's report carries the department's figures only once its head approved them.
    PackageKey.objects.create(
        unit=ministry,
        purpose=KeyPurpose.SIGN,
        public="x",
        fingerprint="m" * 64,
        private_file="ministry.key",
        registered_at=timezone.now(),
        registered_by=province.clerk.person,
    )  # the ministry's installation acts here
    assert (
        bmnn(capsys, "report", "approve", "--unit", "S01", "--sequence", "1", "--username", "vanthutinh")[0]
        == 1
    )
    assert (
        bmnn(capsys, "report", "approve", "--unit", "S01", "--sequence", "1", "--username", "chutichtinh")[0]
        == 0
    )
    code, out = bmnn(
        capsys,
        "package",
        "export",
        "--unit",
        "T01",
        "--kind",
        "annual",
        "--period",
        "2026",
        "--from",
        "01/01/2026",
        "--to",
        "04/05/2026",
        "-o",
        str(tmp_path / "up.bmnn"),
        "--username",
        "vanthutinh",
    )
    assert code == 0, out
    sent = Filing.objects.get(direction=Direction.SENT, unit=world.province)
    assert [r["unit"]["code"] for r in sent.content["rows"]] == ["T01", "S01"]
    assert sent.content["pending_below"] == 0

    from bmnn.reports.actions import do_approve_report, do_import_report_package
    from bmnn.reports.packages.verify import verify_package

    filing = do_import_report_package(
        verify_package((tmp_path / "up.bmnn").read_bytes()),
        name="up.bmnn",
        actor=_member(ministry, Role.CLERK),
    )
    sources = set(FindingRow.objects.filter(period="2026").values_list("source", flat=True))
    assert sources == {
        f"gói báo cáo {Filing.objects.get(direction=Direction.RECEIVED, unit=world.dept).package_sha256}"
    }
    # (one database plays both installations: the province's approval counted the department)
    do_approve_report(filing, actor=_member(ministry, Role.HEAD))
    found = {
        (r.unit_code, r.category, r.locality, r.source) for r in FindingRow.objects.filter(period="2026")
    }
    assert ("S01", "ORG-NO-STAFF", "Lào Cai", f"gói báo cáo {filing.package_sha256}") in found  # counted once
    code, out = bmnn(capsys, "report", "summary", "--period", "2026", "--format", "md")
    staff = out[out.index("(ORG-NO-STAFF)") :]
    assert code == 0 and staff.split("\n\n")[1:3] == [
        "01 đơn vị thuộc 01 địa phương[^1].",
        "[^1]: Lào Cai: 01",
    ], staff[:300]


def _member(unit: Unit, role: str) -> Account:
    position = (
        Position.objects.create(unit=unit, title="Thủ trưởng", is_head=True) if role == Role.HEAD else None
    )
    person = Person.objects.create(
        full_name=f"Cán bộ {role}", unit=unit, clearance="toi_mat", position=position
    )
    account = Account(username=f"bo-{role}", person=person, roles=[role])
    account.set_password("mat-khau-thu-nghiem")
    account.save()
    return account

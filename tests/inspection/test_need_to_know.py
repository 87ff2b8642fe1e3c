"""Need-to-know in every output of the self-inspection: the pages, the API, the report and
`bmnn inspect` show a record only to whom may see it (clearance, unit, registers); a masked
record's evidence is masked too. Found by a hostile review; each case reproduces it."""

from __future__ import annotations

import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document as ReadDocx

from bmnn.cli import main
from bmnn.inspection.actions import do_plan_self_inspection, do_run_self_inspection
from bmnn.law.levels import Level
from bmnn.org.models import Account, Person, Role
from tests.api.client import caller
from tests.inspection.plant import legacy_document
from tests.world import World

SECRET_NUMBER = "77/TM-BMNN"


def _top_secret_finding(world: World) -> None:
    legacy_document(world, SECRET_NUMBER, proposal=False, level=Level.TUYET_MAT, summary="")


def _docx_text(content: bytes) -> str:
    doc = ReadDocx(io.BytesIO(content))
    return "\n".join(
        [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for row in t.rows for c in row.cells]
    )


def _account(world: World, username: str, unit: object, roles: list[str], clearance: str) -> Account:
    person = Person.objects.create(full_name=f"Cán bộ {username}", unit=unit, clearance=clearance)
    return Account.objects.create(username=username, person=person, roles=roles)


def test_api_and_report_mask_what_the_clearance_does_not_reach(world: World) -> None:
    _top_secret_finding(world)
    deputy, head = caller(world.deputy), caller(world.head)
    assert SECRET_NUMBER not in json.dumps(
        deputy.get("/inspection/live", year=2025).json(), ensure_ascii=False
    )
    assert SECRET_NUMBER in json.dumps(head.get("/inspection/live", year=2025).json(), ensure_ascii=False)
    plan = do_plan_self_inspection(
        world.dept,
        title="Tự kiểm tra",
        period_from=world.delegation.doc_date.replace(year=2025, month=1, day=1),
        period_to=world.delegation.doc_date.replace(year=2025, month=12, day=31),
        starts_on=world.delegation.doc_date,
        ends_on=world.delegation.doc_date,
        actor=world.clerk,
    )
    run = do_run_self_inspection(plan, actor=world.clerk)
    assert SECRET_NUMBER not in json.dumps(
        deputy.get(f"/inspection/runs/{run.pk}").json(), ensure_ascii=False
    )
    web = Client()
    web.force_login(world.deputy)
    report = web.get(reverse("inspection:run_report", args=[run.pk, "docx"]))
    assert SECRET_NUMBER not in _docx_text(report.content)
    page = web.get(reverse("inspection:run_category", args=[run.pk, "DOC-NO-PROPOSAL"])).content.decode()
    assert SECRET_NUMBER not in page and "ngoài mức được tiếp cận" in page


def test_the_province_does_not_read_the_department_s_records(world: World) -> None:
    legacy_document(world, "05/KH", proposal=False)
    province_clerk = _account(world, "vtt", world.province, [Role.CLERK], "tuyet_mat")
    result = caller(province_clerk).get("/inspection/live", year=2025, subunits="true").json()
    found = next(c for c in result["categories"] if c["id"] == "DOC-NO-PROPOSAL")
    assert found["count"] == 1 and "05/KH" not in json.dumps(found, ensure_ascii=False)
    assert found["records"][0]["label"].startswith("Sở Giáo dục và Đào tạo:")


def test_the_it_officer_sees_computers_not_document_numbers(world: World) -> None:
    legacy_document(world, "55/KH", proposal=False, level=Level.MAT)
    it = _account(world, "cntt", world.dept, [Role.IT_OFFICER], "mat")
    result = caller(it).get("/inspection/live", year=2025).json()
    found = next(c for c in result["categories"] if c["id"] == "DOC-NO-PROPOSAL")
    assert "55/KH" not in json.dumps(found, ensure_ascii=False) and found["records"][0]["masked"]


def test_the_command_masks_unless_a_reader_is_named(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    legacy_document(world, "05/KH", proposal=False)
    assert main(["inspect", "--unit", "S01", "--period", "2025"]) == 0
    assert "05/KH" not in capsys.readouterr().out
    assert main(["inspect", "--unit", "S01", "--period", "2025", "--username", "vanthu"]) == 0
    assert "05/KH" in capsys.readouterr().out
    assert main(["inspect", "--unit", "S01", "--username", "canboxa"]) == 2  # another unit's clerk


def test_evidence_of_a_record_is_as_secret_as_the_record(world: World) -> None:
    """A scan attached to the check of a Tối mật document is kept at Tối mật: the head may fetch
    it, a clerk of the unit cleared only for Mật may not (nor may anyone of another unit)."""
    from bmnn.inspection.actions import do_check_records
    from bmnn.inspection.actions.evidence import Attachment
    from bmnn.inspection.models import Evidence

    document = legacy_document(world, "09/KH", level=Level.TOI_MAT, proposal=False)
    checks = do_check_records(
        world.dept, category_id="DOC-NO-PROPOSAL", kind="document", record_ids=[document.pk],
        result="violation", reference="Sổ đi năm 2025",
        attachment=Attachment("so-di.pdf", b"%PDF-1.4 ban chup"), actor=world.head)
    evidence = Evidence.objects.get(pk=checks[0].evidence_id)
    assert evidence.level == Level.TOI_MAT.value
    url = reverse("inspection:evidence", args=[evidence.pk])
    low = _account(world, "vanthu-mat", world.dept, [Role.CLERK], "mat")  # a keeper, cleared for Mật
    for account, allowed in ((world.head, True), (world.clerk, True), (low, False), (world.outsider, False)):
        client = Client()
        client.force_login(account)
        response = client.get(url)
        assert (response.status_code == 200) == allowed, (account.username, response.status_code)

"""The IT officer's home: the cybersecurity tasks the detectors find (computers never checked,
antivirus, plans not exercised), each linked to its record; nothing of it on the clerk's home."""

from __future__ import annotations

import datetime as dt

import pytest

from bmnn.netsec.actions.computers import do_register_computer
from bmnn.netsec.actions.systems import do_record_incident_plan
from bmnn.netsec.models import Computer
from bmnn.org.models import Account, Person, Role
from tests.world import PASSWORD, World, client_for


@pytest.fixture
def it_officer(world: World) -> Account:
    person = Person.objects.create(full_name="Lý Văn Đức", unit=world.dept, clearance="mat")
    account = Account(username="cntt", person=person, roles=[Role.IT_OFFICER])
    account.set_password(PASSWORD)
    account.save()
    return account


def test_it_home_lists_what_the_detectors_find(world: World, it_officer: Account) -> None:
    do_register_computer(world.dept, {"asset_id": "MT-02", "hostname": "KHAOTHI-01", "purpose": "internet",
                                      "os_name": "Windows", "os_version": "10"}, actor=it_officer)
    do_record_incident_plan(world.dept, title="Phương án ứng phó sự cố 2026", approved_by="Giám đốc",
                            approved_on=dt.date(2026, 2, 1), actor=it_officer)
    page = client_for("cntt").get("/").content.decode()
    computer = Computer.objects.get()
    assert "An ninh mạng" in page and f"/an-ninh-mang/may-tinh/{computer.pk}/" in page
    assert "MT-02 (KHAOTHI-01)" in page and "không cài phần mềm diệt virus" in page
    assert "Phương án ứng phó sự cố chưa diễn tập trong 12 tháng" in page and "chưa diễn tập lần nào" in page


def test_it_home_with_nothing_found_says_so(world: World, it_officer: Account) -> None:
    do_record_incident_plan(world.dept, title="Phương án 2026", approved_by="Giám đốc",
                            approved_on=dt.date(2026, 2, 1), actor=it_officer)
    from bmnn.netsec.models import IncidentPlan

    IncidentPlan.objects.update(last_exercise_on=dt.date(2026, 4, 1))
    page = client_for("cntt").get("/").content.decode()
    assert "Không phát hiện vấn đề an ninh mạng nào" in page


def test_clerks_home_has_no_it_section(world: World) -> None:
    page = client_for("vanthu").get("/").content.decode()
    assert "Nhập báo cáo quét máy" not in page

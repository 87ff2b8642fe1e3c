"""A real installation starts empty: the administrator creates the unit, its positions, people
and accounts through the pages, and the new clerk can log in and work."""

from __future__ import annotations

import pytest
from django.test import Client

from bmnn.org.models import Account, Person, Position, Role, Unit


@pytest.mark.django_db
def test_administrator_sets_up_a_unit_from_nothing() -> None:
    admin = Account(username="quantri", roles=[Role.ADMIN])
    admin.set_password("mat-khau-quan-tri")
    admin.save()
    client = Client()
    assert client.login(username="quantri", password="mat-khau-quan-tri")
    assert client.post("/quan-tri/don-vi/moi/", {"code": "X-TP", "name": "UBND xã Tân Phong",
                                                 "kind": "commune"}).status_code == 302
    assert client.post("/to-chuc/chuc-vu/moi/", {"don-vi": "X-TP", "title": "Chủ tịch UBND xã",
                                                 "is_head": "on", "authority_class": "commune_leader"}
                       ).status_code == 302
    unit = Unit.objects.get(code="X-TP")
    head = Position.objects.get(unit=unit)
    assert head.is_head and head.authority_class == "commune_leader"
    assert client.post("/to-chuc/can-bo/moi/", {"don-vi": "X-TP", "full_name": "Lò Thị Hoa",
                                                "clearance": "toi_mat"}).status_code == 302
    person = Person.objects.get(full_name="Lò Thị Hoa")
    assert person.unit == unit and person.clearance == ""  # clearance is the head's decision
    assert client.post("/quan-tri/tai-khoan/moi/", {"username": "vanthuxa", "password": "mat-khau-van-thu",
                                                    "person": person.pk, "roles": ["clerk"]}
                       ).status_code == 302
    clerk = Client()
    assert clerk.login(username="vanthuxa", password="mat-khau-van-thu")
    assert "UBND xã Tân Phong" in clerk.get("/").content.decode()


@pytest.mark.django_db
def test_administrator_cannot_also_be_a_clerk() -> None:
    admin = Account(username="quantri", roles=[Role.ADMIN])
    admin.set_password("mat-khau-quan-tri")
    admin.save()
    client = Client()
    client.login(username="quantri", password="mat-khau-quan-tri")
    response = client.post("/quan-tri/tai-khoan/moi/", {"username": "hai", "password": "mat-khau-hai-vai",
                                                        "roles": ["admin", "clerk"]})
    assert "không kiêm vai trò" in response.content.decode()
    assert not Account.objects.filter(username="hai").exists()

"""Clearance (mức được tiếp cận) is the head's written decision, recorded by the head herself or
by the clerk from the signed paper; the administrator manages accounts and never clears anyone,
so no one both creates an account and clears it (issue 9, item 5)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from bmnn.audit.models import Event
from bmnn.law.errors import StateNotAllowed
from bmnn.law.levels import Level
from bmnn.org.actions import do_create_account, do_create_person, do_grant_clearance
from bmnn.org.models import Account, ClearanceDecision, Person
from bmnn.registry.access import visible_documents
from tests.registry.flows import issue
from tests.world import World

DAY = dt.date(2026, 5, 2)


def _person(account: Account) -> Person:
    assert account.person is not None
    return account.person


def _grant(person: Person, actor: Account, decided_by: Person | None, level: str = "tuyet_mat",
           **kw: str) -> ClearanceDecision:
    return do_grant_clearance(person, level=level, decided_by=decided_by, decision_number="15/QĐ-SGDĐT",
                              decided_on=DAY, actor=actor, **kw)


def _writes() -> tuple[int, int, list[str]]:
    return (ClearanceDecision.objects.count(), Event.objects.filter(kind="action").count(),
            list(Person.objects.order_by("pk").values_list("clearance", flat=True)))


def test_the_administrator_cannot_give_himself_secrets(world: World) -> None:
    issue(world, level=Level.TUYET_MAT, summary="")
    person = do_create_person(full_name="Đặng Thị Quỳnh", unit=world.dept, position=None, actor=world.admin)
    account = do_create_account(username="quynh", password="mat-khau-dai-du", person=person,
                                roles=["clerk"], actor=world.admin)
    assert person.clearance == ""
    before = _writes()
    for decider in (_person(world.head), None):
        with pytest.raises(PermissionDenied):
            _grant(person, world.admin, decider, decided_by_name="Giám đốc Sở")
    assert _writes() == before
    assert not visible_documents(account).exists()


def test_the_head_clears_a_person_with_her_decision(world: World) -> None:
    clerk = _person(world.clerk)
    decision = _grant(clerk, world.head, _person(world.head))
    clerk.refresh_from_db()
    assert clerk.clearance == "tuyet_mat" and decision.previous == "toi_mat"
    event = Event.objects.get(action="grant_clearance")
    assert event.changes["clearance"] == {"before": "toi_mat", "after": "tuyet_mat"}
    assert event.changes["decision"] == "15/QĐ-SGDĐT ngày 02/05/2026"


def test_the_clerk_records_the_heads_paper_but_not_her_own(world: World) -> None:
    _grant(_person(world.drafter), world.clerk, _person(world.head), level="toi_mat")
    assert Person.objects.get(pk=_person(world.drafter).pk).clearance == "toi_mat"
    before = _writes()
    with pytest.raises(PermissionDenied, match="tự ghi"):
        _grant(_person(world.clerk), world.clerk, _person(world.head))
    assert _writes() == before


@pytest.mark.parametrize(("actor", "decider", "match"), [
    ("clerk", "head", "tự quyết định"),  # the head does not clear herself
    ("clerk", "deputy", "Chỉ người đứng đầu"),  # a deputy does not decide clearance
    ("clerk", "outsider", "Chỉ người đứng đầu"),  # nor does anyone of another unit
])
def test_only_the_head_of_the_unit_decides(world: World, actor: str, decider: str, match: str) -> None:
    target = world.head if decider == "head" else world.drafter
    before = _writes()
    with pytest.raises(StateNotAllowed, match=match):
        _grant(_person(target), getattr(world, actor), _person(getattr(world, decider)))
    assert _writes() == before


def test_the_heads_clearance_comes_from_the_superior_body(world: World) -> None:
    head = _person(world.head)
    before = _writes()
    with pytest.raises(StateNotAllowed, match="cấp trên"):
        _grant(head, world.clerk, None)
    assert _writes() == before
    decision = _grant(head, world.clerk, None, decided_by_name="Chủ tịch UBND tỉnh Lào Cai")
    assert decision.decider == "Chủ tịch UBND tỉnh Lào Cai"


@pytest.mark.parametrize("role", ["deputy", "drafter", "outsider"])
def test_other_roles_may_not_record_a_clearance(world: World, role: str) -> None:
    before = _writes()
    with pytest.raises(PermissionDenied):
        _grant(_person(world.drafter), getattr(world, role), _person(world.head))
    assert _writes() == before


def test_withdrawing_access_is_a_decision_too(world: World) -> None:
    _grant(_person(world.drafter), world.head, _person(world.head), level="")
    assert Person.objects.get(pk=_person(world.drafter).pk).clearance == ""


def _client(account: Account) -> Client:
    client = Client()
    client.force_login(account)
    return client


def test_the_page_is_the_heads_and_the_clerks(world: World) -> None:
    url = f"/to-chuc/can-bo/{_person(world.drafter).pk}/tiep-can/"
    assert _client(world.admin).get(url).status_code == 403
    assert _client(world.drafter).get(url).status_code == 403
    head = _client(world.head)
    assert head.get(url).status_code == 200
    response = head.post(url, {"level": "toi_mat", "decided_by": _person(world.head).pk,
                               "decision_number": "16/QĐ-SGDĐT", "decided_on": "02/05/2026"})
    assert response.status_code == 302
    page = head.get("/to-chuc/").content.decode()
    assert "16/QĐ-SGDĐT ngày 02/05/2026" in page
    assert "Ghi quyết định" not in _client(world.admin).get("/to-chuc/?don-vi=S01").content.decode()

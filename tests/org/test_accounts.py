"""Accounts through actions: only the administrator creates, disables, enables and unlocks logins;
an administrator cannot disable their own login; `bmnn createadmin` writes through an action
with an audit event. Each refusal changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from bmnn.audit.models import Event, EventKind
from bmnn.audit.verify import verify_chain
from bmnn.cli import main
from bmnn.law.errors import StateNotAllowed
from bmnn.org.actions import do_create_account, do_log_in, do_set_account_active, do_unlock_account
from bmnn.org.models import Account, Role
from tests.world import World


def _state(account: Account) -> tuple[Any, ...]:
    account.refresh_from_db()
    return account.is_active, account.failed_logins, account.locked_until


def _action_events() -> int:
    return Event.objects.exclude(kind=EventKind.REFUSAL).count()


def _lock(account: Account) -> None:
    account.locked_until = timezone.now() + dt.timedelta(minutes=10)
    account.save(update_fields=["locked_until"])


def test_administrator_disables_and_enables_a_login(world: World) -> None:
    do_set_account_active(world.clerk, active=False, actor=world.admin)
    assert do_log_in(username="vanthu", password="mat-khau-thu-nghiem") is None
    do_set_account_active(world.clerk, active=True, actor=world.admin)
    assert do_log_in(username="vanthu", password="mat-khau-thu-nghiem") == world.clerk
    assert list(Event.objects.filter(action="set_account_active").values_list("changes", flat=True)) == [
        {"username": "vanthu", "active": False}, {"username": "vanthu", "active": True}]


def test_administrator_unlocks_a_locked_login(world: World) -> None:
    _lock(world.clerk)
    assert do_log_in(username="vanthu", password="mat-khau-thu-nghiem") is None
    do_unlock_account(world.clerk, actor=world.admin)
    assert world.clerk.locked_until is None
    assert do_log_in(username="vanthu", password="mat-khau-thu-nghiem") == world.clerk
    assert Event.objects.filter(action="unlock_account", actor_id=world.admin.pk).count() == 1


@pytest.mark.parametrize(("who", "step"), [
    ("head", "disable"), ("clerk", "disable"), ("clerk", "unlock"), ("head", "create"),
])
def test_only_the_administrator_manages_accounts(world: World, who: str, step: str) -> None:
    _lock(world.drafter)
    before, events, count = _state(world.drafter), _action_events(), Account.objects.count()
    actor = getattr(world, who)
    with pytest.raises(StateNotAllowed, match="Chỉ quản trị viên"):
        if step == "disable":
            do_set_account_active(world.drafter, active=False, actor=actor)
        elif step == "unlock":
            do_unlock_account(world.drafter, actor=actor)
        else:
            do_create_account(username="moi", password="mat-khau-moi-dai", person=None,
                              roles=[Role.CLERK], actor=actor)
    assert _state(world.drafter) == before
    assert _action_events() == events and Account.objects.count() == count


def test_administrator_cannot_disable_their_own_login(world: World) -> None:
    before, events = _state(world.admin), _action_events()
    with pytest.raises(StateNotAllowed, match="không tự vô hiệu hóa"):
        do_set_account_active(world.admin, active=False, actor=world.admin)
    assert _state(world.admin) == before and _action_events() == events
    refusal = Event.objects.get(kind=EventKind.REFUSAL)
    assert refusal.action == "set_account_active" and "Yêu cầu phân quyền" in refusal.changes["provision"]


def test_unlocking_an_unlocked_login_is_refused(world: World) -> None:
    events = _action_events()
    with pytest.raises(StateNotAllowed, match="không bị tạm khóa"):
        do_unlock_account(world.clerk, actor=world.admin)
    assert _action_events() == events


def test_createadmin_writes_through_an_action_with_an_audit_event(
        db: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("BMNN_TEST_ADMIN_PW", "mat-khau-quan-tri")
    assert main(["createadmin", "--username", "quantri2", "--password-env", "BMNN_TEST_ADMIN_PW"]) == 0
    account = Account.objects.get(username="quantri2")
    assert account.roles == [Role.ADMIN] and account.check_password("mat-khau-quan-tri")
    event = Event.objects.get(action="create_admin")
    assert event.object_id == account.pk and event.actor_id is None
    assert event.changes == {"username": "quantri2", "roles": ["admin"], "via": "bmnn createadmin"}
    assert verify_chain().ok
    # The same name again is refused, with nothing written.
    events = Event.objects.count()
    assert main(["createadmin", "--username", "quantri2", "--password-env", "BMNN_TEST_ADMIN_PW"]) == 2
    assert "đã có" in capsys.readouterr().err
    assert Account.objects.filter(username="quantri2").count() == 1
    assert Event.objects.exclude(kind=EventKind.REFUSAL).count() == events


def test_createadmin_refuses_a_short_password(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BMNN_TEST_ADMIN_PW", "ngan")
    assert main(["createadmin", "--username", "quantri3", "--password-env", "BMNN_TEST_ADMIN_PW"]) == 2
    assert not Account.objects.filter(username="quantri3").exists() and not Event.objects.exists()

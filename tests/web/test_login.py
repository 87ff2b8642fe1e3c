"""Login: the `next` address is followed only when it is a path of this site; the failure
counter is read and written under a lock, so parallel wrong passwords cannot outrun the lockout;
and every failure reads the same, so the page never tells which account names exist."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from bmnn.audit.models import Event
from bmnn.org.models import Account
from tests.world import World

PASSWORD = "mat-khau-thu-nghiem"


def _post_login(client: Client, username: str, password: str, next_url: str | None = None) -> Any:
    path = "/dang-nhap/" if next_url is None else f"/dang-nhap/?{_query(next_url)}"
    return client.post(path, {"username": username, "password": password})


def _query(next_url: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"next": next_url})


# --- item 6: the redirect after login ---------------------------------------------------------

@pytest.mark.parametrize("target", [
    "https://ke-gian.example/dang-nhap/", "http://ke-gian.example", "//ke-gian.example/",
    "/\\ke-gian.example", "\\\\ke-gian.example", "/\t/ke-gian.example", "///ke-gian.example",
    "javascript:alert(1)", "https:ke-gian.example", "ftp://ke-gian.example/", " //ke-gian.example",
    "http://testserver.ke-gian.example/", "so/outgoing/",
])
def test_login_never_redirects_off_site(world: World, target: str) -> None:
    response = _post_login(Client(), "vanthu", PASSWORD, target)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_login_follows_a_local_path(world: World) -> None:
    response = _post_login(Client(), "vanthu", PASSWORD, "/so/incoming/2026/?q=de+thi")
    assert response.status_code == 302 and response["Location"] == "/so/incoming/2026/?q=de+thi"


def test_login_page_from_a_guarded_page_returns_there(world: World) -> None:
    client = Client()
    first = client.get("/so/incoming/2026/")
    assert first.status_code == 302 and first["Location"].startswith("/dang-nhap/?next=")
    response = client.post(first["Location"], {"username": "vanthu", "password": PASSWORD})
    assert response["Location"] == "/so/incoming/2026/"


# --- item 12: one message for every failure ---------------------------------------------------

def _failure_text(response: Any) -> str:
    page = response.content.decode()
    start = page.index('role="alert">') + len('role="alert">')
    return page[start:page.index("</p>", start)]


def test_failure_reads_the_same_for_unknown_names_wrong_passwords_and_locked_accounts(
        world: World, settings: Any) -> None:
    settings.LOGIN_MAX_FAILURES = 3
    client = Client()
    unknown = _failure_text(_post_login(client, "khong-co-ai", "sai-mat-khau"))
    wrong = _failure_text(_post_login(client, "vanthu", "sai-mat-khau"))
    for _ in range(3):
        _post_login(client, "vanthu", "sai-mat-khau")
    assert Account.objects.get(username="vanthu").locked_until is not None
    locked = _failure_text(_post_login(client, "vanthu", PASSWORD))  # right password, locked
    for _ in range(5):  # an unknown name is never "locked" differently either
        last_unknown = _failure_text(_post_login(client, "khong-co-ai", "sai-mat-khau"))
    world.drafter.is_active = False
    world.drafter.save(update_fields=["is_active"])
    disabled = _failure_text(_post_login(Client(), "chuyenvien", PASSWORD))  # right password, disabled
    assert unknown == wrong == locked == last_unknown == disabled
    assert "không thành công" in unknown


def test_unknown_names_write_nothing(world: World) -> None:
    events = Event.objects.count()
    _post_login(Client(), "khong-co-ai", "sai-mat-khau")
    assert Event.objects.count() == events
    assert not Account.objects.filter(username="khong-co-ai").exists()


def test_lockout_is_audited_without_an_actor_and_the_right_password_is_refused(
        world: World, settings: Any) -> None:
    settings.LOGIN_MAX_FAILURES = 2
    client = Client()
    for _ in range(2):
        _post_login(client, "vanthu", "sai-mat-khau")
    event = Event.objects.get(action="lockout")
    assert event.actor_id is None and event.object_id == world.clerk.pk
    response = _post_login(client, "vanthu", PASSWORD)
    assert response.status_code == 200 and "_auth_user_id" not in client.session


# --- item 12: the race -------------------------------------------------------------------------

PARALLEL = 16


def _parallel_wrong_passwords(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """16 threads post a wrong password at once; each password check takes a little while, as
    argon2 does, so without a lock every thread reads the counter before any writes it."""
    import time

    checked: list[int] = []
    real_check = Account.check_password

    def slow_check(self: Account, raw: str) -> bool:
        checked.append(1)
        time.sleep(0.05)
        return real_check(self, raw)

    monkeypatch.setattr(Account, "check_password", slow_check)
    start = threading.Barrier(PARALLEL)
    errors: list[BaseException] = []

    def attacker() -> None:
        try:
            start.wait()
            _post_login(Client(), "vanthu", "doan-mo-mat-khau")
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=attacker) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    monkeypatch.setattr(Account, "check_password", real_check)
    return checked


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_passwords_cannot_outrun_the_lockout(
        frozen: None, settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.world import build_world

    build_world()
    settings.LOGIN_MAX_FAILURES = 5
    checked = _parallel_wrong_passwords(monkeypatch)
    clerk = Account.objects.get(username="vanthu")
    assert clerk.locked_until is not None, "16 parallel wrong passwords did not lock the account"
    assert len(checked) == 5, f"{len(checked)} passwords were checked, the limit is 5"
    assert Event.objects.filter(action="lockout").count() == 1
    client = Client()
    response = _post_login(client, "vanthu", PASSWORD)
    assert response.status_code == 200 and "_auth_user_id" not in client.session

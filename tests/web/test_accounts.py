"""The accounts page: the administrator disables, re-enables and unlocks logins with buttons;
no button to disable oneself, and a forged post doing it is refused in place."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from bmnn.audit.models import Event, EventKind
from tests.world import World

PASSWORD = "mat-khau-thu-nghiem"


def _admin() -> Client:
    client = Client()
    assert client.login(username="quantri", password=PASSWORD)
    return client


def test_disable_then_enable_from_the_page(world: World) -> None:
    client = _admin()
    page = client.get("/quan-tri/tai-khoan/").content.decode()
    assert "Vô hiệu hóa" in page
    response = client.post("/quan-tri/tai-khoan/", {"account": world.clerk.pk, "verb": "disable"},
                           follow=True)
    assert "Đã vô hiệu hóa tài khoản vanthu" in response.content.decode()
    world.clerk.refresh_from_db()
    assert not world.clerk.is_active
    assert not Client().login(username="vanthu", password=PASSWORD)
    assert "Kích hoạt lại" in client.get("/quan-tri/tai-khoan/").content.decode()
    client.post("/quan-tri/tai-khoan/", {"account": world.clerk.pk, "verb": "enable"})
    world.clerk.refresh_from_db()
    assert world.clerk.is_active


def test_unlock_from_the_page(world: World) -> None:
    world.clerk.locked_until = timezone.now() + dt.timedelta(minutes=10)
    world.clerk.save(update_fields=["locked_until"])
    client = _admin()
    page = client.get("/quan-tri/tai-khoan/").content.decode()
    assert "Tạm khóa đến" in page and "Mở khóa đăng nhập" in page
    client.post("/quan-tri/tai-khoan/", {"account": world.clerk.pk, "verb": "unlock"})
    world.clerk.refresh_from_db()
    assert world.clerk.locked_until is None
    assert Event.objects.filter(action="unlock_account").count() == 1


def test_an_expired_lock_is_not_shown_as_locked(world: World) -> None:
    world.clerk.locked_until = timezone.now() - dt.timedelta(minutes=1)
    world.clerk.save(update_fields=["locked_until"])
    page = _admin().get("/quan-tri/tai-khoan/").content.decode()
    assert "Tạm khóa đến" not in page and "Mở khóa đăng nhập" not in page


def test_no_button_to_disable_oneself_and_a_forged_post_is_refused(world: World) -> None:
    client = _admin()
    page = client.get("/quan-tri/tai-khoan/").content.decode()
    own_row = page[page.index("<td>quantri</td>"):]
    assert "Vô hiệu hóa" not in own_row[:own_row.index("</tr>")]
    events = Event.objects.exclude(kind=EventKind.REFUSAL).count()
    response = client.post("/quan-tri/tai-khoan/", {"account": world.admin.pk, "verb": "disable"})
    assert response.status_code == 200 and "không tự vô hiệu hóa" in response.content.decode()
    world.admin.refresh_from_db()
    assert world.admin.is_active and Event.objects.exclude(kind=EventKind.REFUSAL).count() == events


def test_others_cannot_use_the_accounts_page(world: World) -> None:
    clerk = Client()
    assert clerk.login(username="vanthu", password=PASSWORD)
    response = clerk.post("/quan-tri/tai-khoan/", {"account": world.head.pk, "verb": "disable"})
    assert response.status_code == 403
    world.head.refresh_from_db()
    assert world.head.is_active

"""API tokens: shown once, stored as SHA-256 only, refused when unknown, revoked or inactive."""

from __future__ import annotations

import hashlib

import pytest
from django.test import Client

from bmnn.audit.models import Event
from bmnn.cli import main
from bmnn.org.models import ApiToken
from bmnn.org.tokens import TokenRefused, do_create_api_token, do_revoke_api_token
from tests.api.client import BASE, Caller
from tests.world import World


def test_token_is_shown_once_and_only_its_hash_is_stored(world: World) -> None:
    token, plaintext = do_create_api_token(world.clerk, "Hệ thống QLVB", actor=world.admin)
    scheme, prefix, secret = plaintext.split("_", 2)
    assert (scheme, prefix) == ("bmnn", token.prefix) and len(secret) >= 40
    stored = ApiToken.objects.get()
    assert stored.key_hash == hashlib.sha256(plaintext.encode()).hexdigest()
    assert secret not in repr(list(ApiToken.objects.values()))
    event = Event.objects.get(action="create_api_token")
    assert event.changes == {"account": "vanthu", "name": "Hệ thống QLVB", "prefix": prefix}
    assert event.actor_id == world.admin.pk and secret not in str(event.changes)

    response = Caller(plaintext).get("/me")
    assert response.status_code == 200 and response.json()["username"] == "vanthu"
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_duplicate_live_name_and_inactive_account_are_refused(world: World) -> None:
    do_create_api_token(world.clerk, "QLVB", actor=None)
    with pytest.raises(TokenRefused):
        do_create_api_token(world.clerk, "QLVB", actor=None)
    world.drafter.is_active = False
    world.drafter.save()
    with pytest.raises(TokenRefused):
        do_create_api_token(world.drafter, "QLVB", actor=None)
    assert ApiToken.objects.count() == 1


@pytest.mark.parametrize("header", [
    None, "Bearer ", "Bearer bmnn_00000000_" + "x" * 43, "Token abc", "Basic dmFudGh1OnB3",
])
def test_missing_or_unknown_token_is_401(world: World, header: str | None) -> None:
    client = Client(HTTP_AUTHORIZATION=header) if header is not None else Client()
    response = client.get(f"{BASE}/documents")
    assert response.status_code == 401
    assert response.json()["error"] == "unauthorized" and "khóa API" in response.json()["message"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_revoked_token_is_401_at_once(world: World) -> None:
    token, plaintext = do_create_api_token(world.clerk, "QLVB", actor=None)
    caller = Caller(plaintext)
    assert caller.get("/me").status_code == 200
    do_revoke_api_token(token, actor=world.admin)
    assert caller.get("/me").status_code == 401
    assert Event.objects.filter(action="revoke_api_token", object_id=token.pk).exists()
    with pytest.raises(TokenRefused):
        do_revoke_api_token(token, actor=world.admin)


def test_inactive_account_or_departed_person_is_401(world: World) -> None:
    _, clerk_token = do_create_api_token(world.clerk, "QLVB", actor=None)
    _, drafter_token = do_create_api_token(world.drafter, "QLVB", actor=None)
    world.clerk.is_active = False
    world.clerk.save()
    assert world.drafter.person is not None
    world.drafter.person.active = False
    world.drafter.person.save()
    assert Caller(clerk_token).get("/me").status_code == 401
    assert Caller(drafter_token).get("/me").status_code == 401


def test_cli_creates_lists_and_revokes(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["token", "create", "--username", "vanthu", "--name", "Hệ thống QLVB"]) == 0
    plaintext = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("bmnn_"))
    assert Caller(plaintext).get("/me").status_code == 200
    prefix = plaintext.split("_")[1]
    assert main(["token", "list", "--username", "vanthu"]) == 0
    listed = capsys.readouterr().out
    assert prefix in listed and "còn hiệu lực" in listed and plaintext.split("_", 2)[2] not in listed
    assert main(["token", "revoke", "--prefix", prefix]) == 0
    assert Caller(plaintext).get("/me").status_code == 401
    assert main(["token", "revoke", "--prefix", prefix]) == 1
    assert main(["token", "create", "--username", "khongco", "--name", "x"]) == 1
    assert "Không có tài khoản" in capsys.readouterr().out

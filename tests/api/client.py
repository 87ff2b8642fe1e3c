"""An API caller per named person of the world, each with its own token."""

from __future__ import annotations

from typing import Any

from django.test import Client

from bmnn.audit.models import Event
from bmnn.org.models import Account
from bmnn.org.tokens import do_create_api_token
from tests.world import World

BASE = "/api/v1"


class Caller:
    """Requests as one account, through the real URL map and middleware."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(BASE + path, params)

    def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.post(BASE + path, body or {}, content_type="application/json")


def caller(account: Account) -> Caller:
    _, plaintext = do_create_api_token(account, "tích hợp thử nghiệm", actor=None)
    return Caller(plaintext)


class Callers:
    def __init__(self, w: World) -> None:
        self.drafter = caller(w.drafter)
        self.head = caller(w.head)
        self.deputy = caller(w.deputy)
        self.clerk = caller(w.clerk)
        self.outsider = caller(w.outsider)
        self.admin = caller(w.admin)


def last_seq() -> int:
    event = Event.objects.order_by("-seq").first()
    return event.seq if event else 0


def events_since(seq: int) -> list[Event]:
    return list(Event.objects.filter(seq__gt=seq).order_by("seq"))

"""What every page may ask: which steps the signed-in account may take for its own unit."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from bmnn.org.models import Account
from bmnn.registry.may import Steps


def steps(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {"can": Steps(user)} if isinstance(user, Account) else {}

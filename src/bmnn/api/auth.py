"""Bearer-token authentication: `Authorization: Bearer bmnn_<prefix>_<secret>` → the Account."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from bmnn.org.models import Account
from bmnn.org.tokens import account_for_token


class TokenAuth(HttpBearer):
    """Unknown, revoked or malformed tokens and inactive accounts give None, hence 401."""

    def authenticate(self, request: HttpRequest, token: str) -> Account | None:
        account = account_for_token(token.strip())
        if account is not None:
            request.user = account
        return account


def account_of(request: HttpRequest) -> Account:
    """The authenticated account (ninja stores it as `request.auth`)."""
    account = getattr(request, "auth", None)
    assert isinstance(account, Account)
    return account

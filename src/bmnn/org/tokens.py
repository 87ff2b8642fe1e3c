"""Per-user API tokens: issued once in plaintext, stored only as a SHA-256 digest.

A token reads `bmnn_<prefix>_<secret>`. The prefix is public (it names the token in lists and
in the audit log); the secret is 256 random bits. A stolen database therefore yields no usable
token, and a lookup by digest leaks nothing a timing attack could use.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.utils import timezone

from bmnn.audit.journal import action, append_event
from bmnn.audit.models import EventKind
from bmnn.lib.text import nfc
from bmnn.org.models import Account, ApiToken

SCHEME = "bmnn"
# Writing last_used_at on every request would turn each API read into a write.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


class TokenRefused(ValueError):
    """A token cannot be issued or revoked as asked (the message says why, in Vietnamese)."""


def digest(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


def _new_plaintext() -> tuple[str, str]:
    prefix = secrets.token_hex(4)
    return prefix, f"{SCHEME}_{prefix}_{secrets.token_urlsafe(32)}"


def _unit_id(account: Account) -> int | None:
    return account.person.unit_id if account.person else None


@action("create_api_token")
def do_create_api_token(
    account: Account, name: str, *, actor: Account | None
) -> tuple[ApiToken, str]:
    """Issue an API token for `account`. Returns the row and the plaintext, which is shown
    once and never stored. Refused for an inactive account, an empty name, or a name the
    account already uses for a live token."""
    name = nfc(name.strip())
    if not account.is_active:
        raise TokenRefused(f"Tài khoản {account.username} đã bị vô hiệu hóa")
    if not name or len(name) > 100:
        raise TokenRefused("Tên khóa API phải có từ 1 đến 100 ký tự")
    if account.api_tokens.filter(name=name, revoked_at__isnull=True).exists():
        raise TokenRefused(f"Tài khoản {account.username} đã có khóa API còn hiệu lực tên \"{name}\"")
    prefix, plaintext = _new_plaintext()
    token = ApiToken.objects.create(account=account, name=name, prefix=prefix, key_hash=digest(plaintext))
    append_event(kind=EventKind.ACTION, action="create_api_token", actor=actor, obj=token,
                 unit_id=_unit_id(account),
                 changes={"account": account.username, "name": name, "prefix": prefix})
    return token, plaintext


@action("revoke_api_token")
def do_revoke_api_token(token: ApiToken, *, actor: Account | None) -> ApiToken:
    """Revoke a token at once; requests carrying it are refused from then on (401)."""
    if token.revoked_at is not None:
        raise TokenRefused(f"Khóa API {token.prefix} đã bị thu hồi từ trước")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    append_event(kind=EventKind.ACTION, action="revoke_api_token", actor=actor, obj=token,
                 unit_id=_unit_id(token.account),
                 changes={"account": token.account.username, "name": token.name, "prefix": token.prefix})
    return token


def _well_formed(plaintext: str) -> bool:
    parts = plaintext.split("_", 2)
    return len(parts) == 3 and parts[0] == SCHEME and len(parts[1]) == 8 and len(parts[2]) >= 32


def account_for_token(plaintext: str) -> Account | None:
    """The active account a live token belongs to, or None (unknown, revoked, inactive)."""
    if not _well_formed(plaintext):
        return None
    token = (ApiToken.objects.select_related("account__person")
             .filter(key_hash=digest(plaintext), revoked_at__isnull=True).first())
    if token is None:
        return None
    account = token.account
    if not account.is_active or (account.person is not None and not account.person.active):
        return None
    _touch(token)
    return account


def _touch(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)

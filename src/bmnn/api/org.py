"""Who the caller is, and the people of their unit (whose ids the actions take)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from bmnn.api.auth import account_of
from bmnn.api.common import responses
from bmnn.api.permissions import document_user
from bmnn.api.schemas import MeOut, PersonOut
from bmnn.org.models import Person

router = Router(tags=["Tài khoản, cán bộ"])


@router.get("/me", response=responses(200, MeOut), summary="Tài khoản đang dùng khóa API")
def me(request: HttpRequest) -> Any:
    """The account the token belongs to: roles, person, unit. Allowed for every account."""
    return account_of(request)


@router.get("/people", response=responses(200, list[PersonOut]), summary="Cán bộ của đơn vị")
def people(request: HttpRequest) -> Any:
    """The active people of the caller's unit, for `decided_by_id`, `signer_id` and the like."""
    person = document_user(account_of(request))
    return list(Person.objects.filter(unit_id=person.unit_id, active=True).select_related("position"))

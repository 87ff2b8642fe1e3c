"""Who may call what: the API's role and unit checks, in one place.

Reading follows bmnn.registry.access exactly as the UI does (need-to-know, clearance, logged
reads of Tuyệt mật/Tối mật). Writing additionally needs a role fit for the step and membership
of the unit that keeps the document:

| step                                                    | roles                   |
|---------------------------------------------------------|-------------------------|
| propose a classification                                | drafter, head, deputy   |
| decide a proposal                                       | head, deputy            |
| issue, register incoming, copy, send, record receipts,  | clerk                   |
| cancel register lines, close volumes                    |                         |
| take out and return, extension, level change,           | clerk, head, deputy     |
| declassification, notices, destruction, loss, handover  |                         |

The law layer still decides whether the *person* named as deciding, signing or permitting has
the authority (Điều 11 and the delegations); these checks only say who may record the step.
An account holding only the administrator role manages accounts and touches no document.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from ninja.errors import ValidationError

from bmnn.org.models import Account, Person, Role, Unit
from bmnn.registry.access import sees_unit_registers, visible_documents
from bmnn.registry.models import Document

PROPOSE_ROLES = (Role.DRAFTER, Role.HEAD, Role.DEPUTY)
DECIDE_ROLES = (Role.HEAD, Role.DEPUTY)
REGISTER_ROLES = (Role.CLERK,)
CUSTODY_ROLES = (Role.CLERK, Role.HEAD, Role.DEPUTY)

NOT_FOUND = "Không tìm thấy hoặc không có quyền xem"

M = TypeVar("M", bound=Model)


def is_admin_only(account: Account) -> bool:
    return not [r for r in account.roles if r != Role.ADMIN]


def document_user(account: Account) -> Person:
    """The person behind an account that may deal with documents at all."""
    if is_admin_only(account):
        raise PermissionDenied("Tài khoản quản trị hệ thống không được truy cập tài liệu mật")
    if account.person is None:
        raise PermissionDenied("Tài khoản chưa gắn với cán bộ của đơn vị nào")
    return account.person


def require_roles(account: Account, roles: Sequence[str], doing: str) -> Person:
    person = document_user(account)
    if not account.has_role(*roles):
        labels = ", ".join(Role(r).label for r in roles)
        raise PermissionDenied(f"Chỉ {labels} mới được {doing}")
    return person


def require_member(person: Person, unit_id: int, doing: str) -> None:
    if person.unit_id != unit_id:
        raise PermissionDenied(f"Chỉ cán bộ của đơn vị quản lý tài liệu mới được {doing}")


def register_reader(account: Account) -> Person:
    """Registers and to-do lists: the unit roles of bmnn.registry.access, for their own unit."""
    person = document_user(account)
    if not sees_unit_registers(account):
        raise PermissionDenied("Vai trò của bạn không được xem sổ đăng ký của đơn vị")
    return person


def visible_or_404(qs: QuerySet[M], pk: int) -> M:
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404(NOT_FOUND)
    return obj


def document_to_act_on(
    account: Account, pk: int, roles: Sequence[str], doing: str
) -> tuple[Document, Person]:
    """A document the account sees (else 404), may act on by role, in the caller's unit (else 403).
    Not logged as a read: the action's own event records the access."""
    person = require_roles(account, roles, doing)
    document = visible_or_404(visible_documents(account).select_related("unit"), pk)
    require_member(person, document.unit_id, doing)
    return document, person


def related_to_act_on(
    account: Account, qs: QuerySet[M], pk: int, roles: Sequence[str], doing: str
) -> tuple[M, Person]:
    """A record hanging off a visible document (transfer, take-out, decision, proposal)."""
    person = require_roles(account, roles, doing)
    obj = visible_or_404(qs.filter(document__in=visible_documents(account)), pk)
    require_member(person, obj.document.unit_id, doing)  # type: ignore[attr-defined]
    return obj, person


def field_error(field: str, message: str, kind: str = "value_error") -> ValidationError:
    return ValidationError([{"type": kind, "loc": ["body", "data", field], "msg": message}])


def unit_person(unit: Unit | int, person_id: int | None, field: str, default: Person | None = None) -> Person:
    """An active person of the unit named by id in the request body (default: the caller)."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    if person_id is None:
        if default is None:
            raise field_error(field, "Thiếu mã cán bộ", "missing")
        person_id = default.pk
    person = Person.objects.select_related("position").filter(pk=person_id, unit_id=unit_id,
                                                                active=True).first()
    if person is None:
        raise field_error(field, f"Mã cán bộ {person_id} không phải cán bộ đang công tác của đơn vị",
                          "unknown_person")
    return person

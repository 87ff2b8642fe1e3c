"""The API's doors: reading and the steps a caller may take.

Reading follows bmnn.registry.access exactly as the UI does (need-to-know, clearance, logged
reads of Tuyệt mật/Tối mật). Who may take which step is the one table of bmnn.law.steps, asked
through bmnn.registry.may here (so a caller without the role learns it before anything is looked
up) and again inside the action itself, where the web, the command line and imports ask it too.
An account holding only the administrator role manages accounts and touches no document.
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from ninja.errors import ValidationError

from bmnn.org.models import Account, Person, Role, Unit
from bmnn.registry.access import sees_unit_registers, visible_documents
from bmnn.registry.may import Step, may, roles_text
from bmnn.registry.models import Document

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


def require_step(account: Account, step: Step) -> Person:
    """A caller holding a role that may take `step` (its unit is checked on the record)."""
    person = document_user(account)
    if not account.has_role(*step.roles):
        raise PermissionDenied(f"Chỉ {roles_text(step)} mới được {step.label}")
    return person


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


def document_to_act_on(account: Account, pk: int, step: Step) -> tuple[Document, Person]:
    """A document the account sees (else 404) and may take `step` on (else 403).
    Not logged as a read: the action's own event records the access."""
    require_step(account, step)
    document = visible_or_404(visible_documents(account).select_related("unit"), pk)
    return document, may(step, account, document.unit_id)


def related_to_act_on(account: Account, qs: QuerySet[M], pk: int, step: Step) -> tuple[M, Person]:
    """A record hanging off a visible document (transfer, take-out, decision, proposal)."""
    require_step(account, step)
    obj = visible_or_404(qs.filter(document__in=visible_documents(account)), pk)
    return obj, may(step, account, obj.document.unit_id)  # type: ignore[attr-defined]


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

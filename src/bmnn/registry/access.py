"""Need-to-know: who may see which documents and registers.

A person sees a document when their role and unit give a reason (clerk, head, deputy and
inspector see their unit's; a drafter sees what they drafted; a named recipient sees what was
addressed to them) and their clearance reaches its level. The administrator manages accounts
and sees no document. Reads of Tuyệt mật and Tối mật details are logged.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404

from bmnn.audit.journal import append_event
from bmnn.audit.models import EventKind
from bmnn.law.levels import Level
from bmnn.org.models import Account, Person, Role
from bmnn.registry.models import Document, DocumentState, Recipient

UNIT_ROLES = (Role.CLERK, Role.HEAD, Role.DEPUTY, Role.INSPECTOR)
LOGGED_LEVELS = (Level.TUYET_MAT.value, Level.TOI_MAT.value)


def cleared_levels(person: Person) -> list[str]:
    if not person.clearance:
        return []
    rank = Level(person.clearance).rank
    return [lv.value for lv in Level if lv.rank <= rank]


def reads_secrets(account: Account) -> bool:
    """The administrator reads no secret content, whatever other roles the account holds."""
    return account.person is not None and account.person.active and not account.has_role(Role.ADMIN)


def sees_unit_registers(account: Account) -> bool:
    return reads_secrets(account) and account.has_role(*UNIT_ROLES)


def _reasons(account: Account) -> list[Q]:
    """Why a person may see documents: their unit (by role), what they drafted, what was issued
    to them by name. Each is a plain indexed condition (no OR across a join)."""
    person = account.person
    if person is None or not reads_secrets(account):
        return []
    received = Recipient.objects.filter(person=person).values("document_id")
    issued = ~Q(state__in=[DocumentState.DRAFT, DocumentState.PROPOSED, DocumentState.APPROVED])
    reasons = [Q(drafter=person), Q(pk__in=received) & issued]
    if account.has_role(*UNIT_ROLES):
        reasons.insert(0, Q(unit_id=person.unit_id))
    return reasons


def visible_by_reason(account: Account) -> list[QuerySet[Document]]:
    """One queryset per reason; together they are `visible_documents` (used for fast search)."""
    if account.person is None:
        return []
    levels = cleared_levels(account.person)
    return [Document.objects.filter(reason, level__in=levels) for reason in _reasons(account)]


def visible_documents(account: Account) -> QuerySet[Document]:
    reasons = _reasons(account)
    if not reasons or account.person is None:
        return Document.objects.none()
    either = reasons[0]
    for reason in reasons[1:]:
        either |= reason
    return Document.objects.filter(either, level__in=cleared_levels(account.person))


def get_document_for_user(account: Account, pk: int) -> Document:
    """The document if the account may see it (else 404); logs reads of Tuyệt mật/Tối mật."""
    document = visible_documents(account).select_related("unit", "signer", "drafter").filter(pk=pk).first()
    if document is None:
        raise Http404("Không tìm thấy tài liệu hoặc không có quyền xem")
    if document.level in LOGGED_LEVELS:
        with transaction.atomic():
            append_event(kind=EventKind.READ, action="read_document", actor=account, obj=document,
                         unit_id=document.unit_id, changes={"level": document.level})
    return document

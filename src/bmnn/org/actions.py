"""State changes of the organisation: units and merges, people, accounts, delegations,
staff assignments and commitments. Each runs in one transaction with its audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone

from bmnn.audit.journal import action, append_event
from bmnn.audit.models import EventKind
from bmnn.law.errors import DelegationInvalid, StateNotAllowed
from bmnn.law.levels import Level
from bmnn.lib.text import nfc
from bmnn.org.models import (
    Account,
    AssignmentKind,
    ClearanceDecision,
    Commitment,
    Delegation,
    DelegationScope,
    Person,
    Position,
    Role,
    StaffAssignment,
    Unit,
)
from bmnn.registry.may import Step, may
from bmnn.registry.rules import pack_for

_DELEGATION_SOURCE = (
    "Khoản 5 Điều 11 Luật Bảo vệ BMNN 2018; HD 4114/BCA-ANCTNB (ủy quyền bằng văn bản, "
    "nêu phạm vi, thời hạn; cấp phó không ủy quyền tiếp)"
)


def _log(name: str, actor: Account, obj: models.Model, unit_id: int | None, changes: dict[str, Any]) -> None:
    append_event(kind=EventKind.ACTION, action=name, actor=actor, obj=obj, unit_id=unit_id,
                 changes=changes)


@action("create_unit")
def do_create_unit(*, code: str, name: str, kind: str, parent: Unit | None, actor: Account) -> Unit:
    """Create a unit in the tree (ministry, province, department, commune, police unit)."""
    unit = Unit.objects.create(code=code.strip(), name=nfc(name.strip()), kind=kind, parent=parent)
    _log("create_unit", actor, unit, unit.pk, {"code": unit.code, "name": unit.name, "kind": kind})
    return unit


@action("merge_units")
def do_merge_units(sources: list[Unit], *, into: Unit, on: dt.date, actor: Account) -> Unit:
    """Record an administrative merge: the merged units end and point to the new one, keeping
    their history; their documents move by a handover with minutes (hand_over_documents)."""
    if not sources or into in sources:
        raise StateNotAllowed("Danh sách đơn vị sáp nhập không hợp lệ",
                              "Luật 81/2025/QH15 (chính quyền địa phương hai cấp)", confidence="partial")
    for unit in sources:
        unit.active, unit.merged_into, unit.ended_on = False, into, on
        unit.save(update_fields=["active", "merged_into", "ended_on"])
    _log("merge_units", actor, into, into.pk, {"merged": [u.code for u in sources], "on": on.isoformat()})
    return into


@action("create_position")
def do_create_position(
    *, unit: Unit, title: str, is_head: bool, is_deputy: bool, authority_class: str, actor: Account
) -> Position:
    """Create a position; `authority_class` links it to the rule pack's authority lists."""
    position = Position.objects.create(unit=unit, title=nfc(title), is_head=is_head,
                                       is_deputy=is_deputy, authority_class=authority_class)
    _log("create_position", actor, position, unit.pk,
         {"title": title, "is_head": is_head, "authority_class": authority_class})
    return position


@action("create_person")
def do_create_person(*, full_name: str, unit: Unit, position: Position | None, actor: Account) -> Person:
    """Register a person of a unit, with position and no access to secrets: how far she may access
    them is the head's decision (do_grant_clearance), never the one who registers her."""
    if position is not None and position.unit_id != unit.pk:
        raise StateNotAllowed("Chức vụ không thuộc đơn vị của cán bộ", "Quy chế bảo vệ BMNN của đơn vị",
                              confidence="inference")
    person = Person.objects.create(full_name=nfc(full_name.strip()), unit=unit, position=position)
    _log("create_person", actor, person, unit.pk, {"full_name": person.full_name})
    return person


def _clearance_decider(person: Person, decided_by: Person | None, decided_by_name: str) -> str:
    """Why the named decider cannot decide `person`'s clearance ("" when she can): the head of
    the person's unit decides; the head herself is decided by a superior body's head (in bmnn, or
    named from the paper when that body is not)."""
    if decided_by is not None and decided_by.pk == person.pk:
        return "Không ai tự quyết định mức được tiếp cận của mình"
    if person.is_head:
        superiors = {u.pk for u in person.unit.ancestors()}
        if decided_by is None:
            return "" if decided_by_name.strip() else "Phải ghi người quyết định của cơ quan cấp trên"
        return "" if decided_by.is_head and decided_by.unit_id in superiors else \
            "Mức được tiếp cận của người đứng đầu do người đứng đầu cơ quan cấp trên quyết định"
    if decided_by is None or not decided_by.is_head or decided_by.unit_id != person.unit_id:
        return f"Chỉ người đứng đầu {person.unit.name} quyết định mức được tiếp cận của cán bộ đơn vị"
    return ""


@action("grant_clearance")
def do_grant_clearance(
    person: Person, *, level: str, decided_by: Person | None, decision_number: str,
    decided_on: dt.date, decided_by_name: str = "", actor: Account,
) -> ClearanceDecision:
    """Record the written decision on how far `person` may access state secrets (an empty
    `level` withdraws access). Recorded by the head for her own decision or by the clerk from the
    signed paper; never by the administrator, never by the person herself."""
    pack = pack_for(decided_on)
    provision, confidence = pack.cite("clearance")
    units = [person.unit_id, *(u.pk for u in person.unit.ancestors())]
    recorder = may(Step.GRANT_CLEARANCE, actor, units, decider=decided_by)
    if recorder.pk == person.pk:
        raise PermissionDenied("Không ai tự ghi mức được tiếp cận của mình")
    why = _clearance_decider(person, decided_by, decided_by_name)
    if why:
        raise StateNotAllowed(why, provision, confidence=confidence)
    if level not in {"", *Level}:
        raise StateNotAllowed("Mức được tiếp cận không hợp lệ", provision, confidence=confidence)
    if not decision_number.strip():
        raise StateNotAllowed("Phải ghi số quyết định", provision, confidence=confidence)
    if decided_on > timezone.localdate():
        raise StateNotAllowed("Ngày quyết định không thể sau hôm nay", provision, confidence=confidence)
    person = Person.objects.select_for_update().get(pk=person.pk)
    decision = ClearanceDecision.objects.create(
        person=person, level=level, previous=person.clearance, decided_by=decided_by,
        decided_by_name="" if decided_by else nfc(decided_by_name.strip()),
        decision_number=decision_number.strip(), decided_on=decided_on)
    person.clearance = level
    person.save(update_fields=["clearance"])
    _log("grant_clearance", actor, decision, person.unit_id, {
        "person": person.full_name, "clearance": {"before": decision.previous, "after": level},
        "decided_by": decision.decider, "decision": str(decision)})
    return decision


_ACCOUNT_RULE = "Yêu cầu phân quyền của bmnn (quản trị viên quản lý tài khoản, không đọc nội dung mật)"


def _require_admin(actor: Account) -> None:
    if not actor.has_role(Role.ADMIN):
        raise StateNotAllowed("Chỉ quản trị viên hệ thống được quản lý tài khoản", _ACCOUNT_RULE,
                              confidence="inference")


def _new_account(username: str, password: str, person: Person | None, roles: list[str]) -> Account:
    if Role.ADMIN in roles and set(roles) - {Role.ADMIN, Role.IT_OFFICER}:
        raise StateNotAllowed("Quản trị hệ thống không kiêm vai trò xem tài liệu mật", _ACCOUNT_RULE,
                              confidence="inference")
    username = username.strip()
    if Account.objects.filter(username=username).exists():
        raise StateNotAllowed(f"Tên đăng nhập {username} đã có", _ACCOUNT_RULE, confidence="inference")
    account = Account(username=username, person=person, roles=roles, is_staff="admin" in roles)
    account.set_password(password)
    account.save()
    return account


@action("create_account")
def do_create_account(
    *, username: str, password: str, person: Person | None, roles: list[str], actor: Account
) -> Account:
    """Create a login with roles; the password is stored as an argon2 hash. Only an administrator
    creates accounts, and the administrator role is never combined with a role that reads secret
    documents."""
    _require_admin(actor)
    account = _new_account(username, password, person, roles)
    _log("create_account", actor, account, person.unit_id if person else None,
         {"username": account.username, "roles": roles})
    return account


@action("create_admin")
def do_create_admin(*, username: str, password: str, via: str) -> Account:
    """Create an administrator from the machine's console (`bmnn createadmin`): whoever runs it
    already holds the data folder, so there is no acting account; the event names the channel.
    Example (CLI): `bmnn createadmin --username quantri`."""
    account = _new_account(username, password, None, [Role.ADMIN])
    append_event(kind=EventKind.ACTION, action="create_admin", actor=None, obj=account,
                 changes={"username": account.username, "roles": [Role.ADMIN], "via": via})
    return account


@action("set_account_active")
def do_set_account_active(account: Account, *, active: bool, actor: Account) -> Account:
    """Enable or disable a login (and clear a lockout when enabling). An administrator cannot
    disable their own login, so the installation always keeps one that can undo it."""
    _require_admin(actor)
    if not active and account.pk == actor.pk:
        raise StateNotAllowed("Quản trị viên không tự vô hiệu hóa tài khoản của mình", _ACCOUNT_RULE,
                              confidence="inference")
    if account.is_active == active:
        state = "đang hoạt động" if active else "đã bị vô hiệu hóa"
        raise StateNotAllowed(f"Tài khoản {account.username} {state}", _ACCOUNT_RULE, confidence="inference")
    account.is_active = active
    fields = ["is_active"]
    if active:  # the counter is written only here, and never from a possibly stale copy otherwise
        account.failed_logins, account.locked_until = 0, None
        fields += ["failed_logins", "locked_until"]
    account.save(update_fields=fields)
    _log("set_account_active", actor, account, account.person.unit_id if account.person else None,
         {"username": account.username, "active": active})
    return account


@action("unlock_account")
def do_unlock_account(account: Account, *, actor: Account) -> Account:
    """Lift the temporary lock a run of wrong passwords put on a login, before it runs out."""
    _require_admin(actor)
    current = Account.objects.select_for_update().get(pk=account.pk)  # the counter's lock, as at login
    if not login_locked(current):
        raise StateNotAllowed(f"Tài khoản {account.username} không bị tạm khóa", _ACCOUNT_RULE,
                              confidence="inference")
    until = current.locked_until
    account.failed_logins, account.locked_until = 0, None
    account.save(update_fields=["failed_logins", "locked_until"])
    _log("unlock_account", actor, account, account.person.unit_id if account.person else None,
         {"username": account.username, "locked_until": until.isoformat() if until else None})
    return account


# --- logging in ---------------------------------------------------------------------------------


def login_locked(account: Account, now: dt.datetime | None = None) -> bool:
    """Locked for now by a run of wrong passwords (until `locked_until`)."""
    return account.locked_until is not None and account.locked_until > (now or timezone.now())


def _spend_hash_time(password: str) -> None:
    """Hash once, as a real check does, so the time of the answer tells nothing either."""
    Account().set_password(password)


def _count_failure(account: Account) -> None:
    account.failed_logins += 1
    if account.failed_logins >= settings.LOGIN_MAX_FAILURES:
        account.locked_until = timezone.now() + dt.timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
        account.failed_logins = 0
        # Nobody is logged in: the actor is unknown, the object is the account tried.
        append_event(kind=EventKind.LOGIN, action="lockout", actor=None, obj=account,
                     unit_id=account.person.unit_id if account.person else None,
                     changes={"username": account.username, "failures": settings.LOGIN_MAX_FAILURES,
                              "minutes": settings.LOGIN_LOCK_MINUTES})
    account.save(update_fields=["failed_logins", "locked_until"])


@action("login")
def _log_in_under_lock(username: str, password: str) -> Account | None:
    # The row lock (SQLite: the IMMEDIATE transaction's write lock) is held while the password
    # is checked, so parallel attempts are checked one after another against the real counter.
    account = Account.objects.select_for_update().filter(username=username).first()
    if account is None or login_locked(account):
        return None
    if not account.check_password(password):
        _count_failure(account)
        return None
    if not account.is_active:
        return None
    account.failed_logins, account.locked_until = 0, None
    account.save(update_fields=["failed_logins", "locked_until"])
    append_event(kind=EventKind.LOGIN, action="login", actor=account, obj=account,
                 unit_id=account.person.unit_id if account.person else None, changes={})
    return account


def do_log_in(*, username: str, password: str) -> Account | None:
    """Check a login: the account, or None for every failure alike (unknown name, wrong password,
    temporary lock, disabled account), so the answer never tells which names exist. After
    LOGIN_MAX_FAILURES wrong passwords in a row the account is locked for LOGIN_LOCK_MINUTES;
    counter and lock are read and written under a lock on the account row."""
    known = Account.objects.filter(username=username).only("locked_until").first()
    if known is None or login_locked(known):
        _spend_hash_time(password)  # no lock taken, nothing written
        return None
    return _log_in_under_lock(username, password)


@action("grant_delegation")
def do_grant_delegation(
    *, from_person: Person, to_person: Person, scopes: list[str], doc_number: str,
    doc_date: dt.date, valid_from: dt.date, valid_to: dt.date | None, actor: Account,
) -> Delegation:
    """Record a written delegation from the head to a deputy of the same unit, with scope and
    validity. Refused when the delegator is not the head (a deputy may not sub-delegate)."""
    may(Step.RECORD_DELEGATION, actor, from_person.unit_id, decider=from_person)
    if not from_person.is_head:
        raise DelegationInvalid("Chỉ người đứng đầu đơn vị mới được ủy quyền", _DELEGATION_SOURCE,
                                confidence="partial")
    position = to_person.position
    if to_person.unit_id != from_person.unit_id or position is None or not position.is_deputy:
        raise DelegationInvalid("Người được ủy quyền phải là cấp phó của cùng đơn vị", _DELEGATION_SOURCE,
                                confidence="partial")
    unknown = set(scopes) - set(DelegationScope.values)
    if not scopes or unknown:
        raise DelegationInvalid("Phạm vi ủy quyền không hợp lệ", _DELEGATION_SOURCE, confidence="partial")
    if not doc_number.strip() or (valid_to is not None and valid_to < valid_from):
        raise DelegationInvalid("Phải có số văn bản ủy quyền và thời hạn hợp lệ", _DELEGATION_SOURCE,
                                confidence="partial")
    assert from_person.position is not None
    delegation = Delegation.objects.create(
        unit=from_person.unit, from_person=from_person, to_person=to_person, scopes=scopes,
        doc_number=doc_number, doc_date=doc_date, valid_from=valid_from, valid_to=valid_to,
        from_authority_class=from_person.position.authority_class, from_was_head=True,
    )
    _log("grant_delegation", actor, delegation, delegation.unit_id, {
        "from": from_person.full_name, "to": to_person.full_name, "scopes": scopes,
        "doc": str(delegation), "valid_to": valid_to.isoformat() if valid_to else None,
    })
    return delegation


@action("revoke_delegation")
def do_revoke_delegation(delegation: Delegation, *, on: dt.date, actor: Account) -> Delegation:
    """Revoke a delegation from a day on; decisions made before stay valid."""
    may(Step.RECORD_DELEGATION, actor, delegation.unit_id)
    if delegation.revoked_on is not None:
        raise DelegationInvalid("Ủy quyền đã bị thu hồi", _DELEGATION_SOURCE, confidence="partial")
    delegation.revoked_on = on
    delegation.save(update_fields=["revoked_on"])
    _log("revoke_delegation", actor, delegation, delegation.unit_id, {"revoked_on": on.isoformat()})
    return delegation


@action("assign_staff")
def do_assign_staff(
    *, person: Person, kind: AssignmentKind, decision_number: str, decision_date: dt.date,
    start_on: dt.date, actor: Account,
) -> StaffAssignment:
    """Assign a person to secret-protection work, full- or part-time (Điều 7 NĐ 26/2020)."""
    may(Step.RECORD_STAFF, actor, person.unit_id)
    assignment = StaffAssignment.objects.create(
        unit=person.unit, person=person, kind=kind, decision_number=decision_number,
        decision_date=decision_date, start_on=start_on,
    )
    _log("assign_staff", actor, assignment, person.unit_id,
         {"person": person.full_name, "kind": kind, "decision": decision_number})
    return assignment


@action("record_commitment")
def do_record_commitment(
    *, person: Person, signed_on: dt.date, reference: str, actor: Account
) -> Commitment:
    """Record a signed commitment to protect state secrets (Điều 26 Luật 2018)."""
    may(Step.RECORD_STAFF, actor, person.unit_id)
    commitment = Commitment.objects.create(person=person, unit=person.unit, signed_on=signed_on,
                                           reference=reference)
    _log("record_commitment", actor, commitment, person.unit_id,
         {"person": person.full_name, "signed_on": signed_on.isoformat()})
    return commitment

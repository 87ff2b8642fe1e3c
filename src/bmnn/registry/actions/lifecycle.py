"""Protection period events: extension, level change, declassification, and their notices."""

from __future__ import annotations

import datetime as dt

from bmnn.audit.journal import action
from bmnn.law.authority import Power, authorize
from bmnn.law.errors import StateNotAllowed
from bmnn.law.levels import Level
from bmnn.law.periods import check_extension, notice_due, protection_until
from bmnn.org.authority import delegation_by_id, law_actor
from bmnn.org.models import Account, Person
from bmnn.registry.actions.common import diff, record, require_held, snapshot
from bmnn.registry.models import Document, DocumentState, LifeDecision, LifeDecisionKind
from bmnn.registry.rules import pack_for

_FIELDS = ["level", "protected_until", "state", "summary"]


def _decision(document: Document, kind: str, decided_on: dt.date, **fields: object) -> LifeDecision:
    pack = pack_for(decided_on)
    return LifeDecision.objects.create(
        document=document, kind=kind, decided_on=decided_on,
        notice_due=notice_due(pack, decided_on), **fields,
    )


@action("extend_protection")
def do_extend_protection(
    document: Document, *, new_until: dt.date, decided_on: dt.date, decided_by: Person,
    decision_number: str, reason: str, actor: Account,
) -> LifeDecision:
    """Extend the protection period: decided at least 60 days before expiry, each extension no
    longer than the level's base period (Điều 20); written notice due within 15 days."""
    pack = pack_for(decided_on)
    require_held(document, pack, "gia hạn")
    assert document.protected_until is not None
    check_extension(pack, Level(document.level), document.protected_until, new_until, decided_on)
    authority = authorize(pack, Power.EXTEND, law_actor(decided_by), document.unit_id, decided_on)
    before = snapshot(document, _FIELDS)
    decision = _decision(
        document, LifeDecisionKind.EXTENSION, decided_on, decided_by=decided_by,
        delegation=delegation_by_id(authority.delegation), decision_number=decision_number,
        reason=reason, old_until=document.protected_until, new_until=new_until,
    )
    document.protected_until = new_until
    document.save(update_fields=["protected_until"])
    record("extend_protection", actor, decision, document.unit_id, pack,
           {**diff(before, snapshot(document, _FIELDS)), "authority": authority.describe()})
    return decision


@action("change_level")
def do_change_level(
    document: Document, *, new_level: Level, decided_on: dt.date, decided_by: Person,
    decision_number: str, reason: str, actor: Account,
) -> LifeDecision:
    """Raise or lower the level, decided by whoever determined it (Điều 21); the period is
    recounted for the new level from the day of determination; notice due within 15 days.
    Raising to Tuyệt mật removes the stored summary."""
    pack = pack_for(decided_on)
    require_held(document, pack, "điều chỉnh độ mật")
    if new_level.value == document.level:
        raise StateNotAllowed("Độ mật mới trùng độ mật hiện tại", f"Điều 21 {pack.law_short}")
    authority = authorize(pack, Power.CHANGE_LEVEL, law_actor(decided_by), document.unit_id,
                          decided_on)
    before = snapshot(document, _FIELDS)
    decision = _decision(
        document, LifeDecisionKind.LEVEL_CHANGE, decided_on, decided_by=decided_by,
        delegation=delegation_by_id(authority.delegation), decision_number=decision_number,
        reason=reason, old_level=document.level, new_level=new_level.value,
        old_until=document.protected_until,
    )
    document.level = new_level.value
    if new_level == Level.TUYET_MAT:
        document.summary = ""
    start = document.determined_on or decided_on
    document.protected_until = protection_until(pack, new_level, start, document.shorter_until)
    decision.new_until = document.protected_until
    decision.save(update_fields=["new_until"])
    document.save(update_fields=["level", "summary", "protected_until"])
    record("change_level", actor, decision, document.unit_id, pack,
           {**diff(before, snapshot(document, _FIELDS)), "authority": authority.describe()})
    return decision


@action("declassify")
def do_declassify(
    document: Document, *, decided_on: dt.date, decided_by: Person, decision_number: str,
    council: str, reason: str, actor: Account,
) -> LifeDecision:
    """Declassify by decision on the proposal of a declassification council (Điều 22)."""
    pack = pack_for(decided_on)
    require_held(document, pack, "giải mật")
    if not council.strip() or not decision_number.strip():
        raise StateNotAllowed("Giải mật theo quyết định phải có Hội đồng giải mật và số quyết định",
                              f"Khoản 1 Điều 22 {pack.law_short}")
    authority = authorize(pack, Power.DECLASSIFY, law_actor(decided_by), document.unit_id,
                          decided_on)
    return _declassify(document, LifeDecisionKind.DECLASSIFY, decided_on, actor, decided_by=decided_by,
                       delegation=delegation_by_id(authority.delegation),
                       decision_number=decision_number, council=council, reason=reason)


@action("declassify_expired")
def do_declassify_expired(document: Document, *, today: dt.date, actor: Account) -> LifeDecision:
    """Automatic declassification when the protection period and any extension have ended
    (điểm a khoản 1 Điều 22)."""
    pack = pack_for(today)
    require_held(document, pack, "giải mật")
    if document.protected_until is None or document.protected_until >= today:
        raise StateNotAllowed("Tài liệu chưa hết thời hạn bảo vệ", f"Điều 19, 22 {pack.law_short}")
    return _declassify(document, LifeDecisionKind.DECLASSIFY_AUTO, today, actor,
                       reason="Hết thời hạn bảo vệ")


def _declassify(
    document: Document, kind: str, day: dt.date, actor: Account, **fields: object
) -> LifeDecision:
    pack = pack_for(day)
    before = snapshot(document, _FIELDS)
    decision = _decision(document, kind, day, old_level=document.level, **fields)
    document.state = DocumentState.DECLASSIFIED
    document.save(update_fields=["state"])
    record(kind, actor, decision, document.unit_id, pack, diff(before, snapshot(document, _FIELDS)))
    return decision


@action("record_notice")
def do_record_notice(
    decision: LifeDecision, *, sent_on: dt.date, notice_ref: str, actor: Account
) -> LifeDecision:
    """Record the written notice sent to the relevant bodies after the decision."""
    pack = pack_for(sent_on)
    if sent_on < decision.decided_on or not notice_ref.strip():
        raise StateNotAllowed("Ngày thông báo và số văn bản thông báo không hợp lệ",
                              f"Điều 20, 21 {pack.law_short}")
    decision.notice_sent_on, decision.notice_ref = sent_on, notice_ref
    decision.save(update_fields=["notice_sent_on", "notice_ref"])
    record("record_notice", actor, decision, decision.document.unit_id, pack, {
        "sent_on": sent_on.isoformat(), "late": sent_on > (decision.notice_due or sent_on),
    })
    return decision

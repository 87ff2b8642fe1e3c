"""Protection period events: extension, level change, declassification, and their notices."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from bmnn.audit.acts import Act
from bmnn.audit.journal import action
from bmnn.law.authority import Power, authorize
from bmnn.law.levels import Level
from bmnn.law.pack import RulePack
from bmnn.law.periods import check_extension, notice_due, protection_until
from bmnn.lib.text import fold
from bmnn.org.authority import delegation_by_id, law_actor
from bmnn.org.models import Account, Person
from bmnn.registry.actions.common import (
    Late,
    breach,
    dated,
    diff,
    locked,
    not_future,
    record,
    require_held,
    snapshot,
)
from bmnn.registry.may import Step, may
from bmnn.registry.models import Document, DocumentState, LifeDecision, LifeDecisionKind, Origin
from bmnn.registry.rules import pack_for

# The summary is never put in an event: it may be about to become Tuyệt mật.
_FIELDS = ["level", "protected_until", "state"]


def _decision(document: Document, kind: str, decided_on: dt.date, **fields: object) -> LifeDecision:
    # Expiry needs no notice (điểm a khoản 1 Điều 22); decisions are notified within 15 days.
    due = None if kind == LifeDecisionKind.DECLASSIFY_AUTO else notice_due(pack_for(decided_on), decided_on)
    return LifeDecision.objects.create(document=document, kind=kind, decided_on=decided_on,
                                       notice_due=due, **fields)


def _own_secret(document: Document, pack: RulePack, article: str, doing: str) -> None:
    """Only the body that determined the level decides on it; a receiver records the issuer's notice."""
    if document.origin == Origin.INCOMING:
        raise breach(
            f"Chỉ cơ quan đã xác định độ mật ({document.issuer_name or 'cơ quan ban hành'}) mới được "
            f"{doing}; đơn vị nhận thực hiện theo thông báo của cơ quan đó", pack, article)


def _start(
    document: Document, decided_on: dt.date, article: str, doing: str, late: Late | None,
) -> tuple[Document, RulePack, dict[str, object]]:
    pack = pack_for(decided_on)
    document = locked(document)
    backdated = dated(decided_on, "Ngày quyết định", pack, late)
    require_held(document, pack, doing)
    _own_secret(document, pack, article, doing)
    return document, pack, backdated


@action("extend_protection")
def do_extend_protection(
    document: Document, *, new_until: dt.date, decided_on: dt.date, decided_by: Person,
    decision_number: str, reason: str, late: Late | None = None, actor: Account,
) -> LifeDecision:
    """Extend the protection period: decided at least 60 days before expiry, each extension no
    longer than the level's base period (Điều 20); written notice due within 15 days. The 60 days
    are counted to the decision's date and to the day it is entered, so a late entry dated back
    cannot launder a late extension."""
    may(Step.EXTEND, actor, document.unit_id, decider=decided_by)
    document, pack, backdated = _start(document, decided_on, "Điều 20", "gia hạn", late)
    assert document.protected_until is not None
    for day in {decided_on, timezone.localdate()}:
        check_extension(pack, Level(document.level), document.protected_until, new_until, day)
    authority = authorize(pack, Power.EXTEND, law_actor(decided_by), document.unit_id, decided_on)
    before = snapshot(document, _FIELDS)
    decision = _decision(
        document, LifeDecisionKind.EXTENSION, decided_on, decided_by=decided_by,
        delegation=delegation_by_id(authority.delegation), decision_number=decision_number,
        reason=reason, old_until=document.protected_until, new_until=new_until,
    )
    document.protected_until = new_until
    document.save(update_fields=["protected_until"])
    record("extend_protection", actor, document, document.unit_id, pack,
           {**diff(before, snapshot(document, _FIELDS)), "authority": authority.describe(),
            "decision": decision_number, **backdated})
    return decision


def _remove_summary(document: Document) -> bool:
    """Raised to Tuyệt mật: the summary goes from the document, its register lines and search
    text (Phụ lục III NĐ 63/2026). This rewrites lines even in a closed volume, because the law
    forbids keeping the text; the event records that it was removed, never the text."""
    had = bool(document.summary)
    document.summary = ""
    document.search_text = fold(f"{document.number_symbol} {document.doc_type}")
    for entry in document.entries.all():
        if "type_summary" in entry.columns:
            entry.columns = {**entry.columns, "type_summary": document.doc_type}
        entry.search_text = fold(" ".join(str(v) for v in entry.columns.values()))
        entry.save(update_fields=["columns", "search_text"])
    return had


@action("change_level")
def do_change_level(
    document: Document, *, new_level: Level, decided_on: dt.date, decided_by: Person,
    decision_number: str, reason: str, late: Late | None = None, actor: Account,
) -> LifeDecision:
    """Raise or lower the level, decided by whoever determined it (Điều 21); the period is
    recounted for the new level from the day of determination, never shortening an extension
    already granted; notice due within 15 days. Raising to Tuyệt mật removes the summary."""
    may(Step.CHANGE_LEVEL, actor, document.unit_id, decider=decided_by)
    document, pack, backdated = _start(document, decided_on, "Điều 21", "điều chỉnh độ mật", late)
    if new_level.value == document.level:
        raise breach("Độ mật mới trùng độ mật hiện tại", pack, "Điều 21")
    if not reason.strip() or not decision_number.strip():
        raise breach("Phải ghi số quyết định và căn cứ danh mục BMNN của độ mật mới", pack, "Khoản 1 Điều 21")
    authority = authorize(pack, Power.CHANGE_LEVEL, law_actor(decided_by), document.unit_id, decided_on)
    before = snapshot(document, _FIELDS)
    decision = _decision(
        document, LifeDecisionKind.LEVEL_CHANGE, decided_on, decided_by=decided_by,
        delegation=delegation_by_id(authority.delegation), decision_number=decision_number,
        reason=reason, old_level=document.level, new_level=new_level.value,
        old_until=document.protected_until,
    )
    removed = _remove_summary(document) if new_level == Level.TUYET_MAT else False
    document.level = new_level.value
    recounted = protection_until(pack, new_level, document.determined_on or decided_on,
                                 document.shorter_until)
    extended = document.decisions.filter(kind=LifeDecisionKind.EXTENSION).order_by("-new_until").first()
    document.protected_until = max(recounted, extended.new_until) if extended and extended.new_until \
        else recounted
    decision.new_until = document.protected_until
    decision.save(update_fields=["new_until"])
    document.save(update_fields=["level", "summary", "search_text", "protected_until"])
    document.entries.update(level=new_level.value)  # register masking follows the current level
    record("change_level", actor, document, document.unit_id, pack, {
        **diff(before, snapshot(document, _FIELDS)), "authority": authority.describe(),
        "decision": decision_number, "summary_removed": removed, **backdated,
    })
    return decision


@action("declassify")
def do_declassify(
    document: Document, *, decided_on: dt.date, decided_by: Person, decision_number: str,
    council: str, reason: str, late: Late | None = None, actor: Account,
) -> LifeDecision:
    """Declassify by decision on the proposal of a declassification council (Điều 22)."""
    may(Step.DECLASSIFY, actor, document.unit_id, decider=decided_by)
    document, pack, backdated = _start(document, decided_on, "Điều 22", "giải mật", late)
    if not council.strip() or not decision_number.strip():
        raise breach("Giải mật theo quyết định phải có Hội đồng giải mật và số quyết định", pack,
                     "Khoản 1 Điều 22")
    authority = authorize(pack, Power.DECLASSIFY, law_actor(decided_by), document.unit_id, decided_on)
    return _declassify(document, LifeDecisionKind.DECLASSIFY, Act.DECLASSIFY, decided_on, actor,
                       decided_by=decided_by,
                       delegation=delegation_by_id(authority.delegation),
                       decision_number=decision_number, council=council, reason=reason, backdated=backdated)


@action("declassify_expired")
def do_declassify_expired(document: Document, *, actor: Account) -> LifeDecision:
    """Record the automatic declassification of a document whose protection period and any
    extension ended before today (điểm a khoản 1 Điều 22); the day is always today's."""
    may(Step.DECLASSIFY_EXPIRED, actor, document.unit_id)
    today = timezone.localdate()
    pack = pack_for(today)
    document = locked(document)
    require_held(document, pack, "giải mật")
    if document.protected_until is None or document.protected_until >= today:
        raise breach("Tài liệu chưa hết thời hạn bảo vệ", pack, "Điều 19, 22")
    return _declassify(document, LifeDecisionKind.DECLASSIFY_AUTO, Act.DECLASSIFY_EXPIRED, today, actor,
                       reason="Hết thời hạn bảo vệ")


@action("declassify_removed_from_catalog")
def do_declassify_removed_from_catalog(
    document: Document, *, decided_on: dt.date, decided_by: Person, catalog_ref: str,
    late: Late | None = None, actor: Account,
) -> LifeDecision:
    """Declassify a document whose content is no longer in the catalog of state secrets: the
    body that determined it stamps "GIẢI MẬT" and notifies the relevant bodies at once (điểm c
    khoản 1 Điều 22)."""
    may(Step.DECLASSIFY_CATALOG, actor, document.unit_id, decider=decided_by)
    document, pack, backdated = _start(document, decided_on, "Điều 22", "giải mật", late)
    if not catalog_ref.strip():
        raise breach("Phải ghi văn bản đưa nội dung ra khỏi danh mục BMNN", pack, "Điểm c khoản 1 Điều 22")
    authority = authorize(pack, Power.DECLASSIFY, law_actor(decided_by), document.unit_id, decided_on)
    decision = _declassify(document, LifeDecisionKind.DECLASSIFY_CATALOG, Act.DECLASSIFY_REMOVED_FROM_CATALOG,
                           decided_on, actor,
                           decided_by=decided_by, delegation=delegation_by_id(authority.delegation),
                           decision_number=catalog_ref, reason="Không còn thuộc danh mục BMNN",
                           backdated=backdated)
    decision.notice_due = decided_on  # "thông báo ngay"
    decision.save(update_fields=["notice_due"])
    return decision


def _declassify(
    document: Document, kind: str, event: Act, day: dt.date, actor: Account,
    backdated: dict[str, object] | None = None, **fields: object,
) -> LifeDecision:
    """The declassification itself; the event carries the action's own name, success or refusal."""
    pack = pack_for(day)
    before = snapshot(document, _FIELDS)
    decision = _decision(document, kind, day, old_level=document.level, **fields)
    document.state = DocumentState.DECLASSIFIED
    document.save(update_fields=["state"])
    record(event, actor, document, document.unit_id, pack,
           {**diff(before, snapshot(document, _FIELDS)), **(backdated or {})})
    return decision


@action("record_notice")
def do_record_notice(
    decision: LifeDecision, *, sent_on: dt.date, notice_ref: str, actor: Account
) -> LifeDecision:
    """Record the written notice sent to the relevant bodies after the decision."""
    may(Step.RECORD_NOTICE, actor, decision.document.unit_id)
    pack = pack_for(sent_on)
    decision = locked(decision)
    not_future(sent_on, "Ngày thông báo", pack)
    if decision.notice_sent_on is not None:
        raise breach("Đã ghi thông báo cho quyết định này", pack, "Điều 20, 21")
    if sent_on < decision.decided_on or not notice_ref.strip():
        raise breach("Ngày thông báo và số văn bản thông báo không hợp lệ", pack, "Điều 20, 21")
    decision.notice_sent_on, decision.notice_ref = sent_on, notice_ref
    decision.save(update_fields=["notice_sent_on", "notice_ref"])
    record("record_notice", actor, decision, decision.document.unit_id, pack, {
        "document": decision.document_id, "sent_on": sent_on.isoformat(),
        "late": sent_on > (decision.notice_due or sent_on),
    })
    return decision

"""What every registry action shares: the acting person, events, state checks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone

from bmnn.audit.journal import append_event
from bmnn.audit.models import EventKind
from bmnn.law.errors import StateNotAllowed
from bmnn.law.pack import Confidence, RulePack
from bmnn.lib.text import nfc
from bmnn.org.models import Account, Person
from bmnn.registry.models import Document, DocumentState
from bmnn.registry.models.documents import HELD_STATES
from bmnn.registry.rules import pack_for

M = TypeVar("M", bound=models.Model)


def locked(obj: M) -> M:
    """Re-read `obj` inside the action's transaction, locked, so checks see the current row
    (a stale instance from a second tab or a retried request must not act twice)."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def not_future(day: dt.date, what: str, pack: RulePack) -> None:
    """Registers record what has happened: a date after today is refused."""
    if day > timezone.localdate():
        raise breach(f"{what} ({day:%d/%m/%Y}) không thể sau ngày hôm nay", pack, "Điều 12",
                     " (thống kê theo trình tự thời gian)", confidence="inference")


@dataclass(frozen=True)
class Late:
    """Why a decision is entered later than its date allows, and the paper that carries it."""

    reason: str = ""
    reference: str = ""


def dated(day: dt.date, what: str, pack: RulePack, late: Late | None) -> dict[str, Any]:
    """A typed date is evidence, not the clock: not after today, and when it lies more than the
    grace days before today, entered only with a reason and the paper's number and date. Returns
    what the audit event records of it (nothing when entered on time)."""
    not_future(day, what, pack)
    today = timezone.localdate()
    rule = pack_for(today).rule("backdating_grace_days")
    days = (today - day).days
    if days <= int(rule.value):
        return {}
    if late is None or not late.reason.strip() or not late.reference.strip():
        raise StateNotAllowed(
            f"{what} {day:%d/%m/%Y} sớm hơn ngày ghi nhận {days} ngày (quá {rule.value} ngày): phải ghi "
            "lý do ghi nhận muộn và số, ngày văn bản giấy của quyết định", rule.source,
            confidence=rule.confidence)
    return {"backdated_days": days, "late_reason": nfc(late.reason.strip()),
            "paper_ref": nfc(late.reference.strip())}


def breach(message: str, pack: RulePack, where: str, extra: str = "", *,
           confidence: str = "confirmed") -> StateNotAllowed:
    """A refusal citing an article of the regime in force ("Điều 13"), saying so when the new
    law's numbering is not confirmed."""
    text, numbering = pack.article(where)
    weakest = numbering if numbering != Confidence.CONFIRMED else Confidence(confidence)
    return StateNotAllowed(message, text + extra, confidence=weakest)


def refused(message: str, pack: RulePack, topic: str, extra: str = "") -> StateNotAllowed:
    """A state refusal citing the regime's provision for `topic` (see `cite_*` in the packs)."""
    provision, confidence = pack.cite(topic)
    return StateNotAllowed(message, f"{provision}{extra}", confidence=confidence)


def person_of(actor: Account) -> Person:
    if actor.person is None:
        raise PermissionDenied("Tài khoản chưa gắn với cán bộ nào")
    return actor.person


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    return {f: _plain(getattr(obj, f)) for f in fields}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {k: {"before": before.get(k), "after": v} for k, v in after.items() if before.get(k) != v}


def record(
    name: str, actor: Account, obj: models.Model, unit_id: int | None, pack: RulePack | None,
    changes: dict[str, Any],
) -> None:
    append_event(
        kind=EventKind.ACTION, action=name, actor=actor, obj=obj, unit_id=unit_id,
        changes=changes, rulepack_version=f"{pack.regime.value}/{pack.version}" if pack else "",
    )


def require_held(document: Document, pack: RulePack, doing: str) -> None:
    """The unit must currently hold the document (issued or received, not destroyed or lost)."""
    if document.state not in HELD_STATES:
        state = document.get_state_display()
        raise breach(f"Không thể {doing}: tài liệu đang ở trạng thái \"{state}\"", pack, "Điều 12",
                     " (thống kê, lưu giữ tài liệu đã vào sổ)", confidence="partial")


def require_state(document: Document, state: DocumentState, message: str, provision: str) -> None:
    if document.state != state:
        raise StateNotAllowed(message, provision)

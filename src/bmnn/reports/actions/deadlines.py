"""Deadlines a receiving body sets for the units below it, and their withdrawal."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from bmnn.audit.journal import action
from bmnn.law.steps import Step
from bmnn.org.models import Unit
from bmnn.registry.may import may
from bmnn.reports.kinds import kind
from bmnn.reports.models import Deadline

if TYPE_CHECKING:
    from bmnn.org.models import Account


from bmnn.reports.actions.common import log_event, units_below


@action("set_report_deadline")
def do_set_report_deadline(
    receiver: Unit,
    *,
    kind_id: str,
    due_on: dt.date,
    basis: str,
    period: str = "",
    yearly: bool = False,
    units: list[Unit] | None = None,
    issued_on: dt.date | None = None,
    actor: Account,
) -> Deadline:
    """A report the receiving body calls for from the units below it, from the day of its plan or
    letter (`issued_on`, today when not given): a deadline never reaches back before its letter."""
    person = may(Step.RECEIVE_REPORT, actor, receiver.pk)
    kind(kind_id)
    if not basis.strip():
        raise ValueError("Cần ghi văn bản yêu cầu báo cáo (số, ngày, cơ quan ban hành)")
    issued_on = issued_on or timezone.localdate()
    if issued_on > timezone.localdate():
        raise ValueError(f"Ngày văn bản {issued_on:%d/%m/%Y} ở tương lai")
    if due_on < issued_on:
        raise ValueError(
            f"Hạn gửi {due_on:%d/%m/%Y} trước ngày văn bản {issued_on:%d/%m/%Y}: hạn không tính ngược"
        )
    named = units or []
    outside = [u.code for u in named if u.pk not in units_below(receiver)]
    if outside:
        raise ValueError(
            f"Đơn vị {', '.join(outside)} không thuộc {receiver.name}: chỉ đặt hạn cho đơn vị cấp dưới"
        )
    deadline = Deadline.objects.create(
        receiver=receiver,
        kind=kind_id,
        period=period.strip(),
        due_on=due_on,
        yearly=yearly,
        basis=basis.strip(),
        issued_on=issued_on,
        set_by=person,
        set_at=timezone.now(),
    )
    deadline.units.set(named)
    log_event(
        "set_report_deadline",
        actor,
        deadline,
        receiver.pk,
        kind=kind_id,
        due_on=due_on.isoformat(),
        yearly=yearly,
        period=deadline.period,
        basis=deadline.basis,
        issued_on=issued_on.isoformat(),
        units=[u.code for u in named],
    )
    return deadline


@action("withdraw_report_deadline")
def do_withdraw_report_deadline(deadline: Deadline, *, actor: Account) -> Deadline:
    may(Step.RECEIVE_REPORT, actor, deadline.receiver_id)
    if deadline.withdrawn_at is not None:
        raise ValueError("Hạn báo cáo này đã được bỏ trước đây")
    deadline.withdrawn_at = timezone.now()
    deadline.save(update_fields=["withdrawn_at"])
    log_event("withdraw_report_deadline", actor, deadline, deadline.receiver_id, kind=deadline.kind)
    return deadline

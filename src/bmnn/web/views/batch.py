"""Handover of documents to another unit, and destruction of several documents at once."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from bmnn.registry.access import visible_documents
from bmnn.registry.actions.disposal import do_destroy_documents
from bmnn.registry.actions.handover import do_hand_over_documents
from bmnn.registry.may import Step
from bmnn.registry.models import HandoverReason
from bmnn.registry.models.documents import HELD_STATES
from bmnn.web.forms.batch import BatchDestructionForm, HandoverForm
from bmnn.web.forms.common import split_late
from bmnn.web.views.common import account_of, run_action, step_required, unit_of


def _held(request: HttpRequest) -> Any:
    unit = unit_of(request)
    return visible_documents(account_of(request)).filter(unit=unit, state__in=HELD_STATES).order_by("-id")


@step_required(Step.HAND_OVER)
def handover_new(request: HttpRequest) -> HttpResponse:
    """Hand documents over to another unit (merge, an officer leaving) with minutes."""
    unit, actor = unit_of(request), account_of(request)
    form = HandoverForm(request.POST or None, unit=unit, documents=_held(request))

    def perform(x: dict[str, Any]) -> Any:
        return do_hand_over_documents(
            list(x["documents"]), from_unit=unit, to_unit=x["to_unit"], reason=HandoverReason(x["reason"]),
            handed_by=x["handed_by"], received_by=x["received_by"], handed_on=x["handed_on"],
            minutes_ref=x["minutes_ref"], actor=actor)

    return run_action(request, form, perform, title="Bàn giao tài liệu cho đơn vị khác",
                      done="Đã bàn giao; tài liệu thuộc đơn vị nhận.", next_url=lambda _: reverse("web:home"))


@step_required(Step.DESTROY)
def destruction_new(request: HttpRequest) -> HttpResponse:
    """Destroy several documents under one decision, council and minutes (Điều 23)."""
    unit, actor = unit_of(request), account_of(request)
    form = BatchDestructionForm(request.POST or None, unit=unit, documents=_held(request))

    def perform(x: dict[str, Any]) -> Any:
        x, late = split_late(x)
        return do_destroy_documents(list(x.pop("documents")), unit=unit, late=late, actor=actor, **x)

    return run_action(request, form, perform, title="Tiêu hủy tài liệu", done="Đã ghi tiêu hủy.",
                      next_url=lambda _: reverse("web:documents"))

"""Cancelling a register line and closing a volume."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from bmnn.law.levels import Level
from bmnn.registry.access import cleared_levels
from bmnn.registry.actions.registers import do_cancel_entry, do_close_volume
from bmnn.registry.may import Step
from bmnn.registry.models import Register, RegisterEntry
from bmnn.reports.registers import entry_cells, layout_of, masked_cells
from bmnn.web.forms.common import date_field
from bmnn.web.forms.lifecycle import CancelEntryForm
from bmnn.web.views.common import account_of, person_of, run_action, step_required, unit_of


class CloseVolumeForm(forms.Form):
    closed_on = date_field("Ngày khóa sổ")


def _line(request: HttpRequest, entry: RegisterEntry) -> list[tuple[str, str]]:
    """The line as the register prints it (masked above the reader's clearance): what is cancelled."""
    layout = layout_of(entry.register)
    ids = [c.id for c in layout.columns]
    hidden = {lv.value for lv in Level} - set(cleared_levels(person_of(request)))
    cells = masked_cells(entry, ids) if entry.level in hidden else entry_cells(entry, ids)
    return [(c.title, text) for c, text in zip(layout.columns, cells, strict=True) if text]


@step_required(Step.CANCEL_ENTRY)
def entry_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(RegisterEntry.objects.select_related("register"), pk=pk, unit=unit_of(request))
    account = account_of(request)

    def perform(data: dict[str, Any]) -> RegisterEntry:
        return do_cancel_entry(entry, reason=data["reason"], actor=account)

    return run_action(request, CancelEntryForm(request.POST or None), perform,
                      title=f"Hủy dòng số {entry.number:02d} — {entry.register}",
                      done="Đã hủy dòng (giữ nguyên số).",
                      next_url=lambda e: reverse("web:register", args=[e.kind, e.year]),
                      context={"line": _line(request, entry),
                               "help": "Dòng bị hủy giữ nguyên số thứ tự; bản in ghi “ĐÃ HỦY” và lý do."})


@step_required(Step.CLOSE_VOLUME)
def volume_close(request: HttpRequest, pk: int) -> HttpResponse:
    register = get_object_or_404(Register, pk=pk, unit=unit_of(request))
    account = account_of(request)

    def perform(data: dict[str, Any]) -> Register:
        return do_close_volume(register, closed_on=data["closed_on"], actor=account)

    return run_action(request, CloseVolumeForm(request.POST or None), perform, title=f"Khóa {register}",
                      done="Đã khóa sổ.", next_url=lambda r: reverse("web:register", args=[r.kind, r.year]))

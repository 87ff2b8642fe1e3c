"""The inspector's (and the head's) reading of the unit's log: filters, the chain's state and the
last checkpoint a report package carried out of the unit, export to Excel."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bmnn.audit.acts import Act, act_label
from bmnn.audit.chain import Verdict
from bmnn.audit.channel import Channel
from bmnn.audit.models import ChainHead, Event, EventKind
from bmnn.audit.verify import check_checkpoint, verify_chain
from bmnn.org.models import Account, Unit
from bmnn.registry.access import cleared_levels, visible_documents
from bmnn.reports.writers.log_xlsx import render_log_xlsx
from bmnn.web.details import details
from bmnn.web.forms.common import date_field
from bmnn.web.unit_log import LogFilter, log_page, unit_events, withheld
from bmnn.web.views.common import account_of, page_number, person_of, query_without_page, roles_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_EXPORT = 20_000
LOG_READERS = ("inspector", "head")
WITHHELD = "Không hiện chi tiết: tài liệu vượt mức bạn được tiếp cận"


class LogForm(forms.Form):
    nguoi = forms.TypedChoiceField(label="Người thực hiện", required=False, coerce=int, empty_value=None)
    loai = forms.ChoiceField(label="Thao tác", required=False)
    tu = date_field("Từ ngày", required=False)
    den = date_field("Đến ngày", required=False)
    ho_so = forms.CharField(label="Hồ sơ (số, ký hiệu hoặc trích yếu)", required=False, max_length=200)
    tu_choi = forms.BooleanField(label="Chỉ thao tác bị từ chối", required=False)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = Account.objects.filter(person__unit=unit).select_related("person") \
            .order_by("person__full_name")
        who, kind = self.fields["nguoi"], self.fields["loai"]
        assert isinstance(who, forms.ChoiceField) and isinstance(kind, forms.ChoiceField)
        who.choices = [("", "Mọi người"), *((a.pk, a.display_name) for a in people)]
        acts = sorted(Act, key=lambda a: a.label)
        kind.choices = [("", "Mọi thao tác"), *((a.value, a.label) for a in acts)]
        for field in self.fields.values():
            field.help_text = ""

    def filter(self) -> LogFilter:
        if not self.is_valid():
            return LogFilter(actor_id=-1)  # a wrong filter shows nothing rather than everything
        x = self.cleaned_data
        return LogFilter(actor_id=x["nguoi"], action=x["loai"], since=x["tu"], until=x["den"],
                         record=x["ho_so"], refusals=x["tu_choi"])


def _outcome(event: Event) -> str:
    return EventKind(event.kind).label if event.kind in EventKind.values else event.kind


def _detail_text(event: Event, hidden: bool) -> str:
    if hidden:
        return WITHHELD
    return " · ".join(f"{k}: {v}" if k else v for k, v in details(event.changes))


def _channel(event: Event) -> str:
    return Channel(event.channel).label if event.channel in Channel.__members__.values() else ""


def _last_checkpoint(unit: Unit) -> tuple[dict[str, Any], dt.date] | None:
    """The audit checkpoint the last report package sent by the unit carried (reports app)."""
    from bmnn.reports.models import Direction, Filing

    filing = Filing.objects.filter(unit=unit, direction=Direction.SENT).order_by("-recorded_at").first()
    point = (filing.manifest or {}).get("audit_checkpoint") if filing else None
    return (point, filing.sent_on) if filing and isinstance(point, dict) else None


def _chain(unit: Unit, check: bool) -> dict[str, Any]:
    head = ChainHead.objects.filter(pk=1).first()
    last = _last_checkpoint(unit)
    state: dict[str, Any] = {"count": head.seq if head else 0, "hash": head.hash[:16] if head else "",
                             "checkpoint": last}
    if check:
        verdict: Verdict = verify_chain()
        state["verdict"] = verdict
        if last:
            point = last[0]
            state["checkpoint_verdict"] = check_checkpoint(
                {"count": point.get("seq", 0), "head_hash": point.get("hash", "")})
    return state


@roles_required(*LOG_READERS)
def unit_log(request: HttpRequest) -> HttpResponse:
    """The unit's events, newest first, for the inspector and the head."""
    person = person_of(request)
    form = LogForm(request.GET or None, unit=person.unit)
    what = form.filter() if request.GET else LogFilter()
    events = unit_events(person.unit_id, what, visible_documents(account_of(request)))
    page = log_page(events, cleared_levels(person), page=page_number(request))
    return render(request, "web/unit_log.html", {
        "form": form, "page": page, "unit": person.unit, "withheld": WITHHELD,
        "chain": _chain(person.unit, "kiem-tra" in request.GET), "query": query_without_page(request),
    })


@roles_required(*LOG_READERS)
def unit_log_export(request: HttpRequest) -> HttpResponse:
    """The filtered log as .xlsx (at most MAX_EXPORT events, newest first)."""
    person = person_of(request)
    form = LogForm(request.GET or None, unit=person.unit)
    what = form.filter() if request.GET else LogFilter()
    events = list(unit_events(person.unit_id, what, visible_documents(account_of(request)))[:MAX_EXPORT])
    hidden = withheld(events, cleared_levels(person))
    rows = [(str(e.seq), timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M"), e.actor_name or "Hệ thống",
             act_label(e.action), _outcome(e), _channel(e), _detail_text(e, e.seq in hidden))
            for e in events]
    head = ChainHead.objects.filter(pk=1).first()
    notes = [f"Xuất ngày {timezone.localtime():%d/%m/%Y %H:%M} bởi {account_of(request).display_name}; "
             f"{len(rows)} sự kiện" + (f" (tối đa {MAX_EXPORT})" if len(rows) == MAX_EXPORT else "") + ".",
             f"Chuỗi nhật ký: {head.seq if head else 0} sự kiện, mã cuối {head.hash[:16] if head else ''}…"]
    body = render_log_xlsx(f"Nhật ký hoạt động — {person.unit.name}", notes, rows)
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="nhat-ky-{timezone.localdate():%Y%m%d}.xlsx"'
    return response

"""Download a register as .docx or .xlsx, in the official column layout."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse

from bmnn.audit.journal import append_event
from bmnn.audit.models import EventKind
from bmnn.law.levels import Level
from bmnn.registry.access import cleared_levels
from bmnn.registry.models import RegisterKind
from bmnn.reports.registers import build_register_prints
from bmnn.reports.writers.register_docx import render_register_docx
from bmnn.reports.writers.register_xlsx import render_register_xlsx
from bmnn.web.views.common import account_of, person_of, roles_required

_FORMATS = {
    "docx": (render_register_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": (render_register_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


@roles_required("clerk", "head", "deputy", "inspector")
def register_export(request: HttpRequest, kind: str, year: int, fmt: str) -> HttpResponse:
    """The whole year's register; lines above the reader's clearance print their number and
    level only, as the page shows them, and the cover says how many were masked."""
    if kind not in RegisterKind.values or fmt not in _FORMATS:
        raise Http404("Không có sổ hoặc định dạng này")
    person = person_of(request)
    hidden = {lv.value for lv in Level} - set(cleared_levels(person))
    prints = build_register_prints(person.unit, kind, year, hidden_levels=hidden)
    if not prints:
        raise Http404("Sổ chưa có quyển nào trong năm này")
    render, mime = _FORMATS[fmt]
    masked = sum(p.masked for p in prints)
    with transaction.atomic():
        append_event(kind=EventKind.READ, action="export_register", actor=account_of(request),
                     unit_id=person.unit_id,
                     changes={"kind": kind, "year": year, "format": fmt, "masked": masked})
    response = HttpResponse(render(prints), content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="so-{kind}-{year}.{fmt}"'
    return response

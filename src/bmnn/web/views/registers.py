"""The four registers as searchable lists, with print and export."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bmnn.law.levels import Level
from bmnn.registry.access import cleared_levels, sees_unit_registers
from bmnn.registry.models import RegisterEntry, RegisterKind
from bmnn.registry.queries import register_page
from bmnn.registry.rules import pack_for
from bmnn.web.views.common import account_of, person_of, roles_required


def _masked(entry: RegisterEntry, cleared: list[str]) -> bool:
    return bool(entry.level) and entry.level not in cleared


@roles_required("clerk", "head", "deputy", "inspector")
def register_list(request: HttpRequest, kind: str, year: int | None = None) -> HttpResponse:
    """A register's entries, newest first; rows above the reader's clearance show only their number."""
    if kind not in RegisterKind.values:
        raise Http404("Không có sổ này")
    if not sees_unit_registers(account_of(request)):
        raise PermissionDenied
    person = person_of(request)
    year = year or timezone.localdate().year
    q = request.GET.get("q", "")
    cleared = cleared_levels(person)
    page = register_page(person.unit, kind, year, q=q, page=int(request.GET.get("trang", "1") or 1),
                         searchable_levels=cleared)
    layout = pack_for(dt.date(year, 12, 31)).registers[kind]
    rows = [(e, _masked(e, cleared), [e.columns.get(c.id, "") for c in layout.columns]) for e in page.rows]
    return render(request, "web/register.html", {
        "kind": kind, "kind_label": RegisterKind(kind).label, "year": year, "q": q, "page": page,
        "layout": layout, "rows": rows, "kinds": RegisterKind.choices, "levels": Level,
        "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
    })

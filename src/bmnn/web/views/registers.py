"""The four registers as searchable lists, with print and export."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bmnn.law.levels import Level
from bmnn.law.pack import RegisterLayout
from bmnn.lib.choices import LEVEL_CHOICES
from bmnn.org.models import Unit
from bmnn.registry.access import cleared_levels, sees_unit_registers
from bmnn.registry.models import Register, RegisterEntry, RegisterKind
from bmnn.registry.queries import register_page
from bmnn.registry.rules import pack_for
from bmnn.reports.registers import layout_of
from bmnn.web.views.common import account_of, page_number, person_of, query_without_page, roles_required

PER_PAGE = 50
LINE_STATES = [("con", "Dòng còn hiệu lực"), ("huy", "Dòng đã hủy")]


def _masked(entry: RegisterEntry, cleared: list[str]) -> bool:
    return bool(entry.level) and entry.level not in cleared


def _layout(unit: Unit, kind: str, year: int) -> RegisterLayout:
    """The form the year's volume was opened under, as the print uses; a year with no volume
    yet shows the form it would be opened under."""
    volume = Register.objects.filter(unit=unit, kind=kind, year=year).order_by("-volume").first()
    if volume is not None:
        return layout_of(volume)
    today = timezone.localdate()
    return pack_for(today if year == today.year else dt.date(year, 12, 31)).registers[kind]


def _pages(unit: Unit, kind: str, year: int, level: str, q: str, cancelled: bool | None) -> int | None:
    """How many pages the year has (for "Trang cuối"); unknown while searching."""
    if q:
        return None
    qs = RegisterEntry.objects.filter(unit=unit, kind=kind, year=year)
    qs = qs.filter(level=level) if level else qs
    count = (qs.filter(cancelled=cancelled) if cancelled is not None else qs).count()
    return max(1, -(-count // PER_PAGE))


@roles_required("clerk", "head", "deputy", "inspector")
def register_list(request: HttpRequest, kind: str, year: int | None = None) -> HttpResponse:
    """A register's lines in the paper's order (oldest first, as printed); lines above the
    reader's clearance show only their number and level."""
    if kind not in RegisterKind.values:
        raise Http404("Không có sổ này")
    if not sees_unit_registers(account_of(request)):
        raise PermissionDenied("Chỉ văn thư, thủ trưởng, cấp phó và thanh tra xem được sổ của đơn vị")
    person = person_of(request)
    year = year or timezone.localdate().year
    q = request.GET.get("q", "").strip()[:200]
    level = request.GET.get("do-mat", "")
    level = level if level in {lv.value for lv in Level} else ""
    state = request.GET.get("trang-thai", "")
    cancelled = {"con": False, "huy": True}.get(state)
    cleared = cleared_levels(person)
    page = register_page(person.unit, kind, year, q=q, page=page_number(request),
                         searchable_levels=cleared, level=level, newest_first=False, per_page=PER_PAGE,
                         cancelled=cancelled)
    layout = _layout(person.unit, kind, year)
    rows = [(e, _masked(e, cleared), [e.columns.get(c.id, "") for c in layout.columns]) for e in page.rows]
    return render(request, "web/register.html", {
        "kind": kind, "kind_label": RegisterKind(kind).label, "year": year, "q": q, "page": page,
        "layout": layout, "rows": rows, "kinds": RegisterKind.choices, "levels": LEVEL_CHOICES,
        "level": level, "pages": _pages(person.unit, kind, year, level, q, cancelled),
        "line_states": LINE_STATES, "state": state if cancelled is not None else "",
        "query": query_without_page(request),
        "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
    })

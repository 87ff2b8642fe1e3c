"""The home page: what needs the clerk's attention today."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from bmnn.inspection.access import IT_GROUPS, IT_STAFF, can_view
from bmnn.inspection.models import RemediationItem, RemediationStatus
from bmnn.law.authority import Power
from bmnn.registry import queries
from bmnn.registry.access import sees_unit_registers
from bmnn.registry.may import decide_for
from bmnn.registry.models import RegisterKind
from bmnn.web.forms.authority import holds
from bmnn.web.it_tasks import it_tasks
from bmnn.web.views.common import account_of


def _it_categories() -> Q:
    condition = Q(pk__in=[])
    for group in IT_GROUPS:
        condition |= Q(category__startswith=f"{group}-")
    return condition


@login_required
def home(request: HttpRequest) -> HttpResponse:
    account = account_of(request)
    if account.person is None:
        return redirect("web:accounts") if account.has_role("admin") else render(
            request, "web/no_person.html")
    unit, today = account.person.unit, timezone.localdate()
    context = {"unit": unit, "today": today, "sees_registers": sees_unit_registers(account)}
    if can_view(account, unit):
        items = RemediationItem.objects.filter(unit=unit, status=RemediationStatus.OPEN)
        if not sees_unit_registers(account):  # the IT officer: the items of his field
            items = items.filter(_it_categories())
        context["remediation"] = items.select_related("person").order_by("deadline")[:20]
    context["may_destroy"] = account.has_role("clerk") or holds(Power.DESTROY, account.person, unit)
    if account.has_role(*IT_STAFF):
        context["it_tasks"] = it_tasks(unit, today)
    if sees_unit_registers(account):
        context |= {
            "proposals": queries.pending_proposals(unit).select_related("document", "drafter")[:20],
            "decide": decide_for(account, unit.pk),
            "transfers": queries.open_transfers(unit).select_related("document")[:20],
            "ending_60": queries.periods_ending(unit, today, 60)[:20],
            "ending_90": queries.periods_ending(unit, today, 90).count(),
            "expired": queries.periods_expired(unit, today)[:20],
            "notices": queries.notices_due(unit).select_related("document")[:20],
            "volumes": [(RegisterKind(k).label, k, y, v)
                        for k, y, v in queries.volumes_to_close(unit, today)],
        }
    return render(request, "web/home.html", context)

"""The unit's people, delegations, staff assignments and commitments."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from bmnn.org import actions
from bmnn.org.models import AssignmentKind, Delegation, Unit
from bmnn.registry.rules import pack_for
from bmnn.web.forms import org as f
from bmnn.web.views.common import account_of, roles_required, run_action, unit_of

MANAGERS = ("clerk", "head", "admin")
_BACK = "web:org"


def _unit(request: HttpRequest) -> Unit:
    account = account_of(request)
    if account.person is None and account.has_role("admin"):
        code = request.GET.get("don-vi") or request.POST.get("don-vi")
        return get_object_or_404(Unit, code=code) if code else Unit.objects.order_by("code").first() \
            or Unit(name="(chưa có đơn vị)")
    return unit_of(request)


@roles_required("clerk", "head", "deputy", "inspector", "admin")
def org_overview(request: HttpRequest) -> HttpResponse:
    unit, today = _unit(request), timezone.localdate()
    delegations = (Delegation.objects.filter(unit=unit).select_related("from_person", "to_person")
                   if unit.pk else [])
    return render(request, "web/org.html", {
        "unit": unit, "today": today, "units": Unit.objects.order_by("code"),
        "people": unit.people.select_related("position").order_by("full_name") if unit.pk else [],
        "positions": unit.positions.all() if unit.pk else [],
        "delegations": [(d, d.valid_on(today)) for d in delegations],
        "assignments": unit.staff_assignments.select_related("person") if unit.pk else [],
        "commitments": unit.commitments.select_related("person") if unit.pk else [],
    })


@roles_required(*MANAGERS)
def person_new(request: HttpRequest) -> HttpResponse:
    unit, actor = _unit(request), account_of(request)
    return run_action(
        request, f.PersonForm(request.POST or None, unit=unit),
        lambda x: actions.do_create_person(unit=unit, actor=actor, **x), title=f"Thêm cán bộ — {unit}",
        done="Đã thêm cán bộ.", next_url=lambda _: f"{reverse(_BACK)}?don-vi={unit.code}",
        context={"hidden": {"don-vi": unit.code}})


@roles_required(*MANAGERS)
def delegation_new(request: HttpRequest) -> HttpResponse:
    unit, actor = _unit(request), account_of(request)
    return run_action(
        request, f.DelegationForm(request.POST or None, unit=unit),
        lambda x: actions.do_grant_delegation(actor=actor, **x), title="Ghi văn bản ủy quyền",
        done="Đã ghi ủy quyền.", next_url=lambda _: reverse(_BACK))


@roles_required(*MANAGERS)
def delegation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = get_object_or_404(Delegation, pk=pk, unit=_unit(request))
    actor = account_of(request)
    return run_action(
        request, f.RevokeForm(request.POST or None),
        lambda x: actions.do_revoke_delegation(delegation, actor=actor, **x),
        title=f"Thu hồi ủy quyền {delegation}", done="Đã thu hồi ủy quyền.",
        next_url=lambda _: reverse(_BACK))


@roles_required(*MANAGERS)
def assignment_new(request: HttpRequest) -> HttpResponse:
    unit, actor = _unit(request), account_of(request)

    def perform(x: dict[str, Any]) -> Any:
        return actions.do_assign_staff(actor=actor, **{**x, "kind": AssignmentKind(x["kind"])})

    return run_action(request, f.AssignmentForm(request.POST or None, unit=unit), perform,
                      title="Phân công cán bộ bảo vệ BMNN", done="Đã ghi phân công.",
                      next_url=lambda _: reverse(_BACK))


@roles_required(*MANAGERS)
def commitment_new(request: HttpRequest) -> HttpResponse:
    unit, actor = _unit(request), account_of(request)
    return run_action(
        request, f.CommitmentForm(request.POST or None, unit=unit),
        lambda x: actions.do_record_commitment(actor=actor, **x), title="Ghi cam kết bảo vệ BMNN",
        done="Đã ghi cam kết.", next_url=lambda _: reverse(_BACK))


@roles_required("admin")
def unit_new(request: HttpRequest) -> HttpResponse:
    """Create a unit in the tree (the first step of a real installation)."""
    actor = account_of(request)
    return run_action(
        request, f.UnitCreateForm(request.POST or None),
        lambda x: actions.do_create_unit(actor=actor, **x), title="Thêm đơn vị", done="Đã thêm đơn vị.",
        next_url=lambda u: f"{reverse(_BACK)}?don-vi={u.code}")


@roles_required("admin", "clerk")
def position_new(request: HttpRequest) -> HttpResponse:
    """Create a position; its authority class links it to the rule pack's authority lists."""
    unit, actor = _unit(request), account_of(request)
    classes = pack_for(timezone.localdate()).authority_classes
    return run_action(
        request, f.PositionForm(request.POST or None, classes=classes),
        lambda x: actions.do_create_position(unit=unit, actor=actor, **x), title=f"Thêm chức vụ — {unit}",
        done="Đã thêm chức vụ.", next_url=lambda _: f"{reverse(_BACK)}?don-vi={unit.code}",
        context={"hidden": {"don-vi": unit.code}})

"""The unit's people, delegations, staff assignments and commitments."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from bmnn.law.pack import Confidence
from bmnn.org import actions
from bmnn.org.models import AssignmentKind, ClearanceDecision, Delegation, Person, Unit
from bmnn.registry.may import Step
from bmnn.registry.rules import pack_for
from bmnn.web.forms import org as f
from bmnn.web.views.common import account_of, roles_required, run_action, step_required, unit_of

MANAGERS = ("clerk", "head", "admin")
ORG_READERS = ("clerk", "head", "deputy", "inspector", "admin")
_BACK = "web:org"


def _unit(request: HttpRequest) -> Unit:
    account = account_of(request)
    if account.person is None and account.has_role("admin"):
        code = request.GET.get("don-vi") or request.POST.get("don-vi")
        return get_object_or_404(Unit, code=code) if code else Unit.objects.order_by("code").first() \
            or Unit(name="(chưa có đơn vị)")
    return unit_of(request)


@roles_required(*ORG_READERS)
def org_overview(request: HttpRequest) -> HttpResponse:
    unit, today = _unit(request), timezone.localdate()
    delegations = (Delegation.objects.filter(unit=unit).select_related("from_person", "to_person")
                   if unit.pk else [])
    return render(request, "web/org.html", {
        "unit": unit, "today": today, "units": Unit.objects.order_by("code"),
        "people": _people(unit) if unit.pk else [],
        "positions": unit.positions.all() if unit.pk else [],
        "delegations": [(d, d.valid_on(today)) for d in delegations],
        "assignments": unit.staff_assignments.select_related("person") if unit.pk else [],
        "commitments": unit.commitments.select_related("person") if unit.pk else [],
    })


def _people(unit: Unit) -> list[tuple[Person, ClearanceDecision | None]]:
    """The unit's people, each with the decision their clearance stands on (if recorded)."""
    people = list(unit.people.select_related("position").order_by("full_name"))
    latest: dict[int, ClearanceDecision] = {}
    for decision in ClearanceDecision.objects.filter(person__in=people).select_related("decided_by") \
            .order_by("decided_on", "pk"):
        latest[decision.person_id] = decision
    return [(p, latest.get(p.pk)) for p in people]


@roles_required(*MANAGERS)
def person_new(request: HttpRequest) -> HttpResponse:
    unit, actor = _unit(request), account_of(request)
    return run_action(
        request, f.PersonForm(request.POST or None, unit=unit),
        lambda x: actions.do_create_person(unit=unit, actor=actor, **x), title=f"Thêm cán bộ — {unit}",
        done="Đã thêm cán bộ.", next_url=lambda _: f"{reverse(_BACK)}?don-vi={unit.code}",
        context={"hidden": {"don-vi": unit.code}})


@step_required(Step.GRANT_CLEARANCE)
def clearance_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the head's decision on how far a person of the unit (or of a unit under it) may
    access state secrets."""
    actor, own = account_of(request), unit_of(request)
    person = get_object_or_404(Person.objects.select_related("unit", "position"), pk=pk)
    if own.pk not in {person.unit_id, *(u.pk for u in person.unit.ancestors())}:
        raise Http404("Không tìm thấy cán bộ")
    initial: dict[str, Any] = {"level": person.clearance}
    if actor.has_role("head") and actor.person:
        initial["decided_by"] = actor.person.pk
    return run_action(
        request, f.ClearanceForm(request.POST or None, person=person, initial=initial),
        lambda x: actions.do_grant_clearance(person, actor=actor, **x),
        title=f"Quyết định mức được tiếp cận — {person.full_name}", done="Đã ghi quyết định.",
        next_url=lambda _: f"{reverse(_BACK)}?don-vi={person.unit.code}",
        context={"unconfirmed": _clearance_note()})


def _clearance_note() -> str:
    provision, confidence = pack_for(timezone.localdate()).cite("clearance")
    return f"căn cứ {provision} — quy định {Confidence(confidence).label}."


@step_required(Step.RECORD_DELEGATION)
def delegation_new(request: HttpRequest) -> HttpResponse:
    unit, actor = _unit(request), account_of(request)
    return run_action(
        request, f.DelegationForm(request.POST or None, unit=unit),
        lambda x: actions.do_grant_delegation(actor=actor, **x), title="Ghi văn bản ủy quyền",
        done="Đã ghi ủy quyền.", next_url=lambda _: reverse(_BACK))


@step_required(Step.RECORD_DELEGATION)
def delegation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = get_object_or_404(Delegation, pk=pk, unit=_unit(request))
    actor = account_of(request)
    return run_action(
        request, f.RevokeForm(request.POST or None),
        lambda x: actions.do_revoke_delegation(delegation, actor=actor, **x),
        title=f"Thu hồi ủy quyền {delegation}", done="Đã thu hồi ủy quyền.",
        next_url=lambda _: reverse(_BACK))


@step_required(Step.RECORD_STAFF)
def assignment_new(request: HttpRequest) -> HttpResponse:
    unit, actor = _unit(request), account_of(request)

    def perform(x: dict[str, Any]) -> Any:
        return actions.do_assign_staff(actor=actor, **{**x, "kind": AssignmentKind(x["kind"])})

    return run_action(request, f.AssignmentForm(request.POST or None, unit=unit), perform,
                      title="Phân công cán bộ bảo vệ BMNN", done="Đã ghi phân công.",
                      next_url=lambda _: reverse(_BACK))


@step_required(Step.RECORD_STAFF)
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

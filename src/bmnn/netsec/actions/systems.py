"""Information systems (level, measures, 4 layers) and incident response plans."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models

from bmnn.audit.journal import action, append_event
from bmnn.audit.models import EventKind
from bmnn.netsec.actions.guard import require_it_officer
from bmnn.netsec.errors import LevelNotProposed, LevelOutOfRange, MeasureUnknown, PlanNotApproved, provision
from bmnn.netsec.models import LAYERS, IncidentPlan, InformationSystem, LayerStatus
from bmnn.netsec.refdata import measures_for
from bmnn.org.models import Account, Unit


def _log(obj: models.Model, unit_id: int, name: str, actor: Account, changes: dict[str, Any]) -> None:
    append_event(kind=EventKind.ACTION, action=name, actor=actor, obj=obj, unit_id=unit_id, changes=changes)


@action("register_system")
def do_register_system(unit: Unit, *, name: str, description: str = "", actor: Account) -> InformationSystem:
    """Add an information system owned by the unit."""
    require_it_officer(actor, unit)
    system = InformationSystem.objects.create(unit=unit, name=name, description=description)
    _log(system, unit.pk, "register_system", actor, {"name": name})
    return system


@action("propose_level")
def do_propose_level(system: InformationSystem, *, level: int, dossier_ref: str,
                     actor: Account) -> InformationSystem:
    """Propose the system's security level (1–5) with its dossier. A new proposal clears an
    earlier approval: the approved dossier no longer matches."""
    require_it_officer(actor, system.unit)
    if level not in range(1, 6):
        text, sure = provision("security_levels")
        raise LevelOutOfRange(f"Cấp độ {level} không hợp lệ: chỉ có cấp độ 1 đến 5", text, confidence=sure)
    system.proposed_level, system.dossier_ref = level, dossier_ref
    system.approval_number, system.approval_date, system.approving_body = "", None, ""
    system.save()
    _log(system, system.unit_id, "propose_level", actor, {"level": level, "dossier_ref": dossier_ref})
    return system


@action("approve_level")
def do_approve_level(system: InformationSystem, *, number: str, on: dt.date, body: str,
                     actor: Account) -> InformationSystem:
    """Record the decision approving the proposed level."""
    require_it_officer(actor, system.unit)
    if system.proposed_level is None:
        text, sure = provision("security_levels")
        raise LevelNotProposed(f"Hệ thống {system} chưa có hồ sơ đề xuất cấp độ để phê duyệt", text,
                               confidence=sure)
    system.approval_number, system.approval_date, system.approving_body = number, on, body
    system.save(update_fields=["approval_number", "approval_date", "approving_body"])
    _log(system, system.unit_id, "approve_level", actor,
         {"level": system.proposed_level, "number": number, "on": on, "body": body})
    return system


@action("update_measure")
def do_update_measure(system: InformationSystem, *, item: str, done: bool, note: str = "",
                      actor: Account) -> InformationSystem:
    """Mark one checklist item of the system's level as in place (or not), with a note."""
    require_it_officer(actor, system.unit)
    if item not in {m.id for m in measures_for(system.proposed_level)}:
        raise MeasureUnknown(f"Biện pháp {item} không thuộc danh mục của cấp độ hệ thống {system}",
                             "TCVN 11930:2017", confidence="not_confirmed")
    system.measures = {**system.measures, item: {"done": done, "note": note}}
    system.save(update_fields=["measures"])
    _log(system, system.unit_id, "update_measure", actor, {"item": item, "done": done, "note": note})
    return system


@action("update_layer")
def do_update_layer(system: InformationSystem, *, layer: str, status: str, evidence: str = "",
                    actor: Account) -> InformationSystem:
    """Record the status of one layer of the 4-layer model, with its evidence."""
    require_it_officer(actor, system.unit)
    if layer not in LAYERS:
        text, sure = provision("four_layers")
        raise MeasureUnknown(f"Mô hình 4 lớp không có lớp '{layer}'", text, confidence=sure)
    system.layers = {**system.layers, layer: {"status": LayerStatus(status).value, "evidence": evidence}}
    system.save(update_fields=["layers"])
    _log(system, system.unit_id, "update_layer", actor,
         {"layer": layer, "status": status, "evidence": evidence})
    return system


@action("record_incident_plan")
def do_record_incident_plan(unit: Unit, *, title: str, approved_by: str, approved_on: dt.date | None,
                            next_review_on: dt.date | None = None, actor: Account) -> IncidentPlan:
    """Record the unit's incident response plan (Điều 23 Luật An ninh mạng)."""
    require_it_officer(actor, unit)
    plan = IncidentPlan.objects.create(unit=unit, title=title, approved_by=approved_by,
                                       approved_on=approved_on, next_review_on=next_review_on)
    _log(plan, unit.pk, "record_incident_plan", actor,
         {"title": title, "approved_by": approved_by, "approved_on": approved_on})
    return plan


@action("record_exercise")
def do_record_exercise(plan: IncidentPlan, *, on: dt.date, actor: Account) -> IncidentPlan:
    """Record an exercise of an approved plan."""
    require_it_officer(actor, plan.unit)
    if plan.approved_on is None or on < plan.approved_on:
        text, sure = provision("incident_plan", on)
        raise PlanNotApproved(f"Phương án '{plan}' chưa được phê duyệt vào ngày diễn tập", text,
                              confidence=sure)
    plan.last_exercise_on = on
    plan.save(update_fields=["last_exercise_on"])
    _log(plan, plan.unit_id, "record_exercise", actor, {"on": on})
    return plan

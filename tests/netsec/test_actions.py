"""netsec actions: each refusal names its provision and writes nothing but the refusal event."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from bmnn.audit.models import Event, EventKind
from bmnn.netsec.actions import (
    do_approve_level,
    do_import_scan_report,
    do_propose_level,
    do_put_into_use,
    do_record_exercise,
    do_record_incident_plan,
    do_record_repurposing,
    do_record_security_check,
    do_record_wiping,
    do_register_computer,
    do_register_system,
    do_retire_computer,
    do_update_measure,
)
from bmnn.netsec.errors import (
    LevelNotProposed,
    LevelOutOfRange,
    NotCheckedBeforeUse,
    PlanNotApproved,
    RepurposeWithoutWipe,
)
from bmnn.netsec.models import Computer, IncidentPlan, InformationSystem
from bmnn.org.models import Account
from tests.netsec.conftest import encode, report
from tests.world import World

DAY = dt.date(2026, 5, 4)


def _pc(world: World, it: Account, purpose: str = "standalone", asset: str = "MT-01") -> Computer:
    return do_register_computer(world.dept, {"asset_id": asset, "hostname": "VT-PC01", "purpose": purpose,
                                             "os_name": "Windows", "os_version": "10.0.19045"}, actor=it)


def _only_refusal_since(seq: int, action: str) -> None:
    events = list(Event.objects.filter(seq__gt=seq))
    assert [(e.kind, e.action) for e in events] == [(EventKind.REFUSAL, action)]


def _seq() -> int:
    last = Event.objects.order_by("-seq").first()
    return last.seq if last else 0


def test_register_computer_takes_end_of_support_from_table(world: World, it: Account) -> None:
    pc = _pc(world, it)
    assert pc.os_end_of_support == dt.date(2025, 10, 14)
    assert Event.objects.filter(action="register_computer", object_id=pc.pk).count() == 1


def test_only_the_units_it_officer_registers(world: World, it: Account) -> None:
    with pytest.raises(PermissionDenied):
        do_register_computer(world.dept, {"asset_id": "X", "purpose": "lan"}, actor=world.clerk)
    with pytest.raises(PermissionDenied):
        do_register_computer(world.commune, {"asset_id": "X", "purpose": "lan"}, actor=it)
    assert not Computer.objects.exists()


def test_standalone_not_put_into_use_without_passed_check(world: World, it: Account) -> None:
    pc = _pc(world, it)
    do_record_security_check(pc, checked_on=DAY, checked_by="PA05", result="failed", actor=it)
    seq = _seq()
    with pytest.raises(NotCheckedBeforeUse) as refused:
        do_put_into_use(pc, on=DAY, actor=it)
    assert "kiểm tra" in refused.value.message
    _only_refusal_since(seq, "put_into_use")
    pc.refresh_from_db()
    assert pc.in_use_since is None
    do_record_security_check(pc, checked_on=DAY, checked_by="PA05", result="passed", actor=it)
    assert do_put_into_use(pc, on=DAY, actor=it).in_use_since == DAY


def test_repurposing_a_secrets_computer_needs_wiping_first(world: World, it: Account) -> None:
    """Khoản 7 Điều 5 Luật Bảo vệ BMNN 2018."""
    pc = _pc(world, it)
    seq = _seq()
    with pytest.raises(RepurposeWithoutWipe) as refused:
        do_record_repurposing(pc, on=DAY, new_purpose="internet", description="Tra cứu Internet", actor=it)
    assert "Khoản 7 Điều 5" in refused.value.provision
    _only_refusal_since(seq, "record_repurposing")
    pc.refresh_from_db()
    assert pc.purpose == "standalone" and pc.repurposed_on is None
    do_record_wiping(pc, on=DAY, method="Ghi đè 3 lần", by="PA05", actor=it)
    assert do_record_repurposing(pc, on=DAY, new_purpose="internet", description="Tra cứu",
                                 actor=it).purpose == "internet"


def test_repurposing_a_networked_computer_with_marks_found_is_refused(world: World, it: Account) -> None:
    pc = _pc(world, it, purpose="networked")
    do_import_scan_report(world.dept, encode(report()), actor=it)
    with pytest.raises(RepurposeWithoutWipe):
        do_record_repurposing(pc, on=DAY, new_purpose="internet", description="x", actor=it)


def test_level_and_measures(world: World, it: Account) -> None:
    system = do_register_system(world.dept, name="Cổng thông tin điện tử", actor=it)
    seq = _seq()
    with pytest.raises(LevelNotProposed):
        do_approve_level(system, number="12/QĐ", on=DAY, body="UBND tỉnh", actor=it)
    _only_refusal_since(seq, "approve_level")
    with pytest.raises(LevelOutOfRange):
        do_propose_level(system, level=6, dossier_ref="HS-01", actor=it)
    system.refresh_from_db()
    assert system.proposed_level is None and system.approval_number == ""
    do_propose_level(system, level=2, dossier_ref="HS-01", actor=it)
    do_approve_level(system, number="12/QĐ-UBND", on=DAY, body="UBND tỉnh", actor=it)
    system = do_update_measure(system, item="M01", done=True, note="Quy chế 05/QC", actor=it)
    assert system.level_approved and system.measures["M01"]["done"] is True
    assert InformationSystem.objects.get().approval_number == "12/QĐ-UBND"


def test_exercise_needs_an_approved_plan(world: World, it: Account) -> None:
    plan = do_record_incident_plan(world.dept, title="Phương án ứng phó sự cố", approved_by="",
                                   approved_on=None, actor=it)
    seq = _seq()
    with pytest.raises(PlanNotApproved):
        do_record_exercise(plan, on=DAY, actor=it)
    _only_refusal_since(seq, "record_exercise")
    assert IncidentPlan.objects.get().last_exercise_on is None


def test_cybersecurity_refusals_cite_the_rule_pack_of_the_regime_in_force(world: World, it: Account) -> None:
    """Issue 9, item 9: no refusal gives "—"; a provincial plan is not cited as law; under the
    2025 regime the 2018 article is said to be unconfirmed."""
    from bmnn.law.errors import StateNotAllowed

    pc = do_register_computer(world.dept, {"asset_id": "MT-90", "purpose": "standalone"}, actor=it)
    with pytest.raises(StateNotAllowed) as duplicate:
        do_register_computer(world.dept, {"asset_id": "MT-90", "purpose": "lan"}, actor=it)
    assert duplicate.value.provision not in ("", "—") and duplicate.value.confidence == "inference"
    with pytest.raises(NotCheckedBeforeUse) as unchecked:
        do_put_into_use(pc, on=DAY, actor=it)
    assert "không phải văn bản quy phạm pháp luật" in unchecked.value.provision
    assert unchecked.value.confidence == "inference"
    do_record_security_check(pc, checked_on=DAY, checked_by="PA05", result="passed", actor=it)
    do_retire_computer(pc, on=DAY, actor=it)
    with pytest.raises(StateNotAllowed) as retired:
        do_retire_computer(pc, on=DAY, actor=it)
    assert retired.value.provision not in ("", "—")

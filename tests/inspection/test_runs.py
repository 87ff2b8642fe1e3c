"""A self-inspection from plan to conclusion: every category judged once, the result frozen, a
remediation item per finding with the four "rõ", closing refused while the finding shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from bmnn.audit.models import Event, EventKind
from bmnn.inspection.actions import (
    do_assign_remediation,
    do_check_records,
    do_close_remediation,
    do_conclude_run,
    do_plan_self_inspection,
    do_run_self_inspection,
    do_run_step,
    do_start_run,
)
from bmnn.inspection.actions.plans import judge_next
from bmnn.inspection.categories import categories
from bmnn.inspection.errors import EvidenceRequired, FindingStillPresent, RunStateNotAllowed
from bmnn.inspection.models import Plan, RemediationItem, RemediationStatus, Run, RunStatus
from bmnn.law.errors import LawRefusal
from bmnn.org.actions import do_assign_staff
from bmnn.org.models import AssignmentKind
from tests.inspection.plant import legacy_document, person
from tests.world import World

STATUSES = {"found", "none", "no_data", "unanswered"}


def plan(world: World, **kw: Any) -> Plan:
    fields = {
        "title": "Kế hoạch tự kiểm tra năm 2026",
        "period_from": dt.date(2025, 1, 1),
        "period_to": dt.date(2026, 5, 4),
        "starts_on": dt.date(2026, 5, 4),
        "ends_on": dt.date(2026, 5, 8),
        "number": "05/KH-SGDĐT",
        "team": "Phạm Thị Hoa (tổ trưởng)",
        **kw,
    }
    return do_plan_self_inspection(world.dept, actor=world.clerk, **fields)


def nothing_written(kind: type[Exception], act: Callable[[], Any]) -> None:
    counts = [m.objects.count() for m in (Plan, Run, RemediationItem)]
    actions = Event.objects.exclude(kind=EventKind.REFUSAL).count()
    with pytest.raises(kind):
        act()
    assert [m.objects.count() for m in (Plan, Run, RemediationItem)] == counts
    assert Event.objects.exclude(kind=EventKind.REFUSAL).count() == actions


def test_a_run_judges_every_category_once_in_steps(world: World) -> None:
    bad = legacy_document(world, "05/KH", proposal=False)
    run = do_start_run(plan(world), actor=world.clerk)
    steps = 0
    while run.status == RunStatus.RUNNING:
        run = do_run_step(run, actor=world.clerk)
        steps += 1
    assert steps > 1
    ids = [c["id"] for c in run.categories]
    assert ids == [c.id for c in categories()]
    assert {c["status"] for c in run.categories} <= STATUSES
    no_proposal = next(c for c in run.categories if c["id"] == "DOC-NO-PROPOSAL")
    assert no_proposal["status"] == "found" and no_proposal["records"][0]["id"] == bad.pk
    item = RemediationItem.objects.get(category="DOC-NO-PROPOSAL")
    assert item.keys == [f"document:{bad.pk}"] and item.task and item.responsibility and item.deadline
    assert item.person == person(world.head)  # no secrets officer assigned: the head answers
    assert Event.objects.filter(action="finish_self_inspection").count() == 1


def test_a_step_takes_what_was_judged_just_before_if_still_next(world: World) -> None:
    """The page judges the next categories before the step's transaction (several at a time)
    and the step keeps them; a category another tab already took is not added twice."""
    legacy_document(world, "05/KH", proposal=False)
    run = do_start_run(plan(world), actor=world.clerk)
    judged = judge_next(run)
    assert [c["id"] for c in judged] == [c.id for c in categories()][: len(judged)]
    judged[0] = {**judged[0], "note": "judged before the step"}  # what the step keeps, not recomputes
    run = do_run_step(run, actor=world.clerk, judged=judged)
    assert run.categories == judged and run.categories[0]["note"] == "judged before the step"
    stale = judge_next(run, size=1) + judged  # the first ones again, as a second tab would send
    run = do_run_step(run, actor=world.clerk, judged=stale)
    ids = [c["id"] for c in run.categories]
    assert len(ids) == len(set(ids)) and run.categories[len(judged)] == stale[0]


def test_the_result_is_frozen_and_a_new_run_sees_the_change(world: World) -> None:
    p = plan(world)
    first = do_run_self_inspection(p, actor=world.clerk)
    staff = next(c for c in first.categories if c["id"] == "ORG-NO-STAFF")
    assert staff["status"] == "found"
    do_assign_staff(
        person=person(world.clerk),
        kind=AssignmentKind.PART_TIME,
        decision_number="12/QĐ",
        decision_date=dt.date(2026, 5, 1),
        start_on=dt.date(2026, 5, 1),
        actor=world.head,
    )
    first.refresh_from_db()
    assert next(c for c in first.categories if c["id"] == "ORG-NO-STAFF")["status"] == "found"
    second = do_run_self_inspection(p, actor=world.clerk)
    assert next(c for c in second.categories if c["id"] == "ORG-NO-STAFF")["status"] == "none"


def test_only_the_head_concludes(world: World) -> None:
    run = do_run_self_inspection(plan(world), actor=world.clerk)
    nothing_written(PermissionDenied, lambda: do_conclude_run(run, conclusion="Đạt", actor=world.clerk))
    nothing_written(PermissionDenied, lambda: do_conclude_run(run, conclusion="Đạt", actor=world.deputy))
    nothing_written(RunStateNotAllowed, lambda: do_conclude_run(run, conclusion=" ", actor=world.head))
    do_conclude_run(
        run, conclusion="Còn 3 thiếu sót, khắc phục trước 30/6", report_number="07/BC", actor=world.head
    )
    run.refresh_from_db()
    assert run.status == RunStatus.CLOSED and run.closed_by == person(world.head)
    nothing_written(RunStateNotAllowed, lambda: do_conclude_run(run, conclusion="lại", actor=world.head))


def test_plans_refused(world: World) -> None:
    nothing_written(
        PermissionDenied,
        lambda: do_plan_self_inspection(
            world.dept,
            title="x",
            period_from=dt.date(2025, 1, 1),
            period_to=dt.date(2025, 12, 31),
            starts_on=dt.date(2026, 5, 4),
            ends_on=dt.date(2026, 5, 5),
            actor=world.drafter,
        ),
    )
    nothing_written(
        LawRefusal, lambda: plan(world, period_from=dt.date(2026, 1, 1), period_to=dt.date(2025, 1, 1))
    )
    nothing_written(
        LawRefusal, lambda: plan(world, period_from=dt.date(2026, 6, 1), period_to=dt.date(2026, 7, 1))
    )


def test_remediation_closes_only_when_the_finding_is_gone(world: World) -> None:
    bad = legacy_document(world, "05/KH", proposal=False)
    do_run_self_inspection(plan(world), actor=world.clerk)
    item = RemediationItem.objects.get(category="DOC-NO-PROPOSAL")
    nothing_written(
        EvidenceRequired,
        lambda: do_assign_remediation(
            item,
            person=person(world.clerk),
            task=" ",
            responsibility="Chủ trì",
            deadline=dt.date(2026, 6, 30),
            actor=world.clerk,
        ),
    )
    do_assign_remediation(
        item,
        person=person(world.clerk),
        task="Lập văn bản xác định độ mật bổ sung",
        responsibility="Chủ trì",
        deadline=dt.date(2026, 6, 30),
        actor=world.head,
    )
    nothing_written(
        EvidenceRequired, lambda: do_close_remediation(item, note="Đã xong", reference="", actor=world.clerk)
    )
    nothing_written(
        FindingStillPresent,
        lambda: do_close_remediation(item, note="Đã xong", reference="VB 20/SGDĐT", actor=world.clerk),
    )
    do_check_records(
        world.dept,
        category_id="DOC-NO-PROPOSAL",
        kind="document",
        record_ids=[bad.pk],
        result="remedied",
        reference="Văn bản xác định độ mật số 20/SGDĐT ngày 20/5/2026",
        actor=world.head,
    )
    do_close_remediation(
        item, note="Đã lập văn bản xác định độ mật", reference="VB 20/SGDĐT", actor=world.clerk
    )
    item.refresh_from_db()
    assert item.status == RemediationStatus.DONE and item.closed_by == person(world.clerk)


def test_a_checklist_item_closes_after_a_new_answer(world: World) -> None:
    from bmnn.inspection.actions import do_answer_question

    do_answer_question(
        world.dept, question_id="budget", answer="no", note="Chưa lập dự toán", actor=world.clerk
    )
    do_run_self_inspection(plan(world), actor=world.clerk)
    item = RemediationItem.objects.get(category="ORG-NO-BUDGET")
    nothing_written(
        FindingStillPresent,
        lambda: do_close_remediation(item, note="Đã lập", reference="QĐ 30/QĐ", actor=world.clerk),
    )
    do_answer_question(
        world.dept,
        question_id="budget",
        answer="yes",
        doc_number="30/QĐ-SGDĐT",
        doc_date=dt.date(2026, 5, 3),
        actor=world.clerk,
    )
    do_close_remediation(item, note="Đã lập dự toán", reference="QĐ 30/QĐ-SGDĐT", actor=world.clerk)


def test_what_a_merged_unit_left_is_remedied_by_the_unit_it_joined(world: World) -> None:
    from bmnn.org.actions import do_merge_units

    do_merge_units([world.commune], into=world.dept, on=dt.date(2025, 7, 1), actor=world.admin)
    legacy_document(world, "07/KH", proposal=False, unit=world.commune)
    do_run_self_inspection(plan(world), actor=world.clerk)
    item = RemediationItem.objects.get(category="DOC-NO-PROPOSAL")
    assert item.unit == world.dept and item.count == 1


def test_an_item_a_later_run_extended_closes_only_when_both_periods_are_clean(world: World) -> None:
    early = legacy_document(world, "31/KH", proposal=False, day=dt.date(2025, 3, 2))
    do_run_self_inspection(plan(world, period_to=dt.date(2025, 12, 31)), actor=world.clerk)
    later = legacy_document(world, "32/KH", proposal=False, day=dt.date(2026, 3, 2))
    do_run_self_inspection(plan(world, period_from=dt.date(2026, 1, 1), title="Lần 2"), actor=world.clerk)
    item = RemediationItem.objects.get(category="DOC-NO-PROPOSAL")
    assert item.count == 2  # the later run extended the open item
    for doc in (early, later):
        nothing_written(FindingStillPresent, lambda: do_close_remediation(
            item, note="Đã xong", reference="VB 20/SGDĐT", actor=world.clerk))
        do_check_records(world.dept, category_id="DOC-NO-PROPOSAL", kind="document", record_ids=[doc.pk],
                         result="remedied", reference="VB xác định độ mật bổ sung", actor=world.head)
    do_close_remediation(item, note="Đã lập văn bản", reference="VB 20/SGDĐT", actor=world.clerk)

"""Planning a self-inspection, running it (in steps a page can show as progress, or at once),
and the head's conclusion."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.utils import timezone

from bmnn.audit.journal import action
from bmnn.inspection.access import may_conclude, may_keep
from bmnn.inspection.actions.common import log
from bmnn.inspection.actions.remediation import open_items
from bmnn.inspection.categories import categories
from bmnn.inspection.detectors.base import Scope
from bmnn.inspection.engine import header, judge_all, run_category
from bmnn.inspection.errors import SELF_INSPECTION, RunStateNotAllowed
from bmnn.inspection.models import Plan, Run, RunStatus
from bmnn.inspection.scope import build_scope
from bmnn.lib.text import nfc
from bmnn.org.models import Account, Unit
from bmnn.registry.actions.common import locked

EARLIEST, LATEST = dt.date(1945, 9, 2), dt.date(2099, 12, 31)  # dates a plan may name
STEP = 6  # categories per step: a step stays well under a second on a large registry


def _refused(message: str) -> RunStateNotAllowed:
    return RunStateNotAllowed(message, SELF_INSPECTION, confidence="partial")


@action("plan_self_inspection")
def do_plan_self_inspection(
    unit: Unit,
    *,
    title: str,
    period_from: dt.date,
    period_to: dt.date,
    starts_on: dt.date,
    ends_on: dt.date,
    include_subunits: bool = False,
    number: str = "",
    team: str = "",
    actor: Account,
) -> Plan:
    """Record the self-inspection plan (kế hoạch tự kiểm tra): scope, the period examined, the
    team, the dates it works on."""
    person = may_keep(actor, unit)
    if period_to < period_from or ends_on < starts_on:
        raise _refused("Ngày kết thúc không thể trước ngày bắt đầu")
    if min(period_from, starts_on) < EARLIEST or max(period_to, ends_on) > LATEST:
        raise _refused(f"Ngày của kế hoạch phải trong khoảng {EARLIEST:%d/%m/%Y}–{LATEST:%d/%m/%Y}")
    if period_from > timezone.localdate():
        raise _refused("Kỳ kiểm tra phải bắt đầu từ hôm nay trở về trước")
    if not title.strip():
        raise _refused("Thiếu tên kế hoạch")
    plan = Plan.objects.create(
        unit=unit,
        title=nfc(title.strip()),
        period_from=period_from,
        period_to=period_to,
        starts_on=starts_on,
        ends_on=ends_on,
        include_subunits=include_subunits,
        number=nfc(number.strip()),
        team=nfc(team.strip()),
        created_by=person,
    )
    log(
        "plan_self_inspection",
        actor,
        plan,
        unit.pk,
        {
            "title": plan.title,
            "number": plan.number,
            "period": [period_from.isoformat(), period_to.isoformat()],
            "include_subunits": include_subunits,
        },
    )
    return plan


def scope_of(run: Run) -> Scope:
    plan = run.plan
    return build_scope(
        plan.unit,
        plan.period_from,
        plan.period_to,
        run.as_of,
        include_subunits=plan.include_subunits,
        run_id=run.pk,
    )


@action("start_self_inspection")
def do_start_run(plan: Plan, *, actor: Account) -> Run:
    """Begin a run of the plan; its data are taken as of today. A run left unfinished (a closed
    page, a stopped server) is taken up where it stopped instead."""
    person = may_keep(actor, plan.unit)
    unfinished = plan.runs.filter(status=RunStatus.RUNNING).first()
    if unfinished is not None:
        return unfinished
    today = timezone.localdate()
    run = Run.objects.create(plan=plan, as_of=today, started_by=person, started_at=timezone.now())
    run.result = header(scope_of(run))
    run.save(update_fields=["result"])
    log("start_self_inspection", actor, run, plan.unit_id, {"plan": plan.pk, "as_of": today.isoformat()})
    return run


def _pending(run: Run) -> list[str]:
    done = {c["id"] for c in run.categories}
    return [c.id for c in categories() if c.id not in done]


def judge_next(run: Run, size: int = STEP) -> list[dict[str, Any]]:
    """The next categories of a running run, judged before the step's transaction opens, so
    that several are judged at a time (engine.judge_all: inside a transaction, one by one)."""
    return judge_all(_pending(run)[:size], scope_of(run))


@action("run_self_inspection_step")
def do_run_step(
    run: Run, *, actor: Account, size: int = STEP, judged: list[dict[str, Any]] | None = None
) -> Run:
    """Judge the next categories of a run (taking those `judge_next` judged just before, when
    they are still the next ones: another tab may have taken them meanwhile); the last step
    freezes the result and opens a remediation item for each finding (unit × category)."""
    run = locked(run)
    may_keep(actor, run.plan.unit)
    if run.status != RunStatus.RUNNING:
        raise _refused("Lần kiểm tra này đã xong")
    scope = scope_of(run)
    todo = _pending(run)
    ready = {c["id"]: c for c in judged or []}
    run.result = {
        **run.result,
        "categories": run.categories + [ready.get(cid) or run_category(cid, scope) for cid in todo[:size]],
    }
    if len(todo) <= size:
        _finish(run, actor)
    run.save(update_fields=["result", "status", "finished_at"])
    return run


def _finish(run: Run, actor: Account) -> None:
    run.status, run.finished_at = RunStatus.DONE, timezone.now()
    items = open_items(run)
    found = [c for c in run.categories if c["status"] == "found"]
    digest = hashlib.sha256(json.dumps(run.result, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    log(
        "finish_self_inspection",
        actor,
        run,
        run.plan.unit_id,
        {
            "found": {c["id"]: c["count"] for c in found},
            "remediation_items": len(items),
            "result_sha256": digest,
        },
    )


def do_run_self_inspection(plan: Plan, *, actor: Account) -> Run:
    """Start (or take up) a run and carry it to the end (for the CLI and the API)."""
    run = do_start_run(plan, actor=actor)
    while run.status == RunStatus.RUNNING:
        run = do_run_step(run, actor=actor, size=len(categories()))
    return run


@action("conclude_self_inspection")
def do_conclude_run(run: Run, *, conclusion: str, report_number: str = "", actor: Account) -> Run:
    """The head's conclusion closes the run; its result and remediation plan are then the unit's
    self-inspection report."""
    run = locked(run)
    person = may_conclude(actor, run)
    if run.status != RunStatus.DONE:
        raise _refused("Chỉ kết luận lần kiểm tra đã có kết quả và chưa kết luận")
    if not conclusion.strip():
        raise _refused("Thiếu nội dung kết luận")
    run.conclusion, run.report_number = nfc(conclusion.strip()), nfc(report_number.strip())
    run.status, run.closed_by, run.closed_at = RunStatus.CLOSED, person, timezone.now()
    run.save(update_fields=["conclusion", "report_number", "status", "closed_by", "closed_at"])
    log("conclude_self_inspection", actor, run, run.plan.unit_id, {"report_number": run.report_number})
    return run

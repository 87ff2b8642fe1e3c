"""Pages of plans and runs: the overview, a new plan, a run carried out step by step with its
progress shown, its findings by section, the drill-down to records, the head's conclusion, the
report in Word or PDF."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from bmnn.inspection import access
from bmnn.inspection.actions import (
    do_conclude_run,
    do_plan_self_inspection,
    do_run_step,
    do_start_run,
)
from bmnn.inspection.actions.plans import judge_next
from bmnn.inspection.categories import Detect, category, vocabulary
from bmnn.inspection.checklist import questions_for
from bmnn.inspection.detectors.base import Status
from bmnn.inspection.forms import CheckForm, ConclusionForm, PlanForm
from bmnn.inspection.models import Plan, RemediationItem, RemediationStatus, Run, RunStatus
from bmnn.inspection.records import CHECKABLE_KINDS
from bmnn.inspection.report import items_of, previous_run, run_report
from bmnn.inspection.scope import scope_unit_ids
from bmnn.inspection.shown import Viewer, shown_records
from bmnn.inspection.waiting import waiting_page
from bmnn.law.errors import LawRefusal
from bmnn.org.models import Unit
from bmnn.reports.self_inspection import comparison
from bmnn.reports.writers.pdf import PdfUnavailable, docx_to_pdf
from bmnn.reports.writers.self_inspection_docx import render_self_inspection_docx
from bmnn.web.views.common import account_of, page_number, refusal_text, run_action

STATUS_CLASS = {"found": "st-found", "none": "st-none", "no_data": "st-nodata", "unanswered": "st-open"}


def viewer_unit(request: HttpRequest) -> Unit:
    """The unit whose self-inspection the viewer may see (their own), or 403 with the reason."""
    account = account_of(request)
    if account.person is None:
        raise PermissionDenied("Tài khoản chưa gắn với cán bộ của đơn vị nào")
    access.may_view(account, account.person.unit)
    return account.person.unit


def get_run_for_user(request: HttpRequest, pk: int) -> Run:
    run = get_object_or_404(Run.objects.select_related("plan__unit"), pk=pk)
    if run.plan.unit != viewer_unit(request):
        raise PermissionDenied("Lần tự kiểm tra này không thuộc đơn vị của bạn")
    return run


def overview(request: HttpRequest) -> HttpResponse:
    unit = viewer_unit(request)
    account = account_of(request)
    runs = Run.objects.filter(plan__unit=unit).select_related("plan").order_by("-started_at")[:20]
    items = RemediationItem.objects.filter(unit=unit, status=RemediationStatus.OPEN)
    today = timezone.localdate()
    return render(
        request,
        "inspection/overview.html",
        {
            "unit": unit,
            "plans": Plan.objects.filter(unit=unit)[:20],
            "runs": runs,
            "latest": runs[0] if runs else None,
            "open_items": items.count(),
            "overdue": items.filter(deadline__lt=today).count(),
            "can_keep": access.can_keep(account, unit),
        },
    )


def plan_new(request: HttpRequest) -> HttpResponse:
    unit = viewer_unit(request)
    account = account_of(request)
    access.may_keep(account, unit)
    form = PlanForm(request.POST or None)
    return run_action(
        request,
        form,
        lambda d: do_plan_self_inspection(unit, actor=account, **d),
        title="Lập kế hoạch tự kiểm tra",
        done="Đã lập kế hoạch.",
        next_url=lambda plan: reverse("inspection:plan", args=[plan.pk]),
    )


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = viewer_unit(request)
    plan = get_object_or_404(Plan, pk=pk, unit=unit)
    return render(
        request,
        "inspection/plan.html",
        {
            "plan": plan,
            "runs": plan.runs.order_by("-started_at"),
            "can_keep": access.can_keep(account_of(request), unit),
        },
    )


@require_POST
def run_start(request: HttpRequest, pk: int) -> HttpResponse:
    unit = viewer_unit(request)
    plan = get_object_or_404(Plan, pk=pk, unit=unit)
    try:
        run = do_start_run(plan, actor=account_of(request))
    except LawRefusal as refusal:
        messages.error(request, refusal_text(refusal))
        return redirect("inspection:plan", pk=plan.pk)
    return redirect("inspection:run", pk=run.pk)


@require_POST
def run_step(request: HttpRequest, pk: int) -> HttpResponse:
    """One step of a running run (HTMX): the progress bar, which asks for the next step itself,
    or, at the end, a redirect to the finished run."""
    run = get_run_for_user(request, pk)
    if run.status == RunStatus.RUNNING:
        account = account_of(request)
        judged = judge_next(run) if access.can_keep(account, run.plan.unit) else None
        try:
            run = do_run_step(run, actor=account, judged=judged)
        except LawRefusal:  # another tab finished it meanwhile
            run.refresh_from_db()
    if run.status != RunStatus.RUNNING:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("inspection:run", args=[run.pk])
        return response
    return render(request, "inspection/_progress.html", _progress(run))


def _progress(run: Run) -> dict[str, Any]:
    total = len(vocabulary().categories)
    done = len(run.categories)
    return {"run": run, "done": done, "total": total, "percent": round(100 * done / total)}


def _sections(run: Run) -> list[dict[str, Any]]:
    by_id = {c["id"]: c for c in run.categories}
    return [
        {
            "number": s.number,
            "title": s.title,
            "rows": [
                by_id[i]
                | {"css": STATUS_CLASS[by_id[i]["status"]], "status_label": Status(by_id[i]["status"]).label}
                for i in s.category_ids
                if i in by_id
            ],
        }
        for s in vocabulary().sections
    ]


def _changes(run: Run) -> list[str]:
    """What changed since the unit's previous run of the same scope (the report's wording)."""
    before = previous_run(run)
    return comparison(run.result, before.result) if before else []


def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_run_for_user(request, pk)
    account = account_of(request)
    context: dict[str, Any] = {
        "run": run,
        "plan": run.plan,
        "can_keep": access.can_keep(account, run.plan.unit),
        "can_conclude": access.can_conclude(account, run) and run.status == RunStatus.DONE,
    }
    if run.status == RunStatus.RUNNING:
        context |= _progress(run)
    else:
        counts = {s: sum(1 for c in run.categories if c["status"] == s) for s in STATUS_CLASS}
        context |= {
            "sections": _sections(run),
            "counts": counts,
            "changes": _changes(run),
            "previous": previous_run(run),
            "items": items_of(run),
            "form": ConclusionForm(),
        }
    return render(request, "inspection/run.html", context)


@require_POST
def run_conclude(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_run_for_user(request, pk)
    access.may_conclude(account_of(request), run)  # the door, before anything is read from the post
    form = ConclusionForm(request.POST)
    if form.is_valid():
        try:
            do_conclude_run(run, actor=account_of(request), **form.cleaned_data)
        except LawRefusal as refusal:
            messages.error(request, refusal_text(refusal))
        else:
            messages.success(request, "Đã kết luận lần tự kiểm tra.")
    else:
        messages.error(request, "Thiếu nội dung kết luận.")
    return redirect("inspection:run", pk=run.pk)


def run_category(request: HttpRequest, pk: int, category_id: str) -> HttpResponse:
    run = get_run_for_user(request, pk)
    found = next((c for c in run.categories if c["id"] == category_id), None)
    if found is None:
        return redirect("inspection:run", pk=run.pk)
    cat = category(category_id)
    account = account_of(request)
    checkable = cat.detect != Detect.CHECKLIST and access.can_keep(account, run.plan.unit)
    own_units = set(scope_unit_ids(run.plan.unit, include_subunits=False)) if checkable else set()
    waiting = waiting_page(found, account, page_number(request), own_units)
    return render(
        request,
        "inspection/category.html",
        {
            "run": run,
            "category": cat,
            "found": found,
            "status_label": Status(found["status"]).label,
            "records": shown_records(found["records"], account),
            "checkable": checkable,
            "questions": questions_for(category_id),
            "check_form": CheckForm(),
            "waiting_form": CheckForm(auto_id="cho_%s"),  # its own ids: the page may hold both forms
            "checkable_kinds": CHECKABLE_KINDS,
            "waiting": waiting,
        },
    )


def run_report_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    run = get_run_for_user(request, pk)
    if fmt not in ("docx", "pdf") or run.status == RunStatus.RUNNING:
        return redirect("inspection:run", pk=run.pk)
    content = render_self_inspection_docx(run_report(run, Viewer.of(account_of(request))))
    kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if fmt == "pdf":
        try:
            content, kind = docx_to_pdf(content), "application/pdf"
        except PdfUnavailable as missing:
            messages.error(request, str(missing))
            return redirect("inspection:run", pk=run.pk)
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="bao-cao-tu-kiem-tra-{run.pk}.{fmt}"'
    return response

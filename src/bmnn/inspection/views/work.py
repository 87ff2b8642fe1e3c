"""Pages of the work a self-inspection sets: the checklist with evidence, checking records
against the files, incidents, the remediation board ("4 rõ"), evidence files."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from bmnn.audit.journal import one_transaction
from bmnn.inspection import access, checklist
from bmnn.inspection.actions import (
    Attachment,
    do_answer_question,
    do_assign_remediation,
    do_check_records,
    do_close_remediation,
    do_record_incident,
)
from bmnn.inspection.actions.evidence import may_fetch
from bmnn.inspection.categories import title
from bmnn.inspection.evidence import evidence_dir, max_bytes
from bmnn.inspection.forms import AnswerForm, AssignForm, CheckForm, CloseForm, IncidentForm
from bmnn.inspection.models import Evidence, Incident, RemediationItem, RemediationStatus
from bmnn.inspection.views.runs import get_run_for_user, viewer_unit
from bmnn.inspection.waiting import waiting_keys
from bmnn.law.errors import LawRefusal
from bmnn.registry.rules import pack_for
from bmnn.web.views.common import account_of, refusal_text, run_action

RECORD_KEY = re.compile(r"([a-z_]+):(\d{1,18})")


def _attachment(request: HttpRequest, field: str = "evidence") -> Attachment | None:
    """The uploaded file, handed to the action that keeps it (checked there, with the step). An
    oversize file is read no further than one byte past the limit."""
    upload = request.FILES.get(field)
    if upload is None:
        return None
    return Attachment(upload.name or "tep", upload.read(max_bytes() + 1))


def checklist_page(request: HttpRequest) -> HttpResponse:
    unit = viewer_unit(request)
    today = timezone.localdate()
    current = checklist.current_answers([unit.pk], today)
    rows = [
        {
            "question": q,
            "answer": current.get((unit.pk, q.id)),
            "categories": [title(c) for c in q.categories],
        }
        for q in checklist.questions()
    ]
    return render(request, "inspection/checklist.html", {"rows": rows, "unit": unit, "today": today})


def answer_question(request: HttpRequest, question_id: str) -> HttpResponse:
    unit = viewer_unit(request)
    try:
        q = checklist.question(question_id)
    except KeyError:
        raise Http404("Không có câu hỏi này") from None
    items, note = checklist.items_of(q, pack_for(timezone.localdate()))
    form = AnswerForm(request.POST or None, request.FILES or None, items=items)

    def perform(data: dict[str, Any]) -> Any:
        return do_answer_question(
            unit,
            question_id=q.id,
            answer=data.get("answer") or "",
            items=form.item_states() if items else None,
            note=data["note"],
            doc_number=data["doc_number"],
            doc_date=data["doc_date"],
            attachment=_attachment(request),
            actor=account_of(request),
        )

    return run_action(
        request,
        form,
        perform,
        title=q.text,
        done="Đã ghi câu trả lời.",
        next_url=lambda _: reverse("inspection:checklist"),
        context={"help": q.help, "unconfirmed": note, "multipart": True},
    )


@require_POST
def check_records(request: HttpRequest, pk: int, category_id: str) -> HttpResponse:
    """Records of a run's category checked against the files (the drill-down's form)."""
    run = get_run_for_user(request, pk)
    form = CheckForm(request.POST, request.FILES)
    picked = [m.groups() for key in request.POST.getlist("record") if (m := RECORD_KEY.fullmatch(key))]
    back = redirect(_back_to(request, run.pk, category_id))
    if not form.is_valid() or not picked:
        messages.error(request, "Chọn hồ sơ và kết quả đối chiếu.")
        return back
    found: dict[str, Any] = next((c for c in run.categories if c["id"] == category_id), {"records": []})
    known = {f"{r['kind']}:{r['id']}" for r in found["records"]}
    known |= {f"{kind}:{record_id}" for kind, record_id in waiting_keys(found)}
    if any(f"{k}:{i}" not in known for k, i in picked):
        raise PermissionDenied("Hồ sơ không thuộc kết quả tự kiểm tra này")
    by_kind: dict[str, list[int]] = {}
    for kind, record_id in picked:
        by_kind.setdefault(kind, []).append(int(record_id))
    try:
        with one_transaction():  # a page may mix kinds (paper lines and documents): all or nothing
            evidence = None
            for kind, ids in by_kind.items():
                checks = do_check_records(
                    run.plan.unit,
                    category_id=category_id,
                    kind=kind,
                    record_ids=ids,
                    result=form.cleaned_data["result"],
                    reference=form.cleaned_data["reference"],
                    note=form.cleaned_data["note"],
                    evidence=evidence,
                    attachment=None if evidence else _attachment(request),
                    actor=account_of(request),
                )
                evidence = checks[0].evidence if checks else None
    except LawRefusal as refusal:
        messages.error(request, refusal_text(refusal))
    else:
        messages.success(
            request, f"Đã ghi kết quả đối chiếu {len(picked)} hồ sơ. Lần tự kiểm tra sau sẽ tính theo."
        )
    return back


def _back_to(request: HttpRequest, run_pk: int, category_id: str) -> str:
    """The category's page, at the page of the waiting list the check was made from."""
    url = reverse("inspection:run_category", args=[run_pk, category_id])
    page = request.POST.get("trang", "")
    return f"{url}?trang={page}#cho-doi-chieu" if page.isdigit() and 1 < len(page) + 1 < 8 else url


def incidents(request: HttpRequest) -> HttpResponse:
    unit = viewer_unit(request)
    rows = Incident.objects.filter(unit=unit)
    return render(request, "inspection/incidents.html", {"rows": [(i, title(i.category)) for i in rows]})


def incident_new(request: HttpRequest) -> HttpResponse:
    unit = viewer_unit(request)
    form = IncidentForm(request.POST or None)
    return run_action(
        request,
        form,
        lambda d: do_record_incident(
            unit,
            category_id=d["category"],
            discovered_on=d["discovered_on"],
            occurred_on=d["occurred_on"],
            count=d["count"],
            description=d["description"],
            reported_to=d["reported_to"],
            reference=d["reference"],
            actor=account_of(request),
        ),
        title="Ghi nhận sự cố",
        done="Đã ghi nhận sự cố.",
        next_url=lambda _: reverse("inspection:incidents"),
    )


def board(request: HttpRequest) -> HttpResponse:
    """The remediation board: overdue first, then open by deadline, then done."""
    unit = viewer_unit(request)
    today = timezone.localdate()
    account = account_of(request)
    items = list(RemediationItem.objects.filter(unit=unit).select_related("person", "closed_by"))
    columns = [
        ("Quá hạn", [i for i in items if i.overdue_on(today)]),
        (
            "Đang khắc phục",
            [i for i in items if i.status == RemediationStatus.OPEN and not i.overdue_on(today)],
        ),
        ("Đã khắc phục", [i for i in items if i.status == RemediationStatus.DONE]),
    ]
    return render(
        request,
        "inspection/board.html",
        {
            "columns": [
                (name, [(i, title(i.category), access.can_close_item(account, i)) for i in rows])
                for name, rows in columns
            ],
            "can_keep": access.can_keep(account, unit),
            "today": today,
        },
    )


def _item(request: HttpRequest, pk: int) -> RemediationItem:
    return get_object_or_404(RemediationItem, pk=pk, unit=viewer_unit(request))


def item_assign(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    initial = {
        "person": item.person_id,
        "task": item.task,
        "responsibility": item.responsibility,
        "deadline": item.deadline,
    }
    form = AssignForm(request.POST or None, initial=initial, unit=item.unit)
    return run_action(
        request,
        form,
        lambda d: do_assign_remediation(item, actor=account_of(request), **d),
        title=f"Phân công khắc phục: {title(item.category)}",
        done="Đã phân công.",
        next_url=lambda _: reverse("inspection:board"),
    )


def item_close(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    form = CloseForm(request.POST or None, request.FILES or None)

    def perform(data: dict[str, Any]) -> Any:
        return do_close_remediation(
            item,
            note=data["note"],
            reference=data["reference"],
            attachment=_attachment(request),
            actor=account_of(request),
        )

    return run_action(
        request,
        form,
        perform,
        title=f"Hoàn thành khắc phục: {title(item.category)}",
        done="Đã xác nhận hoàn thành.",
        next_url=lambda _: reverse("inspection:board"),
        context={
            "multipart": True,
            "help": "Phần mềm kiểm tra lại; còn phát hiện vi phạm thì chưa xác nhận được.",
        },
    )


def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """A kept file, for a keeper of its unit (or who sent it) cleared for its level."""
    item = get_object_or_404(Evidence, pk=pk, unit=viewer_unit(request))
    may_fetch(account_of(request), item)
    path = evidence_dir().parent / item.path
    if not path.is_file():
        raise Http404("Tệp bằng chứng không còn trên máy")
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=item.name, content_type=item.content_type
    )

"""Self-inspection over the API: the categories, a unit's live result (the JSON of `bmnn
inspect`), plans and runs, checklist answers and evidence, checks of records, incidents and the
remediation items. The same actions and access rules as the pages (bmnn.inspection.access)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import File, Query, Router, Schema, Status, UploadedFile
from pydantic import Field, StrictBool, StrictInt

from bmnn.api.auth import account_of
from bmnn.api.common import responses
from bmnn.api.inputs import Day, Id, In, PathId
from bmnn.audit.journal import append_event
from bmnn.audit.models import EventKind
from bmnn.inspection import access, checklist
from bmnn.inspection import actions as act
from bmnn.inspection.categories import categories
from bmnn.inspection.engine import inspect, year_period
from bmnn.inspection.evidence import max_bytes
from bmnn.inspection.models import Evidence, Plan, RemediationItem, Run
from bmnn.inspection.scope import build_scope
from bmnn.inspection.shown import Viewer, masked_result
from bmnn.inspection.waiting import waiting_page
from bmnn.org.models import Person, Unit
from bmnn.registry.rules import pack_for

router = Router(tags=["Tự kiểm tra"])
Long = Annotated[str, Field(max_length=10000)]
Short = Annotated[str, Field(max_length=255)]


class CategoryOut(Schema):
    id: str
    title: str
    group: str
    counted: str
    detect: str
    basis: str
    remedy: str


class PlanIn(In):
    title: Short = Field(min_length=1)
    period_from: Day
    period_to: Day
    starts_on: Day
    ends_on: Day
    include_subunits: StrictBool = False
    number: Annotated[str, Field(max_length=80)] = ""
    team: Long = ""


class PlanOut(Schema):
    id: int
    unit_id: int
    title: str
    number: str
    period_from: dt.date
    period_to: dt.date
    include_subunits: bool
    starts_on: dt.date
    ends_on: dt.date


class RunOut(Schema):
    id: int
    plan_id: int
    status: str
    as_of: dt.date
    started_at: dt.datetime
    finished_at: dt.datetime | None
    conclusion: str
    report_number: str
    result: dict[str, Any]


class WaitingRecordOut(Schema):
    kind: str
    id: int
    label: str
    level: str
    since: str
    evidence: str
    masked: bool
    checked: str  # the result of a check recorded since the run, "" when none


class WaitingOut(Schema):
    total: int
    page: int
    pages: int
    records: list[WaitingRecordOut]


class ConclusionIn(In):
    conclusion: Long = Field(min_length=1)
    report_number: Annotated[str, Field(max_length=80)] = ""


class AnswerIn(In):
    answer: Literal["yes", "no", ""] = ""
    items: dict[str, Literal["ok", "wrong", "missing"]] | None = None
    note: Long = ""
    doc_number: Annotated[str, Field(max_length=120)] = ""
    doc_date: Day | None = None
    evidence_id: Id | None = None


class AnswerOut(Schema):
    id: int
    question: str
    answer: str
    items: dict[str, str]
    note: str
    doc_number: str
    doc_date: dt.date | None
    evidence_id: int | None
    valid_until: dt.date


class QuestionOut(Schema):
    id: str
    text: str
    help: str
    categories: list[str]
    evidence: str
    attachment: str
    items: list[dict[str, str]]
    current: AnswerOut | None


class EvidenceOut(Schema):
    id: int
    name: str
    sha256: str
    content_type: str
    size: int


class CheckIn(In):
    category_id: Short
    kind: Short
    record_ids: list[Id] = Field(min_length=1, max_length=10000)
    result: Literal["violation", "compliant", "remedied"]
    reference: Short = ""
    note: Long = ""
    evidence_id: Id | None = None


class IncidentIn(In):
    category_id: Literal["KEEP-LOST", "KEEP-NOT-REGISTERED", "NET-PASSWORD-EXPOSED"]
    discovered_on: Day
    occurred_on: Day | None = None
    count: StrictInt = Field(1, ge=1, le=1_000_000)
    description: Long = Field(min_length=1)
    reported_to: Short = ""
    reference: Annotated[str, Field(max_length=120)] = ""


class ItemOut(Schema):
    id: int
    unit_id: int
    category: str
    count: int
    person_id: int | None
    task: str
    responsibility: str
    deadline: dt.date
    status: str
    overdue: bool


class AssignIn(In):
    person_id: Id
    task: Long = Field(min_length=1)
    responsibility: Short = Field(min_length=1)
    deadline: Day


class CloseIn(In):
    note: Long = Field(min_length=1)
    reference: Short = ""
    evidence_id: Id | None = None


def _unit(request: HttpRequest) -> Unit:
    """The caller's unit, whose self-inspection they may see (403 otherwise)."""
    account = account_of(request)
    if account.person is None:
        raise PermissionDenied("Tài khoản chưa gắn với cán bộ của đơn vị nào")
    access.may_view(account, account.person.unit)
    return account.person.unit


def _run_out(run: Run, request: HttpRequest) -> dict[str, Any]:
    """A run with its result as the caller may see it (need-to-know masking of records)."""
    return {
        "id": run.pk,
        "plan_id": run.plan_id,
        "status": run.status,
        "as_of": run.as_of,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "conclusion": run.conclusion,
        "report_number": run.report_number,
        "result": masked_result(run.result, Viewer.of(account_of(request))),
    }


def _evidence(unit: Unit, evidence_id: int | None) -> Evidence | None:
    return None if evidence_id is None else get_object_or_404(Evidence, pk=evidence_id, unit=unit)


def _item_out(item: RemediationItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "unit_id": item.unit_id,
        "category": item.category,
        "count": item.count,
        "person_id": item.person_id,
        "task": item.task,
        "responsibility": item.responsibility,
        "deadline": item.deadline,
        "status": item.status,
        "overdue": item.overdue_on(timezone.localdate()),
    }


@router.get(
    "/inspection/categories",
    response=responses(200, list[CategoryOut]),
    summary="Danh mục loại vi phạm, thiếu sót",
)
def list_categories(request: HttpRequest) -> Any:
    """Every finding category (findings.yaml) with its stable id."""
    return [
        {
            "id": c.id,
            "title": c.title,
            "group": c.group,
            "counted": c.counted,
            "detect": c.detect.value,
            "basis": c.basis,
            "remedy": c.remedy,
        }
        for c in categories()
    ]


@router.get(
    "/inspection/live",
    response=responses(200, dict[str, Any]),
    summary="Kết quả tự kiểm tra tức thời của đơn vị",
)
def live(
    request: HttpRequest, year: Annotated[int | None, Query(ge=2000, le=9999)] = None, subunits: bool = False
) -> Any:
    """The caller's unit judged now on every category (the JSON of `bmnn inspect`), for a year
    (default: this year to today). A read, logged."""
    unit = _unit(request)
    today = timezone.localdate()
    first, last = year_period(year or today.year, today)
    result = inspect(build_scope(unit, first, last, today, include_subunits=subunits))
    with transaction.atomic():
        append_event(
            kind=EventKind.READ,
            action="export_self_inspection",
            actor=account_of(request),
            unit_id=unit.pk,
            changes={"period": result["period"], "format": "api", "subunits": subunits},
        )
    return masked_result(result, Viewer.of(account_of(request)))


@router.post("/inspection/plans", response=responses(201, PlanOut), summary="Lập kế hoạch tự kiểm tra")
def create_plan(request: HttpRequest, data: PlanIn) -> Any:
    """A self-inspection plan of the caller's unit. Clerk or head."""
    plan = act.do_plan_self_inspection(_unit(request), actor=account_of(request), **data.model_dump())
    return Status(201, plan)


@router.get("/inspection/plans", response=responses(200, list[PlanOut]), summary="Các kế hoạch tự kiểm tra")
def list_plans(request: HttpRequest) -> Any:
    return list(Plan.objects.filter(unit=_unit(request)))


@router.post(
    "/inspection/plans/{plan_id}/runs",
    response=responses(201, RunOut),
    summary="Tiến hành tự kiểm tra (đến hết)",
)
def run_plan(request: HttpRequest, plan_id: PathId) -> Any:
    """Carry out a run of the plan at once; its result is frozen and remediation items open."""
    plan = get_object_or_404(Plan, pk=plan_id, unit=_unit(request))
    return Status(201, _run_out(act.do_run_self_inspection(plan, actor=account_of(request)), request))


@router.get(
    "/inspection/runs/{run_id}", response=responses(200, RunOut), summary="Kết quả một lần tự kiểm tra"
)
def get_run(request: HttpRequest, run_id: PathId) -> Any:
    return _run_out(get_object_or_404(Run, pk=run_id, plan__unit=_unit(request)), request)


@router.get(
    "/inspection/runs/{run_id}/waiting/{category_id}",
    response=responses(200, WaitingOut),
    summary="Hồ sơ chưa kết luận được, cần đối chiếu",
)
def waiting(
    request: HttpRequest,
    run_id: PathId,
    category_id: Annotated[str, Field(max_length=60)],
    page: Annotated[int, Field(ge=1, le=1_000_000)] = 1,
) -> Any:
    """What the run's category left for a person to judge (paper lines, documents), 50 a page."""
    run = get_object_or_404(Run, pk=run_id, plan__unit=_unit(request))
    found = next((c for c in run.categories if c["id"] == category_id), None)
    if found is None:
        raise Http404("Không có nội dung này trong lần tự kiểm tra")
    shown = waiting_page(found, account_of(request), page, set())
    return {
        "total": shown.total,
        "page": shown.page,
        "pages": shown.pages,
        "records": [
            {"kind": r.kind, "id": r.id, "label": r.label, "level": r.level, "since": r.since,
             "evidence": r.evidence, "masked": r.masked, "checked": result}
            for r, result in shown.rows
        ],
    }


@router.post(
    "/inspection/runs/{run_id}/conclusion", response=responses(200, RunOut), summary="Thủ trưởng kết luận"
)
def conclude(request: HttpRequest, run_id: PathId, data: ConclusionIn) -> Any:
    run = get_object_or_404(Run, pk=run_id, plan__unit=_unit(request))
    return _run_out(act.do_conclude_run(run, actor=account_of(request), **data.model_dump()), request)


def _answer_out(answer: Any) -> dict[str, Any] | None:
    if answer is None:
        return None
    return {
        "id": answer.pk,
        "question": answer.question,
        "answer": answer.answer,
        "items": answer.items,
        "note": answer.note,
        "doc_number": answer.doc_number,
        "doc_date": answer.doc_date,
        "evidence_id": answer.evidence_id,
        "valid_until": answer.valid_until,
    }


@router.get("/inspection/checklist", response=responses(200, list[QuestionOut]), summary="Bảng kiểm")
def list_questions(request: HttpRequest) -> Any:
    """The questions with the unit's current (unexpired) answers and, for per-item questions,
    the items of the rule pack in force."""
    unit = _unit(request)
    today = timezone.localdate()
    current = checklist.current_answers([unit.pk], today)
    return [
        {
            "id": q.id,
            "text": q.text,
            "help": q.help,
            "categories": list(q.categories),
            "evidence": q.evidence,
            "attachment": q.attachment,
            "current": _answer_out(current.get((unit.pk, q.id))),
            "items": [{"id": i.id, "text": i.text} for i in checklist.items_of(q, pack_for(today))[0]],
        }
        for q in checklist.questions()
    ]


@router.post(
    "/inspection/checklist/{question_id}",
    response=responses(201, AnswerOut),
    summary="Trả lời câu hỏi bảng kiểm",
)
def answer(request: HttpRequest, question_id: Annotated[str, Field(max_length=60)], data: AnswerIn) -> Any:
    unit = _unit(request)
    try:
        checklist.question(question_id)
    except KeyError:
        raise Http404(f"Không có câu hỏi {question_id}") from None
    row = act.do_answer_question(
        unit,
        question_id=question_id,
        answer=data.answer,
        items=dict(data.items) if data.items else None,
        note=data.note,
        doc_number=data.doc_number,
        doc_date=data.doc_date,
        evidence=_evidence(unit, data.evidence_id),
        actor=account_of(request),
    )
    return Status(201, _answer_out(row))


@router.post("/inspection/evidence", response=responses(201, EvidenceOut), summary="Gửi tệp bằng chứng")
def upload(request: HttpRequest, file: File[UploadedFile]) -> Any:
    """A scan (PDF, JPEG, PNG; size bounded) kept as the unit's evidence, to cite by its id."""
    unit = _unit(request)
    data = file.read(max_bytes() + 1)
    return Status(
        201, act.do_upload_evidence(unit, name=file.name or "tep", data=data, actor=account_of(request))
    )


@router.post("/inspection/checks", response=responses(201, dict[str, int]), summary="Đối chiếu hồ sơ")
def check(request: HttpRequest, data: CheckIn) -> Any:
    """Records checked against the unit's files for one category (violation, compliant, remedied)."""
    unit = _unit(request)
    done = act.do_check_records(
        unit,
        category_id=data.category_id,
        kind=data.kind,
        record_ids=data.record_ids,
        result=data.result,
        reference=data.reference,
        note=data.note,
        evidence=_evidence(unit, data.evidence_id),
        actor=account_of(request),
    )
    return Status(201, {"checked": len(done)})


@router.post("/inspection/incidents", response=responses(201, dict[str, int]), summary="Ghi nhận sự cố")
def incident(request: HttpRequest, data: IncidentIn) -> Any:
    row = act.do_record_incident(_unit(request), actor=account_of(request), **data.model_dump())
    return Status(201, {"id": row.pk})


@router.get("/inspection/remediation", response=responses(200, list[ItemOut]), summary="Việc khắc phục")
def list_items(request: HttpRequest) -> Any:
    return [_item_out(i) for i in RemediationItem.objects.filter(unit=_unit(request))]


@router.put(
    "/inspection/remediation/{item_id}", response=responses(200, ItemOut), summary="Phân công khắc phục"
)
def assign(request: HttpRequest, item_id: PathId, data: AssignIn) -> Any:
    unit = _unit(request)
    item = get_object_or_404(RemediationItem, pk=item_id, unit=unit)
    person = get_object_or_404(Person, pk=data.person_id, unit=unit)
    return _item_out(
        act.do_assign_remediation(
            item,
            person=person,
            task=data.task,
            responsibility=data.responsibility,
            deadline=data.deadline,
            actor=account_of(request),
        )
    )


@router.post(
    "/inspection/remediation/{item_id}/close",
    response=responses(200, ItemOut),
    summary="Xác nhận hoàn thành khắc phục",
)
def close(request: HttpRequest, item_id: PathId, data: CloseIn) -> Any:
    unit = _unit(request)
    item = get_object_or_404(RemediationItem, pk=item_id, unit=unit)
    return _item_out(
        act.do_close_remediation(
            item,
            note=data.note,
            reference=data.reference,
            evidence=_evidence(unit, data.evidence_id),
            actor=account_of(request),
        )
    )

"""Reports pages under /bao-cao/: what the unit owes and sends; for a receiving body, who below
has reported, the packages received or refused, the deadlines it sets, approval; the keys."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from bmnn.inspection.categories import title as category_title
from bmnn.inspection.scope import scope_unit_ids
from bmnn.law.steps import Step
from bmnn.org.models import Unit
from bmnn.registry.may import can
from bmnn.reports.actions import (
    do_approve_report,
    do_create_package_key,
    do_export_report_package,
    do_register_package_key,
    do_revoke_package_key,
    do_set_report_deadline,
    do_withdraw_report_deadline,
)
from bmnn.reports.calendar import State, obligations, standings
from bmnn.reports.errors import KeyRefused, PackageRefused
from bmnn.reports.models import Deadline, Direction, Filing, PackageKey, RefusedPackage
from bmnn.reports.packages.format import MAX_PACKAGE
from bmnn.reports.rates import rates, standings_below
from bmnn.reports.receiving import receive_many
from bmnn.summaries.models import FindingRow
from bmnn.web.forms.reporting import (
    CreateKeyForm,
    DeadlineForm,
    ExportForm,
    FindingsEntryForm,
    RegisterKeyForm,
    RevokeKeyForm,
)
from bmnn.web.views.common import account_of, person_of, roles_required, step_required, unit_of

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Who reads the reports pages: those who send, receive or approve reports, and the inspector.
REPORT_READERS = ("clerk", "head", "deputy", "inspector")
REFUSALS = (PermissionDenied, KeyRefused, PackageRefused, ValueError)


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("nam", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


def _below(unit: Unit) -> list[int]:
    return [pk for pk in scope_unit_ids(unit, True) if pk != unit.pk]


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """Every reports page knows whether the unit receives reports (has units below it)."""
    unit = unit_of(request)
    return render(request, template, {"receives": Unit.objects.filter(parent=unit).exists(), **context})


def _revocable(account: Any, keys: list[PackageKey]) -> set[int]:
    """Keys this person may revoke: the unit's own (sender's step), or another unit's key
    registered here (receiver's step)."""
    unit_id = account.person.unit_id
    out = set()
    for key in keys:
        step = Step.SEND_REPORT if key.own else Step.RECEIVE_REPORT
        mine = key.unit_id == unit_id if key.own else key.registered_by.unit_id == unit_id
        if mine and can(step, account, unit_id):
            out.add(key.pk)
    return out


def _form_page(
    request: HttpRequest,
    form: forms.Form,
    perform: Callable[[dict[str, Any]], Any],
    *,
    title: str,
    done: str,
    next_url: str,
    help_text: str = "",
) -> HttpResponse | Any:
    """Validate and act; a refusal is shown in place of the form, nothing written."""
    if request.method == "POST" and form.is_valid():
        try:
            result = perform(form.cleaned_data)
        except REFUSALS as refusal:
            form.add_error(None, f"Không thực hiện được: {refusal}")
        else:
            if isinstance(result, HttpResponseBase):
                return result
            messages.success(request, done)
            return redirect(next_url)
    return render(request, "web/action_form.html", {"form": form, "title": title, "help": help_text})


@roles_required(*REPORT_READERS)
def overview(request: HttpRequest) -> HttpResponse:
    unit, year, today = unit_of(request), _year(request), timezone.localdate()
    owed = standings(obligations([unit], dt.date(year, 1, 1), dt.date(year, 12, 31)), today)
    return _page(
        request,
        "web/reporting/overview.html",
        {
            "unit": unit,
            "year": year,
            "owed": owed,
            "today": today,
            "sent": Filing.objects.filter(direction=Direction.SENT, unit=unit).select_related("receiver")[
                :50
            ],
            "years": range(today.year + 1, today.year - 4, -1),
        },
    )


@step_required(Step.SEND_REPORT)
def export(request: HttpRequest) -> HttpResponse:
    unit, account = unit_of(request), account_of(request)
    initial: dict[str, Any] = {k: request.GET[k][:20] for k in ("kind", "period") if k in request.GET}
    period = initial.get("period", "")
    if period:  # a row of "what the unit owes": its data window, from the calendar
        year = (
            int(period[-4:])
            if period[-4:].isdigit() and 2000 <= int(period[-4:]) <= 2100
            else timezone.localdate().year
        )
        for o in obligations([unit], dt.date(year - 1, 1, 1), dt.date(year + 1, 12, 31)):
            if (o.kind, o.period) == (initial.get("kind"), period):
                initial |= {"data_from": o.data_from, "data_to": o.data_to}
    form = ExportForm(request.POST or None, initial=initial)

    def perform(data: dict[str, Any]) -> HttpResponseBase:
        _, raw, name = do_export_report_package(
            unit,
            kind_id=data["kind"],
            period=data["period"].strip(),
            data_from=data["data_from"],
            data_to=data["data_to"],
            narrative=data["narrative"],
            actor=account,
        )
        return FileResponse(
            io.BytesIO(raw), as_attachment=True, filename=name, content_type="application/octet-stream"
        )

    return _form_page(
        request,
        form,
        perform,
        title="Lập gói báo cáo gửi cơ quan cấp trên",
        done="",
        next_url=reverse("web:reports"),
        help_text=(
            "Gói chứa số liệu tổng hợp (không có nội dung tài liệu mật), được ký bằng khóa của đơn vị "
            "và mã hóa cho nơi nhận khi đã đăng ký khóa của họ. Chép tệp tải về ra thiết bị lưu trữ "
            "được quản lý để chuyển đi."
        ),
    )


@roles_required(*REPORT_READERS)
def filing_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The Word paper of a report this unit sent or received."""
    from django.db.models import Q

    from bmnn.reports.annual import filing_paper
    from bmnn.reports.writers.paper_docx import render_paper_docx

    unit = unit_of(request)
    filing = get_object_or_404(Filing.objects.filter(Q(unit=unit) | Q(receiver=unit)), pk=pk)
    paper = filing_paper(filing)
    response = HttpResponse(render_paper_docx(paper), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{paper.file_name}"'
    return response


@step_required(Step.RECEIVE_REPORT)
def receive_page(request: HttpRequest) -> HttpResponse:
    account, results, error = account_of(request), [], ""
    if request.method == "POST":
        uploads = request.FILES.getlist("files")
        if not uploads:
            error = "Chọn ít nhất một tệp gói báo cáo (.bmnn)."
        files = [(upload.name or "goi.bmnn", upload.read(MAX_PACKAGE + 1)) for upload in uploads]
        results = receive_many(files, actor=account)
    unit = unit_of(request)
    return _page(
        request,
        "web/reporting/receive.html",
        {
            "results": results,
            "error": error,
            "received": Filing.objects.filter(direction=Direction.RECEIVED, receiver=unit).select_related(
                "unit"
            )[:50],
            "refused": RefusedPackage.objects.filter(refused_by__unit=unit_of(request))[:50],
        },
    )


def _chart(unit: Unit, year: int, by_level: list[Any]) -> dict[str, list[Any]]:
    """What the dashboard's charts draw (the page writes it with json_script)."""
    codes = list(Unit.objects.filter(pk__in=_below(unit)).values_list("code", flat=True))
    findings = (
        FindingRow.objects.filter(period=str(year), unit_code__in=codes)
        .values("category")
        .annotate(n=Sum("count"))
        .order_by("-n")[:12]
    )
    return {
        "levels": [r.level for r in by_level],
        "on_time": [r.on_time for r in by_level],
        "late": [r.late for r in by_level],
        "missing": [r.missing for r in by_level],
        "categories": [category_title(f["category"]) for f in findings],
        "counts": [f["n"] for f in findings],
    }


@roles_required(*REPORT_READERS)
def below(request: HttpRequest) -> HttpResponse:
    unit, year, today = unit_of(request), _year(request), timezone.localdate()
    rows = standings_below(unit, dt.date(year, 1, 1), dt.date(year, 12, 31), today)
    by_level = rates(rows)
    names = dict(Unit.objects.filter(pk__in={s.obligation.unit_id for s in rows}).values_list("pk", "name"))
    account = account_of(request)
    return _page(
        request,
        "web/reporting/below.html",
        {
            "unit": unit,
            "year": year,
            "rates": by_level,
            "chart": _chart(unit, year, by_level),
            "rows": [(names[s.obligation.unit_id], s) for s in rows if s.state != State.NOT_DUE],
            "coming": [(names[s.obligation.unit_id], s) for s in rows if s.state == State.NOT_DUE][:100],
            "received": Filing.objects.filter(direction=Direction.RECEIVED, receiver=unit).select_related(
                "unit"
            )[:100],
            "deadlines": Deadline.objects.filter(receiver=unit, withdrawn_at__isnull=True),
            "may_receive": can(Step.RECEIVE_REPORT, account, unit.pk),
            "may_approve": can(Step.APPROVE_REPORT, account, unit.pk),
            "waiting": Filing.objects.filter(
                direction=Direction.RECEIVED, receiver=unit, approved_at__isnull=True
            ).count(),
            "years": range(today.year + 1, today.year - 4, -1),
        },
    )


@step_required(Step.RECEIVE_REPORT)
def deadline_new(request: HttpRequest) -> HttpResponse:
    unit, account = unit_of(request), account_of(request)
    form = DeadlineForm(request.POST or None, below=_below(unit))

    def perform(data: dict[str, Any]) -> Deadline:
        return do_set_report_deadline(
            unit,
            kind_id=data["kind"],
            due_on=data["due_on"],
            basis=data["basis"],
            period=data["period"],
            yearly=data["yearly"],
            units=list(data["units"]),
            issued_on=data["issued_on"],
            actor=account,
        )

    return _form_page(
        request,
        form,
        perform,
        title="Đặt hạn báo cáo cho đơn vị cấp dưới",
        done="Đã đặt hạn báo cáo.",
        next_url=reverse("web:reports_below"),
    )


@require_POST
@step_required(Step.RECEIVE_REPORT)
def deadline_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    deadline = get_object_or_404(Deadline, pk=pk, receiver=unit_of(request))
    try:
        do_withdraw_report_deadline(deadline, actor=account_of(request))
    except REFUSALS as refusal:
        messages.error(request, f"Không thực hiện được: {refusal}")
    return redirect("web:reports_below")


@step_required(Step.APPROVE_REPORT)
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    filing = get_object_or_404(Filing, pk=pk, direction=Direction.RECEIVED, receiver=unit_of(request))
    account = account_of(request)
    return _form_page(
        request,
        forms.Form(request.POST if request.method == "POST" else None),
        lambda _: do_approve_report(filing, actor=account),
        title=f"Duyệt số liệu: {filing}",
        done="Đã duyệt; số liệu sẽ có trong báo cáo gửi cấp trên.",
        next_url=reverse("web:reports_below"),
        help_text=f"Gói số {filing.sequence}, gửi ngày {filing.sent_on:%d/%m/%Y}, "
        f"{len(filing.content.get('rows', []))} dòng đơn vị.",
    )


@require_POST
@step_required(Step.APPROVE_REPORT)
def approve_all(request: HttpRequest) -> HttpResponse:
    """The head approves every report waiting for her approval at once."""
    from bmnn.reports.actions import do_approve_reports

    waiting = Filing.objects.filter(
        direction=Direction.RECEIVED, receiver=unit_of(request), approved_at__isnull=True
    )
    try:
        done = do_approve_reports(list(waiting), actor=account_of(request))
    except REFUSALS as refusal:
        messages.error(request, f"Không thực hiện được: {refusal}")
    else:
        messages.success(request, f"Đã duyệt {len(done)} báo cáo.")
    return redirect("web:reports_below")


@roles_required(*REPORT_READERS)
def keys(request: HttpRequest) -> HttpResponse:
    unit = unit_of(request)
    related = {unit.pk, *_below(unit), *(u.pk for u in unit.ancestors())}
    found = list(PackageKey.objects.filter(unit_id__in=related).select_related("unit", "registered_by"))
    account = account_of(request)
    return _page(
        request,
        "web/reporting/keys.html",
        {
            "unit": unit,
            "keys": found,
            "revocable": _revocable(account, found),
            "create": CreateKeyForm(),
            "may_send": can(Step.SEND_REPORT, account, unit.pk),
        },
    )


@require_POST
@step_required(Step.SEND_REPORT)
def key_create(request: HttpRequest) -> HttpResponse:
    form = CreateKeyForm(request.POST)
    if form.is_valid():
        try:
            key = do_create_package_key(
                unit_of(request), purpose=form.cleaned_data["purpose"], actor=account_of(request)
            )
        except REFUSALS as refusal:
            messages.error(request, f"Không thực hiện được: {refusal}")
        else:
            messages.success(
                request,
                f"Đã tạo khóa. Gửi cho nơi nhận bằng văn bản: khóa công khai {key.public}; "
                f"dấu vân tay {key.fingerprint}.",
            )
    else:
        messages.error(request, "Chọn loại khóa.")
    return redirect("web:report_keys")


@login_required
def key_register(request: HttpRequest) -> HttpResponse:
    unit, account = unit_of(request), account_of(request)
    if not (can(Step.RECEIVE_REPORT, account, unit.pk) or can(Step.SEND_REPORT, account, unit.pk)):
        raise PermissionDenied("Chỉ văn thư, thủ trưởng mới được đăng ký khóa của đơn vị khác")
    form = RegisterKeyForm(request.POST or None, units=[*_below(unit), *(u.pk for u in unit.ancestors())])

    def perform(data: dict[str, Any]) -> PackageKey:
        return do_register_package_key(
            data["unit"],
            purpose=data["purpose"],
            public=data["public"],
            reference=data["reference"],
            actor=account,
        )

    return _form_page(
        request,
        form,
        perform,
        title="Đăng ký khóa của đơn vị khác",
        done="Đã đăng ký khóa.",
        next_url=reverse("web:report_keys"),
        help_text="Đối chiếu dấu vân tay với văn bản giao nhận khóa trước khi ghi.",
    )


@login_required
def key_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_of(request)
    related = {unit.pk, *_below(unit), *(u.pk for u in unit.ancestors())}
    key = get_object_or_404(PackageKey, pk=pk, unit_id__in=related)
    person_of(request)
    form = RevokeKeyForm(request.POST or None)
    account = account_of(request)
    return _form_page(
        request,
        form,
        lambda data: do_revoke_package_key(key, reason=data["reason"], actor=account),
        title=f"Thu hồi khóa {key.fingerprint[:16]}… của {key.unit.name}",
        done="Đã thu hồi khóa.",
        next_url=reverse("web:report_keys"),
        help_text="Gói ký bằng khóa đã thu hồi bị từ chối từ nay.",
    )


@roles_required(*REPORT_READERS)
def findings(request: HttpRequest) -> HttpResponse:
    """The inspections' results of a period as the summary writes them (per category: total,
    units, localities and the footnote), from the rows imported, typed or received in packages."""
    from bmnn.summaries.summary import By, Order, build, facts_of_period, footnote, number, sentence

    period = request.GET.get("ky", "").strip()[:20] or str(timezone.localdate().year - 1)
    by = By.PROVINCE if request.GET.get("theo") == "tinh-moi" else By.OLD_PROVINCE
    lines = build(facts_of_period(period), by=by, order=Order.APPEARANCE)
    return _page(
        request,
        "web/reporting/findings.html",
        {
            "period": period,
            "by_new": by == By.PROVINCE,
            "lines": [(line, sentence(line), footnote(line), number(line.total)) for line in lines],
            "may_enter": can(Step.RECEIVE_REPORT, account_of(request), unit_of(request).pk),
        },
    )


def _digest(rows: list[Any]) -> str:
    """The entry's identity: the same inspection typed twice is refused as a duplicate."""
    import hashlib

    return hashlib.sha256(json.dumps(rows, ensure_ascii=False, default=str).encode()).hexdigest()


@step_required(Step.RECEIVE_REPORT)
def findings_new(request: HttpRequest) -> HttpResponse:
    from bmnn.lib.sheets import ImportRejected
    from bmnn.summaries.actions import do_import_findings
    from bmnn.summaries.importing import COLUMNS, parse_findings_rows

    form = FindingsEntryForm(request.POST or None, initial={"period": str(timezone.localdate().year - 1)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        rows = [(1, list(COLUMNS))] + [
            (
                i,
                [
                    data["period"],
                    data["locality"],
                    data["unit_code"],
                    data["unit_name"],
                    data["unit_kind"],
                    category_id,
                    str(count),
                    data["note"],
                ],
            )
            for i, (category_id, count) in enumerate(form.counts(), start=2)
        ]
        try:
            saved = do_import_findings(
                parse_findings_rows("nhập trên trang", _digest(rows), rows), actor=account_of(request)
            )
        except ImportRejected as rejected:
            for error in rejected.errors:  # a typed form has no rows: say which field
                form.add_error(error.column if error.column in form.fields else None, error.message)
        except PermissionDenied as denied:
            form.add_error(None, f"Không thực hiện được: {denied}")
        else:
            messages.success(request, f"Đã ghi {len(saved)} dòng kết quả kiểm tra của {data['unit_code']}.")
            return redirect(f"{reverse('web:reports_findings')}?ky={data['period']}")
    return _page(request, "web/reporting/findings_new.html", {"form": form})

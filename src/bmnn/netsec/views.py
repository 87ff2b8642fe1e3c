"""The IT officer's pages: computers and devices, information systems, incident plans, scans.

Each view checks access through a getter scoped to the officer's unit, validates a form, calls
one netsec action and renders; refusals are shown in place by `run_action`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from bmnn.law.errors import LawRefusal
from bmnn.netsec import actions as act
from bmnn.netsec import forms as nf
from bmnn.netsec.detectors import Finding, detect_all, findings_for
from bmnn.netsec.models import LAYERS, Computer, IncidentPlan, InformationSystem
from bmnn.netsec.refdata import GROUP_LABELS, measures_for, os_row
from bmnn.org.models import Role
from bmnn.web.views.common import account_of, refusal_text, roles_required, run_action, unit_of

it_only = roles_required(Role.IT_OFFICER)


def get_computer_for_user(request: HttpRequest, pk: int) -> Computer:
    return get_object_or_404(Computer, pk=pk, unit=unit_of(request))


def get_system_for_user(request: HttpRequest, pk: int) -> InformationSystem:
    return get_object_or_404(InformationSystem, pk=pk, unit=unit_of(request))


def get_plan_for_user(request: HttpRequest, pk: int) -> IncidentPlan:
    return get_object_or_404(IncidentPlan, pk=pk, unit=unit_of(request))


@it_only
def computer_list(request: HttpRequest) -> HttpResponse:
    unit = unit_of(request)
    found = detect_all(unit, timezone.localdate())
    by_pc: dict[int, list[Finding]] = {}
    for finding in found:
        if isinstance(finding.subject, Computer):
            by_pc.setdefault(finding.subject.pk, []).append(finding)
    rows = [(pc, by_pc.get(pc.pk, [])) for pc in Computer.objects.filter(unit=unit)]
    unit_wide = [f for f in found if not isinstance(f.subject, Computer)]
    counts = sorted(Counter(f.category_id for f in found).items())
    return render(request, "netsec/computers.html", {"rows": rows, "findings": unit_wide, "counts": counts})


@it_only
def computer_new(request: HttpRequest) -> HttpResponse:
    form = nf.ComputerForm(request.POST or None)
    return run_action(request, form, lambda d: act.do_register_computer(unit_of(request), d,
                                                                         actor=account_of(request)),
                      title="Thêm máy tính, thiết bị", done="Đã thêm vào danh mục.",
                      next_url=lambda pc: reverse("netsec:computer", args=[pc.pk]))


@it_only
def computer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    pc = get_computer_for_user(request, pk)
    form = nf.ComputerForm(request.POST or None, instance=Computer.objects.get(pk=pc.pk))
    return run_action(request, form, lambda d: act.do_update_computer(pc, d, actor=account_of(request)),
                      title=f"Sửa thông tin {pc}", done="Đã cập nhật.",
                      next_url=lambda _: reverse("netsec:computer", args=[pc.pk]))


@it_only
def computer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pc = get_computer_for_user(request, pk)
    found = findings_for(pc, detect_all(pc.unit, timezone.localdate()))
    scans = pc.scans.prefetch_related("findings")
    return render(request, "netsec/computer.html", {
        "pc": pc, "findings": found, "scans": scans, "malware": pc.malware.all(),
        "os_row": os_row(pc.os_name, pc.os_version), "verbs": COMPUTER_VERBS})


@dataclass(frozen=True)
class Verb:
    title: str
    form: type[forms.Form]
    perform: Callable[..., Any]


COMPUTER_VERBS: dict[str, Verb] = {
    "kiem-tra": Verb("Ghi kiểm tra an ninh trước khi sử dụng", nf.CheckForm, act.do_record_security_check),
    "dua-vao-su-dung": Verb("Đưa vào sử dụng", nf.DayForm, act.do_put_into_use),
    "diet-virus": Verb("Ghi cập nhật phần mềm diệt virus", nf.AntivirusForm, act.do_record_antivirus_update),
    "ma-doc": Verb("Ghi phát hiện mã độc", nf.MalwareForm, act.do_record_malware),
    "xoa-an-toan": Verb("Ghi xóa an toàn dữ liệu", nf.WipeForm, act.do_record_wiping),
    "chuyen-muc-dich": Verb("Chuyển mục đích sử dụng", nf.RepurposeForm, act.do_record_repurposing),
    "thoi-su-dung": Verb("Thôi sử dụng", nf.DayForm, act.do_retire_computer),
}


def _run_verb(request: HttpRequest, subject: Model, verbs: dict[str, Verb], verb: str,
              page: str) -> HttpResponse:
    """One step from a verb table on a computer or a system, back to its page afterwards."""
    step = verbs.get(verb)
    if step is None:
        raise Http404
    return run_action(request, step.form(request.POST or None),
                      lambda d: step.perform(subject, **d, actor=account_of(request)),
                      title=f"{step.title}: {subject}", done="Đã ghi.",
                      next_url=lambda _: reverse(page, args=[subject.pk]))


@it_only
def computer_action(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    return _run_verb(request, get_computer_for_user(request, pk), COMPUTER_VERBS, verb, "netsec:computer")


@it_only
def scan_import(request: HttpRequest) -> HttpResponse:
    form = nf.ScanUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            scan = act.do_import_scan_report(unit_of(request), form.cleaned_data["file"].read(),
                                             create=form.cleaned_data["create"], actor=account_of(request))
        except LawRefusal as refusal:
            form.add_error(None, refusal_text(refusal))
        else:
            messages.success(request, f"Đã nhập báo cáo quét: {scan.findings.count()} tệp được đánh dấu.")
            return redirect("netsec:computer", scan.computer_id)
    return render(request, "netsec/scan_import.html", {"form": form})


@it_only
def system_list(request: HttpRequest) -> HttpResponse:
    unit = unit_of(request)
    systems = InformationSystem.objects.filter(unit=unit)
    return render(request, "netsec/systems.html", {"systems": systems, "layers": LAYERS})


@it_only
def system_new(request: HttpRequest) -> HttpResponse:
    return run_action(request, nf.SystemForm(request.POST or None),
                      lambda d: act.do_register_system(unit_of(request), **d, actor=account_of(request)),
                      title="Thêm hệ thống thông tin", done="Đã thêm hệ thống.",
                      next_url=lambda s: reverse("netsec:system", args=[s.pk]))


@it_only
def system_detail(request: HttpRequest, pk: int) -> HttpResponse:
    system = get_system_for_user(request, pk)
    items = measures_for(system.proposed_level)
    groups = [(label, [(m, system.measures.get(m.id, {})) for m in items if m.group == key])
              for key, label in GROUP_LABELS.items()]
    layers = [(n, name, system.layers.get(n, {})) for n, name in LAYERS.items()]
    found = findings_for(system, detect_all(system.unit, timezone.localdate()))
    return render(request, "netsec/system.html", {"system": system, "groups": groups, "layers": layers,
                                                  "findings": found})


SYSTEM_VERBS: dict[str, Verb] = {
    "de-xuat-cap-do": Verb("Đề xuất cấp độ", nf.LevelForm, act.do_propose_level),
    "phe-duyet-cap-do": Verb("Ghi quyết định phê duyệt cấp độ", nf.ApprovalForm, act.do_approve_level),
}


@it_only
def system_action(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    return _run_verb(request, get_system_for_user(request, pk), SYSTEM_VERBS, verb, "netsec:system")


@it_only
def system_measure(request: HttpRequest, pk: int, item: str) -> HttpResponse:
    system = get_system_for_user(request, pk)
    measure = next((m for m in measures_for(system.proposed_level) if m.id == item), None)
    if measure is None:
        raise Http404
    form = nf.MeasureForm(request.POST or None, initial=system.measures.get(item, {}))
    return run_action(request, form,
                      lambda d: act.do_update_measure(system, item=item, **d, actor=account_of(request)),
                      title=f"{measure.id}. {measure.text}", done="Đã cập nhật biện pháp.",
                      next_url=lambda _: reverse("netsec:system", args=[system.pk]))


@it_only
def system_layer(request: HttpRequest, pk: int, layer: str) -> HttpResponse:
    system = get_system_for_user(request, pk)
    if layer not in LAYERS:
        raise Http404
    form = nf.LayerForm(request.POST or None, initial=system.layers.get(layer, {}))
    return run_action(request, form,
                      lambda d: act.do_update_layer(system, layer=layer, **d, actor=account_of(request)),
                      title=f"Lớp {layer}: {LAYERS[layer]}", done="Đã cập nhật mô hình 4 lớp.",
                      next_url=lambda _: reverse("netsec:system", args=[system.pk]))


@it_only
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = IncidentPlan.objects.filter(unit=unit_of(request))
    return render(request, "netsec/plans.html", {"plans": plans})


@it_only
def plan_new(request: HttpRequest) -> HttpResponse:
    return run_action(request, nf.PlanForm(request.POST or None),
                      lambda d: act.do_record_incident_plan(unit_of(request), **d, actor=account_of(request)),
                      title="Ghi phương án ứng phó sự cố an ninh mạng", done="Đã ghi phương án.",
                      next_url=lambda _: reverse("netsec:plans"))


@it_only
def plan_exercise(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk)
    return run_action(request, nf.DayForm(request.POST or None),
                      lambda d: act.do_record_exercise(plan, on=d["on"], actor=account_of(request)),
                      title=f"Ghi diễn tập: {plan}", done="Đã ghi diễn tập.",
                      next_url=lambda _: reverse("netsec:plans"))

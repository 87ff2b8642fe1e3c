"""Actions on one document, as a table: verb → form, the action call, who may do it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from bmnn.law.copying import CopyForm
from bmnn.law.levels import Level
from bmnn.law.transfer import Channel
from bmnn.org.models import Account
from bmnn.registry.access import visible_documents
from bmnn.registry.actions import copies, disposal, issuance, lifecycle, storage, transfers
from bmnn.registry.models import Document, DocumentState, LifeDecision, TakeOut, Transfer
from bmnn.registry.models.documents import HELD_STATES
from bmnn.web.forms import lifecycle as lf
from bmnn.web.forms import movements as mv
from bmnn.web.forms.batch import ConfirmForm
from bmnn.web.views.common import account_of, run_action

Perform = Callable[[Document, dict[str, Any], Account], Any]


@dataclass(frozen=True)
class DocAction:
    title: str
    form: type[forms.Form]
    perform: Perform
    roles: tuple[str, ...]
    states: tuple[str, ...]
    done: str


def _issue(d: Document, x: dict[str, Any], a: Account) -> Any:
    return issuance.do_issue_document(d, number_symbol=x["number_symbol"], issued_on=x["issued_on"],
                                      signer=x["signer"], actor=a)


def _copy(d: Document, x: dict[str, Any], a: Account) -> Any:
    return copies.do_copy_document(d, form=CopyForm(x["form"]), permitted_count=x["permitted_count"],
                                   made_count=x["made_count"], permitted_by=x["permitted_by"],
                                   copied_by=x["copied_by"], copied_on=x["copied_on"],
                                   recipients=x["recipients"], actor=a)


def _send(d: Document, x: dict[str, Any], a: Account) -> Any:
    return transfers.do_send_document(d, recipient_name=x["recipient_name"], channel=Channel(x["channel"]),
                                      sent_on=x["sent_on"], sent_by=x["sent_by"],
                                      named_person=x["named_person"], copy_numbers=x["copy_numbers"], actor=a)


def _take_out(d: Document, x: dict[str, Any], a: Account) -> Any:
    return storage.do_take_out_document(d, actor=a, **x)


def _extend(d: Document, x: dict[str, Any], a: Account) -> Any:
    return lifecycle.do_extend_protection(d, actor=a, **x)


def _change_level(d: Document, x: dict[str, Any], a: Account) -> Any:
    return lifecycle.do_change_level(d, actor=a, **{**x, "new_level": Level(x["new_level"])})


def _declassify(d: Document, x: dict[str, Any], a: Account) -> Any:
    return lifecycle.do_declassify(d, actor=a, **x)


def _expire(d: Document, x: dict[str, Any], a: Account) -> Any:
    return lifecycle.do_declassify_expired(d, actor=a)


def _removed(d: Document, x: dict[str, Any], a: Account) -> Any:
    return lifecycle.do_declassify_removed_from_catalog(d, actor=a, **x)


def _loss(d: Document, x: dict[str, Any], a: Account) -> Any:
    return disposal.do_report_loss(d, actor=a, **x)


def _destroy(d: Document, x: dict[str, Any], a: Account) -> Any:
    return disposal.do_destroy_documents([d], unit=d.unit, actor=a, **x)


CLERK = ("clerk",)
HELD = tuple(HELD_STATES)
ACTIONS: dict[str, DocAction] = {
    "ban-hanh": DocAction("Ban hành, vào sổ đi", mv.IssueForm, _issue, CLERK, (DocumentState.APPROVED,),
                          "Đã ban hành và vào sổ đăng ký BMNN đi."),
    "sao-chup": DocAction("Sao, chụp", mv.CopyDocumentForm, _copy, CLERK, HELD, "Đã vào sổ sao, chụp."),
    "chuyen-giao": DocAction("Chuyển giao", mv.TransferForm, _send, CLERK, HELD, "Đã vào sổ chuyển giao."),
    "mang-ra": DocAction("Mang ra khỏi nơi lưu giữ", mv.TakeOutForm, _take_out, CLERK, HELD, "Đã ghi."),
    "gia-han": DocAction("Gia hạn thời hạn bảo vệ", lf.ExtensionForm, _extend, CLERK, HELD, "Đã gia hạn."),
    "dieu-chinh-do-mat": DocAction("Điều chỉnh độ mật", lf.LevelChangeForm, _change_level, CLERK, HELD,
                                   "Đã điều chỉnh độ mật."),
    "giai-mat-het-han": DocAction("Giải mật do hết thời hạn bảo vệ", ConfirmForm, _expire, CLERK, HELD,
                                  "Đã giải mật đương nhiên."),
    "giai-mat-ngoai-danh-muc": DocAction("Giải mật do không còn trong danh mục", lf.CatalogRemovalForm,
                                         _removed, CLERK, HELD, "Đã giải mật; thông báo ngay."),
    "giai-mat": DocAction("Giải mật", lf.DeclassifyForm, _declassify, CLERK, HELD, "Đã giải mật."),
    "tieu-huy": DocAction("Tiêu hủy", lf.DestructionForm, _destroy, CLERK, HELD, "Đã ghi tiêu hủy."),
    "bao-mat": DocAction("Báo mất tài liệu", lf.LossForm, _loss, CLERK, HELD, "Đã ghi nhận việc mất."),
}


def available_actions(account: Account, document: Document) -> list[tuple[str, str]]:
    return [(verb, a.title) for verb, a in ACTIONS.items()
            if account.has_role(*a.roles) and document.state in a.states]


@login_required
def document_action(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    spec = ACTIONS.get(verb)
    if spec is None:
        raise Http404("Không có thao tác này")
    account = account_of(request)
    if not account.has_role(*spec.roles):
        raise PermissionDenied("Vai trò của bạn không được thực hiện thao tác này")
    document = get_object_or_404(visible_documents(account), pk=pk)
    form = (spec.form(request.POST or None) if spec.form is ConfirmForm
            else spec.form(request.POST or None, unit=document.unit))  # type: ignore[call-arg]
    return run_action(request, form, lambda data: spec.perform(document, data, account), title=spec.title,
                      done=spec.done, next_url=lambda _: reverse("web:document", args=[document.pk]),
                      context={"document": document})


@login_required
def transfer_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    account = account_of(request)
    if not account.has_role("clerk"):
        raise PermissionDenied
    transfer = get_object_or_404(Transfer, pk=pk, document__in=visible_documents(account))
    return run_action(request, mv.ReceiptForm(request.POST or None),
                      lambda x: transfers.do_record_receipt(transfer, actor=account, **x),
                      title="Ghi ký nhận", done="Đã ghi ký nhận vào sổ chuyển giao.",
                      next_url=lambda _: reverse("web:document", args=[transfer.document_id]),
                      context={"document": transfer.document})


@login_required
def take_out_return(request: HttpRequest, pk: int) -> HttpResponse:
    account = account_of(request)
    if not account.has_role("clerk"):
        raise PermissionDenied
    take_out = get_object_or_404(TakeOut, pk=pk, document__in=visible_documents(account))
    return run_action(request, mv.ReturnForm(request.POST or None),
                      lambda x: storage.do_return_document(take_out, actor=account, **x),
                      title="Trả tài liệu", done="Đã ghi trả tài liệu.",
                      next_url=lambda _: reverse("web:document", args=[take_out.document_id]),
                      context={"document": take_out.document})


@login_required
def decision_notice(request: HttpRequest, pk: int) -> HttpResponse:
    account = account_of(request)
    if not account.has_role("clerk"):
        raise PermissionDenied
    decision = get_object_or_404(LifeDecision, pk=pk, document__in=visible_documents(account))
    return run_action(request, lf.NoticeForm(request.POST or None),
                      lambda x: lifecycle.do_record_notice(decision, actor=account, **x),
                      title="Ghi văn bản thông báo", done="Đã ghi thông báo.",
                      next_url=lambda _: reverse("web:document", args=[decision.document_id]),
                      context={"document": decision.document})

"""Actions on one document, as a table: verb → form, the action call, who may do it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from bmnn.law.authority import Power
from bmnn.law.copying import CopyForm
from bmnn.law.levels import Level
from bmnn.law.steps import CLERK
from bmnn.law.transfer import Channel
from bmnn.org.models import Account
from bmnn.registry.access import visible_documents
from bmnn.registry.actions import copies, disposal, issuance, lifecycle, storage, transfers
from bmnn.registry.may import Step, can, may
from bmnn.registry.models import Document, DocumentState, LifeDecision, TakeOut, Transfer
from bmnn.registry.models.documents import HELD_STATES
from bmnn.web.forms import lifecycle as lf
from bmnn.web.forms import movements as mv
from bmnn.web.forms.authority import holds
from bmnn.web.forms.batch import ConfirmForm
from bmnn.web.forms.common import split_late
from bmnn.web.views.common import account_of, run_action

Perform = Callable[[Document, dict[str, Any], Account], Any]


@dataclass(frozen=True)
class DocAction:
    title: str
    form: type[forms.Form]
    perform: Perform
    step: Step
    states: tuple[str, ...]
    done: str


def _issue(d: Document, x: dict[str, Any], a: Account) -> Any:
    x, late = split_late(x)
    return issuance.do_issue_document(d, number_symbol=x["number_symbol"], issued_on=x["issued_on"],
                                      signer=x["signer"], late=late, actor=a)


def _copy(d: Document, x: dict[str, Any], a: Account) -> Any:
    x, late = split_late(x)
    return copies.do_copy_document(d, form=CopyForm(x["form"]), permitted_count=x["permitted_count"],
                                   made_count=x["made_count"], permitted_by=x["permitted_by"],
                                   copied_by=x["copied_by"], copied_on=x["copied_on"],
                                   recipients=x["recipients"], late=late, actor=a)


def _send(d: Document, x: dict[str, Any], a: Account) -> Any:
    return transfers.do_send_document(d, recipient_name=x["recipient_name"], channel=Channel(x["channel"]),
                                      sent_on=x["sent_on"], sent_by=x["sent_by"],
                                      named_person=x["named_person"], copy_numbers=x["copy_numbers"], actor=a)


def _take_out(d: Document, x: dict[str, Any], a: Account) -> Any:
    x, late = split_late(x)
    return storage.do_take_out_document(d, late=late, actor=a, **x)


def _extend(d: Document, x: dict[str, Any], a: Account) -> Any:
    x, late = split_late(x)
    return lifecycle.do_extend_protection(d, late=late, actor=a, **x)


def _change_level(d: Document, x: dict[str, Any], a: Account) -> Any:
    x, late = split_late(x)
    return lifecycle.do_change_level(d, late=late, actor=a, **{**x, "new_level": Level(x["new_level"])})


def _declassify(d: Document, x: dict[str, Any], a: Account) -> Any:
    x, late = split_late(x)
    return lifecycle.do_declassify(d, late=late, actor=a, **x)


def _expire(d: Document, x: dict[str, Any], a: Account) -> Any:
    return lifecycle.do_declassify_expired(d, actor=a)


def _removed(d: Document, x: dict[str, Any], a: Account) -> Any:
    x, late = split_late(x)
    return lifecycle.do_declassify_removed_from_catalog(d, late=late, actor=a, **x)


def _loss(d: Document, x: dict[str, Any], a: Account) -> Any:
    return disposal.do_report_loss(d, actor=a, **x)


def _destroy(d: Document, x: dict[str, Any], a: Account) -> Any:
    x, late = split_late(x)
    return disposal.do_destroy_documents([d], unit=d.unit, late=late, actor=a, **x)


HELD = tuple(HELD_STATES)
ACTIONS: dict[str, DocAction] = {
    "ban-hanh": DocAction("Ban hành, vào sổ đi", mv.IssueForm, _issue, Step.ISSUE,
                          (DocumentState.APPROVED,), "Đã ban hành và vào sổ đăng ký BMNN đi."),
    "sao-chup": DocAction("Sao, chụp", mv.CopyDocumentForm, _copy, Step.COPY, HELD, "Đã vào sổ sao, chụp."),
    "chuyen-giao": DocAction("Chuyển giao", mv.TransferForm, _send, Step.SEND, HELD,
                             "Đã vào sổ chuyển giao."),
    "mang-ra": DocAction("Mang ra khỏi nơi lưu giữ", mv.TakeOutForm, _take_out, Step.TAKE_OUT, HELD,
                         "Đã ghi."),
    "gia-han": DocAction("Gia hạn thời hạn bảo vệ", lf.ExtensionForm, _extend, Step.EXTEND, HELD,
                         "Đã gia hạn."),
    "dieu-chinh-do-mat": DocAction("Điều chỉnh độ mật", lf.LevelChangeForm, _change_level,
                                   Step.CHANGE_LEVEL, HELD, "Đã điều chỉnh độ mật."),
    "giai-mat-het-han": DocAction("Giải mật do hết thời hạn bảo vệ", ConfirmForm, _expire,
                                  Step.DECLASSIFY_EXPIRED, HELD, "Đã giải mật đương nhiên."),
    "giai-mat-ngoai-danh-muc": DocAction("Giải mật do không còn trong danh mục", lf.CatalogRemovalForm,
                                         _removed, Step.DECLASSIFY_CATALOG, HELD,
                                         "Đã giải mật; thông báo ngay."),
    "giai-mat": DocAction("Giải mật", lf.DeclassifyForm, _declassify, Step.DECLASSIFY, HELD, "Đã giải mật."),
    "tieu-huy": DocAction("Tiêu hủy", lf.DestructionForm, _destroy, Step.DESTROY, HELD, "Đã ghi tiêu hủy."),
    "bao-mat": DocAction("Báo mất tài liệu", lf.LossForm, _loss, Step.REPORT_LOSS, HELD,
                         "Đã ghi nhận việc mất."),
}


# A decision a head or deputy records as her own: offered only when she holds its power.
OWN_DECISIONS = {Step.TAKE_OUT: Power.TAKE_OUT, Step.EXTEND: Power.EXTEND,
                 Step.CHANGE_LEVEL: Power.CHANGE_LEVEL, Step.DECLASSIFY: Power.DECLASSIFY,
                 Step.DECLASSIFY_CATALOG: Power.DECLASSIFY, Step.DESTROY: Power.DESTROY}


def _offered(account: Account, document: Document, step: Step) -> bool:
    if not can(step, account, document.unit_id):
        return False
    power = OWN_DECISIONS.get(step)
    if power is None or account.has_role(CLERK) or account.person is None:
        return True
    return holds(power, account.person, document.unit, level=document.level)


def available_actions(account: Account, document: Document) -> list[tuple[str, str]]:
    return [(verb, a.title) for verb, a in ACTIONS.items()
            if document.state in a.states and _offered(account, document, a.step)]


@login_required
def document_action(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    spec = ACTIONS.get(verb)
    if spec is None:
        raise Http404("Không có thao tác này")
    account = account_of(request)
    document = get_object_or_404(visible_documents(account), pk=pk)
    may(spec.step, account, document.unit_id)
    form = (spec.form(request.POST or None) if spec.form is ConfirmForm
            else spec.form(request.POST or None, unit=document.unit,  # type: ignore[call-arg]
                           level=document.level))
    return run_action(request, form, lambda data: spec.perform(document, data, account), title=spec.title,
                      done=spec.done, next_url=lambda _: reverse("web:document", args=[document.pk]),
                      context={"document": document})


def _on_related(
    request: HttpRequest, model: type[Transfer | TakeOut | LifeDecision], pk: int,
    form_class: type[forms.Form], perform: Callable[[Any, dict[str, Any], Account], Any], *,
    step: Step, title: str, done: str,
) -> HttpResponse:
    """A clerk's step on a record that belongs to a visible document (receipt, return, notice)."""
    account = account_of(request)
    obj = cast("Transfer | TakeOut | LifeDecision", get_object_or_404(
        model.objects.select_related("document"), pk=pk, document__in=visible_documents(account)))
    may(step, account, obj.document.unit_id)
    return run_action(request, form_class(request.POST or None), lambda x: perform(obj, x, account),
                      title=title, done=done, context={"document": obj.document},
                      next_url=lambda _: reverse("web:document", args=[obj.document_id]))


@login_required
def transfer_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_related(request, Transfer, pk, mv.ReceiptForm,
                       lambda t, x, a: transfers.do_record_receipt(t, actor=a, **x),
                       step=Step.RECORD_RECEIPT, title="Ghi ký nhận",
                       done="Đã ghi ký nhận vào sổ chuyển giao.")


@login_required
def take_out_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_related(request, TakeOut, pk, mv.ReturnForm,
                       lambda t, x, a: storage.do_return_document(t, actor=a, **x),
                       step=Step.RETURN, title="Trả tài liệu", done="Đã ghi trả tài liệu.")


@login_required
def decision_notice(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_related(request, LifeDecision, pk, lf.NoticeForm,
                       lambda d, x, a: lifecycle.do_record_notice(d, actor=a, **x),
                       step=Step.RECORD_NOTICE, title="Ghi văn bản thông báo", done="Đã ghi thông báo.")

"""Document search, the document page with its whole history, new proposals and incoming."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from bmnn.audit.models import Event
from bmnn.law.levels import Level
from bmnn.lib.choices import LEVEL_CHOICES
from bmnn.org.models import Account
from bmnn.registry.access import get_document_for_user, visible_by_reason, visible_documents
from bmnn.registry.actions.issuance import do_register_incoming
from bmnn.registry.actions.proposals import do_decide_proposal, do_propose_classification
from bmnn.registry.may import Step, can, decide_for, why_not_decide
from bmnn.registry.models import Document, DocumentState, Proposal
from bmnn.registry.models.documents import Origin
from bmnn.registry.queries import DocumentFilter, document_page
from bmnn.web.forms.documents import DecisionForm, IncomingForm, ProposalForm
from bmnn.web.views.common import (
    account_of,
    page_number,
    person_of,
    query_without_page,
    roles_required,
    run_action,
    step_required,
    unit_of,
)
from bmnn.web.views.doc_actions import available_actions


def _int(text: str | None, default: int | None = None) -> int | None:
    return int(text) if text and text.isdigit() and len(text) < 7 else default


def _filter_of(request: HttpRequest) -> DocumentFilter:
    get = request.GET
    level, state, origin = get.get("do-mat", ""), get.get("trang-thai", ""), get.get("so", "")
    return DocumentFilter(
        q=get.get("q", "").strip()[:200], level=level if level in {lv.value for lv in Level} else "",
        state=state if state in DocumentState.values else "",
        origin=origin if origin in Origin.values else "", year=_int(get.get("nam")))


DOCUMENT_READERS = ("clerk", "head", "deputy", "inspector", "drafter")


@roles_required(*DOCUMENT_READERS)
def document_list(request: HttpRequest) -> HttpResponse:
    """The documents the person sees, newest first, narrowed by level, state, register, year and
    text (without diacritics), a page at a time."""
    account, what = account_of(request), _filter_of(request)
    sources = visible_by_reason(account) if what.q else [visible_documents(account)]
    page = document_page(sources, what, page=page_number(request))
    this_year = timezone.localdate().year
    return render(request, "web/documents.html", {
        "page": page, "documents": page.rows, "f": what, "q": what.q, "levels": LEVEL_CHOICES,
        "states": DocumentState.choices, "origins": Origin.choices,
        "years": range(this_year, this_year - 11, -1), "query": query_without_page(request)})


def _history(document: Document) -> list[Event]:
    ids = {("registry.document", document.pk)}
    related = [("registry.copyrecord", document.copies.values_list("pk", flat=True)),
               ("registry.transfer", document.transfers.values_list("pk", flat=True)),
               ("registry.lifedecision", document.decisions.values_list("pk", flat=True)),
               ("registry.takeout", document.take_outs.values_list("pk", flat=True)),
               ("registry.loss", document.losses.values_list("pk", flat=True)),
               ("registry.registerentry", document.entries.values_list("pk", flat=True))]
    for label, pks in related:
        ids |= {(label, pk) for pk in pks}
    events = Event.objects.filter(object_id__in=[pk for _, pk in ids]).order_by("seq")
    return [e for e in events if (e.object_type, e.object_id) in ids and e.kind != "read"]


@roles_required(*DOCUMENT_READERS)
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(account_of(request), pk)
    return render(request, "web/document.html", {
        "document": document, "recipients": document.recipients.all(),
        "entries": document.entries.select_related("register"),
        "proposals": document.proposals.prefetch_related("basis__catalog"),
        "copies": document.copies.all(), "transfers": document.transfers.all(),
        "take_outs": document.take_outs.all(), "decisions": document.decisions.all(),
        "handovers": document.handovers.select_related("from_unit", "to_unit"),
        "destructions": document.destructions.all(), "losses": document.losses.all(),
        "history": _history(document), "actions": available_actions(account_of(request), document),
        "decide": decide_for(account_of(request), document.unit_id),
        "may": {step.value: can(step, account_of(request), document.unit_id)
                for step in (Step.PROPOSE, Step.RECORD_RECEIPT, Step.RETURN, Step.RECORD_NOTICE)},
    })


def _draft(request: HttpRequest, account: Account) -> Document | None:
    pk = request.GET.get("tai-lieu")
    if not pk or not pk.isdigit():
        return None
    return get_object_or_404(visible_documents(account), pk=int(pk), state=DocumentState.DRAFT)


def _draft_initial(draft: Document | None) -> dict[str, Any]:
    if draft is None:
        return {}
    recipients = "\n".join(f"{r.name}; {r.copies}" + ("; có tên" if r.named_person else "")
                            for r in draft.recipients.all())
    last = draft.proposals.order_by("-submitted_at").first()
    return {"doc_type": draft.doc_type, "summary": draft.summary, "level": draft.level,
            "recipients": recipients, "copy_permitted": "yes" if draft.copy_permitted else "no",
            "basis": list(last.basis.values_list("pk", flat=True)) if last else []}


@step_required(Step.PROPOSE)
def proposal_new(request: HttpRequest) -> HttpResponse:
    unit, account = unit_of(request), account_of(request)
    draft = _draft(request, account)
    initial = _draft_initial(draft) | {"drafter": account.person.pk if account.person else None}
    form = ProposalForm(request.POST or None, unit=unit, initial=initial)

    def perform(data: dict[str, Any]) -> Proposal:
        return do_propose_classification(
            unit=unit, doc_type=data["doc_type"], summary=data["summary"], level=Level(data["level"]),
            basis=list(data["basis"]), level_reason=data["level_reason"], recipients=data["recipients"],
            copy_permitted=data["copy_permitted"] == "yes", drafter=data["drafter"], draft=draft,
            actor=account,
        )

    return run_action(request, form, perform, title="Tờ trình đề xuất độ mật",
                      done="Đã gửi đề xuất độ mật chờ duyệt.",
                      next_url=lambda p: reverse("web:document", args=[p.document_id]))


@step_required(Step.DECIDE_PROPOSAL)
def proposal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    account = account_of(request)
    proposal = get_object_or_404(Proposal, pk=pk, document__in=visible_documents(account))
    decider = person_of(request)
    form = DecisionForm(request.POST or None)
    why = why_not_decide(account, proposal.document.unit_id)
    why = f"Bạn chưa thể duyệt đề xuất này: {why}" if why else ""

    def perform(data: dict[str, Any]) -> Proposal:
        return do_decide_proposal(proposal, approve=data["approve"] == "yes", decided_by=decider,
                                  note=data["note"], actor=account)

    return run_action(request, form, perform, title="Duyệt đề xuất độ mật", done="Đã ghi quyết định.",
                      next_url=lambda p: reverse("web:document", args=[p.document_id]),
                      context={"proposal": proposal, "document": proposal.document, "help": why})


@step_required(Step.REGISTER_INCOMING)
def incoming_new(request: HttpRequest) -> HttpResponse:
    unit, account = unit_of(request), account_of(request)
    form = IncomingForm(request.POST or None, unit=unit)

    def perform(data: dict[str, Any]) -> Document:
        return do_register_incoming(
            unit=unit, issuer_name=data["issuer_name"], number_symbol=data["number_symbol"],
            doc_date=data["doc_date"], doc_type=data["doc_type"], summary=data["summary"],
            level=Level(data["level"]), arrival_date=data["arrival_date"],
            receiver_name=data["receiver_name"], copy_permitted=data["copy_permitted"] == "yes",
            note=data["note"], actor=account,
        )

    return run_action(request, form, perform, title="Vào sổ tài liệu mật đến", done="Đã vào sổ đến.",
                      next_url=lambda d: reverse("web:document", args=[d.pk]))

"""The papers the office prints from a record, as Word (Nghị định 30/2020 format): the
classification proposal, the delegation, the handover and the destruction minutes."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from bmnn.inspection.report import place_of
from bmnn.law.levels import Level
from bmnn.org.models import Delegation, Person
from bmnn.registry.access import cleared_levels, get_document_for_user, visible_documents
from bmnn.registry.models import Destruction, Handover, Loss, Proposal
from bmnn.reports.writers.document_papers import council_minutes, loss_report, record_sheet
from bmnn.reports.writers.paper_docx import render_paper_docx
from bmnn.reports.writers.paper_model import Paper
from bmnn.reports.writers.registry_papers import (
    delegation_paper,
    destruction_paper,
    handover_paper,
    proposal_paper,
)
from bmnn.web.views.common import account_of, person_of, roles_required

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
READERS = ("clerk", "head", "deputy", "inspector")


def _docx(paper: Paper) -> HttpResponse:
    response = HttpResponse(render_paper_docx(paper), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{paper.file_name}"'
    return response


def _hidden(person: Person) -> set[str]:
    return {lv.value for lv in Level} - set(cleared_levels(person))


@roles_required(*READERS, "drafter")
def proposal_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The tờ trình of a proposal the reader may see (its summary is the document's: the read is
    logged as reading the document is)."""
    account = account_of(request)
    proposal = get_object_or_404(Proposal.objects.select_related("document__unit", "drafter", "decided_by"),
                                 pk=pk, document__in=visible_documents(account))
    get_document_for_user(account, proposal.document_id)
    return _docx(proposal_paper(proposal, place=place_of(proposal.document.unit)))


@roles_required(*READERS)
def delegation_print(request: HttpRequest, pk: int) -> HttpResponse:
    unit = person_of(request).unit
    delegation = get_object_or_404(Delegation.objects.select_related("unit__parent", "from_person__position",
                                                                     "to_person__position"), pk=pk, unit=unit)
    return _docx(delegation_paper(delegation, place=place_of(unit)))


@roles_required(*READERS)
def handover_print(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    handover = get_object_or_404(Handover.objects.select_related("from_unit__parent", "to_unit"),
                                 Q(from_unit=person.unit) | Q(to_unit=person.unit), pk=pk)
    return _docx(handover_paper(handover, place=place_of(handover.from_unit), hidden_levels=_hidden(person)))


@roles_required(*READERS)
def destruction_print(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    found = Destruction.objects.select_related("unit__parent", "decided_by__position")
    destruction = get_object_or_404(found, pk=pk, unit=person.unit)
    return _docx(destruction_paper(destruction, place=place_of(destruction.unit),
                                   hidden_levels=_hidden(person)))


@roles_required(*READERS, "drafter")
def record_sheet_print(request: HttpRequest, pk: int) -> HttpResponse:
    """A document's record sheet: what bmnn holds about it, for its paper file (a logged read)."""
    document = get_document_for_user(account_of(request), pk)
    return _docx(record_sheet(document, place=place_of(document.unit), on=timezone.localdate()))


@roles_required(*READERS)
def loss_print(request: HttpRequest, pk: int) -> HttpResponse:
    account = account_of(request)
    loss = get_object_or_404(Loss.objects.select_related("document__unit__parent", "reported_by__position"),
                             pk=pk, document__in=visible_documents(account))
    get_document_for_user(account, loss.document_id)
    return _docx(loss_report(loss, place=place_of(loss.document.unit)))


@roles_required(*READERS)
def council_print(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_of(request)
    found = Destruction.objects.select_related("unit__parent", "decided_by__position")
    destruction = get_object_or_404(found, pk=pk, unit=person.unit)
    return _docx(council_minutes(destruction, place=place_of(destruction.unit),
                                 hidden_levels=frozenset(_hidden(person))))

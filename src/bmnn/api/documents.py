"""Documents: the list a person may see, one document in full, registering incoming ones."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status

from bmnn.api.auth import account_of
from bmnn.api.common import day_or_today, responses
from bmnn.api.inputs import DocumentQuery, IncomingIn, PathId
from bmnn.api.permissions import document_user, require_step
from bmnn.api.schemas import DocumentBrief, DocumentOut, DocumentPage
from bmnn.lib.text import fold
from bmnn.registry.access import get_document_for_user, visible_documents
from bmnn.registry.actions.issuance import do_register_incoming
from bmnn.registry.may import Step
from bmnn.registry.models import Document

router = Router(tags=["Tài liệu"])


def _filtered(docs: QuerySet[Document], query: DocumentQuery) -> QuerySet[Document]:
    if query.q.strip():
        docs = docs.filter(search_text__contains=fold(query.q))
    if query.state:
        docs = docs.filter(state=query.state)
    if query.level:
        docs = docs.filter(level=query.level)
    return docs


@router.get("/documents", response=responses(200, DocumentPage), summary="Danh sách tài liệu được xem")
def list_documents(request: HttpRequest, query: Query[DocumentQuery]) -> Any:
    """The documents the caller may see (need-to-know and clearance), newest first."""
    account = account_of(request)
    document_user(account)
    docs = _filtered(visible_documents(account), query).select_related("unit").order_by("-id")
    start = (query.page - 1) * query.per_page
    rows = list(docs[start : start + query.per_page + 1])
    return {"items": rows[: query.per_page], "page": query.page, "per_page": query.per_page,
            "count": docs.count(), "has_next": len(rows) > query.per_page}


@router.get("/documents/{document_id}", response=responses(200, DocumentOut),
            summary="Chi tiết một tài liệu")
def get_document(request: HttpRequest, document_id: PathId) -> Any:
    """One document with its recipients, proposals, register lines, copies, transfers,
    take-outs, decisions and losses. Reading a Tuyệt mật or Tối mật document is logged."""
    account = account_of(request)
    document_user(account)
    document = get_document_for_user(account, document_id)
    return Document.objects.prefetch_related(
        "recipients", "proposals__basis__catalog", "copies__entry", "transfers__entry", "take_outs",
        "decisions", "losses",
    ).select_related("unit").get(pk=document.pk)


@router.post("/incoming", response=responses(201, DocumentBrief),
             summary="Vào sổ đăng ký BMNN đến")
def register_incoming(request: HttpRequest, data: IncomingIn) -> Any:
    """Register a received secret document in the caller's unit's incoming register; the
    arrival number (số đến) is the register's next number. Clerk only."""
    account = account_of(request)
    person = require_step(account, Step.REGISTER_INCOMING)
    document = do_register_incoming(
        unit=person.unit, issuer_name=data.issuer_name, number_symbol=data.number_symbol,
        doc_date=data.doc_date, doc_type=data.doc_type, summary=data.summary, level=data.level,
        arrival_date=day_or_today(data.arrival_date),
        receiver_name=data.receiver_name or person.full_name, copy_permitted=data.copy_permitted,
        note=data.note, actor=account,
    )
    return Status(201, document)

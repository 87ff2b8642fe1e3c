"""Copies (sao, chụp) and taking documents out of storage."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from bmnn.api.auth import account_of
from bmnn.api.common import day_or_today, responses
from bmnn.api.inputs import CopyIn, PathId, ReturnIn, TakeOutIn
from bmnn.api.permissions import (
    document_to_act_on,
    related_to_act_on,
    unit_person,
)
from bmnn.api.schemas import CopyOut, TakeOutOut
from bmnn.registry.actions.copies import do_copy_document
from bmnn.registry.actions.storage import do_return_document, do_take_out_document
from bmnn.registry.may import Step
from bmnn.registry.models import TakeOut

router = Router(tags=["Sao, chụp; mang ra khỏi nơi lưu giữ"])


@router.post("/documents/{document_id}/copies", response=responses(201, CopyOut),
             summary="Sao, chụp tài liệu (vào sổ quản lý sao, chụp)")
def copy_document(request: HttpRequest, document_id: PathId, data: CopyIn) -> Any:
    """Record a copy job with numbered copies. Refused when the original forbids copying, the
    permitting person (`permitted_by_id`) lacks authority for the level, or more copies are
    made than permitted. Clerk."""
    account = account_of(request)
    document, person = document_to_act_on(account, document_id, Step.COPY)
    copy = do_copy_document(
        document, form=data.form, permitted_count=data.permitted_count, made_count=data.made_count,
        permitted_by=unit_person(document.unit_id, data.permitted_by_id, "permitted_by_id"),
        copied_by=unit_person(document.unit_id, data.copied_by_id, "copied_by_id", default=person),
        copied_on=day_or_today(data.copied_on), recipients=data.recipients, late=data.late(), actor=account,
    )
    return Status(201, copy)


@router.post("/documents/{document_id}/take-outs", response=responses(201, TakeOutOut),
             summary="Cho phép mang tài liệu ra khỏi nơi lưu giữ")
def take_out(request: HttpRequest, document_id: PathId, data: TakeOutIn) -> Any:
    """Record a written permission to take a document out: who, purpose, place, protection,
    return date; `permitted_by_id` must be the head or an authorised deputy.
    Clerk (from the signed paper); head or deputy: their own only."""
    account = account_of(request)
    document, person = document_to_act_on(account, document_id, Step.TAKE_OUT)
    record = do_take_out_document(
        document, person=unit_person(document.unit_id, data.person_id, "person_id", default=person),
        purpose=data.purpose, place=data.place, protection=data.protection,
        permitted_by=unit_person(document.unit_id, data.permitted_by_id, "permitted_by_id"),
        out_on=day_or_today(data.out_on), due_on=data.due_on, late=data.late(), actor=account,
    )
    return Status(201, record)


@router.post("/take-outs/{take_out_id}/return", response=responses(200, TakeOutOut),
             summary="Trả tài liệu đã mang ra")
def return_document(request: HttpRequest, take_out_id: PathId, data: ReturnIn) -> Any:
    """Record the return and the report on use. Clerk."""
    account = account_of(request)
    record, _ = related_to_act_on(account, TakeOut.objects.select_related("document"), take_out_id,
                                  Step.RETURN)
    return do_return_document(record, returned_on=day_or_today(data.returned_on),
                              use_report=data.use_report, actor=account)

"""Sending documents (giao nhận) and recording the receiver's signature."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from bmnn.api.auth import account_of
from bmnn.api.common import day_or_today, responses
from bmnn.api.inputs import PathId, ReceiptIn, TransferIn
from bmnn.api.permissions import (
    document_to_act_on,
    field_error,
    related_to_act_on,
    unit_person,
)
from bmnn.api.schemas import TransferOut
from bmnn.org.models import Unit
from bmnn.registry.actions.transfers import do_record_receipt, do_send_document
from bmnn.registry.may import Step
from bmnn.registry.models import Transfer

router = Router(tags=["Chuyển giao"])


def _unit(unit_id: int | None) -> Unit | None:
    if unit_id is None:
        return None
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise field_error("recipient_unit_id", f"Không có đơn vị mã {unit_id}")
    return unit


@router.post("/documents/{document_id}/transfers", response=responses(201, TransferOut),
             summary="Chuyển giao tài liệu (vào sổ chuyển giao)")
def send(request: HttpRequest, document_id: PathId, data: TransferIn) -> Any:
    """Hand a registered document to a recipient through a channel the level allows (e.g. no
    ordinary post, no Internet), with the envelope the level requires and a line in the
    transfer register awaiting the receiver's signature. Clerk."""
    account = account_of(request)
    document, person = document_to_act_on(account, document_id, Step.SEND)
    transfer = do_send_document(
        document, recipient_name=data.recipient_name, channel=data.channel,
        sent_on=day_or_today(data.sent_on),
        sent_by=unit_person(document.unit_id, data.sent_by_id, "sent_by_id", default=person),
        recipient_unit=_unit(data.recipient_unit_id), named_person=data.named_person,
        copy_numbers=data.copy_numbers, actor=account,
    )
    return Status(201, transfer)


@router.post("/transfers/{transfer_id}/receipt", response=responses(200, TransferOut),
             summary="Ghi nhận ký nhận")
def receipt(request: HttpRequest, transfer_id: PathId, data: ReceiptIn) -> Any:
    """Record the receiver's signature and date in the transfer register. Clerk of the sending unit."""
    account = account_of(request)
    transfer, _ = related_to_act_on(account, Transfer.objects.select_related("document", "entry"),
                                    transfer_id, Step.RECORD_RECEIPT)
    return do_record_receipt(transfer, received_by_name=data.received_by_name,
                             received_on=day_or_today(data.received_on), actor=account)

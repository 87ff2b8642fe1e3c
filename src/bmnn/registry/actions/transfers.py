"""Sending documents (giao nhận) through an allowed channel, and recording the receipt."""

from __future__ import annotations

import datetime as dt

from bmnn.audit.journal import action
from bmnn.law.levels import Level
from bmnn.law.pack import RulePack
from bmnn.law.transfer import Channel, check_channel, copy_numbers, envelope_for, is_electronic
from bmnn.lib.text import fold, nfc
from bmnn.org.models import Account, Person, Unit
from bmnn.registry.actions.common import breach, locked, not_future, record, refused, require_held
from bmnn.registry.may import Step, may
from bmnn.registry.models import Document, RegisterKind, Transfer
from bmnn.registry.numbering import add_entry, update_columns
from bmnn.registry.rules import pack_for


@action("send_document")
def do_send_document(
    document: Document, *, recipient_name: str, channel: Channel, sent_on: dt.date,
    sent_by: Person, recipient_unit: Unit | None = None, named_person: bool = False,
    copy_numbers: str = "", actor: Account,
) -> Transfer:
    """Hand a registered document to a recipient through an allowed channel (Điều 13), packed
    as the level requires (Điều 4 Nghị định 26/2020/NĐ-CP), with a line in the transfer register
    (sổ chuyển giao) awaiting the receiver's signature."""
    may(Step.SEND, actor, document.unit_id)
    pack = pack_for(sent_on)
    document = locked(document)
    not_future(sent_on, "Ngày chuyển", pack)
    level = Level(document.level)
    require_held(document, pack, "chuyển giao")
    registered = document.entries.filter(kind__in=[RegisterKind.OUTGOING, RegisterKind.INCOMING],
                                         cancelled=False)
    if not registered.exists():
        raise refused("Tài liệu phải được vào sổ đăng ký BMNN đi hoặc đến trước khi chuyển giao",
                      pack, "sending")
    if not recipient_name.strip():
        raise breach("Thiếu nơi nhận", pack, "Điều 13")
    check_channel(pack, level, channel)
    _not_out(document, recipient_name, copy_numbers, pack)
    envelope = "" if is_electronic(pack, channel) else envelope_for(pack, level, named_person).describe()
    entry = add_entry(document.unit, RegisterKind.TRANSFERS, sent_on, {
        "sent_date": f"{sent_on:%d/%m/%Y}", "number_symbol": document.number_symbol,
        "level": level.label, "envelope": envelope, "receiver_unit": nfc(recipient_name),
        "channel": channel.label, "receiver_signature": "", "received_date": "",
        "note": copy_numbers,
    }, document=document, level=document.level)
    transfer = Transfer.objects.create(
        document=document, unit_id=document.unit_id, level=document.level, channel=channel.value,
        recipient_name=nfc(recipient_name),
        recipient_unit=recipient_unit, named_person=named_person, envelope=envelope,
        copy_numbers=copy_numbers, sent_on=sent_on, sent_by=sent_by, entry=entry,
    )
    record("send_document", actor, transfer, document.unit_id, pack, {
        "document": document.pk, "recipient": recipient_name, "channel": channel.value,
        "envelope": envelope, "entry": entry.number,
    })
    return transfer


def _not_out(document: Document, recipient_name: str, numbers_text: str, pack: RulePack) -> None:
    """A copy that is in transit or was handed over cannot be sent again; without copy numbers,
    a second handover to the same recipient waits for the first one's receipt (Điều 13: every
    handover is recorded and signed for)."""
    wanted = copy_numbers(numbers_text)
    for earlier in document.transfers.select_related("entry"):
        clash = wanted & copy_numbers(earlier.copy_numbers)
        line = f"sổ chuyển giao số {earlier.entry.number:02d}"
        if clash:
            where = ("đang trên đường chuyển, chưa ký nhận" if earlier.is_open
                     else f"đã giao cho {earlier.recipient_name}")
            listed = ", ".join(f"{n:02d}" for n in sorted(clash)[:10])
            raise refused(f"Bản số {listed} {where} ({line}); không chuyển lại bản đang ở nơi khác",
                          pack, "sending", "; " + pack.article("Điều 13")[0])
        if not wanted and earlier.is_open and fold(earlier.recipient_name) == fold(recipient_name):
            raise refused(f"Đã có lượt chuyển giao tài liệu này cho {earlier.recipient_name} chưa ký nhận "
                          f"({line}); ghi ký nhận trước hoặc ghi rõ bản số", pack, "sending",
                          "; " + pack.article("Điều 13")[0])


@action("record_receipt")
def do_record_receipt(
    transfer: Transfer, *, received_by_name: str, received_on: dt.date, actor: Account
) -> Transfer:
    """Record the receiver's signature and date in the transfer register (Điều 13: every
    handover is signed for by the receiver)."""
    may(Step.RECORD_RECEIPT, actor, transfer.document.unit_id)
    pack = pack_for(received_on)
    transfer = locked(transfer)
    not_future(received_on, "Ngày nhận", pack)
    if transfer.received_on is not None:
        raise breach("Lượt chuyển giao này đã có ký nhận", pack, "Điều 13")
    if not received_by_name.strip():
        raise breach("Thiếu họ tên người nhận ký", pack, "Điều 13")
    if received_on < transfer.sent_on:
        raise breach("Ngày nhận không thể trước ngày chuyển", pack, "Điều 13")
    update_columns(transfer.entry, receiver_signature=nfc(received_by_name),
                   received_date=f"{received_on:%d/%m/%Y}")
    transfer.received_by_name, transfer.received_on = nfc(received_by_name), received_on
    transfer.save(update_fields=["received_by_name", "received_on"])
    record("record_receipt", actor, transfer, transfer.document.unit_id, pack, {
        "received_by": received_by_name, "received_on": received_on.isoformat(),
    })
    return transfer

"""Issuing an approved document into the outgoing register, and registering incoming ones."""

from __future__ import annotations

import datetime as dt

from bmnn.audit.journal import action
from bmnn.law.authority import Power, authorize
from bmnn.law.classification import check_summary
from bmnn.law.levels import Level
from bmnn.law.periods import protection_until
from bmnn.lib.text import fold, nfc
from bmnn.org.authority import delegation_by_id, law_actor
from bmnn.org.models import Account, Person, Unit
from bmnn.registry.actions.common import Late, dated, locked, not_future, record, refused
from bmnn.registry.may import Step, may
from bmnn.registry.models import Document, DocumentState, Origin, RegisterEntry, RegisterKind
from bmnn.registry.numbering import add_entry
from bmnn.registry.rules import pack_for


def _type_summary(document: Document) -> str:
    # Tuyệt mật: only the document type is ever written (Phụ lục III NĐ 63/2026; Đ4 NĐ 26/2020).
    return document.title


def _assign_copy_numbers(document: Document) -> str:
    next_number, lines = 1, []
    for recipient in document.recipients.all():
        recipient.copy_from, recipient.copy_to = next_number, next_number + recipient.copies - 1
        recipient.save(update_fields=["copy_from", "copy_to"])
        next_number = recipient.copy_to + 1
        lines.append(f"{recipient.name} ({recipient.copy_numbers})")
    return "; ".join(lines)


@action("issue_document")
def do_issue_document(
    document: Document, *, number_symbol: str, issued_on: dt.date, signer: Person,
    late: Late | None = None, actor: Account,
) -> RegisterEntry:
    """Issue an approved document: number and symbol, signer, copy numbers (bản số) for each
    recipient, protection period, and its line in the outgoing register (sổ đăng ký BMNN đi).
    Refused without an approved classification proposal or when the signer has no authority."""
    may(Step.ISSUE, actor, document.unit_id)
    pack = pack_for(issued_on)
    document = locked(document)
    backdated = dated(issued_on, "Ngày ban hành", pack, late)
    if document.state != DocumentState.APPROVED:
        raise refused("Chỉ ban hành tài liệu đã có tờ trình đề xuất độ mật được người có thẩm quyền duyệt",
                      pack, "proposal", "; " + pack.article("khoản 2 Điều 10")[0])
    if not number_symbol.strip():
        raise refused("Thiếu số, ký hiệu tài liệu", pack, "sending")
    authority = authorize(pack, Power.CLASSIFY, law_actor(signer), document.unit_id, issued_on)
    level = Level(document.level)
    document.number_symbol = nfc(number_symbol.strip())
    document.determined_on = issued_on
    document.signer, document.signer_name = signer, signer.full_name
    document.signer_delegation = delegation_by_id(authority.delegation)
    document.protected_until = protection_until(pack, level, issued_on, document.shorter_until)
    document.regime, document.rulepack_version = pack.regime.value, pack.version
    document.state = DocumentState.ISSUED
    recipients = _assign_copy_numbers(document)
    document.search_text = fold(f"{document.number_symbol} {document.title}")
    document.save()
    permission = "Được phép sao, chụp" if document.copy_permitted else "Không được phép sao, chụp"
    entry = add_entry(document.unit, RegisterKind.OUTGOING, issued_on, {
        "number_symbol": document.number_symbol, "doc_date": f"{issued_on:%d/%m/%Y}",
        "type_summary": _type_summary(document), "level": level.label,
        "signer": signer.full_name, "recipients": recipients,
        "keeping_unit": document.unit.name, "copies": str(document.copies_issued),
        "note": f"{permission}; người soạn thảo: {document.drafter_name}",
    }, document=document, level=document.level)
    record("issue_document", actor, document, document.unit_id, pack, {
        "number_symbol": document.number_symbol, "signer": signer.full_name,
        "authority": authority.describe(), "entry": entry.number,
        "protected_until": document.protected_until.isoformat(), **backdated,
    })
    return entry


@action("register_incoming")
def do_register_incoming(
    *, unit: Unit, issuer_name: str, number_symbol: str, doc_date: dt.date, doc_type: str,
    summary: str, level: Level, arrival_date: dt.date, receiver_name: str,
    copy_permitted: bool | None = None, note: str = "", actor: Account,
) -> Document:
    """Register a received secret document in the incoming register (sổ đăng ký BMNN đến); the
    arrival number (số đến) is the register's sequence number."""
    may(Step.REGISTER_INCOMING, actor, unit.pk)
    pack = pack_for(arrival_date)
    not_future(arrival_date, "Ngày đến", pack)
    check_summary(pack, level, summary)
    if arrival_date < doc_date:
        raise refused("Ngày đến không thể trước ngày văn bản", pack, "sending")
    doc_pack = pack_for(doc_date)
    document = Document.objects.create(
        unit=unit, origin=Origin.INCOMING, state=DocumentState.RECEIVED, doc_type=nfc(doc_type),
        number_symbol=nfc(number_symbol), summary=nfc(summary), level=level.value,
        regime=doc_pack.regime.value, rulepack_version=doc_pack.version, determined_on=doc_date,
        issuer_name=nfc(issuer_name), copy_permitted=copy_permitted, arrival_date=arrival_date,
        protected_until=protection_until(doc_pack, level, doc_date),
        search_text=fold(f"{number_symbol} {doc_type} {summary} {issuer_name}"),
    )
    entry = add_entry(unit, RegisterKind.INCOMING, arrival_date, {
        "arrival_date": f"{arrival_date:%d/%m/%Y}", "issuer": document.issuer_name,
        "number_symbol": document.number_symbol, "doc_date": f"{doc_date:%d/%m/%Y}",
        "type_summary": document.title, "level": level.label, "receiver": receiver_name,
        "note": note,
    }, document=document, level=level.value)
    entry.columns["arrival_number"] = entry.columns["number"]
    entry.save(update_fields=["columns"])
    document.arrival_number = entry.number
    document.save(update_fields=["arrival_number"])
    record("register_incoming", actor, document, unit.pk, pack, {
        "number_symbol": number_symbol, "issuer": issuer_name, "arrival_number": entry.number,
    })
    return document

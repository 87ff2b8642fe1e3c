"""Taking a document out of storage and bringing it back (Điều 14 Luật; the decree article is
cited from the rule pack of the regime in force)."""

from __future__ import annotations

import datetime as dt

from bmnn.audit.journal import action
from bmnn.law.authority import Power, authorize
from bmnn.org.authority import delegation_by_id, law_actor
from bmnn.org.models import Account, Person
from bmnn.registry.actions.common import Late, dated, locked, not_future, record, refused, require_held
from bmnn.registry.may import Step, may
from bmnn.registry.models import Document, TakeOut
from bmnn.registry.rules import pack_for


@action("take_out_document")
def do_take_out_document(
    document: Document, *, person: Person, purpose: str, place: str, protection: str,
    permitted_by: Person, out_on: dt.date, due_on: dt.date, abroad: bool = False,
    late: Late | None = None, actor: Account,
) -> TakeOut:
    """Record a written permission to take a document out of storage: who, purpose, place,
    protection measures, return date. Only the head or an authorised deputy may permit; taking
    it abroad needs a leader listed in khoản 2 Điều 14 (or their delegated deputy). The person
    taking it must be cleared for its level."""
    may(Step.TAKE_OUT, actor, document.unit_id, decider=permitted_by)
    pack = pack_for(out_on)
    document = locked(document)
    backdated = dated(out_on, "Ngày mang ra", pack, late)
    require_held(document, pack, "mang ra khỏi nơi lưu giữ")
    if not (purpose.strip() and place.strip() and protection.strip()):
        raise refused("Phải ghi rõ mục đích, nơi sử dụng và biện pháp bảo vệ", pack, "take_out")
    if due_on < out_on:
        raise refused("Hạn trả phải sau ngày mang ra", pack, "take_out")
    if document.take_outs.filter(returned_on__isnull=True).exists():
        raise refused("Tài liệu đang được mang ra, chưa trả lại", pack, "take_out")
    if not person.cleared_for(document.level):
        raise refused(f"{person.full_name} chưa được tiếp cận tài liệu độ {document.get_level_display()}",
                      pack, "take_out")
    power = Power.TAKE_ABROAD if abroad else Power.TAKE_OUT
    authority = authorize(pack, power, law_actor(permitted_by), document.unit_id, out_on)
    take_out = TakeOut.objects.create(
        document=document, person=person, purpose=purpose, place=place, abroad=abroad, protection=protection,
        permitted_by=permitted_by, permitted_delegation=delegation_by_id(authority.delegation),
        out_on=out_on, due_on=due_on,
    )
    record("take_out_document", actor, take_out, document.unit_id, pack, {
        "document": document.pk, "person": person.full_name, "due_on": due_on.isoformat(), "abroad": abroad,
        "authority": authority.describe(), **backdated,
    })
    return take_out


@action("return_document")
def do_return_document(
    take_out: TakeOut, *, returned_on: dt.date, use_report: str, actor: Account
) -> TakeOut:
    """Record the return and the report on use to the permitting person."""
    may(Step.RETURN, actor, take_out.document.unit_id)
    pack = pack_for(returned_on)
    take_out = locked(take_out)
    not_future(returned_on, "Ngày trả", pack)
    if take_out.returned_on is not None:
        raise refused("Tài liệu đã được trả lại", pack, "take_out")
    if returned_on < take_out.out_on:
        raise refused("Ngày trả không thể trước ngày mang ra", pack, "take_out")
    take_out.returned_on, take_out.use_report = returned_on, use_report
    take_out.save(update_fields=["returned_on", "use_report"])
    record("return_document", actor, take_out, take_out.document.unit_id, pack,
           {"returned_on": returned_on.isoformat()})
    return take_out

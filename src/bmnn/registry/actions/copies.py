"""Copying and photographing (sao y, sao lục, trích sao, chụp)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max

from bmnn.audit.journal import action
from bmnn.law.authority import Power, authorize
from bmnn.law.copying import CopyForm, check_copy
from bmnn.law.levels import Level
from bmnn.org.authority import delegation_by_id, law_actor
from bmnn.org.models import Account, Person
from bmnn.registry.actions.common import Late, dated, locked, record, require_held
from bmnn.registry.may import Step, may
from bmnn.registry.models import CopyRecord, Document, RegisterKind
from bmnn.registry.numbering import add_entry
from bmnn.registry.rules import pack_for


@action("copy_document")
def do_copy_document(
    document: Document, *, form: CopyForm, permitted_count: int, made_count: int,
    permitted_by: Person, copied_by: Person, copied_on: dt.date, recipients: str = "",
    late: Late | None = None, actor: Account,
) -> CopyRecord:
    """Record a copy job and number its copies in the copy register (sổ quản lý sao, chụp).
    Refused when the original forbids copying, the permitting person lacks authority for the
    level (directly or by delegation, Điều 11), or more copies are made than permitted."""
    may(Step.COPY, actor, document.unit_id)
    pack = pack_for(copied_on)
    document = locked(document)  # also serialises copy numbering per document on PostgreSQL
    backdated = dated(copied_on, "Ngày sao, chụp", pack, late)
    level = Level(document.level)
    require_held(document, pack, "sao, chụp")
    check_copy(pack, document.copy_permitted, permitted_count, made_count)
    superiors = frozenset(u.pk for u in document.unit.ancestors())
    authority = authorize(pack, Power.COPY, law_actor(permitted_by), document.unit_id, copied_on,
                          level, superiors)
    last = document.copies.aggregate(last=Max("copy_to"))["last"] or 0
    first, final = last + 1, last + made_count
    entry = add_entry(document.unit, RegisterKind.COPIES, copied_on, {
        "copy_date": f"{copied_on:%d/%m/%Y}",
        "source_doc": f"{document.title}, số {document.number_symbol}"
        + (f", {document.issuer_name}" if document.issuer_name else ""),
        "level": level.label, "copy_form": form.label, "copy_count": str(made_count),
        "copy_numbers": f"{first:02d}" if first == final else f"{first:02d}–{final:02d}",
        "permitted_by": f"{permitted_by.full_name} ({authority.describe()})",
        "copied_by": copied_by.full_name, "copy_recipients": recipients, "note": "",
    }, document=document, level=document.level)
    copy = CopyRecord.objects.create(
        document=document, unit_id=document.unit_id, level=document.level,
        copy_permitted=document.copy_permitted, form=form.value,
        permitted_count=permitted_count,
        made_count=made_count, copy_from=first, copy_to=final, permitted_by=permitted_by,
        permitted_delegation=delegation_by_id(authority.delegation), copied_by=copied_by,
        copied_on=copied_on, recipients=recipients, entry=entry,
    )
    record("copy_document", actor, copy, document.unit_id, pack, {
        "document": document.pk, "form": form.value, "copies": [first, final],
        "permitted_by": permitted_by.full_name, "authority": authority.describe(), **backdated,
    })
    return copy

"""Register maintenance: cancelling an entry (it keeps its number) and closing a volume."""

from __future__ import annotations

import datetime as dt

from bmnn.audit.journal import action
from bmnn.org.models import Account
from bmnn.registry.actions.common import locked, person_of, record, refused
from bmnn.registry.may import Step, may
from bmnn.registry.models import Register, RegisterEntry, Transfer
from bmnn.registry.numbering import ensure_open, locked_counter
from bmnn.registry.rules import pack_for


@action("cancel_entry")
def do_cancel_entry(entry: RegisterEntry, *, reason: str, actor: Account) -> RegisterEntry:
    """Cancel a register line: it keeps its number and stays on the register marked cancelled."""
    may(Step.CANCEL_ENTRY, actor, entry.unit_id)
    entry = locked(entry)
    ensure_open(entry)
    if entry.cancelled:
        raise refused("Dòng này đã bị hủy", pack_for(entry.entry_date), "register_practice")
    if not reason.strip():
        raise refused("Phải ghi lý do hủy", pack_for(entry.entry_date), "register_practice")
    entry.cancelled, entry.cancel_reason = True, reason
    entry.save(update_fields=["cancelled", "cancel_reason"])
    record("cancel_entry", actor, entry, entry.unit_id, pack_for(entry.entry_date),
           {"number": entry.number, "reason": reason})
    return entry


@action("close_volume")
def do_close_volume(register: Register, *, closed_on: dt.date, actor: Account) -> Register:
    """Close (khóa) a volume: no entry in it may change afterwards; numbering continues in the
    next volume of the same year."""
    may(Step.CLOSE_VOLUME, actor, register.unit_id)
    locked_counter(register.unit, register.kind, register.year)  # no entry may slip in meanwhile
    register = locked(register)
    if register.is_closed:
        raise refused(f"{register} đã khóa", pack_for(register.opened_on), "register_practice")
    if Transfer.objects.filter(entry__register=register, received_on__isnull=True).exists():
        raise refused("Còn lượt chuyển giao chưa có ký nhận trong quyển sổ này; "
                      "ghi ký nhận trước khi khóa sổ", pack_for(register.opened_on), "register_practice")
    if closed_on < register.opened_on:
        raise refused(f"Ngày khóa sổ trước ngày mở sổ ({register.opened_on:%d/%m/%Y})",
                      pack_for(register.opened_on), "register_practice")
    register.closed_on, register.closed_by = closed_on, person_of(actor)
    register.save(update_fields=["closed_on", "closed_by"])
    record("close_volume", actor, register, register.unit_id, pack_for(closed_on),
           {"closed_on": closed_on.isoformat()})
    return register

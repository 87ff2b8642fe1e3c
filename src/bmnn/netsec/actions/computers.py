"""Computers and devices: register, edit, check before use, put into use, antivirus, malware,
repurposing and secure wiping, retirement."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from bmnn.audit.journal import action, append_event
from bmnn.audit.models import EventKind
from bmnn.law.errors import StateNotAllowed
from bmnn.netsec.actions.guard import require_it_officer
from bmnn.netsec.errors import NotCheckedBeforeUse, RepurposeWithoutWipe, provision
from bmnn.netsec.models import CheckResult, Computer, MalwareRecord, Purpose, ScanFinding
from bmnn.netsec.refdata import end_of_support
from bmnn.org.models import Account, Unit

EDITABLE_FIELDS = (
    "asset_id", "hostname", "machine_id", "kind", "purpose", "location", "responsible",
    "os_name", "os_version", "licence", "antivirus_product", "antivirus_licence", "approved_usb",
)


def _log(computer: Computer, name: str, actor: Account, changes: dict[str, Any]) -> None:
    append_event(kind=EventKind.ACTION, action=name, actor=actor, obj=computer,
                 unit_id=computer.unit_id, changes=changes)


def _unique_asset(unit: Unit, asset_id: str, pk: int | None = None) -> None:
    same = Computer.objects.filter(unit=unit, asset_id=asset_id)
    if (same.exclude(pk=pk) if pk is not None else same).exists():
        text, sure = provision("inventory_record")
        raise StateNotAllowed(f"Mã tài sản {asset_id} đã có trong danh mục của đơn vị", text,
                              confidence=sure)


def _set_os(computer: Computer, product: str = "") -> None:
    computer.os_end_of_support = end_of_support(computer.os_name, computer.os_version, product)


@action("register_computer")
def do_register_computer(unit: Unit, data: dict[str, Any], *, actor: Account) -> Computer:
    """Add a computer or device to the unit's inventory; its end of support comes from the table."""
    require_it_officer(actor, unit)
    computer = Computer(unit=unit, **{k: v for k, v in data.items() if k in EDITABLE_FIELDS})
    _unique_asset(unit, computer.asset_id)
    _set_os(computer)
    computer.save()
    _log(computer, "register_computer", actor, {k: data.get(k) for k in EDITABLE_FIELDS if k in data})
    return computer


@action("update_computer")
def do_update_computer(computer: Computer, data: dict[str, Any], *, actor: Account) -> Computer:
    """Correct a computer's description (not its check, use or wiping: those have their own actions)."""
    require_it_officer(actor, computer.unit)
    changed = {k: v for k, v in data.items() if k in EDITABLE_FIELDS and getattr(computer, k) != v}
    for key, value in changed.items():
        setattr(computer, key, value)
    _unique_asset(computer.unit, computer.asset_id, computer.pk)
    _set_os(computer)
    computer.save()
    _log(computer, "update_computer", actor, changed)
    return computer


@action("record_security_check")
def do_record_security_check(computer: Computer, *, checked_on: dt.date, checked_by: str, result: str,
                             reference: str = "", actor: Account) -> Computer:
    """Record the security check before use (for meeting-room devices: before installation)."""
    require_it_officer(actor, computer.unit)
    computer.check_date, computer.check_by = checked_on, checked_by
    computer.check_result, computer.check_ref = CheckResult(result), reference
    computer.save(update_fields=["check_date", "check_by", "check_result", "check_ref"])
    _log(computer, "record_security_check", actor,
         {"checked_on": checked_on, "checked_by": checked_by, "result": result, "reference": reference})
    return computer


@action("put_into_use")
def do_put_into_use(computer: Computer, *, on: dt.date, actor: Account) -> Computer:
    """Put a computer into use. A computer for secrets, or a meeting-room device, needs a passed
    security check first."""
    require_it_officer(actor, computer.unit)
    needs_check = computer.purpose == Purpose.STANDALONE or computer.kind == "meeting"
    if needs_check and computer.check_result != CheckResult.PASSED:
        text, sure = provision("pre_use_check", on)
        raise NotCheckedBeforeUse(
            f"{computer} chưa được kiểm tra an ninh, an toàn thông tin đạt yêu cầu trước khi đưa vào sử dụng",
            text, confidence=sure)
    computer.in_use_since, computer.active = on, True
    computer.save(update_fields=["in_use_since", "active"])
    _log(computer, "put_into_use", actor, {"on": on})
    return computer


@action("record_antivirus_update")
def do_record_antivirus_update(computer: Computer, *, product: str, signature_date: dt.date,
                               licence: str = "", actor: Account) -> Computer:
    """Record the antivirus product and the date of its latest signatures."""
    require_it_officer(actor, computer.unit)
    computer.antivirus_product, computer.antivirus_signature_date = product, signature_date
    if licence:
        computer.antivirus_licence = licence
    computer.save(update_fields=["antivirus_product", "antivirus_signature_date", "antivirus_licence"])
    _log(computer, "record_antivirus_update", actor,
         {"product": product, "signature_date": signature_date, "licence": licence})
    return computer


@action("record_malware")
def do_record_malware(computer: Computer, *, found_on: dt.date, name: str, source: str = "",
                      cleaned_on: dt.date | None = None, actor: Account) -> MalwareRecord:
    """Record malware found on a computer (and, when known, the day it was cleaned)."""
    require_it_officer(actor, computer.unit)
    record = MalwareRecord.objects.create(computer=computer, found_on=found_on, name=name,
                                          source=source, cleaned_on=cleaned_on)
    _log(computer, "record_malware", actor, {"found_on": found_on, "name": name, "cleaned_on": cleaned_on})
    return record


def held_secrets(computer: Computer) -> bool:
    """Whether the computer is known to have held secrets: a computer for secrets, or any
    imported scan found files with marks of secrecy on it."""
    if computer.purpose == Purpose.STANDALONE:
        return True
    return ScanFinding.objects.filter(report__computer=computer).exclude(marks=[]).exists()


@action("record_wiping")
def do_record_wiping(computer: Computer, *, on: dt.date, method: str, by: str, actor: Account) -> Computer:
    """Record the secure wiping of the computer's storage (the state secrets removed)."""
    require_it_officer(actor, computer.unit)
    computer.wiped_on, computer.wipe_method, computer.wiped_by = on, method, by
    computer.save(update_fields=["wiped_on", "wipe_method", "wiped_by"])
    _log(computer, "record_wiping", actor, {"on": on, "method": method, "by": by})
    return computer


@action("record_repurposing")
def do_record_repurposing(computer: Computer, *, on: dt.date, new_purpose: str, description: str,
                          actor: Account) -> Computer:
    """Change what a computer is used for. One that held secrets must be securely wiped first."""
    require_it_officer(actor, computer.unit)
    if held_secrets(computer) and (computer.wiped_on is None or computer.wiped_on > on):
        text, sure = provision("repurposing", on)
        raise RepurposeWithoutWipe(
            f"{computer} đã lưu giữ bí mật nhà nước nhưng chưa ghi nhận xóa an toàn "
            "trước khi chuyển mục đích", text, confidence=sure)
    old = computer.purpose
    computer.repurposed_on, computer.repurposed_to, computer.repurposed_from = on, description, old
    computer.purpose = Purpose(new_purpose)
    computer.save(update_fields=["repurposed_on", "repurposed_to", "repurposed_from", "purpose"])
    _log(computer, "record_repurposing", actor,
         {"on": on, "from": old, "to": new_purpose, "description": description})
    return computer


@action("retire_computer")
def do_retire_computer(computer: Computer, *, on: dt.date | None = None, actor: Account) -> Computer:
    """Take a computer out of use (it stays in the inventory)."""
    require_it_officer(actor, computer.unit)
    if not computer.active:
        text, sure = provision("inventory_record")
        raise StateNotAllowed(f"{computer} đã thôi sử dụng", text, confidence=sure)
    computer.active, computer.retired_on = False, on or timezone.localdate()
    computer.save(update_fields=["active", "retired_on"])
    _log(computer, "retire_computer", actor, {"on": computer.retired_on})
    return computer

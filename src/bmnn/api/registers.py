"""The unit's registers (sổ): volumes, pages of entries, cancelling a line, closing a volume;
and the to-do list of what needs attention."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from bmnn.api.auth import account_of
from bmnn.api.common import day_or_today, responses
from bmnn.api.inputs import CancelEntryIn, CloseRegisterIn, PathId, RegisterQuery, Year, YearQuery
from bmnn.api.permissions import register_reader, require_step, visible_or_404
from bmnn.api.schemas import EntryOut, RegisterOut, RegisterPage, TodoOut, entry_out
from bmnn.registry import queries
from bmnn.registry.access import cleared_levels
from bmnn.registry.actions.registers import do_cancel_entry, do_close_volume
from bmnn.registry.may import Step
from bmnn.registry.models import Register, RegisterEntry, RegisterKind

router = Router(tags=["Sổ đăng ký, việc cần làm"])


def _register_out(register: Register) -> dict[str, Any]:
    return {"id": register.pk, "unit_id": register.unit_id, "kind": register.kind,
            "kind_label": register.get_kind_display(), "year": register.year,
            "volume": register.volume, "regime": register.regime, "opened_on": register.opened_on,
            "closed_on": register.closed_on, "closed_by_id": register.closed_by_id}


@router.get("/registers", response=responses(200, list[RegisterOut]), summary="Các quyển sổ của đơn vị")
def list_registers(request: HttpRequest, year: YearQuery = None) -> Any:
    """The volumes of the caller's unit's four registers, optionally of one year."""
    person = register_reader(account_of(request))
    registers = Register.objects.filter(unit_id=person.unit_id)
    if year is not None:
        registers = registers.filter(year=year)
    return [_register_out(r) for r in registers.order_by("kind", "-year", "-volume")]


@router.get("/registers/{kind}/{int:year}", response=responses(200, RegisterPage),
            summary="Một trang sổ đăng ký")
def register_entries(request: HttpRequest, kind: RegisterKind, year: Year,
                     query: Query[RegisterQuery]) -> Any:
    """One page of a register of the caller's unit, newest first. Lines above the caller's
    clearance show only their number and level (`masked`), as in the UI."""
    person = register_reader(account_of(request))
    cleared = cleared_levels(person)
    page = queries.register_page(person.unit, kind, year, q=query.q, page=query.page,
                                 per_page=query.per_page, searchable_levels=cleared)
    prefetch_related_objects(page.rows, "register")  # the volume of each line, in one query
    return {"unit": person.unit, "kind": kind, "year": year, "page": page.page,
            "per_page": query.per_page, "has_next": page.has_next,
            "items": [entry_out(e, masked=bool(e.level) and e.level not in cleared) for e in page.rows]}


@router.post("/register-entries/{entry_id}/cancel", response=responses(200, EntryOut),
             summary="Hủy một dòng sổ (giữ nguyên số)")
def cancel_entry(request: HttpRequest, entry_id: PathId, data: CancelEntryIn) -> Any:
    """Cancel a line of the caller's unit's register; it keeps its number. Clerk."""
    account = account_of(request)
    person = require_step(account, Step.CANCEL_ENTRY)
    register_reader(account)
    entry = visible_or_404(RegisterEntry.objects.select_related("register")
                           .filter(unit_id=person.unit_id), entry_id)
    if entry.level and entry.level not in cleared_levels(person):
        raise PermissionDenied("Dòng sổ có độ mật cao hơn mức bạn được tiếp cận")
    return entry_out(do_cancel_entry(entry, reason=data.reason, actor=account))


@router.post("/registers/{int:register_id}/close", response=responses(200, RegisterOut),
             summary="Khóa một quyển sổ")
def close_register(request: HttpRequest, register_id: PathId, data: CloseRegisterIn) -> Any:
    """Close a volume of the caller's unit's register: no line in it may change afterwards;
    numbering continues in the next volume of the same year. Clerk."""
    account = account_of(request)
    person = require_step(account, Step.CLOSE_VOLUME)
    register_reader(account)
    register = visible_or_404(Register.objects.filter(unit_id=person.unit_id), register_id)
    return _register_out(do_close_volume(register, closed_on=day_or_today(data.closed_on), actor=account))


@router.get("/todo", response=responses(200, TodoOut), summary="Việc cần làm của đơn vị")
def todo(request: HttpRequest, limit: int = Query(100, ge=1, le=1000)) -> Any:
    """Pending proposals, transfers awaiting a signature, protection periods ending within 60
    and 90 days or already ended, notices due, past years' volumes still open; each list holds
    at most `limit` items, the most urgent first."""
    person = register_reader(account_of(request))
    unit, today = person.unit, timezone.localdate()
    return {
        "today": today,
        "pending_proposals": queries.pending_proposals(unit).prefetch_related("basis__catalog")
        .order_by("submitted_at")[:limit],
        "open_transfers": queries.open_transfers(unit).select_related("entry")[:limit],
        "periods_ending_60": queries.periods_ending(unit, today, 60).select_related("unit")[:limit],
        "periods_ending_90": queries.periods_ending(unit, today, 90).select_related("unit")[:limit],
        "periods_expired": queries.periods_expired(unit, today).select_related("unit")
        .order_by("protected_until")[:limit],
        "notices_due": queries.notices_due(unit)[:limit],
        "volumes_to_close": [{"kind": k, "year": y, "volume": v}
                             for k, y, v in queries.volumes_to_close(unit, today)],
    }

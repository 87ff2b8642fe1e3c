"""Load the demo in one transaction, refuse where it would mix with real data, report it.

The demo is marked by a SYSTEM event in the audit chain (`load_demo`), so its presence is
itself tamper-evident and `bmnn demo --status` needs no extra table.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.utils import timezone

from bmnn.audit.journal import append_event, one_transaction
from bmnn.audit.models import Event, EventKind
from bmnn.demo.catalog import ensure_catalog
from bmnn.demo.documents import LAST_FIXED_DAY, tell
from bmnn.demo.inspection import inspect
from bmnn.demo.people import MEMBERS, UNITS, build_cast
from bmnn.demo.reports import report
from bmnn.demo.story import Story
from bmnn.law.levels import Level
from bmnn.org.models import Account, Role, Unit
from bmnn.registry.models import Document, RegisterEntry

DEMO_PASSWORD = "demo-bmnn-2026"
MARKER = "load_demo"
DEMO_UNIT_CODES = tuple(code for code, *_ in UNITS)
DEMO_USERNAMES = tuple(m.username for m in MEMBERS)


class DemoRefused(Exception):
    """The demo was not loaded; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class AccountLine:
    username: str
    full_name: str
    roles: str
    position: str
    clearance: str


@dataclass(frozen=True)
class DemoSummary:
    already_loaded: bool
    accounts: list[AccountLine]
    documents_by_state: dict[str, int]
    entries_by_kind: dict[str, int]
    units: int


def demo_loaded() -> bool:
    """True when the demo was loaded into this database."""
    return Event.objects.filter(kind=EventKind.SYSTEM, action=MARKER).exists()


def _check_clean(force: bool, today: dt.date) -> None:
    if today <= LAST_FIXED_DAY:
        raise DemoRefused(f"Đồng hồ máy đang ở {today:%d/%m/%Y}; dữ liệu mẫu cần ngày sau "
                          f"{LAST_FIXED_DAY:%d/%m/%Y}. Kiểm tra lại ngày giờ của máy.")
    units = Unit.objects.count()
    if units and not force:
        raise DemoRefused(f"Cơ sở dữ liệu đã có {units} đơn vị thật. Dữ liệu mẫu chỉ nạp vào "
                          "cơ sở dữ liệu trống; dùng --force nếu thật sự muốn trộn lẫn.")
    clash = list(Unit.objects.filter(code__in=DEMO_UNIT_CODES).values_list("code", flat=True))
    clash += list(Account.objects.filter(username__in=DEMO_USERNAMES)
                  .values_list("username", flat=True))
    if clash:
        raise DemoRefused("Trùng mã đơn vị hoặc tên đăng nhập của dữ liệu mẫu: " + ", ".join(clash))


def load_demo(*, force: bool = False) -> DemoSummary:
    """Build the whole demo through the actions, all or nothing; a second call changes nothing."""
    if demo_loaded():
        return summarize(already_loaded=True)
    today = timezone.localdate()
    _check_clean(force, today)
    with one_transaction():
        cast = build_cast(DEMO_PASSWORD)
        story = tell(Story(cast, ensure_catalog(), today))
        inspect(story)
        report(story)
        append_event(kind=EventKind.SYSTEM, action=MARKER, changes={
            "note": "Dữ liệu mẫu, không phải tài liệu thật", "units": list(DEMO_UNIT_CODES),
            "accounts": list(DEMO_USERNAMES), "documents": len(story.docs),
        })
    return summarize(already_loaded=False)


def _account_lines() -> list[AccountLine]:
    order = {username: i for i, username in enumerate(DEMO_USERNAMES)}
    accounts = Account.objects.filter(username__in=DEMO_USERNAMES, is_active=True).select_related(
        "person__unit", "person__position")
    lines = []
    for account in sorted(accounts, key=lambda a: order[a.username]):
        person = account.person
        assert person is not None
        lines.append(AccountLine(
            account.username, person.full_name, " / ".join(Role(r).label for r in account.roles),
            f"{person.position.title}, {person.unit.name}" if person.position else person.unit.name,
            Level(person.clearance).label if person.clearance else "chưa cấp",
        ))
    return lines


def summarize(*, already_loaded: bool) -> DemoSummary:
    """What the demo holds now: accounts to try, documents by state, register entries by kind."""
    demo_units = Unit.objects.filter(code__in=DEMO_UNIT_CODES)
    states = Counter(Document.objects.filter(unit__in=demo_units).values_list("state", flat=True))
    kinds = Counter(RegisterEntry.objects.filter(unit__in=demo_units).values_list("kind", flat=True))
    return DemoSummary(already_loaded, _account_lines(), dict(states), dict(kinds),
                       demo_units.count())

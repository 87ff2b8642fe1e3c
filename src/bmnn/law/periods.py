"""Protection periods (Điều 19), extension (Điều 20) and the 15-day notices (Điều 20, 21)."""

from __future__ import annotations

import datetime as dt

from bmnn.law.dates import add_days, add_years
from bmnn.law.errors import ExtensionNotAllowed
from bmnn.law.levels import Level
from bmnn.law.pack import RulePack


def base_years(pack: RulePack, level: Level) -> int:
    years: dict[str, int] = pack.value("protection_period_years")
    return int(years[level.value])


def protection_until(
    pack: RulePack, level: Level, determined_on: dt.date, shorter_until: dt.date | None = None
) -> dt.date:
    """Last day of protection: the level's base period from the day it was determined, or a
    shorter stated period (secrets about an activity, Khoản 2 Điều 19)."""
    full = add_years(determined_on, base_years(pack, level))
    if shorter_until is not None:
        if shorter_until <= determined_on:
            rule = pack.rule("protection_period_years")
            raise ExtensionNotAllowed(
                "Thời hạn bảo vệ ngắn hơn phải kết thúc sau ngày xác định độ mật",
                rule.source, confidence=rule.confidence,
            )
        return min(full, shorter_until)
    return full


def check_extension(
    pack: RulePack, level: Level, current_until: dt.date, new_until: dt.date, decided_on: dt.date
) -> None:
    """Extension is decided at least 60 days before expiry and adds at most the base period."""
    lead = pack.rule("extension_min_days_before_expiry")
    if decided_on > add_days(current_until, -int(lead.value)):
        raise ExtensionNotAllowed(
            f"Gia hạn phải quyết định trước khi hết thời hạn bảo vệ ít nhất {lead.value} ngày "
            f"(hết hạn {current_until:%d/%m/%Y})",
            lead.source, confidence=lead.confidence,
        )
    cap = pack.rule("extension_max_years_is_base_period")
    if new_until <= current_until:
        raise ExtensionNotAllowed("Thời hạn gia hạn phải sau thời hạn hiện tại", cap.source,
                                  confidence=cap.confidence)
    if cap.value and new_until > add_years(current_until, base_years(pack, level)):
        raise ExtensionNotAllowed(
            f"Mỗi lần gia hạn không quá {base_years(pack, level)} năm đối với độ {level.label}",
            cap.source, confidence=cap.confidence,
        )


def notice_due(pack: RulePack, decided_on: dt.date) -> dt.date:
    """Written notice to the relevant bodies is due within N days of the decision."""
    return add_days(decided_on, int(pack.value("notice_within_days")))


def is_due(until: dt.date, today: dt.date, within_days: int) -> bool:
    return today <= until <= add_days(today, within_days)

"""Template filters: Vietnamese dates, level badges, and every code as its Vietnamese label."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from bmnn.audit.channel import Channel
from bmnn.audit.labels import action_label
from bmnn.law.levels import Level
from bmnn.web.details import details

register = template.Library()


@register.filter
def vndate(value: dt.date | dt.datetime | str | None) -> str:
    if value is None or isinstance(value, str):
        return value or ""
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")


@register.filter
def level_badge(value: str) -> SafeString | str:
    try:
        level = Level(value)
    except ValueError:
        return value
    return format_html('<span class="level level-{}">{}</span>', level.value, level.label)


@register.filter
def action_name(value: str) -> str:
    return action_label(value)


@register.filter
def channel_name(value: str) -> str:
    """"qua API", "qua dòng lệnh"... for an event's channel; nothing when it has none."""
    return f"qua {Channel(value).label}" if value in Channel.__members__.values() else ""


@register.filter
def changes(value: dict[str, Any]) -> list[tuple[str, str]]:
    """An event's changes as (name, value) pairs in Vietnamese (bmnn.web.details)."""
    return details(value)


@register.filter
def isodate(value: str | None) -> str:
    """An ISO date kept in a snapshot ("2025-06-02") as dd/mm/yyyy."""
    if not value:
        return ""
    try:
        return dt.date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return str(value)


@register.filter
def category_title(value: str) -> str:
    """A finding category's title (findings.yaml), never its id."""
    from bmnn.inspection.categories import category

    try:
        return category(value).title
    except KeyError:
        return value


@register.filter
def role_names(value: list[str]) -> str:
    """An account's roles as their Vietnamese names."""
    from bmnn.org.models import Role

    return ", ".join(str(Role(r).label) if r in Role.values else r for r in value or [])


@register.filter
def scope_names(value: list[str]) -> str:
    """A delegation's scopes as their Vietnamese names."""
    from bmnn.org.models import DelegationScope

    return "; ".join(str(DelegationScope(s).label) if s in DelegationScope.values else s for s in value or [])


@register.filter
def authority_class_title(value: str) -> str:
    """A position's authority class (a key of the rule pack) as the pack's title for it."""
    from django.utils import timezone

    from bmnn.registry.rules import pack_for

    return pack_for(timezone.localdate()).authority_classes.get(value, value) if value else ""


@register.filter
def document_badge(document: Any) -> SafeString | str:
    """The level badge, except on a declassified document: it no longer wears the red mark."""
    if getattr(document, "state", "") == "declassified":
        label = level_badge_label(document.level)
        return format_html('<span class="level-past">Đã giải mật{}</span>',
                           f" (trước là {label})" if label else "")
    return level_badge(document.level)


def level_badge_label(value: str) -> str:
    return Level(value).label if value in Level.__members__.values() else ""


_CONNECTIONS = {"ethernet": "Mạng dây", "wifi": "Wi-Fi", "vpn": "VPN", "dhcp": "Mạng (cấp địa chỉ DHCP)",
                "other": "Kết nối khác"}


@register.filter
def connection_kind(value: str) -> str:
    """A past network connection's kind, as the scanner reports it, in words."""
    return _CONNECTIONS.get(str(value), str(value))

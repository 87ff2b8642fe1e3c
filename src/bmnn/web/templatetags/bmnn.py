"""Template filters: Vietnamese dates and level badges."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from bmnn.audit.channel import Channel
from bmnn.audit.labels import action_label, changes_text
from bmnn.law.levels import Level

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


def _code_words() -> dict[str, str]:
    from bmnn.registry.models import DocumentState, ProposalStatus

    words = {lv.value: lv.label for lv in Level}
    for choices in (ProposalStatus, DocumentState):  # document states win on shared codes
        words |= {str(value): str(label) for value, label in choices.choices}
    return words


@register.filter
def changes(value: dict[str, Any]) -> list[tuple[str, str]]:
    return changes_text(value, _code_words())


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

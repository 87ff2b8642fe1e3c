"""How an event reads: its kind's Vietnamese name and its changes as text."""

from __future__ import annotations

from typing import Any

from bmnn.audit.acts import act_label


def action_label(action: str) -> str:
    """The event kind's Vietnamese name (bmnn.audit.acts, the one list)."""
    return act_label(action)


def _value(value: Any, words: dict[str, str]) -> str:
    if isinstance(value, dict) and set(value) == {"before", "after"}:
        return f"{_value(value['before'], words)} → {_value(value['after'], words)}"
    if isinstance(value, list):
        return "; ".join(_value(v, words) for v in value)
    if isinstance(value, str) and value in words:
        return words[value]
    if value is None or value == "":
        return "—"
    if value is True:
        return "có"
    if value is False:
        return "không"
    return str(value)


def changes_text(changes: dict[str, Any], words: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """Readable values; `words` maps stored codes (states, levels) to their Vietnamese names."""
    return [(key, _value(value, words or {})) for key, value in changes.items()]

"""What the reports actions share: the units below a unit, the event they append, a unit's key in force."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from bmnn.audit.journal import append_event
from bmnn.audit.models import EventKind
from bmnn.inspection.scope import scope_unit_ids
from bmnn.org.models import Unit
from bmnn.reports.models import PackageKey

if TYPE_CHECKING:
    from bmnn.org.models import Account


def units_below(unit: Unit) -> set[int]:
    return set(scope_unit_ids(unit, True)) - {unit.pk}


def log_event(name: str, actor: Account | None, obj: models.Model, unit_id: int, **changes: object) -> None:
    append_event(
        kind=EventKind.ACTION,
        action=name,
        actor=actor,
        obj=obj,
        unit_id=unit_id,
        changes=changes,
    )


def active_key(unit: Unit, purpose: str, *, own: bool | None) -> PackageKey | None:
    """The unit's newest key in force: its own (made here), registered from paper, or either (None)."""
    keys = PackageKey.objects.filter(unit=unit, purpose=purpose, revoked_at__isnull=True)
    if own is not None:
        keys = keys.exclude(private_file="") if own else keys.filter(private_file="")
    return keys.order_by("-registered_at", "-pk").first()

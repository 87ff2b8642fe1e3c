"""What the self-inspection actions share: the audit record."""

from __future__ import annotations

from typing import Any

from django.db import models

from bmnn.audit.journal import append_event
from bmnn.audit.models import EventKind
from bmnn.org.models import Account


def log(name: str, actor: Account, obj: models.Model, unit_id: int, changes: dict[str, Any]) -> None:
    append_event(kind=EventKind.ACTION, action=name, actor=actor, obj=obj, unit_id=unit_id, changes=changes)

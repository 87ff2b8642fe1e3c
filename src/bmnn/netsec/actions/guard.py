"""Who may change the inventory: the unit's IT officer (bmnn.law.steps, Step.KEEP_INVENTORY)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from bmnn.law.steps import Step
from bmnn.org.models import Account, Unit

NETSEC_ROLES = tuple(sorted(Step.KEEP_INVENTORY.roles))


def require_it_officer(actor: Account, unit: Unit) -> None:
    """Only an IT officer of `unit` keeps its inventory."""
    if not actor.has_role(*NETSEC_ROLES):
        raise PermissionDenied("Chỉ cán bộ CNTT được cập nhật danh mục máy tính, hệ thống thông tin")
    if actor.person is None or actor.person.unit_id != unit.pk:
        raise PermissionDenied("Cán bộ CNTT chỉ cập nhật danh mục của đơn vị mình")

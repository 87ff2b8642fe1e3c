"""Who may do what in self-inspection, decided here once for pages, the API and the CLI.

| step                                            | who (of the unit)                                   |
|-------------------------------------------------|-----------------------------------------------------|
| see plans, runs, findings, checklist, board     | clerk, head, deputy, inspector, IT officer          |
| plan, run; check records; assign remediation    | clerk (cán bộ bảo vệ BMNN) or head                  |
| answer checklist questions                      | clerk or head; IT officer: cybersecurity, data      |
| record an incident                              | clerk or head; IT officer: cybersecurity incidents  |
| conclude a run (the signed conclusion)          | the head (thủ trưởng) only                          |
| close a remediation item                        | clerk or head, or the person it names               |

The administrator reads no secret content and takes none of these steps. `may_*` raises
PermissionDenied with the reason; `can_*` answers the same question for a page's buttons.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from bmnn.inspection.models import RemediationItem, Run
from bmnn.law.steps import Step
from bmnn.org.models import Account, Person, Role, Unit
from bmnn.registry.access import reads_secrets

READERS = (Role.CLERK, Role.HEAD, Role.DEPUTY, Role.INSPECTOR, Role.IT_OFFICER)
# Who keeps, concludes, and keeps the computers: the one table of bmnn.law.steps.
KEEPERS = tuple(sorted(Step.KEEP_INSPECTION.roles))
CONCLUDERS = tuple(sorted(Step.CONCLUDE_INSPECTION.roles))
IT_STAFF = tuple(sorted(Step.KEEP_INVENTORY.roles))
IT_GROUPS = ("NET", "PC", "DATA")


def _member(actor: Account, unit: Unit, roles: tuple[str, ...], doing: str) -> Person:
    if not reads_secrets(actor) or actor.person is None:
        raise PermissionDenied(f"Tài khoản này không được {doing}")
    if actor.person.unit_id != unit.pk:
        raise PermissionDenied(f"Chỉ cán bộ của {unit.name} mới được {doing}")
    if not actor.has_role(*roles):
        labels = ", ".join(str(Role(r).label).lower() for r in roles)
        raise PermissionDenied(f"Chỉ {labels} mới được {doing}")
    return actor.person


def may_view(actor: Account, unit: Unit) -> Person:
    return _member(actor, unit, READERS, "xem kết quả tự kiểm tra của đơn vị")


def may_keep(actor: Account, unit: Unit, doing: str = "lập kế hoạch, tiến hành tự kiểm tra") -> Person:
    return _member(actor, unit, KEEPERS, doing)


def may_answer(actor: Account, unit: Unit, groups: set[str]) -> Person:
    """Clerk or head; the IT officer too when every category the question serves is his field."""
    roles = KEEPERS + (IT_STAFF if groups and groups <= set(IT_GROUPS) else ())
    return _member(actor, unit, roles, "trả lời câu hỏi này của bảng kiểm")


def may_record_incident(actor: Account, unit: Unit, group: str) -> Person:
    roles = KEEPERS + (IT_STAFF if group in IT_GROUPS else ())
    return _member(actor, unit, roles, "ghi nhận sự cố loại này")


def may_conclude(actor: Account, run: Run) -> Person:
    person = _member(actor, run.plan.unit, CONCLUDERS, "kết luận tự kiểm tra")
    if not person.is_head:
        raise PermissionDenied("Chỉ người đứng đầu đơn vị mới ký kết luận tự kiểm tra")
    return person


def may_close_item(actor: Account, item: RemediationItem) -> Person:
    if actor.person is not None and item.person_id == actor.person.pk and reads_secrets(actor):
        return actor.person
    return may_keep(actor, item.unit, "xác nhận hoàn thành việc khắc phục")


def _can(check: object, *args: object) -> bool:
    try:
        check(*args)  # type: ignore[operator]
    except PermissionDenied:
        return False
    return True


def can_view(actor: Account, unit: Unit) -> bool:
    return _can(may_view, actor, unit)


def can_keep(actor: Account, unit: Unit) -> bool:
    return _can(may_keep, actor, unit)


def can_conclude(actor: Account, run: Run) -> bool:
    return _can(may_conclude, actor, run)


def can_close_item(actor: Account, item: RemediationItem) -> bool:
    return _can(may_close_item, actor, item)

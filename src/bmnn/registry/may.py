"""The door every action passes: may this account record this step for this unit? One answer
for pages, the API, the command line and imports, from the table in bmnn.law.steps.

`may(...)` raises PermissionDenied saying why; `can(...)` answers the same question for a page's
buttons; `why_not(...)` gives the reason a button is not shown (a deputy without a delegation
learns why she cannot approve). The law's own question — whether the person named as deciding
holds the authority that day — is asked inside the action (bmnn.law.authority).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from bmnn.law.authority import Power, authorize
from bmnn.law.errors import LawRefusal
from bmnn.law.steps import CLERK, IT_OFFICER, Step
from bmnn.org.authority import law_actor
from bmnn.org.models import Account, Person, Role
from bmnn.registry.access import reads_secrets
from bmnn.registry.rules import pack_for


def roles_text(step: Step) -> str:
    labels = (str(Role(r).label) for r in sorted(step.roles))
    return ", ".join(label[:1].lower() + label[1:] for label in labels)  # "cán bộ bảo vệ BMNN" keeps BMNN


def may(
    step: Step, actor: Account, unit_id: int | Collection[int], *, decider: Person | None = None,
) -> Person:
    """The acting person, when `actor` may record `step` for the unit (one of `unit_id`, when a
    step belongs to two, like a handover); else PermissionDenied. For a decision, a head or deputy
    records only their own; the clerk records anyone's from the signed paper. Which documents a
    person sees, by clearance, is bmnn.registry.access's question, asked before any step."""
    person = actor.person
    secret = step != Step.KEEP_INVENTORY
    if person is None or not person.active or (secret and not reads_secrets(actor)):
        raise PermissionDenied(f"Tài khoản này không được {step.label}")
    if not actor.has_role(*step.roles):
        raise PermissionDenied(f"Chỉ {roles_text(step)} mới được {step.label}")
    units = {unit_id} if isinstance(unit_id, int) else set(unit_id)
    if person.unit_id not in units:
        raise PermissionDenied(f"Chỉ cán bộ của đơn vị mới được {step.label} cho đơn vị")
    if decider is not None and step.decision and not actor.has_role(CLERK) and decider.pk != person.pk:
        raise PermissionDenied("Thủ trưởng, cấp phó chỉ ghi quyết định của chính mình; quyết định của "
                               "người khác do văn thư ghi theo văn bản đã ký")
    return person


def can(step: Step, actor: Account, unit_id: int) -> bool:
    try:
        may(step, actor, unit_id)
    except PermissionDenied:
        return False
    return True


def why_not_decide(actor: Account, unit_id: int, day: dt.date | None = None) -> str:
    """Why `actor` cannot approve a classification proposal of the unit today ("" when they can):
    the role, or the law (not the head, no written delegation to classify in force)."""
    try:
        person = may(Step.DECIDE_PROPOSAL, actor, unit_id)
        day = day or timezone.localdate()
        authorize(pack_for(day), Power.CLASSIFY, law_actor(person), unit_id, day)
    except PermissionDenied as denied:
        return str(denied)
    except LawRefusal as refusal:
        return f"{refusal.message} ({refusal.provision})"
    return ""


@dataclass(frozen=True)
class Decide:
    """Whether a page shows the approve link, and if not, why (empty for a role that never
    approves: a clerk needs no explanation)."""

    can: bool
    why: str = ""


def decide_for(actor: Account, unit_id: int) -> Decide:
    if not actor.has_role(*Step.DECIDE_PROPOSAL.roles):
        return Decide(False)
    why = why_not_decide(actor, unit_id)
    return Decide(not why, why)


TABLE_ROLES = (Role.CLERK, Role.HEAD, Role.DEPUTY, Role.DRAFTER, Role.IT_OFFICER)


def who_may_rows() -> list[tuple[str, list[str]]]:
    """The table of bmnn.law.steps as people read it (the Quy định page, the README): each step
    with, per role, "✓", "✓ (của mình)" for a decision a head or deputy records only as her own,
    or nothing."""
    def cell(step: Step, role: Role) -> str:
        if role.value not in step.roles:
            return ""
        return "✓ (của mình)" if step.decision and role in (Role.HEAD, Role.DEPUTY) else "✓"

    return [(step.label[0].upper() + step.label[1:], [cell(step, role) for role in TABLE_ROLES])
            for step in Step]


class Steps(dict[str, bool]):
    """For templates: `can.issue_document` says whether the account may take that step for its
    own unit, asked lazily and once per page."""

    def __init__(self, actor: Account) -> None:
        super().__init__()
        self.actor = actor

    def __missing__(self, key: str) -> bool:
        person = self.actor.person
        self[key] = key in Step.__members__.values() and person is not None \
            and can(Step(key), self.actor, person.unit_id)
        return self[key]


__all__ = ["IT_OFFICER", "TABLE_ROLES", "Decide", "Step", "Steps", "can", "decide_for", "may", "roles_text",
           "who_may_rows", "why_not_decide"]

"""Who among a unit's people holds a power today (sign, permit copying, decide), asked of the law
(bmnn.law.authority) the way the action will ask it; for a form's choice list and the reason
shown for those left out. The action asks again on the paper's own date, so this is a help to
the clerk, never the rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from bmnn.law.authority import Power, authorize
from bmnn.law.errors import LawRefusal
from bmnn.law.levels import Level
from bmnn.org.authority import law_actor
from bmnn.org.models import Person, Unit
from bmnn.registry.rules import pack_for

# Powers an Art. 11 title held in a unit above also covers (a provincial chairman permits copying
# in a department): the people of those units are candidates too.
REACHES_DOWN = frozenset({Power.COPY, Power.DESTROY})


@dataclass(frozen=True)
class Holders:
    power: Power
    able: list[Person]
    unable: list[tuple[Person, str]]  # each with the law's reason

    def help_text(self) -> str:
        text = f"Chỉ hiện người có thẩm quyền {self.power.label} (tính đến hôm nay)."
        by_reason: dict[str, list[str]] = {}
        for person, why in self.unable:
            by_reason.setdefault(why, []).append(person.full_name)
        if by_reason:
            text += " Không có trong danh sách: " + "; ".join(
                f"{', '.join(names)} — {why}" for why, names in by_reason.items()) + "."
        return text


def candidates(unit: Unit, power: Power) -> QuerySet[Person]:
    units = [unit.pk, *(u.pk for u in unit.ancestors())] if power in REACHES_DOWN else [unit.pk]
    return Person.objects.filter(unit_id__in=units, active=True) \
        .select_related("position", "unit").prefetch_related("delegations").order_by("unit_id", "full_name")


def _reason(refusal: LawRefusal, person: Person) -> str:
    message = refusal.message.removeprefix(person.full_name).strip()
    return message[:1].lower() + message[1:] if message else refusal.provision


def holders(power: Power, unit: Unit, *, level: str | None = None, day: dt.date | None = None) -> Holders:
    """The unit's people (and above, where the power reaches down) split by whether the law lets
    them use `power` for `unit` on `day` (today by default)."""
    day = day or timezone.localdate()
    pack = pack_for(day)
    superiors = frozenset(u.pk for u in unit.ancestors())
    able: list[Person] = []
    unable: list[tuple[Person, str]] = []
    for person in candidates(unit, power):
        try:
            authorize(pack, power, law_actor(person), unit.pk, day,
                      Level(level) if level else Level.MAT, superiors)
        except LawRefusal as refusal:
            if person.unit_id == unit.pk:  # people above without the title are not worth naming
                unable.append((person, _reason(refusal, person)))
        else:
            able.append(person)
    return Holders(power, able, unable)


def holds(power: Power, person: Person, unit: Unit, *, level: str | None = None) -> bool:
    """Whether `person` may use `power` for `unit` today: a head or deputy is offered a decision
    only when the law lets her take it herself (the clerk records anyone's from the paper)."""
    day = timezone.localdate()
    try:
        authorize(pack_for(day), power, law_actor(person), unit.pk, day, Level(level) if level else Level.MAT,
                  frozenset(u.pk for u in unit.ancestors()))
    except LawRefusal:
        return False
    return True

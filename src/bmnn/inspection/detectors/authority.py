"""Who had the authority, as query conditions: the head of the unit, a valid written delegation
on the day, an Art 11 authority class under the regime in force that day. The same rules the
actions apply (bmnn.law.authority), read from the same rule packs, asked of many rows at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from bmnn.law.authority import copy_classes, delegable_classes
from bmnn.law.levels import Level
from bmnn.law.pack import REGIME_2025_FROM, RulePack
from bmnn.org.models import Delegation, Unit
from bmnn.registry.rules import pack_for


def regime_spans(first: dt.date, last: dt.date) -> Iterator[tuple[RulePack, dt.date, dt.date]]:
    """The rule pack in force over each part of [first, last]."""
    if first < REGIME_2025_FROM:
        yield pack_for(first), first, min(last, REGIME_2025_FROM - dt.timedelta(days=1))
    if last >= REGIME_2025_FROM:
        yield pack_for(last), max(first, REGIME_2025_FROM), last


def heads_own_unit(person: str, unit: str) -> Q:
    """`person` heads the unit in `unit` (their position is its head's and they work there)."""
    return Q(
        **{
            f"{person}__position__is_head": True,
            f"{person}__position__unit_id": F(unit),
            f"{person}__unit_id": F(unit),
        }
    )


def delegations_on(person: str, unit: str, day: str, scope: str) -> QuerySet[Delegation]:
    """Written delegations to `person` for `unit` covering `scope`, in force on `day` (a
    revocation applies from its date on)."""
    return (
        Delegation.objects.filter(
            to_person_id=OuterRef(person),
            unit_id=OuterRef(unit),
            valid_from__lte=OuterRef(day),
            scopes__icontains=f'"{scope}"',
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef(day)))
        .filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=OuterRef(day)))
    )


def delegated_by_head(person: str, unit: str, day: str, scope: str) -> Exists:
    return Exists(delegations_on(person, unit, day, scope).filter(from_was_head=True))


def governing_units(unit_ids: tuple[int, ...]) -> dict[int, list[int]]:
    """Each unit with the units above it (an Art 11 title held above covers the units below)."""
    parents = dict(Unit.objects.values_list("pk", "parent_id"))
    found: dict[int, list[int]] = {}
    for unit_id in unit_ids:
        chain, node = [unit_id], parents.get(unit_id)
        while node is not None and node not in chain:
            chain.append(node)
            node = parents.get(node)
        found[unit_id] = chain
    return found


def _held_in_chain(person: str, unit: str, unit_ids: tuple[int, ...]) -> Q:
    """`person` works in the row's unit or a unit above it: their unit is compared with the row's
    unit, its parent, its parent's parent… as columns, as deep as the scope's units go (one
    condition for every row, not one per unit of the scope). `unit` names the row's unit id
    ("document__unit_id")."""
    depth = max((len(chain) for chain in governing_units(unit_ids).values()), default=1)
    above = unit.removesuffix("_id")
    where = Q(**{f"{person}__unit_id": F(unit)})
    for _ in range(depth - 1):
        above += "__parent"
        where |= Q(**{f"{person}__unit_id": F(f"{above}_id")})
    return where


def copy_rights(
    person: str, unit: str, day: str, level: str, unit_ids: tuple[int, ...], first: dt.date, last: dt.date
) -> tuple[Q, Q]:
    """Two ways `person` could permit copying a record of `level` of `unit` on `day`: by an
    authority class of the copy lists of that day's regime, held in the unit or a unit above it
    (`held`); by a copy delegation from someone who held a delegable class allowed for the level
    (`delegated`). Asked apart, the delegation test runs only on rows the first leaves: asked as
    one OR, PostgreSQL probed the delegations for most of 800,000 copies."""
    where = _held_in_chain(person, unit, unit_ids)
    held, delegated = Q(pk__in=[]), Q(pk__in=[])
    for pack, start, end in regime_spans(first, last):
        for lv in Level:
            classes = sorted(copy_classes(pack, lv))
            delegable = sorted(set(classes) & delegable_classes(pack))
            when = Q(**{f"{day}__gte": start, f"{day}__lte": end, level: lv.value})
            held |= when & where & Q(**{f"{person}__position__authority_class__in": classes})
            borrowed = delegations_on(person, unit, day, "copy").filter(from_authority_class__in=delegable)
            delegated |= when & Q(Exists(borrowed))
    return held, delegated


def destruction_authority(
    person: str, unit: str, day: str, unit_ids: tuple[int, ...], first: dt.date, last: dt.date
) -> Q:
    """`person` could decide destruction in `unit` on `day` (khoản 3 Điều 23: whoever may permit
    copying the levels the pack lists), in the unit or above it; by delegation only where the
    pack allows it."""
    where = _held_in_chain(person, unit, unit_ids)
    allowed = Q(pk__in=[])
    for pack, start, end in regime_spans(first, last):
        classes = sorted(
            {c for lv in pack.value("destruction_authority_levels") for c in copy_classes(pack, Level(lv))}
        )
        when = Q(**{f"{day}__gte": start, f"{day}__lte": end})
        rights = where & Q(**{f"{person}__position__authority_class__in": classes})
        if pack.value("destruction_delegable"):
            rights |= Q(
                Exists(delegations_on(person, unit, day, "destroy").filter(from_authority_class__in=classes))
            )
        allowed |= when & rights
    return allowed

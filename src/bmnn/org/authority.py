"""Build the law layer's view of a person acting for a unit (position, headship, delegations)."""

from __future__ import annotations

from bmnn.law.authority import Actor, DelegationFact
from bmnn.org.models import Delegation, Person


def delegation_fact(delegation: Delegation) -> DelegationFact:
    return DelegationFact(
        ref=str(delegation),
        scopes=frozenset(delegation.scopes),
        unit_id=delegation.unit_id,
        from_is_head=delegation.from_was_head,
        from_authority_class=delegation.from_authority_class or None,
        valid_from=delegation.valid_from,
        valid_to=delegation.valid_to,
        revoked_on=delegation.revoked_on,
        id=delegation.pk,
    )


def law_actor(person: Person) -> Actor:
    """The person as the law sees them: unit, whether they head it, class, delegations held."""
    position = person.position
    return Actor(
        person_id=person.pk,
        name=person.full_name,
        unit_id=person.unit_id,
        is_head=person.is_head,
        authority_class=(position.authority_class or None) if position else None,
        delegations=tuple(delegation_fact(d) for d in person.delegations.all()),
        in_post=person.active and person.unit.active,
    )


def delegation_by_id(fact: DelegationFact | None) -> Delegation | None:
    return None if fact is None or fact.id is None else Delegation.objects.get(pk=fact.id)

"""Delegations: only the head delegates, only to a deputy of the same unit, in writing, with
scope and validity (Khoản 5 Điều 11 Luật 2018; HD 4114/BCA-ANCTNB)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from bmnn.audit.models import Event
from bmnn.law.errors import DelegationInvalid
from bmnn.org.actions import do_grant_delegation, do_merge_units, do_revoke_delegation
from bmnn.org.models import Delegation
from tests.world import World

DAY = dt.date(2026, 5, 4)


def grant(w: World, from_acc, to_acc, scopes=("copy",), doc="07/QĐ"):  # type: ignore[no-untyped-def]
    return do_grant_delegation(from_person=from_acc.person, to_person=to_acc.person, scopes=list(scopes),
                               doc_number=doc, doc_date=DAY, valid_from=DAY, valid_to=None, actor=w.clerk)


def test_head_delegates_to_deputy(world: World) -> None:
    delegation = grant(world, world.head, world.deputy_nodel)
    assert delegation.from_authority_class == "provincial_department_head"
    assert Event.objects.filter(action="grant_delegation").count() == 1


@pytest.mark.parametrize(
    ("frm", "to", "scopes", "doc"),
    [
        ("deputy", "deputy_nodel", ("copy",), "07/QĐ"),  # a deputy may not sub-delegate
        ("head", "clerk", ("copy",), "07/QĐ"),  # not a deputy
        ("head", "outsider", ("copy",), "07/QĐ"),  # another unit
        ("head", "deputy_nodel", ("everything",), "07/QĐ"),  # unknown scope
        ("head", "deputy_nodel", ("copy",), ""),  # no written delegation
    ],
)
def test_invalid_delegations_are_refused(world: World, frm: str, to: str, scopes: tuple[str, ...],
                                         doc: str) -> None:
    before = Delegation.objects.count()
    with pytest.raises(DelegationInvalid):
        grant(world, getattr(world, frm), getattr(world, to), scopes, doc)
    assert Delegation.objects.count() == before


def test_revoked_delegation_cannot_be_revoked_twice(world: World) -> None:
    do_revoke_delegation(world.delegation, on=DAY, actor=world.clerk)
    with pytest.raises(DelegationInvalid):
        do_revoke_delegation(world.delegation, on=DAY, actor=world.clerk)


@pytest.mark.parametrize("actor", ["admin", "deputy", "drafter", "outsider"])
def test_only_the_head_and_the_clerk_record_delegations(world: World, actor: str) -> None:
    """A delegation carries the head's authority: the administrator, a deputy or another unit's
    officer cannot write one (bmnn.law.steps)."""
    before = (Delegation.objects.count(), Event.objects.count())
    with pytest.raises(PermissionDenied):
        do_grant_delegation(from_person=world.head.person, to_person=world.deputy_nodel.person,
                            scopes=["copy"], doc_number="08/QĐ", doc_date=DAY, valid_from=DAY, valid_to=None,
                            actor=getattr(world, actor))
    with pytest.raises(PermissionDenied):
        do_revoke_delegation(world.delegation, on=DAY, actor=getattr(world, actor))
    assert (Delegation.objects.count(), Event.objects.count()) == before


def test_merge_keeps_history(world: World) -> None:
    do_merge_units([world.commune], into=world.province, on=DAY, actor=world.admin)
    world.commune.refresh_from_db()
    assert not world.commune.active and world.commune.merged_into == world.province

"""A date a person types is evidence, not the clock (issue 9, item 4): a decision entered more
than the rule pack's grace days (3) after its date needs a reason and its paper's reference, and
the extension rule (60 days before expiry, khoản 1 Điều 20) is also checked on the entry date,
so dating a late extension back no longer launders it. Every refusal writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from bmnn.audit.models import Event, EventKind
from bmnn.law.copying import CopyForm
from bmnn.law.errors import ExtensionNotAllowed, StateNotAllowed
from bmnn.registry.actions.common import Late
from bmnn.registry.actions.copies import do_copy_document
from bmnn.registry.actions.lifecycle import do_extend_protection
from bmnn.registry.models import CopyRecord, LifeDecision
from tests.inspection.plant import legacy_document, person
from tests.registry.flows import DAY
from tests.world import World

PAPER = Late("Quyết định giấy ký ngày đó, văn thư nghỉ ốm nên ghi muộn", "41/QĐ-SGDĐT ngày 20/01/2026")


def _extend(world: World, doc: object, on: dt.date, late: Late | None = None) -> LifeDecision:
    return do_extend_protection(
        doc,
        new_until=dt.date(2030, 1, 1),
        decided_on=on,
        decided_by=person(world.head),
        decision_number="41/QĐ-SGDĐT",
        reason="Còn giá trị",
        late=late,
        actor=world.clerk,
    )


def test_a_late_extension_cannot_be_dated_back(world: World) -> None:
    doc = legacy_document(world, "05/KH")
    doc.protected_until = DAY + dt.timedelta(days=30)  # 30 days left: too late to extend (60)
    doc.save()
    actions = Event.objects.exclude(kind=EventKind.REFUSAL).count()
    with pytest.raises(ExtensionNotAllowed):
        _extend(world, doc, DAY)
    with pytest.raises(StateNotAllowed, match="ghi nhận muộn"):
        _extend(world, doc, DAY - dt.timedelta(days=100))  # typed as a past day, nothing to show for it
    with pytest.raises(ExtensionNotAllowed):
        _extend(world, doc, DAY - dt.timedelta(days=100), PAPER)  # the entry day still counts
    assert not LifeDecision.objects.exists()
    assert Event.objects.exclude(kind=EventKind.REFUSAL).count() == actions


def test_an_extension_entered_late_with_its_paper_is_recorded_and_says_so(world: World) -> None:
    doc = legacy_document(world, "06/KH")
    doc.protected_until = DAY + dt.timedelta(days=200)
    doc.save()
    _extend(world, doc, DAY - dt.timedelta(days=10), PAPER)
    event = Event.objects.get(action="extend_protection")
    assert event.changes["backdated_days"] == 10 and event.changes["paper_ref"] == PAPER.reference


def test_grace_days_and_copies(world: World) -> None:
    doc = legacy_document(world, "07/KH")
    base = {
        "form": CopyForm.SAO_Y,
        "permitted_count": 1,
        "made_count": 1,
        "permitted_by": person(world.head),
        "copied_by": person(world.clerk),
        "actor": world.clerk,
    }
    do_copy_document(doc, copied_on=DAY - dt.timedelta(days=3), **base)  # within the grace days
    with pytest.raises(StateNotAllowed):
        do_copy_document(doc, copied_on=DAY - dt.timedelta(days=4), **base)
    with pytest.raises(StateNotAllowed):
        do_copy_document(doc, copied_on=DAY - dt.timedelta(days=4), late=Late("Ghi muộn", " "), **base)
    do_copy_document(doc, copied_on=DAY - dt.timedelta(days=4), late=PAPER, **base)
    assert CopyRecord.objects.count() == 2


def test_self_inspection_lists_what_was_entered_late(world: World) -> None:
    from tests.inspection.plant import found

    doc = legacy_document(world, "08/KH")
    doc.protected_until = DAY + dt.timedelta(days=200)
    doc.save()
    _extend(world, doc, DAY - dt.timedelta(days=10), PAPER)
    event = Event.objects.get(action="extend_protection")
    assert found(world, "KEEP-BACKDATED") == {("event", event.pk)}

"""COPY-* and MOVE-*: copies (Điều 11 Luật; Điều 3 NĐ 26/2020) and handovers (Điều 13, khoản 6
Điều 5 Luật; Điều 4 NĐ 26/2020), from bmnn's records and from imported paper lines."""

from __future__ import annotations

import datetime as dt
from importlib import import_module
from pathlib import Path

from django.db import connection, transaction

from bmnn.inspection.detectors import Status
from bmnn.inspection.shown import Viewer, masked_records
from bmnn.law.copying import CopyForm
from bmnn.law.levels import Level
from bmnn.law.transfer import Channel, envelope_for
from bmnn.org.models import Account
from bmnn.registry.actions.copies import do_copy_document
from bmnn.registry.actions.lifecycle import do_change_level
from bmnn.registry.actions.transfers import do_send_document
from bmnn.registry.models import CopyRecord, Document, RegisterKind, Transfer
from bmnn.registry.numbering import add_entry
from bmnn.registry.rules import pack_for
from tests.inspection.plant import copy_row, found, import_lines, judge, legacy_document, person, transfer_row
from tests.registry.flows import DAY
from tests.world import World

SENT = dt.date(2025, 6, 10)


def _copy(
    w: World,
    doc: Document,
    permitted_by: Account,
    *,
    made: int = 1,
    permitted: int = 1,
    on: dt.date = dt.date(2026, 4, 2),
) -> CopyRecord:
    with transaction.atomic():
        entry = add_entry(
            doc.unit,
            RegisterKind.COPIES,
            on,
            {"source_doc": doc.number_symbol},
            document=doc,
            level=doc.level,
        )
    return CopyRecord.objects.create(
        document=doc,
        unit_id=doc.unit_id,
        level=doc.level,
        copy_permitted=doc.copy_permitted,
        form="sao_y",
        permitted_count=permitted,
        made_count=made,
        copy_from=1,
        copy_to=made,
        permitted_by=person(permitted_by),
        copied_by=person(w.clerk),
        copied_on=on,
        entry=entry,
    )


def _transfer(
    w: World,
    doc: Document,
    *,
    channel: str = "by_hand",
    sent: dt.date = SENT,
    received: dt.date | None = SENT,
    envelope: str | None = None,
    named: bool = False,
) -> Transfer:
    with transaction.atomic():
        entry = add_entry(
            doc.unit,
            RegisterKind.TRANSFERS,
            sent,
            {"number_symbol": doc.number_symbol},
            document=doc,
            level=doc.level,
        )
    text = (
        envelope if envelope is not None else envelope_for(pack_for(sent), Level(doc.level), named).describe()
    )
    return Transfer.objects.create(
        document=doc,
        unit_id=doc.unit_id,
        level=doc.level,
        channel=channel,
        recipient_name="UBND tỉnh",
        envelope=text,
        named_person=named,
        sent_on=sent,
        sent_by=person(w.clerk),
        entry=entry,
        received_on=received,
        received_by_name="A" if received else "",
    )


def test_copy_of_a_document_that_forbids_copying(world: World) -> None:
    allowed = legacy_document(world, "01/KH")
    forbidden = legacy_document(world, "02/KH", copy_permitted=False)
    _copy(world, allowed, world.head)
    bad = _copy(world, forbidden, world.head)
    assert found(world, "COPY-FORBIDDEN") == {("copy", bad.pk)}
    Document.objects.filter(pk=allowed.pk).update(copy_permitted=False)  # marked so after the copy
    assert found(world, "COPY-FORBIDDEN") == {("copy", bad.pk)}


def test_copy_permitted_without_authority(world: World, tmp_path: Path) -> None:
    """Khoản 2 Điều 11: a department head permits Tối mật copies, not Tuyệt mật; a clerk none;
    a deputy with a copy delegation (khoản 5) may."""
    secret = legacy_document(world, "03/KH")
    top = legacy_document(world, "04/KH", level=Level.TUYET_MAT, summary="")
    _copy(world, secret, world.head)
    _copy(world, secret, world.deputy)
    by_clerk = _copy(world, secret, world.clerk)
    top_by_head = _copy(world, top, world.head)
    before_delegation = _copy(world, secret, world.deputy, on=dt.date(2025, 7, 1))
    lines = import_lines(world, tmp_path, "copies", [copy_row(101), copy_row(102, permitted_by="")])
    assert found(world, "COPY-UNAUTHORIZED") == {
        ("copy", by_clerk.pk),
        ("copy", top_by_head.pk),
        ("copy", before_delegation.pk),
        ("register_entry", lines[1].pk),
    }
    assert judge(world, "COPY-UNAUTHORIZED").unchecked == 1  # a name on paper is not proof of authority


def test_more_copies_than_permitted(world: World) -> None:
    doc = legacy_document(world, "05/KH")
    _copy(world, doc, world.head, made=2, permitted=2)
    over = _copy(world, doc, world.head, made=3, permitted=2)
    assert found(world, "COPY-OVER-COUNT") == {("copy", over.pk)}


def test_handover_never_signed_for(world: World, tmp_path: Path) -> None:
    """Điều 13: the receiver signs; 30 days (rule pack) after sending, an unsigned line is a finding."""
    doc = legacy_document(world, "06/KH")
    _transfer(world, doc)
    old = _transfer(world, doc, received=None, sent=dt.date(2026, 3, 1))
    _transfer(world, doc, received=None, sent=dt.date(2026, 4, 20))  # still within 30 days
    lines = import_lines(
        world,
        tmp_path,
        "transfers",
        [transfer_row(101), transfer_row(102, signature=""), transfer_row(103, received="")],
    )
    assert found(world, "MOVE-NO-RECEIPT") == {
        ("transfer", old.pk),
        ("register_entry", lines[1].pk),
        ("register_entry", lines[2].pk),
    }


def test_sent_outside_kt1_or_over_a_network(world: World, tmp_path: Path) -> None:
    doc = legacy_document(world, "07/KH")
    top = legacy_document(world, "08/KH", level=Level.TUYET_MAT, summary="")
    _transfer(world, doc, channel="kt1_post")
    post = _transfer(world, doc, channel="ordinary_post")
    lan = _transfer(world, top, channel="independent_lan")  # 2018 regime: no independent LAN at all
    lines = import_lines(
        world,
        tmp_path,
        "transfers",
        [
            transfer_row(101, channel="BĐ KT1"),
            transfer_row(102, channel="Bưu điện"),
            transfer_row(103, channel="Fax"),
            transfer_row(104, channel="Zalo"),
            transfer_row(105, channel=""),
        ],
    )
    assert found(world, "MOVE-NOT-KT1") == {("transfer", post.pk), ("register_entry", lines[1].pk)}
    assert found(world, "MOVE-NETWORK-LEVEL") == {("transfer", lan.pk), ("register_entry", lines[2].pk)}
    messaging = judge(world, "MOVE-MESSAGING")
    assert {(r.kind, r.id) for r in messaging.records} == {("register_entry", lines[3].pk)}
    assert judge(world, "MOVE-NOT-KT1").unchecked == 1


def test_envelope_not_as_the_level_requires(world: World, tmp_path: Path) -> None:
    """Điều 4 NĐ 26/2020: Tuyệt mật two envelopes and "A"; Tối mật "B"; Mật "C"."""
    top = legacy_document(world, "09/KH", level=Level.TUYET_MAT, summary="")
    _transfer(world, top)
    wrong = _transfer(world, top, envelope=envelope_for(pack_for(SENT), Level.TOI_MAT, False).describe())
    _transfer(world, top, channel="network_coyeu", envelope="")  # electronic: no envelope
    lines = import_lines(
        world,
        tmp_path,
        "transfers",
        [
            transfer_row(101, level="Tuyệt mật", envelope="A"),
            transfer_row(102, level="Tuyệt mật", envelope="B"),
            transfer_row(103, level="Mật", envelope=""),
            transfer_row(104, level="Mật", envelope="C", channel="Fax"),
            transfer_row(105, level="Tối mật", envelope="C", channel=""),  # no channel, but an envelope
            transfer_row(106, level="Tối mật", envelope="", channel=""),  # nothing to judge
        ],
    )
    result = judge(world, "MOVE-ENVELOPE")
    assert {(r.kind, r.id) for r in result.records} == {
        ("transfer", wrong.pk),
        ("register_entry", lines[1].pk),
        ("register_entry", lines[4].pk),
    }
    assert (result.status, result.unchecked) == (Status.FOUND, 1)


def test_a_transfer_is_judged_by_the_level_of_its_day(world: World) -> None:
    """The envelope a Tối mật document needed on the day it was sent ("B") stays right after the
    document is later lowered to Mật: sending and copying keep the unit and level of their day."""
    doc = legacy_document(world, "10/KH", level=Level.TOI_MAT)
    sent = do_send_document(doc, recipient_name="UBND tỉnh", channel=Channel.BY_HAND, sent_on=DAY,
                            sent_by=person(world.clerk), actor=world.clerk)
    copied = do_copy_document(doc, form=CopyForm.SAO_Y, permitted_count=1, made_count=1,
                              permitted_by=person(world.head), copied_by=person(world.clerk), copied_on=DAY,
                              actor=world.clerk)
    assert (sent.unit_id, sent.level, copied.unit_id, copied.level) == (
        world.dept.pk, Level.TOI_MAT, world.dept.pk, Level.TOI_MAT)
    Document.objects.filter(pk=doc.pk).update(level=Level.MAT)
    assert ("transfer", sent.pk) not in found(world, "MOVE-ENVELOPE")
    assert ("copy", copied.pk) not in found(world, "COPY-UNAUTHORIZED")


def test_the_upgrade_fills_unit_and_level_of_their_day(world: World) -> None:
    """Copies and transfers recorded before registry 0008/0009 get the unit of their register line
    and the level the document had on their day: a level changed since (do_change_level rewrote
    the lines) counts from its decision on."""
    fill = import_module("bmnn.registry.migrations.0008_movement_unit_level")._fill
    marking = import_module("bmnn.registry.migrations.0009_copy_marking").FILL
    doc = legacy_document(world, "11/KH", level=Level.TOI_MAT)
    copied, sent = _copy(world, doc, world.head), _transfer(world, doc)
    do_change_level(doc, new_level=Level.TUYET_MAT, decided_on=DAY, decided_by=person(world.head),
                    decision_number="21/QĐ-SGDĐT", reason="Danh mục mục 3", actor=world.head)
    later = _transfer(world, Document.objects.get(pk=doc.pk), sent=DAY)  # a change that day came first
    Document.objects.filter(pk=doc.pk).update(copy_permitted=False)
    CopyRecord.objects.update(unit=None, level=None, copy_permitted=None)
    Transfer.objects.update(unit=None, level=None)
    with connection.cursor() as cursor:
        cursor.execute(fill("registry_copyrecord", "copied_on"))
        cursor.execute(fill("registry_transfer", "sent_on"))
        cursor.execute(marking)
    for row in (CopyRecord.objects.get(pk=copied.pk), Transfer.objects.get(pk=sent.pk)):
        assert (row.unit_id, row.level) == (world.dept.pk, Level.TOI_MAT)  # before the change
    assert Transfer.objects.get(pk=later.pk).level == Level.TUYET_MAT  # after it
    assert CopyRecord.objects.get(pk=copied.pk).copy_permitted is False  # the marking known today
    assert ("transfer", sent.pk) not in found(world, "MOVE-ENVELOPE")  # "B" was right that day


def test_a_transfer_of_a_document_raised_since_is_masked_by_its_level_now(world: World) -> None:
    """Judged by the level of its day (Tối mật by ordinary post), shown by the level now: once the
    document is raised to Tuyệt mật a clerk not cleared for it sees only the kind and level, and
    the evidence says the day's level."""
    doc = legacy_document(world, "20/KH", level=Level.TOI_MAT)
    bad = _transfer(world, doc, channel=Channel.ORDINARY_POST.value)
    do_change_level(doc, new_level=Level.TUYET_MAT, decided_on=DAY, decided_by=person(world.head),
                    decision_number="5/QĐ-SGDĐT", reason="Danh mục mục 3", actor=world.head)
    record = next(r for r in judge(world, "MOVE-NOT-KT1").records if r.id == bad.pk)
    assert (record.level, record.unit_id) == (Level.TUYET_MAT, world.dept.pk)
    assert "độ Tối mật khi chuyển" in record.evidence
    assert not person(world.clerk).cleared_for(Level.TUYET_MAT)
    assert masked_records([record.as_json()], Viewer.of(world.clerk))[0]["masked"]

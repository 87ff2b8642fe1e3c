"""Copies (Điều 11 Luật; Điều 3 NĐ 26/2020) and transfers (Điều 13 Luật; Điều 4 NĐ 26/2020)."""

from __future__ import annotations

import pytest

from bmnn.audit.models import Event
from bmnn.law.copying import CopyForm
from bmnn.law.errors import (
    ChannelNotAllowed,
    CopyAuthorityMissing,
    CopyNotPermitted,
    CopyOverCount,
    StateNotAllowed,
)
from bmnn.law.levels import Level
from bmnn.law.transfer import Channel
from bmnn.registry.actions.copies import do_copy_document
from bmnn.registry.actions.transfers import do_record_receipt, do_send_document
from bmnn.registry.models import CopyRecord, RegisterEntry, Transfer
from tests.registry.flows import DAY, issue, propose
from tests.world import World


def copy(w: World, document, permitted_by, count: int = 2, made: int | None = None):  # type: ignore[no-untyped-def]
    assert w.clerk.person
    return do_copy_document(
        document, form=CopyForm.SAO_Y, permitted_count=count, made_count=made or count,
        permitted_by=permitted_by.person, copied_by=w.clerk.person, copied_on=DAY,
        recipients="Phòng Khảo thí", actor=w.clerk,
    )


def test_copies_are_numbered_and_registered(world: World) -> None:
    document = issue(world)
    first = copy(world, document, world.head)
    second = copy(world, document, world.deputy, count=1)  # by delegation 05/QĐ-SGDĐT
    assert (first.copy_from, first.copy_to, second.copy_from, second.copy_to) == (1, 2, 3, 3)
    entries = RegisterEntry.objects.filter(kind="copies").order_by("number")
    assert [e.columns["copy_numbers"] for e in entries] == ["01–02", "03"]
    assert "ủy quyền" in entries[1].columns["permitted_by"]


def test_copy_of_no_copy_original_is_refused(world: World) -> None:
    document = issue(world, copy_permitted=False)
    with pytest.raises(CopyNotPermitted):
        copy(world, document, world.head)
    assert not CopyRecord.objects.exists() and not RegisterEntry.objects.filter(kind="copies").exists()


def test_copy_permitted_by_person_without_authority_is_refused(world: World) -> None:
    document = issue(world)
    for person in (world.clerk, world.deputy_nodel, world.outsider):
        with pytest.raises(CopyAuthorityMissing):
            copy(world, document, person)
    assert not CopyRecord.objects.exists()


def test_top_secret_copy_needs_clause_1_authority(world: World) -> None:
    # A provincial department head (khoản 2 Điều 11) cannot permit copying Tuyệt mật.
    document = issue(world, level=Level.TUYET_MAT)
    with pytest.raises(CopyAuthorityMissing, match="Tuyệt mật"):
        copy(world, document, world.head)


def test_copy_over_permitted_count_is_refused(world: World) -> None:
    document = issue(world)
    with pytest.raises(CopyOverCount):
        copy(world, document, world.head, count=2, made=3)
    assert not CopyRecord.objects.exists()


def test_copy_of_unissued_document_is_refused(world: World) -> None:
    proposal = propose(world)
    with pytest.raises(StateNotAllowed):
        copy(world, proposal.document, world.head)


def send(w: World, document, channel: Channel = Channel.BY_HAND, named: bool = False) -> Transfer:  # type: ignore[no-untyped-def]
    assert w.clerk.person
    return do_send_document(document, recipient_name="UBND tỉnh Lào Cai", channel=channel,
                            sent_on=DAY, sent_by=w.clerk.person, named_person=named,
                            copy_numbers="bản số 01–02", actor=w.clerk)


def test_transfer_envelope_and_receipt(world: World) -> None:
    document = issue(world, level=Level.TUYET_MAT)
    transfer = send(world, document, Channel.KT1_POST, named=True)
    assert transfer.envelope.startswith("2 lớp bì, dấu \"A\"")
    assert "Chỉ người có tên mới được bóc bì" in transfer.envelope
    assert transfer.is_open
    do_record_receipt(transfer, received_by_name="Đỗ Văn Tâm", received_on=DAY,
                      actor=world.clerk)
    transfer.refresh_from_db()
    transfer.entry.refresh_from_db()
    assert transfer.entry.columns["receiver_signature"] == "Đỗ Văn Tâm"
    assert transfer.entry.columns["received_date"] == "04/05/2026"
    with pytest.raises(StateNotAllowed):
        do_record_receipt(transfer, received_by_name="X", received_on=DAY, actor=world.clerk)


@pytest.mark.parametrize("channel", [Channel.ORDINARY_POST, Channel.INTERNET])
def test_transfer_over_forbidden_channel_is_refused(world: World, channel: Channel) -> None:
    # Điều 13, khoản 6 Điều 5 Luật: not by ordinary post nor over the Internet.
    document = issue(world)
    events = Event.objects.count()
    with pytest.raises(ChannelNotAllowed):
        send(world, document, channel)
    assert not Transfer.objects.exists()
    assert not RegisterEntry.objects.filter(kind="transfers").exists()
    assert Event.objects.count() == events + 1


@pytest.mark.parametrize("channel", [Channel.NETWORK_COYEU, Channel.INDEPENDENT_LAN])
def test_top_secret_over_a_network_is_refused(world: World, channel: Channel) -> None:
    # Khoản 6 Điều 5 Luật; Văn bản 261/X05-P5: networks carry Tối mật and below only.
    document = issue(world, level=Level.TUYET_MAT)
    events = Event.objects.count()
    with pytest.raises(ChannelNotAllowed) as refusal:
        send(world, document, channel)
    assert "261/X05-P5" in refusal.value.provision
    assert not Transfer.objects.exists() and Event.objects.count() == events + 1


def test_electronic_transfer_records_no_envelope(world: World) -> None:
    transfer = send(world, issue(world, level=Level.TOI_MAT), Channel.INDEPENDENT_LAN)
    assert transfer.envelope == "" and transfer.entry.columns["envelope"] == ""


def test_a_copy_out_cannot_be_sent_again(world: World) -> None:
    # Điều 13 Luật: each handover signed for; bản số 01 sent three times with no receipt (issue 9).
    document = issue(world)
    first = send(world, document)  # bản số 01–02
    for numbers in ("bản số 01", "02-03", "Bản số 2"):
        events = Event.objects.count()
        with pytest.raises(StateNotAllowed) as refusal:
            do_send_document(document, recipient_name="UBND tỉnh Lào Cai", channel=Channel.BY_HAND,
                             sent_on=DAY, sent_by=world.clerk.person, copy_numbers=numbers, actor=world.clerk)
        assert "Điều 13" in refusal.value.provision and Event.objects.count() == events + 1
    do_record_receipt(first, received_by_name="Đỗ Văn Tâm", received_on=DAY, actor=world.clerk)
    with pytest.raises(StateNotAllowed):  # delivered: held by the recipient now
        do_send_document(document, recipient_name="Sở Tài chính", channel=Channel.BY_HAND, sent_on=DAY,
                         sent_by=world.clerk.person, copy_numbers="bản số 01", actor=world.clerk)
    assert Transfer.objects.count() == 1


def test_unnumbered_handover_waits_for_the_first_receipt(world: World) -> None:
    document = issue(world)
    kwargs = {"recipient_name": "UBND tỉnh Lào Cai", "channel": Channel.BY_HAND, "sent_on": DAY,
              "sent_by": world.clerk.person, "actor": world.clerk}
    first = do_send_document(document, **kwargs)
    with pytest.raises(StateNotAllowed):
        do_send_document(document, **kwargs)
    do_record_receipt(first, received_by_name="Đỗ Văn Tâm", received_on=DAY, actor=world.clerk)
    do_send_document(document, **kwargs)
    assert Transfer.objects.count() == 2


def test_transfer_before_registration_is_refused(world: World) -> None:
    # Khoản 1 Điều 4 NĐ 26/2020: registered in the outgoing register before sending.
    proposal = propose(world)
    with pytest.raises(StateNotAllowed):
        send(world, proposal.document)

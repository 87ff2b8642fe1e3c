"""KEEP-*, LIFE-* and ORG-*: registers and losses (Điều 12), periods, extension, notices and
destruction (Điều 19–23), staff, commitments and self-inspection (Điều 7 NĐ 26; Điều 25, 26)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bmnn.inspection.actions import do_check_records, do_record_incident
from bmnn.inspection.detectors import Status
from bmnn.org.actions import do_assign_staff, do_merge_units, do_record_commitment
from bmnn.org.models import AssignmentKind, Unit, UnitKind
from bmnn.registry.actions.disposal import do_report_loss
from bmnn.registry.models import Destruction, Document, LifeDecision
from tests.inspection.plant import found, import_lines, judge, legacy_document, outgoing_row_2018, person
from tests.registry.flows import issue
from tests.world import World


def test_losses_and_unregistered_items(world: World) -> None:
    doc = issue(world)
    loss = do_report_loss(
        doc,
        discovered_on=dt.date(2026, 5, 2),
        description="Không tìm thấy bản số 02",
        reported_to="Công an tỉnh",
        reported_by=person(world.clerk),
        actor=world.clerk,
    )
    incident = do_record_incident(
        world.dept,
        category_id="KEEP-LOST",
        discovered_on=dt.date(2026, 4, 1),
        count=12,
        description="Thất lạc 12 văn bản khi chuyển trụ sở",
        actor=world.clerk,
    )
    result = judge(world, "KEEP-LOST")
    assert {(r.kind, r.id) for r in result.records} == {("loss", loss.pk), ("incident", incident.pk)}
    assert result.quantity == 13
    # a check that the incident was remedied (the 12 were found again) lets its remediation close
    do_check_records(world.dept, category_id="KEEP-LOST", kind="incident", record_ids=[incident.pk],
                     result="remedied", reference="Biên bản kiểm kê ngày 10/5/2026", actor=world.head)
    assert found(world, "KEEP-LOST") == {("loss", loss.pk)}
    unregistered = legacy_document(world, "20/KH", registered=False)
    legacy_document(world, "21/KH")
    assert found(world, "KEEP-NOT-REGISTERED") == {("document", unregistered.pk)}


def test_merged_unit_without_an_itemised_handover(world: World) -> None:
    old = Unit.objects.create(
        code="X02", name="UBND xã Bản Lầu", kind=UnitKind.COMMUNE, parent=world.province
    )
    do_merge_units([old], into=world.dept, on=dt.date(2025, 7, 1), actor=world.head)
    assert found(world, "KEEP-HANDOVER") == {("unit", old.pk)}


def test_expired_periods(world: World, tmp_path: Path) -> None:
    """Điều 19: the period runs out; nothing recorded since."""
    expired = legacy_document(world, "22/KH")
    expired.protected_until = dt.date(2026, 1, 1)
    expired.save()
    legacy_document(world, "23/KH")
    assert found(world, "LIFE-EXPIRED") == {("document", expired.pk)}
    received = legacy_document(world, "24/CV")  # the issuer's to extend: not shown, not found
    Document.objects.filter(pk=received.pk).update(origin="incoming", protected_until=dt.date(2026, 1, 1))
    outcome = judge(world, "LIFE-EXPIRED")
    assert {(r.kind, r.id) for r in outcome.records} == {("document", expired.pk)}
    assert outcome.unchecked == 1 and "cơ quan ban hành" in outcome.note
    assert outcome.waiting == {"document": (received.pk,)}


def test_a_received_document_past_its_period_is_judged_by_a_check(world: World) -> None:
    """A received document's period is the issuer's: the clerk checks the issuer's notices. A
    violation confirmed is a finding; one found in order leaves nothing waiting."""
    kept, cleared = legacy_document(world, "25/CV"), legacy_document(world, "26/CV")
    past = dt.date(2026, 1, 1)
    Document.objects.filter(pk__in=[kept.pk, cleared.pk]).update(origin="incoming", protected_until=past)
    for doc, result in ((kept, "violation"), (cleared, "compliant")):
        do_check_records(world.dept, category_id="LIFE-EXPIRED", kind="document", record_ids=[doc.pk],
                         result=result, reference="Thông báo gia hạn của cơ quan ban hành", actor=world.clerk)
    outcome = judge(world, "LIFE-EXPIRED")
    assert outcome.status == Status.FOUND
    assert {(r.kind, r.id) for r in outcome.records} == {("document", kept.pk)}
    assert (outcome.unchecked, outcome.waiting) == (0, {})


def _extension(doc_pk: int, decided: dt.date, old: dt.date, new: dt.date) -> LifeDecision:
    return LifeDecision.objects.create(
        document_id=doc_pk,
        kind="extension",
        decided_on=decided,
        old_until=old,
        new_until=new,
        notice_due=decided + dt.timedelta(days=15),
        notice_sent_on=decided,
    )


def test_extension_late_or_too_long(world: World) -> None:
    """Khoản 1, 2 Điều 20: at least 60 days before expiry; at most the base period (Tối mật 20 years)."""
    doc = legacy_document(world, "24/KH")
    expiry = dt.date(2026, 6, 1)
    _extension(doc.pk, expiry - dt.timedelta(days=61), expiry, dt.date(2036, 6, 1))
    late = _extension(doc.pk, expiry - dt.timedelta(days=59), expiry, dt.date(2036, 6, 1))
    long = _extension(doc.pk, dt.date(2025, 3, 1), expiry, dt.date(2046, 6, 2))
    _extension(doc.pk, dt.date(2025, 3, 1), expiry, dt.date(2046, 6, 1))
    assert found(world, "LIFE-EXTENSION-LATE") == {("decision", late.pk), ("decision", long.pk)}


def test_notices_late(world: World) -> None:
    """Điều 20, 21: written notice within 15 days."""
    doc = legacy_document(world, "25/KH")
    unsent = LifeDecision.objects.create(
        document=doc, kind="level_change", decided_on=dt.date(2026, 3, 2), notice_due=dt.date(2026, 3, 17)
    )
    late = LifeDecision.objects.create(
        document=doc,
        kind="level_change",
        decided_on=dt.date(2026, 3, 2),
        notice_due=dt.date(2026, 3, 17),
        notice_sent_on=dt.date(2026, 3, 20),
    )
    LifeDecision.objects.create(
        document=doc,
        kind="level_change",
        decided_on=dt.date(2026, 3, 2),
        notice_due=dt.date(2026, 3, 17),
        notice_sent_on=dt.date(2026, 3, 10),
    )
    LifeDecision.objects.create(
        document=doc, kind="level_change", decided_on=dt.date(2026, 5, 1), notice_due=dt.date(2026, 5, 16)
    )  # not yet due
    assert found(world, "LIFE-NOTICE-LATE") == {("decision", unsent.pk), ("decision", late.pk)}


def test_destruction_without_papers_or_authority(world: World) -> None:
    """Điều 23: a council, minutes, and the decision of someone with Tuyệt mật/Tối mật copy authority."""
    kept = [legacy_document(world, f"3{i}/KH", state="destroyed") for i in range(3)]

    def batch(by: object, **kw: object) -> Destruction:
        fields = {
            "unit": world.dept,
            "decided_by": by,
            "decision_number": "01/QĐ",
            "decided_on": dt.date(2026, 2, 1),
            "council": "Hội đồng 3 người",
            "minutes_ref": "BB 01",
            "destroyed_on": dt.date(2026, 2, 2),
            **kw,
        }
        return Destruction.objects.create(**fields)

    batch(person(world.head)).documents.set([kept[0]])
    batch(person(world.head), minutes_ref="").documents.set([kept[1]])
    batch(person(world.clerk)).documents.set([kept[2]])
    listless = batch(person(world.head), minutes_ref="", decision_number="02/QĐ")  # no list of documents
    batch(person(world.head), decision_number="03/QĐ")  # no list, but nothing wrong
    result = judge(world, "LIFE-DESTRUCTION")
    assert {(r.kind, r.id) for r in result.records} == {
        ("document", kept[1].pk), ("document", kept[2].pk), ("destruction", listless.pk)}
    assert any("không có biên bản" in r.evidence for r in result.records)
    assert any("không có thẩm quyền" in r.evidence for r in result.records)


def test_staff_commitment_and_self_inspection(world: World) -> None:
    """Điều 7 NĐ 26/2020; Điều 26 Luật (commitment); khoản 2 Điều 25 Luật (self-inspection)."""
    assert ("unit", world.dept.pk) in found(world, "ORG-NO-STAFF")
    do_assign_staff(
        person=person(world.clerk),
        kind=AssignmentKind.PART_TIME,
        decision_number="12/QĐ",
        decision_date=dt.date(2026, 1, 2),
        start_on=dt.date(2026, 1, 2),
        actor=world.head,
    )
    assert found(world, "ORG-NO-STAFF") == set()
    assert found(world, "ORG-NO-COMMITMENT") == {("person", person(world.clerk).pk)}
    do_record_commitment(
        person=person(world.clerk), signed_on=dt.date(2026, 1, 3), reference="CK-01", actor=world.head
    )
    assert found(world, "ORG-NO-COMMITMENT") == set()
    assert found(world, "ORG-NO-SELF-INSPECTION") == {("unit", world.dept.pk)}


def test_subunits_are_in_scope_only_when_asked(world: World, tmp_path: Path) -> None:
    import_lines(
        world, tmp_path, "outgoing", [outgoing_row_2018(1)], unit=world.commune, actor=world.outsider
    )
    assert judge(world, "DOC-NO-PROPOSAL", unit=world.province).unchecked == 0
    assert judge(world, "DOC-NO-PROPOSAL", unit=world.province, subunits=True).unchecked == 1

"""KEEP-*: recording, keeping and handing over (Điều 12, Điều 26 Luật), and losses."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from bmnn.audit.labels import action_label
from bmnn.audit.models import Event
from bmnn.inspection.categories import category
from bmnn.inspection.detectors.base import (
    Checks,
    HasKey,
    Outcome,
    Record,
    Scope,
    at_in_period,
    detector,
    in_period,
    in_units,
    outcome,
)
from bmnn.inspection.detectors.documents import document_records
from bmnn.inspection.detectors.history import merge
from bmnn.inspection.models import Incident
from bmnn.inspection.records import day, document_label
from bmnn.org.models import Unit
from bmnn.registry.models import Document, Handover, HandoverReason, Loss, RegisterEntry
from bmnn.registry.models.documents import HELD_STATES


def incident_records(scope: Scope, category_id: str) -> list[Record]:
    """Incidents recorded for the category, discovered in the period, but those a check found
    remedied (or recorded in error): the remediation of an incident can then be closed."""
    rows = (
        Incident.objects.filter(
            unit_id__in=scope.unit_ids, category=category_id, **in_period("discovered_on", scope)
        )
        .exclude(pk__in=Checks(category_id, "incident").cleared)
        .order_by("discovered_on", "pk")
    )
    counted = category(category_id).counted
    return [
        Record(
            "incident",
            i.pk,
            f"Sự cố phát hiện ngày {day(i.discovered_on)}: {i.count} {counted} "
            f"({i.reference or 'chưa có văn bản báo cáo'})",
            i.unit_id,
            i.description[:300],
            since=i.discovered_on,
            quantity=i.count,
        )
        for i in rows
    ]


@detector("KEEP-LOST")
def lost(scope: Scope) -> Outcome:
    """Documents reported lost (Điều 12; khoản 1 Điều 5), and losses recorded as incidents."""
    losses = (
        Loss.objects.filter(document__unit_id__in=scope.unit_ids, **in_period("discovered_on", scope))
        .exclude(pk__in=Checks("KEEP-LOST", "loss").cleared)
        .select_related("document")
        .order_by("discovered_on")
    )
    found = [
        Record(
            "loss",
            loss.pk,
            document_label(
                {
                    "number_symbol": loss.document.number_symbol,
                    "doc_type": loss.document.doc_type,
                    "level": loss.document.level,
                }
            ),
            loss.document.unit_id,
            f"Phát hiện mất ngày {day(loss.discovered_on)}; đã báo cáo: {loss.reported_to}",
            loss.document.level,
            loss.discovered_on,
        )
        for loss in losses
    ]
    return outcome(merge(found, incident_records(scope, "KEEP-LOST")))


@detector("KEEP-NOT-REGISTERED")
def not_registered(scope: Scope) -> Outcome:
    """Documents held with no line in the outgoing or incoming register, and items found in an
    inventory count that no register holds (recorded as incidents)."""
    lines = RegisterEntry.objects.filter(
        document_id=OuterRef("pk"), kind__in=("outgoing", "incoming"), cancelled=False
    )
    held = Document.objects.filter(in_units("unit_id", scope), state__in=HELD_STATES).filter(~Exists(lines))
    own = document_records(
        held, "Đang lưu giữ nhưng không có dòng nào trong sổ đăng ký đi, đến", "KEEP-NOT-REGISTERED"
    )
    return outcome(merge(own, incident_records(scope, "KEEP-NOT-REGISTERED")))


@detector("KEEP-BACKDATED")
def backdated(scope: Scope) -> Outcome:
    """Decisions entered more than the grace days after the date they carry (each entered with a
    reason and its paper, or it would have been refused): listed for checking against the paper."""
    events = (
        Event.objects.filter(unit_id__in=scope.unit_ids, **at_in_period("at", scope))
        .filter(HasKey("changes", "backdated_days"))  # an index holds just these events
        .exclude(pk__in=Checks("KEEP-BACKDATED", "event").cleared)
        .order_by("seq")
    )
    found = []
    for e in events:
        entered = timezone.localtime(e.at).date()
        label = (
            f"{action_label(e.action)}, nhật ký số {e.seq}: ghi ngày {entered:%d/%m/%Y}, "
            f"muộn {e.changes['backdated_days']} ngày"
        )
        why = f"Lý do: {e.changes.get('late_reason', '')}; văn bản: {e.changes.get('paper_ref', '')}"
        found.append(Record("event", e.pk, label, int(e.unit_id or 0), why, since=entered))
    return outcome(found)


@detector("KEEP-HANDOVER")
def handover(scope: Scope) -> Outcome:
    """A unit merged into another without an itemised handover with minutes, or still holding
    documents after the merger (Lào Cai plan 2026, mục III.8)."""
    minuted = Handover.objects.filter(from_unit_id=OuterRef("pk"), reason=HandoverReason.MERGE).exclude(
        minutes_ref=""
    )
    holding = Document.objects.filter(unit_id=OuterRef("pk"), state__in=HELD_STATES)
    merged = (
        Unit.objects.filter(pk__in=scope.unit_ids, merged_into__isnull=False)
        .annotate(minuted=Exists(minuted), holding=Exists(holding))
        .filter(Q(minuted=False) | Q(holding=True))
    )
    found = []
    for unit in merged.select_related("merged_into"):
        why = [] if unit.minuted else ["chưa có biên bản bàn giao, thống kê chi tiết"]
        why += ["còn tài liệu BMNN đứng tên đơn vị cũ"] if unit.holding else []
        found.append(
            Record(
                "unit",
                unit.pk,
                f"{unit.name} (sáp nhập vào {unit.merged_into})",
                unit.pk,
                "; ".join(why).capitalize(),
                since=unit.ended_on,
            )
        )
    return outcome(found)

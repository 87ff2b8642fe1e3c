"""LIFE-*: protection periods, extension, notices and destruction (Điều 19–23 Luật)."""

from __future__ import annotations

from django.db.models import BooleanField, Case, F, Q, QuerySet, Value, When

from bmnn.inspection.detectors.authority import destruction_authority, regime_spans
from bmnn.inspection.detectors.base import (
    Checks,
    Outcome,
    Record,
    Scope,
    detector,
    in_period,
    in_units,
    outcome,
)
from bmnn.inspection.detectors.documents import document_record, document_records, document_rows
from bmnn.inspection.detectors.history import KIND as LINE
from bmnn.inspection.detectors.history import imported_lines, merge, shown_and_unknown
from bmnn.inspection.records import day, document_label
from bmnn.law.dates import add_years
from bmnn.law.levels import Level
from bmnn.law.periods import base_years
from bmnn.lib.sqldates import AddDays, AddYears
from bmnn.registry.models import Destruction, Document, LifeDecision, LifeDecisionKind
from bmnn.registry.models.documents import HELD_STATES, Origin
from bmnn.registry.rules import pack_for

KIND = "decision"


def decision_records(qs: QuerySet[LifeDecision], category_id: str, evidence: str) -> list[Record]:
    live = qs.exclude(pk__in=Checks(category_id, KIND).cleared)
    found = []
    for d in live.select_related("document").order_by("decided_on", "pk"):
        doc = d.document
        label = (
            f"{d.get_kind_display()} ngày {day(d.decided_on)} ({d.decision_number or 'không ghi số'}) — "
            + document_label(
                {"number_symbol": doc.number_symbol, "doc_type": doc.doc_type, "level": doc.level}
            )
        )
        text = evidence.format(
            old=day(d.old_until), new=day(d.new_until), due=day(d.notice_due), sent=day(d.notice_sent_on)
        )
        found.append(Record(KIND, d.pk, label, doc.unit_id, text, doc.level, d.decided_on))
    return found


@detector("LIFE-EXPIRED")
def expired(scope: Scope) -> Outcome:
    """Held past the end of protection without an extension or a declassification on record
    (Điều 19, 20, 22). Only the unit's own documents are judged: a received document's period is
    the issuer's to extend (its notice may not have come yet), so it is counted as not shown.
    Paper lines older than the level's period cannot show what became of them."""
    held = Document.objects.filter(
        in_units("unit_id", scope), state__in=HELD_STATES, protected_until__lt=scope.as_of
    )
    own = document_records(held.filter(origin=Origin.OUTGOING),
                           "Hết thời hạn bảo vệ, chưa gia hạn hoặc xử lý giải mật", "LIFE-EXPIRED")
    checks = Checks("LIFE-EXPIRED", "document")
    received = held.filter(origin=Origin.INCOMING)
    confirmed = document_records(
        received.filter(pk__in=checks.confirmed),
        "Hết thời hạn bảo vệ, cơ quan ban hành không gia hạn (xác nhận khi đối chiếu thông báo)",
        "LIFE-EXPIRED",
    )
    open_docs = list(received.exclude(pk__in=checks.answered).values_list("pk", flat=True))
    pack = pack_for(scope.as_of)
    old = Q(pk__in=[])
    for lv in Level:
        old |= Q(level=lv.value, entry_date__lt=add_years(scope.as_of, -base_years(pack, lv)))
    lines: list[Record] = []
    unknown: list[int] = []
    for register in ("outgoing", "incoming"):
        found, ids = shown_and_unknown(
            "LIFE-EXPIRED",
            imported_lines(scope, register, whole_history=True).filter(old),
            shows=None,
            evidence="",
            unknown_means="Hết thời hạn bảo vệ, chưa xử lý",
        )
        lines += found
        unknown += ids
    notes = []
    if unknown:
        notes.append(f"{len(unknown)} dòng sổ giấy đã quá thời hạn bảo vệ tính từ ngày vào sổ: "
                     "chưa rõ đã giải mật, gia hạn")
    if open_docs:
        notes.append(f"{len(open_docs)} tài liệu nhận từ nơi khác đã quá thời hạn ghi khi vào sổ: "
                     "đối chiếu thông báo gia hạn, giải mật của cơ quan ban hành")
    return outcome(
        merge(own, lines, confirmed),
        unchecked=len(unknown) + len(open_docs),
        waiting={LINE: unknown, "document": open_docs},
        note="; ".join(notes),
    )


@detector("LIFE-EXTENSION-LATE")
def extension_late(scope: Scope) -> Outcome:
    """Extended less than 60 days before expiry, or by more than the level's base period
    (khoản 1, 2 Điều 20), by the rule pack in force on the day of the decision."""
    late = Q(pk__in=[])
    for pack, start, end in regime_spans(scope.period_from, scope.period_to):
        when = Q(decided_on__gte=start, decided_on__lte=end)
        lead = int(pack.value("extension_min_days_before_expiry"))
        late |= when & Q(decided_on__gt=AddDays(F("old_until"), -lead))
        if pack.value("extension_max_years_is_base_period"):
            for lv in Level:
                late |= when & Q(
                    document__level=lv.value, new_until__gt=AddYears(F("old_until"), base_years(pack, lv))
                )
    decisions = LifeDecision.objects.filter(
        document__unit_id__in=scope.unit_ids, kind=LifeDecisionKind.EXTENSION, old_until__isnull=False
    ).filter(late)
    return outcome(
        decision_records(
            decisions,
            "LIFE-EXTENSION-LATE",
            "Gia hạn từ {old} đến {new}: muộn (dưới 60 ngày trước khi hết hạn) "
            "hoặc dài quá thời hạn của độ mật",
        )
    )


@detector("LIFE-NOTICE-LATE")
def notice_late(scope: Scope) -> Outcome:
    """No written notice within 15 days after an extension, a level change or a declassification
    (Điều 20, 21): still unsent after its due day, or sent after it."""
    unsent = Q(notice_sent_on__isnull=True, notice_due__lt=scope.as_of)
    sent_late = Q(notice_sent_on__gt=F("notice_due"), **in_period("decided_on", scope))
    decisions = LifeDecision.objects.filter(
        document__unit_id__in=scope.unit_ids, notice_due__isnull=False
    ).filter(unsent | sent_late)
    return outcome(
        decision_records(decisions, "LIFE-NOTICE-LATE", "Hạn thông báo {due}; ngày gửi thông báo: {sent}")
    )


@detector("LIFE-DESTRUCTION")
def destruction(scope: Scope) -> Outcome:
    """Destroyed without a council or minutes, or decided by someone without Art 23 authority
    (those who may permit copying Tuyệt mật or Tối mật, in the unit or above it)."""
    batches = Destruction.objects.filter(unit_id__in=scope.unit_ids, **in_period("destroyed_on", scope))
    papers = (
        Q(minutes_ref="")
        | Q(urgent=False, council="")
        | Q(urgent=True, urgent_reason="")
        | Q(urgent=True, report_ref="")
    )
    allowed = destruction_authority(
        "decided_by", "unit_id", "decided_on", scope.unit_ids, scope.period_from, scope.period_to
    )
    # CASE, not a bare boolean: a decider with no position makes the condition NULL, not false.
    bad = batches.annotate(
        authorised=Case(When(allowed, then=Value(True)), default=Value(False), output_field=BooleanField())
    ).filter(papers | Q(urgent=False, authorised=False))
    found: list[Record] = []
    cleared = set(Checks("LIFE-DESTRUCTION", "document").cleared.values_list("record_id", flat=True))
    batch_checks = set(Checks("LIFE-DESTRUCTION", "destruction").cleared.values_list("record_id", flat=True))
    bad_batches = list(bad.select_related("decided_by"))
    # Each batch's list of documents, and what their labels show, read at once for all batches.
    listed: dict[int, list[int]] = {}
    for batch_id, document_id in Destruction.documents.through.objects.filter(
        destruction_id__in=[b.pk for b in bad_batches]
    ).values_list("destruction_id", "document_id"):
        listed.setdefault(batch_id, []).append(document_id)
    rows = document_rows(sorted({d for ids in listed.values() for d in ids} - cleared))
    for batch in bad_batches:
        why = [
            text
            for missing, text in (
                (not batch.minutes_ref, "không có biên bản tiêu hủy"),
                (not batch.urgent and not batch.council, "không có hội đồng tiêu hủy"),
                (
                    batch.urgent and not (batch.urgent_reason and batch.report_ref),
                    "tiêu hủy ngay nhưng không ghi lý do, không báo cáo người đứng đầu",
                ),
                (
                    not batch.urgent and not batch.authorised,
                    f"{batch.decided_by} không có thẩm quyền quyết định tiêu hủy",
                ),
            )
            if missing
        ]
        evidence = (
            f"Tiêu hủy theo quyết định {batch.decision_number or 'không số'} ngày {day(batch.decided_on)}: "
            + "; ".join(why)
        )
        if batch.pk in listed:
            mine = set(listed[batch.pk])
            found += [document_record(row, evidence) for row in rows if row["pk"] in mine]
        elif batch.pk not in batch_checks:  # a batch recorded without its list of documents
            label = f"Đợt tiêu hủy theo quyết định {batch.decision_number or 'không số'}"
            found.append(Record("destruction", batch.pk, label, batch.unit_id, evidence,
                                since=batch.destroyed_on))
    return outcome(merge(found))

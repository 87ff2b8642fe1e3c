"""MOVE-*: handing over and sending secrets (Điều 13, khoản 6 Điều 5 Luật; Điều 4 NĐ 26/2020).

A transfer bmnn recorded carries its channel code and the envelope it was told to make; a paper
line carries what its columns say, read at import into `facts` (channel code, envelope letters).
Channels are judged by the rule pack in force on the day of sending.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from bmnn.inspection.detectors.authority import regime_spans
from bmnn.inspection.detectors.base import (
    Checks,
    Outcome,
    Record,
    Scope,
    detector,
    in_period,
    in_units,
    offending_ids,
    outcome,
    rows_by_ids,
)
from bmnn.inspection.detectors.history import imported_lines, merge, shown_and_unknown, with_paper
from bmnn.inspection.records import day, day_level, level_label
from bmnn.law.dates import add_days
from bmnn.law.levels import Level
from bmnn.law.transfer import Channel, envelope_for
from bmnn.registry.importing.facts import MESSAGING, NETWORK, TELECOM, UNKNOWN
from bmnn.registry.models import Transfer
from bmnn.registry.rules import pack_for

KIND = "transfer"
PHYSICAL = (Channel.BY_HAND.value, Channel.KT1_POST.value, Channel.ORDINARY_POST.value)
ELECTRONIC = (Channel.NETWORK_COYEU.value, Channel.INDEPENDENT_LAN.value)
FIELDS = (
    "pk",
    "sent_on",
    "channel",
    "recipient_name",
    "level",
    "entry__year",
    "entry__number",
    "document__unit_id",
    "document__level",
    "document__number_symbol",
)


def transfers(scope: Scope) -> QuerySet[Transfer]:
    return Transfer.objects.filter(in_units("unit_id", scope), **in_period("sent_on", scope))


def transfer_records(
    qs: QuerySet[Transfer], category_id: str, evidence: str, *, ids_first: bool = False
) -> list[Record]:
    """The offending transfers with what their labels show; with `ids_first`, found first by
    their ids alone, then read by the list of ids (the question reads only the columns it asks
    about). A transfer is judged by the level of its day but labelled and masked by the
    document's level now (a document raised since is shown only to those cleared for it), and
    its evidence says the day's level where the two differ."""
    live = qs.exclude(pk__in=Checks(category_id, KIND).cleared)
    if ids_first:
        rows = rows_by_ids(Transfer.objects.all(), offending_ids(live), *FIELDS)
    else:
        rows = list(live.values(*FIELDS))
    found = []
    for row in sorted(rows, key=lambda r: (r["sent_on"], r["pk"])):
        now = row["document__level"]
        label = (
            f"Sổ chuyển giao năm {row['entry__year']}, số {row['entry__number']:02d}: "
            f"{row['document__number_symbol'] or 'tài liệu chưa có số'} ({level_label(now)}) "
            f"gửi {row['recipient_name']} ngày {day(row['sent_on'])}"
        )
        text = evidence.format(channel=_channel_label(row["channel"]))
        text += day_level(row["level"], now, "khi chuyển")
        found.append(Record(KIND, row["pk"], label, row["document__unit_id"], text, now, row["sent_on"]))
    return found


def _channel_label(code: str) -> str:
    try:
        return Channel(code).label
    except ValueError:
        return code


def _disallowed(
    scope: Scope, codes: tuple[str, ...], date_field: str, level_field: str, channel_field: str
) -> Q:
    """Rows sent by one of `codes` on a day whose rule pack does not allow that channel for the
    row's level. Levels refused the same channels share one condition, and the channel (on a
    paper line, read from its JSON facts) is asked last, after the cheap level and day."""
    bad = Q(pk__in=[])
    for pack, start, end in regime_spans(scope.period_from, scope.period_to):
        allowed: dict[str, list[str]] = pack.value("channels")
        levels_refused: dict[tuple[str, ...], list[str]] = {}
        for lv in Level:
            refused = tuple(c for c in codes if lv.value not in allowed.get(c, []))
            if refused:
                levels_refused.setdefault(refused, []).append(lv.value)
        for refused, levels in levels_refused.items():
            bad |= (
                Q(**{f"{level_field}__in": levels})
                & Q(**{f"{date_field}__gte": start, f"{date_field}__lte": end})
                & Q(**{f"{channel_field}__in": list(refused)})
            )
    return bad


def _unknown(unchecked: int) -> str:
    return (
        f"{unchecked} dòng sổ chuyển giao nhập từ sổ giấy không ghi rõ hình thức chuyển: chưa kết luận được"
        if unchecked
        else ""
    )


def _paper_channel(
    scope: Scope, category_id: str, shows: Q, evidence: str, meaning: str
) -> tuple[list[Record], list[int]]:
    lines = imported_lines(scope, "transfers")
    unknown = Q(facts__channel=UNKNOWN) | Q(facts__channel__isnull=True)
    return shown_and_unknown(
        category_id, lines, shows=shows, evidence=evidence, unknown_means=meaning, clear=~unknown
    )


@detector("MOVE-NO-RECEIPT")
def no_receipt(scope: Scope) -> Outcome:
    """No receiver's signature in the transfer register, N days after sending (N from the rule
    pack; the law sets none)."""
    grace = int(pack_for(scope.as_of).value("receipt_overdue_days"))
    cutoff = add_days(scope.as_of, -grace)
    own = transfer_records(
        transfers(scope).filter(received_on__isnull=True, sent_on__lte=cutoff),
        "MOVE-NO-RECEIPT",
        f"Chưa có ký nhận sau {grace} ngày",
    )
    unsigned = (
        Q(columns__receiver_signature="")
        | Q(columns__receiver_signature__isnull=True)
        | Q(columns__received_date="")
        | Q(columns__received_date__isnull=True)
    )
    lines, _ = shown_and_unknown(
        "MOVE-NO-RECEIPT",
        imported_lines(scope, "transfers").filter(entry_date__lte=cutoff),
        shows=unsigned,
        evidence="Dòng sổ chuyển giao không có chữ ký hoặc ngày nhận của người nhận",
        unknown_means="Không ký nhận",
        clear=~unsigned,
    )
    return outcome(merge(own, lines))


@detector("MOVE-NOT-KT1")
def not_kt1(scope: Scope) -> Outcome:
    """Sent out other than by courier, clerk or the KT1 postal network (ordinary post, couriers)."""
    own = transfer_records(
        transfers(scope).filter(_disallowed(scope, PHYSICAL, "sent_on", "level", "channel")),
        "MOVE-NOT-KT1",
        "Chuyển qua {channel}, không qua giao liên, văn thư hoặc bưu chính KT1",
    )
    paper = _disallowed(scope, PHYSICAL, "entry_date", "level", "facts__channel")
    lines, unchecked = _paper_channel(
        scope,
        "MOVE-NOT-KT1",
        paper,
        "Dòng sổ ghi chuyển qua bưu chính thông thường, không qua KT1",
        "Không chuyển qua KT1",
    )
    return with_paper(own, lines, unchecked, _unknown(len(unchecked)))


@detector("MOVE-NETWORK-LEVEL")
def network_level(scope: Scope) -> Outcome:
    """Sent over a network contrary to the cơ yếu law or above the level the network may carry
    (khoản 6 Điều 5): a cơ yếu network or an independent LAN above its level, any other network,
    fax or telephone at all."""
    own = transfer_records(
        transfers(scope).filter(_disallowed(scope, ELECTRONIC, "sent_on", "level", "channel")),
        "MOVE-NETWORK-LEVEL",
        "Truyền qua {channel} vượt độ mật mạng được phép",
    )
    paper = _disallowed(scope, ELECTRONIC, "entry_date", "level", "facts__channel") | Q(
        facts__channel__in=(NETWORK, TELECOM)
    )
    lines, unchecked = _paper_channel(
        scope,
        "MOVE-NETWORK-LEVEL",
        paper,
        "Dòng sổ ghi truyền qua mạng, fax không đúng quy định cơ yếu",
        "Truyền qua mạng không đúng quy định",
    )
    return with_paper(own, lines, unchecked, _unknown(len(unchecked)))


def messaging_lines(scope: Scope) -> tuple[list[Record], list[Record], list[int]]:
    """For MOVE-MESSAGING: transfers bmnn recorded over the Internet, and paper lines naming
    e-mail, a social network or a messaging app; and the unknown-channel lines."""
    own = transfer_records(
        transfers(scope).filter(channel=Channel.INTERNET.value), "MOVE-MESSAGING", "Gửi qua {channel}"
    )
    lines, unchecked = _paper_channel(
        scope,
        "MOVE-MESSAGING",
        Q(facts__channel=MESSAGING),
        "Dòng sổ ghi gửi qua thư điện tử, mạng xã hội, ứng dụng nhắn tin",
        "Gửi qua ứng dụng nhắn tin",
    )
    return own, lines, unchecked


def _envelope_ok(first: dt.date, last: dt.date) -> Q:
    ok = Q(pk__in=[])
    for pack, start, end in regime_spans(first, last):
        for lv in Level:
            for named in (False, True):
                text = envelope_for(pack, lv, named).describe()
                ok |= Q(level=lv.value) & Q(
                    sent_on__gte=start, sent_on__lte=end, named_person=named, envelope=text
                )
    return ok


@detector("MOVE-ENVELOPE")
def envelope(scope: Scope) -> Outcome:
    """Packed otherwise than the level requires (two envelopes and "A" for Tuyệt mật, "B", "C"):
    physical handovers only, judged by the level the document had on the day of sending."""
    sent = transfers(scope).filter(channel__in=PHYSICAL)
    own = transfer_records(
        sent.exclude(_envelope_ok(scope.period_from, scope.period_to)),
        "MOVE-ENVELOPE",
        "Làm bì, ký hiệu bì không đúng độ mật",
        ids_first=True,
    )
    # A line naming no channel but recording an envelope letter was carried in an envelope.
    unknown = Q(facts__channel=UNKNOWN) | Q(facts__channel__isnull=True)
    physical = imported_lines(scope, "transfers").filter(
        Q(facts__channel__in=PHYSICAL) | (unknown & Q(facts__envelope__regex=r"^[ABC]+$"))
    )
    wrong = Q(pk__in=[])
    for lv in Level:
        wrong |= Q(level=lv.value) & ~Q(facts__envelope=lv.envelope_letter) & ~Q(facts__envelope="")
    lines, unchecked = shown_and_unknown(
        "MOVE-ENVELOPE",
        physical,
        shows=wrong,
        clear=~Q(facts__envelope=""),
        evidence="Ký hiệu bì ghi trên sổ không đúng độ mật",
        unknown_means="Làm bì không đúng quy định",
    )
    note = f"{len(unchecked)} dòng sổ giấy không ghi ký hiệu bì: chưa kết luận được" if unchecked else ""
    return with_paper(own, lines, unchecked, note)

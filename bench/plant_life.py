"""Planted KEEP-* and LIFE-* violations: documents held past a (shorter) protection period,
held without a valid register line (the line cancelled), reported lost; extensions decided late
or too long; notices unsent after their due day or sent late; destructions without minutes or
council, urgent ones without reason or report, decided by someone without Art 23 authority; a
document still held by a unit merged away. Decoys: declassified documents past their period,
an extension in time with its notice sent, a notice not yet due, destructions done right.
"""

from __future__ import annotations

import datetime as dt

from bench.planting import Planter, iso
from bmnn.law.dates import add_years
from bmnn.law.levels import Level
from bmnn.law.periods import base_years, notice_due
from bmnn.registry.rules import pack_for


def plant_life(p: Planter) -> None:
    held = p.rows(
        "SELECT id, id, unit_id, level, determined_on, origin FROM registry_document "
        "WHERE state IN ('issued', 'received') AND determined_on <= ?",
        (p.today - dt.timedelta(days=400)).isoformat(),
    )
    _expired(p, held)
    _unregistered(p, held)
    _lost(p, held)
    _decisions(p, held)
    _destructions(p, held)
    _merged_holding(p)


def _expired(p: Planter, held: list[tuple]) -> None:
    """A shorter period (an activity's, Khoản 2 Điều 19) that ended; decoys declassified since."""
    for i, (doc, _, unit, _, day, origin) in enumerate(p.sample(held, 0.002)):
        start = iso(day)
        until = p.day_between(start + dt.timedelta(days=180), p.today - dt.timedelta(days=2))  # type: ignore[operator]
        decoy = i % 4 == 3
        p.con.execute(
            "UPDATE registry_document SET shorter_until = ?, protected_until = ? WHERE id = ?",
            (until.isoformat(), until.isoformat(), doc),
        )
        if decoy:
            p.con.execute("UPDATE registry_document SET state = 'declassified' WHERE id = ?", (doc,))
        if not decoy and origin == "incoming":  # the issuer's period to extend: counted as not shown
            p.truth.unknown("LIFE-EXPIRED", unit)
        elif not decoy:
            p.truth.add("LIFE-EXPIRED", "document", doc, unit)
        p.truth.note(f"LIFE-EXPIRED/{'declassified (decoy)' if decoy else 'held past its period'}")


def _unregistered(p: Planter, held: list[tuple]) -> None:
    for doc, _, unit, *_rest in p.sample(held, 0.001):
        p.con.execute(
            "UPDATE registry_registerentry SET cancelled = 1, cancel_reason = ? WHERE document_id = ? "
            "AND kind IN ('outgoing', 'incoming')",
            ("Vào sổ nhầm đơn vị", doc),
        )
        p.truth.add("KEEP-NOT-REGISTERED", "document", doc, unit)
        p.truth.note("KEEP-NOT-REGISTERED/register line cancelled")


def _lost(p: Planter, held: list[tuple]) -> None:
    loss = p.next_id("registry_loss")
    for doc, _, unit, _, day, _ in p.sample(held, 0.0002):
        first = max(iso(day) + dt.timedelta(days=30), p.period_start)  # type: ignore[operator]
        found = p.day_between(first, p.today - dt.timedelta(days=1))
        p.con.execute("UPDATE registry_document SET state = 'lost' WHERE id = ?", (doc,))
        p.con.execute(
            "INSERT INTO registry_loss (id, document_id, discovered_on, reported_by_id, description, "
            "reported_to) VALUES (?,?,?,?,?,?)",
            (
                loss,
                doc,
                found.isoformat(),
                p.units[unit].clerk_id,
                "Không tìm thấy khi kiểm kê",
                "Công an tỉnh",
            ),
        )
        p.truth.add("KEEP-LOST", "loss", loss, unit)
        p.truth.note("KEEP-LOST/loss reported")
        loss += 1


DECISIONS = (
    "clean",
    "late",
    "too long",
    "notice unsent",
    "notice sent late",
    "notice not yet due",
    "declassified, notice unsent",
    "clean",
)


def _decisions(p: Planter, held: list[tuple]) -> None:
    """Extensions (Điều 20) and declassifications (Điều 22) with their 15-day notices."""
    decision = p.next_id("registry_lifedecision")
    for i, (doc, _, unit, level, day, _) in enumerate(p.sample(held, 0.001, minimum=8)):
        variant = DECISIONS[i % len(DECISIONS)]
        first = max(iso(day) + dt.timedelta(days=30), p.period_start)  # type: ignore[operator]
        decided = (
            p.today - dt.timedelta(days=5)
            if variant == "notice not yet due"
            else p.day_between(first, p.today - dt.timedelta(days=40))
        )
        pack = pack_for(decided)
        years = base_years(pack, Level(level))
        old = decided + dt.timedelta(days=p.rng.randint(5, 50) if variant == "late" else 90)
        old = old + dt.timedelta(days=1) if (old.month, old.day) == (2, 29) else old
        new = add_years(old, years + 2 if variant == "too long" else years - 1)
        due = notice_due(pack, decided)
        sent: dt.date | None = decided + dt.timedelta(days=p.rng.randint(1, 15))
        if variant in ("notice unsent", "notice not yet due", "declassified, notice unsent"):
            sent = None
        elif variant == "notice sent late":
            sent = min(due + dt.timedelta(days=p.rng.randint(1, 30)), p.today - dt.timedelta(days=1))
        kind = "declassify" if variant.startswith("declassified") else "extension"
        p.con.execute(
            "INSERT INTO registry_lifedecision (id, document_id, kind, decided_on, decided_by_id, "
            "delegation_id, decision_number, reason, council, old_until, new_until, old_level, new_level, "
            "notice_due, notice_sent_on, notice_ref) VALUES (?,?,?,?,?,NULL,?,?,'',?,?,'','',?,?,?)",
            (
                decision,
                doc,
                kind,
                decided.isoformat(),
                p.units[unit].head_id,
                f"{i + 1}/QĐ-GH",
                "Còn giá trị",
                old.isoformat() if kind == "extension" else None,
                new.isoformat() if kind == "extension" else None,
                due.isoformat(),
                sent.isoformat() if sent else None,
                f"{i + 1}/TB" if sent else "",
            ),
        )
        if kind == "extension":
            p.con.execute(
                "UPDATE registry_document SET shorter_until = ?, protected_until = ? WHERE id = ?",
                (old.isoformat(), new.isoformat(), doc),
            )
        else:
            p.con.execute("UPDATE registry_document SET state = 'declassified' WHERE id = ?", (doc,))
        if variant in ("late", "too long"):
            p.truth.add("LIFE-EXTENSION-LATE", "decision", decision, unit)
        if (sent is None and due < p.today) or (sent is not None and sent > due):
            p.truth.add("LIFE-NOTICE-LATE", "decision", decision, unit)
        p.truth.note(f"LIFE-decision/{variant}")
        decision += 1


DESTRUCTIONS = (
    "clean",
    "no minutes",
    "no council",
    "urgent without reason",
    "urgent without report",
    "urgent, done right",
    "deputy decides",
    "head decides",
    "clerk decides",
)


def _destructions(p: Planter, held: list[tuple]) -> None:
    """Batches of 2–4 documents of one unit (Điều 23)."""
    by_unit: dict[int, list[tuple]] = {}
    for row in p.sample(held, 0.0008, minimum=20):
        by_unit.setdefault(row[2], []).append(row)
    batch = p.next_id("registry_destruction")
    i = 0
    for unit_id, rows in sorted(by_unit.items()):
        unit = p.units[unit_id]
        for start in range(0, len(rows), 4):
            docs = rows[start : start + 4]
            variant = DESTRUCTIONS[i % len(DESTRUCTIONS)]
            i += 1
            latest = max(iso(r[4]) for r in docs)  # type: ignore[type-var]
            decided = p.day_between(
                max(latest + dt.timedelta(days=60), p.period_start),  # type: ignore[operator]
                p.today - dt.timedelta(days=30),
            )
            destroyed = decided + dt.timedelta(days=p.rng.randint(0, 20))
            decider = {"deputy decides": unit.deputy_id, "clerk decides": unit.clerk_id}.get(
                variant, unit.head_id
            )
            if variant in ("clean", "no minutes", "no council") and not p.may_destroy(
                decider, unit_id, decided
            ):
                decider = p.province.head_id  # the province's chairman decides for those who may not
            urgent = variant.startswith("urgent")
            minutes = "" if variant == "no minutes" else f"BB-TH-{batch}"
            council = "" if variant == "no council" or urgent else "Hội đồng tiêu hủy gồm 3 thành viên"
            reason = "" if variant == "urgent without reason" or not urgent else "Nguy cơ lộ khi di chuyển"
            report = "" if variant == "urgent without report" or not urgent else f"BC-{batch}"
            p.con.execute(
                "INSERT INTO registry_destruction (id, unit_id, decided_by_id, decision_number, decided_on, "
                "urgent, urgent_reason, report_ref, council, minutes_ref, dossier, destroyed_on) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,'[]',?)",
                (
                    batch,
                    unit_id,
                    decider,
                    f"{batch}/QĐ-TH",
                    decided.isoformat(),
                    urgent,
                    reason,
                    report,
                    council,
                    minutes,
                    destroyed.isoformat(),
                ),
            )
            p.many(
                "INSERT INTO registry_destruction_documents (destruction_id, document_id) VALUES (?, ?)",
                [(batch, r[0]) for r in docs],
            )
            p.many("UPDATE registry_document SET state = 'destroyed' WHERE id = ?", [(r[0],) for r in docs])
            bad = (
                not minutes
                or (not urgent and not council)
                or (urgent and not (reason and report))
                or (not urgent and not p.may_destroy(decider, unit_id, decided))
            )
            for r in docs:
                if bad:
                    p.truth.add("LIFE-DESTRUCTION", "document", r[0], unit_id)
            p.truth.note(f"LIFE-DESTRUCTION/{variant} ({'finding' if bad else 'clean'})", len(docs))
            batch += 1


def _merged_holding(p: Planter) -> None:
    """The merged district that handed over but still holds a received document (no register
    line either: its registers went to the commune)."""
    unit = p.plants.merged.get("holding")
    if unit is None:
        return
    receiver = p.plants.receiving[unit]
    doc = p.next_id("registry_document")
    day = dt.date(2024, 9, 12)
    pack = pack_for(day)
    p.con.execute(
        "INSERT INTO registry_document (id, origin, state, doc_type, number_symbol, summary, level, regime, "
        "rulepack_version, determined_on, issuer_name, drafter_name, signer_name, copy_permitted, "
        "copies_issued, protected_until, created_at, search_text, unit_id, arrival_number, arrival_date) "
        "VALUES (?, 'incoming', 'received', 'Công văn', '215/CV-BCA', '', 'mat', ?, ?, ?, 'Bộ Công an', "
        "'', '', 0, 0, ?, ?, '', ?, 7, ?)",
        (
            doc,
            pack.regime.value,
            pack.version,
            day.isoformat(),
            add_years(day, 10).isoformat(),
            "2024-09-13 02:00:00",
            unit,
            day.isoformat(),
        ),
    )
    p.truth.add("KEEP-NOT-REGISTERED", "document", doc, unit)
    p.truth.note(f"KEEP-HANDOVER/document still held by a merged unit (receiver {receiver.code})")

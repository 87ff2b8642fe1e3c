"""Planted DOC-* violations on documents bmnn holds (legacy rows a bulk load left): issued
without an approved proposal, proposals without basis or citing an item without its article,
levels other than the basis's highest without a reason, signed by a deputy outside any valid
delegation (or by a drafter), an incomplete "Nơi nhận" block, copies without numbers, Tuyệt mật
summaries on documents and on the lines bmnn wrote. Decoys beside them: a reason recorded, a
deputy signing inside a valid delegation, a mixed basis whose highest level is the document's.
"""

from __future__ import annotations

import datetime as dt

from bench import corpus
from bench.planting import Planter, iso
from bmnn.law.levels import Level

SHARE = 0.003  # of issued documents, per category
RANK = {lv.value: lv.rank for lv in Level}


def plant_documents(p: Planter) -> None:
    issued = p.rows(
        "SELECT d.id, d.id, d.unit_id, d.level, d.determined_on, d.doc_type FROM registry_document d "
        "WHERE d.origin = 'outgoing' AND d.state = 'issued' AND d.determined_on >= ?",
        (p.period_start + dt.timedelta(days=14)).isoformat(),
    )
    _no_proposal(p, issued)
    _no_basis(p, issued)
    _wrong_level(p, issued)
    _signer(p, issued)
    _recipients(p, issued)
    _copy_numbers(p, issued)
    _top_secret(p)


def _no_proposal(p: Planter, issued: list[tuple]) -> None:
    for i, (doc, _, unit, *_rest) in enumerate(p.sample(issued, SHARE)):
        variant = ("deleted", "deleted", "rejected", "pending")[i % 4]
        if variant == "deleted":
            p.con.execute(
                "DELETE FROM registry_proposal_basis WHERE proposal_id IN "
                "(SELECT id FROM registry_proposal WHERE document_id = ?)",
                (doc,),
            )
            p.con.execute("DELETE FROM registry_proposal WHERE document_id = ?", (doc,))
        else:
            p.con.execute(
                "UPDATE registry_proposal SET status = ?, decided_at = CASE WHEN ? = 'pending' "
                "THEN NULL ELSE decided_at END WHERE document_id = ?",
                (variant, variant, doc),
            )
        p.truth.add("DOC-NO-PROPOSAL", "document", doc, unit)
        p.truth.waiting("DOC-NOT-SECRET", unit)  # no approved proposal citing the catalog
        p.truth.note(f"DOC-NO-PROPOSAL/{variant}")


def _no_basis(p: Planter, issued: list[tuple]) -> None:
    for i, (doc, _, unit, level, *_rest) in enumerate(p.sample(issued, SHARE)):
        if i % 2:
            p.con.execute("DELETE FROM registry_proposal_basis WHERE proposal_id = ?", (doc,))
            p.truth.waiting("DOC-NOT-SECRET", unit)
            p.truth.note("DOC-PROPOSAL-NO-BASIS/none")
        else:
            p.con.execute(
                "UPDATE registry_proposal_basis SET catalogitem_id = ? WHERE proposal_id = ?",
                (p.plants.loose_items[level], doc),
            )
            p.truth.note("DOC-PROPOSAL-NO-BASIS/item without article")
        p.truth.add("DOC-PROPOSAL-NO-BASIS", "proposal", doc, unit)  # proposal id = document id


def _wrong_level(p: Planter, issued: list[tuple]) -> None:
    """Approved level ≠ the highest level of the cited items, no reason (Khoản 2 Điều 10)."""
    items = p.org.items
    for i, (doc, _, unit, level, *_rest) in enumerate(p.sample(issued, SHARE * 4 / 3)):
        variant = ("other item", "other item", "higher item added", "reason given")[i % 4]
        higher = [lv for lv in items if RANK[lv] > RANK[level]]
        if variant == "higher item added" and higher:
            p.con.execute(
                "INSERT INTO registry_proposal_basis (proposal_id, catalogitem_id) VALUES (?, ?)",
                (doc, items[p.rng.choice(higher)]),
            )
        else:
            variant = "other item" if variant == "higher item added" else variant
            other = p.rng.choice([lv for lv in items if lv != level])
            p.con.execute(
                "UPDATE registry_proposal_basis SET catalogitem_id = ? WHERE proposal_id = ?",
                (items[other], doc),
            )
        if variant == "reason given":
            p.con.execute(
                "UPDATE registry_proposal SET level_reason = ? WHERE id = ?",
                ("Theo ý kiến chỉ đạo của người đứng đầu, tài liệu có nội dung tổng hợp", doc),
            )
        else:
            p.truth.add("DOC-WRONG-LEVEL", "document", doc, unit)
        p.truth.note(f"DOC-WRONG-LEVEL/{variant}")
    # Decoy: a second, lower item beside the document's own level keeps the level right.
    for doc, _, _, level, *_rest in p.sample(issued, SHARE / 3, minimum=1):
        lower = [lv for lv in items if RANK[lv] < RANK[level]]
        if lower:
            p.con.execute(
                "INSERT INTO registry_proposal_basis (proposal_id, catalogitem_id) VALUES (?, ?)",
                (doc, items[p.rng.choice(lower)]),
            )
            p.truth.note("DOC-WRONG-LEVEL/decoy lower item added")


def _signer(p: Planter, issued: list[tuple]) -> None:
    """A deputy signs (inside or outside their delegation's window), or a drafter does."""
    for i, (doc, _, unit_id, _level, day, _type) in enumerate(p.sample(issued, SHARE * 1.5)):
        unit = p.units[unit_id]
        person, name = unit.drafters[1] if i % 5 == 4 else (unit.deputy_id, unit.deputy_name)
        grant = p.plants.grant(person, unit_id, iso(day), "classify")  # type: ignore[arg-type]
        p.con.execute(
            "UPDATE registry_document SET signer_id = ?, signer_name = ?, signer_delegation_id = ? "
            "WHERE id = ?",
            (person, name, grant.id if grant else None, doc),
        )
        if grant is None:
            p.truth.add("DOC-UNAUTHORIZED-SIGNER", "document", doc, unit_id)
        who = "drafter" if person != unit.deputy_id else "deputy"
        p.truth.note(
            f"DOC-UNAUTHORIZED-SIGNER/{who} {'delegated (decoy)' if grant else 'without delegation'}"
        )


def _recipients(p: Planter, issued: list[tuple]) -> None:
    variants = ("no recipients", "copies 0", "recipient unnamed", "drafter empty", "copy permission unknown")
    for i, (doc, _, unit, *_rest) in enumerate(p.sample(issued, SHARE)):
        variant = variants[i % len(variants)]
        first = "(SELECT min(id) FROM registry_recipient WHERE document_id = ?)"
        sql = {
            "no recipients": "DELETE FROM registry_recipient WHERE document_id = ?",
            "copies 0": f"UPDATE registry_recipient SET copies = 0 WHERE id = {first}",
            "recipient unnamed": f"UPDATE registry_recipient SET name = '' WHERE id = {first}",
            "drafter empty": "UPDATE registry_document SET drafter_name = '' WHERE id = ?",
            "copy permission unknown": "UPDATE registry_document SET copy_permitted = NULL WHERE id = ?",
        }[variant]
        p.con.execute(sql, (doc,))
        p.truth.add("DOC-RECIPIENTS-INCOMPLETE", "document", doc, unit)
        p.truth.note(f"DOC-RECIPIENTS-INCOMPLETE/{variant}")


def _copy_numbers(p: Planter, issued: list[tuple]) -> None:
    for doc, _, unit, *_rest in p.sample(issued, SHARE):
        p.con.execute(
            "UPDATE registry_recipient SET copy_from = NULL, copy_to = NULL WHERE id = "
            "(SELECT max(id) FROM registry_recipient WHERE document_id = ?)",
            (doc,),
        )
        p.truth.add("DOC-NO-COPY-NUMBER", "document", doc, unit)
        p.truth.note("DOC-NO-COPY-NUMBER/recipient without copy numbers")


def _top_secret(p: Planter) -> None:
    """A summary kept on a Tuyệt mật document; a Tuyệt mật line bmnn wrote with the summary."""
    held = p.rows(
        "SELECT id, id, unit_id, origin, determined_on FROM registry_document "
        "WHERE level = 'tuyet_mat' AND state IN ('issued', 'received')"
    )
    for doc, _, unit, origin, day in p.sample(held, 0.01):
        year = iso(day).year if day else p.today.year  # type: ignore[union-attr]
        p.con.execute(
            "UPDATE registry_document SET summary = ? WHERE id = ?", (corpus.summary(p.rng, year), doc)
        )
        p.truth.add("DOC-TOP-SECRET-SUMMARY", "document", doc, unit)
        p.truth.note(f"DOC-TOP-SECRET-SUMMARY/summary on {origin} document")
    lines = p.rows(
        "SELECT e.id, e.document_id, e.unit_id, d.doc_type, e.year FROM registry_registerentry e "
        "JOIN registry_document d ON d.id = e.document_id WHERE e.level = 'tuyet_mat' "
        "AND e.kind IN ('outgoing', 'incoming') AND e.source = 'bmnn'"
    )
    for entry, _, unit, doc_type, year in p.sample(lines, 0.01):
        p.rewrite_entry(entry, {"type_summary": f"{doc_type}: {corpus.summary(p.rng, year)}"})
        p.truth.add("DOC-TOP-SECRET-SUMMARY", "register_entry", entry, unit)
        p.truth.note("DOC-TOP-SECRET-SUMMARY/summary on a line bmnn wrote")

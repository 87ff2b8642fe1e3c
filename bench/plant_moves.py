"""Planted COPY-* and MOVE-* violations on copies and transfers bmnn recorded: copies of
documents marked not to be copied, permitted by someone without Art 11 authority that day (a
deputy outside a valid copy delegation, a clerk, a drafter), more copies made than permitted;
transfers never signed for, sent by ordinary post, over a network the level may not use or the
Internet, in the wrong envelope. Decoys: a deputy permitting inside a valid delegation, a cơ yếu
network, an independent LAN where the 2025 pack allows it, recent transfers not yet signed for.
"""

from __future__ import annotations

from bench.planting import Planter, iso
from bmnn.law.dates import add_days
from bmnn.law.levels import Level
from bmnn.law.transfer import Channel, envelope_for
from bmnn.registry.rules import pack_for

SHARE = 0.003
PHYSICAL = ("by_hand", "kt1_post", "ordinary_post")


def plant_moves(p: Planter) -> None:
    copies = p.rows(
        "SELECT c.id, c.document_id, d.unit_id, d.level, c.copied_on, c.made_count, c.entry_id "
        "FROM registry_copyrecord c JOIN registry_document d ON d.id = c.document_id"
    )
    _copy_forbidden(p, copies)
    _copy_unauthorized(p, copies)
    _copy_over(p, copies)
    transfers = p.rows(
        "SELECT t.id, t.document_id, d.unit_id, e.level, t.sent_on, t.named_person, t.entry_id, t.channel "
        "FROM registry_transfer t JOIN registry_document d ON d.id = t.document_id "
        "JOIN registry_registerentry e ON e.id = t.entry_id"
    )
    _no_receipt(p, transfers)
    _channels(p, transfers)
    _envelopes(p, transfers)


def _copy_forbidden(p: Planter, copies: list[tuple]) -> None:
    """The document says "không được phép sao, chụp" (and did on the days it was copied, as the
    copies record): every copy of it is a finding."""
    docs = {doc for _, doc, *_rest in p.sample(copies, SHARE)}
    p.many("UPDATE registry_document SET copy_permitted = 0 WHERE id = ?", [(d,) for d in docs])
    p.many("UPDATE registry_copyrecord SET copy_permitted = 0 WHERE document_id = ?", [(d,) for d in docs])
    for copy, doc, unit, *_rest in copies:
        if doc in docs:
            p.truth.add("COPY-FORBIDDEN", "copy", copy, unit)
            p.truth.note("COPY-FORBIDDEN/copy of a document not to be copied")


def _copy_unauthorized(p: Planter, copies: list[tuple]) -> None:
    for i, (copy, _, unit_id, level, day, _, entry) in enumerate(p.sample(copies, SHARE * 1.5)):
        unit = p.units[unit_id]
        person, name, who = (
            (unit.deputy_id, unit.deputy_name, "deputy"),
            (unit.deputy_id, unit.deputy_name, "deputy"),
            (unit.clerk_id, unit.clerk_name, "clerk"),
            (*unit.drafters[2], "drafter"),
        )[i % 4]
        how = p.may_copy(person, unit_id, iso(day), level)  # type: ignore[arg-type]
        p.con.execute(
            "UPDATE registry_copyrecord SET permitted_by_id = ?, permitted_delegation_id = ? WHERE id = ?",
            (person, how or None, copy),
        )
        p.rewrite_entry(entry, {"permitted_by": name + (" (theo ủy quyền)" if how else "")})
        if how is None:
            p.truth.add("COPY-UNAUTHORIZED", "copy", copy, unit_id)
        p.truth.note(f"COPY-UNAUTHORIZED/{who} {'delegated (decoy)' if how else 'without authority'}")


def _copy_over(p: Planter, copies: list[tuple]) -> None:
    for copy, _, unit, *_rest in p.sample(copies, SHARE):
        p.con.execute("UPDATE registry_copyrecord SET permitted_count = made_count - 1 WHERE id = ?", (copy,))
        p.truth.add("COPY-OVER-COUNT", "copy", copy, unit)
        p.truth.note("COPY-OVER-COUNT/one copy more than permitted")


def _no_receipt(p: Planter, transfers: list[tuple]) -> None:
    grace = int(pack_for(p.today).value("receipt_overdue_days"))
    cutoff = add_days(p.today, -grace)
    old = [t for t in transfers if iso(t[4]) <= cutoff]  # type: ignore[operator]
    for transfer, _, unit, _, _, _, entry, _ in p.sample(old, SHARE):
        p.con.execute(
            "UPDATE registry_transfer SET received_on = NULL, received_by_name = '' WHERE id = ?", (transfer,)
        )
        p.rewrite_entry(entry, {"receiver_signature": "", "received_date": ""})
        p.truth.add("MOVE-NO-RECEIPT", "transfer", transfer, unit)
        p.truth.note(f"MOVE-NO-RECEIPT/unsigned after {grace} days")
    open_ = p.rows(
        "SELECT count(*) FROM registry_transfer WHERE received_on IS NULL AND sent_on > ?", cutoff.isoformat()
    )[0][0]
    p.truth.note("MOVE-NO-RECEIPT/decoy unsigned within the grace days", open_)


def _channels(p: Planter, transfers: list[tuple]) -> None:
    """Ordinary post; an independent LAN (refused by the 2018 pack, allowed by the 2025 one); a
    cơ yếu network (allowed); the Internet."""
    for i, (transfer, _, unit, level, day, _, entry, _) in enumerate(p.sample(transfers, SHARE * 2.5)):
        channel = (
            Channel.ORDINARY_POST,
            Channel.ORDINARY_POST,
            Channel.INDEPENDENT_LAN,
            Channel.NETWORK_COYEU,
            Channel.INTERNET,
        )[i % 5]
        p.con.execute("UPDATE registry_transfer SET channel = ? WHERE id = ?", (channel.value, transfer))
        p.rewrite_entry(entry, {"channel": channel.label})
        allowed = level in pack_for(iso(day)).value("channels").get(channel.value, [])  # type: ignore[arg-type]
        category = {Channel.ORDINARY_POST: "MOVE-NOT-KT1", Channel.INTERNET: "MOVE-MESSAGING"}.get(
            channel, "MOVE-NETWORK-LEVEL"
        )
        if not allowed:
            p.truth.add(category, "transfer", transfer, unit)
        p.truth.note(f"{category}/{channel.value} {'allowed (decoy)' if allowed else 'not allowed'}")


def _envelopes(p: Planter, transfers: list[tuple]) -> None:
    """Physical handovers packed as another level requires, or with the named-person stamp
    missing or added."""
    physical = [t for t in transfers if t[7] in PHYSICAL]
    for i, (transfer, _, unit, level, day, named, entry, _) in enumerate(p.sample(physical, SHARE)):
        pack = pack_for(iso(day))  # type: ignore[arg-type]
        if i % 3 == 2:
            text, variant = envelope_for(pack, Level(level), not named).describe(), "named-person stamp"
        else:
            other = p.rng.choice([lv for lv in Level if lv.value != level])
            text, variant = envelope_for(pack, other, bool(named)).describe(), "another level's envelope"
        p.con.execute("UPDATE registry_transfer SET envelope = ? WHERE id = ?", (text, transfer))
        p.rewrite_entry(entry, {"envelope": text})
        p.truth.add("MOVE-ENVELOPE", "transfer", transfer, unit)
        p.truth.note(f"MOVE-ENVELOPE/{variant}")

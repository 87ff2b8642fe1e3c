"""The audit chain finds the first broken link; a checkpoint catches a rewritten chain."""

from __future__ import annotations

from django.db import connection

from bmnn.audit.models import Event
from bmnn.audit.verify import check_checkpoint, make_checkpoint, verify_chain
from tests.registry.flows import issue
from tests.world import World


def test_untouched_chain_verifies(world: World) -> None:
    issue(world)
    verdict = verify_chain()
    assert verdict.ok and verdict.count == 3


def test_edited_event_is_named(world: World) -> None:
    issue(world)
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_event SET actor_name = %s WHERE seq = 2", ["Người khác"])
    verdict = verify_chain()
    assert not verdict.ok and verdict.broken_seq == 2 and "sửa đổi" in verdict.reason


def test_deleted_last_event_is_caught_by_head(world: World) -> None:
    issue(world)
    Event.objects.filter(seq=3).delete()
    verdict = verify_chain()
    assert not verdict.ok and "đầu chuỗi" in verdict.reason


def test_rewritten_chain_fails_against_checkpoint(world: World) -> None:
    from bmnn.audit.chain import event_hash

    issue(world)
    checkpoint = make_checkpoint()
    # Rewrite event 3 and recompute its hash so the chain itself verifies again.
    event = Event.objects.get(seq=3)
    event.changes = {"forged": True}
    row = {f.name: getattr(event, f.name) for f in Event._meta.fields}
    event.hash = event_hash(row)
    event.save()
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_chainhead SET hash = %s", [event.hash])
    assert verify_chain().ok
    assert not check_checkpoint(checkpoint).ok


def test_missing_head_row_is_recreated_on_first_append(world: World) -> None:
    from bmnn.audit.models import ChainHead

    Event.objects.all().delete()
    ChainHead.objects.all().delete()
    issue(world)
    assert verify_chain().ok


def test_fast_canonical_form_equals_the_generic_one() -> None:
    import datetime as dt

    from bmnn.audit.chain import FIELDS, OPTIONAL, canonical, canonical_event, stamp

    rows = [
        {"seq": 1, "at": dt.datetime(2026, 5, 4, 2, 0, tzinfo=dt.UTC), "kind": "action", "action": "x",
         "actor_id": None, "actor_name": "", "unit_id": None, "object_type": "", "object_id": None,
         "changes": {}, "rulepack_version": "", "prev_hash": "0" * 64},
        {"seq": 2, "at": "2026-05-04 02:00:00.123456", "kind": "refusal", "action": "copy_document",
         "actor_id": 7, "actor_name": 'Nguyễn "Văn" Hùng\\n\u0001', "unit_id": 3,
         "object_type": "registry.document",
         "object_id": 12, "changes": {"b": [1, "đ", None], "a": {"z": True, "y": "1e16"}},
         "rulepack_version": "2025/2025.1", "prev_hash": "ab" * 32, "channel": "api"},
        {"seq": 3, "at": "2026-05-04 02:00:01", "kind": "action", "action": "login", "actor_id": 1,
         "actor_name": "", "unit_id": None, "object_type": "", "object_id": None, "changes": {},
         "rulepack_version": "", "prev_hash": "cd" * 32, "channel": ""},
    ]
    for row in rows:
        optional = {k: row[k] for k in OPTIONAL if row.get(k)}  # hashed only when set
        generic = canonical({**{k: row[k] for k in FIELDS}, **optional, "at": stamp(row["at"])})
        assert canonical_event(row) == generic

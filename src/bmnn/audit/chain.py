"""Hashing and verification of the event chain."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64

FIELDS = (
    "seq", "at", "kind", "action", "actor_id", "actor_name", "unit_id", "object_type",
    "object_id", "changes", "rulepack_version", "prev_hash",
)
# Hashed only when set, so events written before the field existed keep their hash.
OPTIONAL = ("channel",)


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def stamp(at: dt.datetime | str) -> str:
    """The event time as hashed: UTC with microseconds. Raw SQLite rows come back naive (Django
    stores UTC) or as text; both are taken as UTC."""
    if isinstance(at, str):
        text = at.replace(" ", "T", 1)
        return f"{text}Z" if "." in text else f"{text}.000000Z"
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


_quote = json.encoder.encode_basestring  # C-accelerated, as json.dumps uses


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    return _quote(value) if isinstance(value, str) else str(int(value))


def canonical_event(row: dict[str, Any]) -> str:
    """`canonical()` of the hashed fields, built directly (keys in sorted order) because verify
    runs it millions of times; `test_chain` checks it equals `canonical()` byte for byte."""
    return (
        f'{{"action":{_quote(row["action"])},"actor_id":{_scalar(row["actor_id"])},'
        f'"actor_name":{_quote(row["actor_name"])},"at":{_quote(stamp(row["at"]))},'
        f'"changes":{canonical(row["changes"])},{_channel(row)}"kind":{_quote(row["kind"])},'
        f'"object_id":{_scalar(row["object_id"])},"object_type":{_quote(row["object_type"])},'
        f'"prev_hash":{_quote(row["prev_hash"])},"rulepack_version":{_quote(row["rulepack_version"])},'
        f'"seq":{_scalar(row["seq"])},"unit_id":{_scalar(row["unit_id"])}}}'
    )


def _channel(row: dict[str, Any]) -> str:
    channel = row.get("channel")
    return f'"channel":{_quote(channel)},' if channel else ""


def event_hash(row: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_event(row).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Verdict:
    ok: bool
    count: int
    head_hash: str
    broken_seq: int | None = None
    reason: str = ""

    def describe(self) -> str:
        if self.ok:
            return f"Chuỗi nhật ký toàn vẹn: {self.count} sự kiện, mã cuối {self.head_hash[:16]}…"
        return f"Chuỗi nhật ký bị phá vỡ tại sự kiện số {self.broken_seq}: {self.reason}"


def verify_rows(rows: Iterable[dict[str, Any]]) -> Verdict:
    """Walk rows in sequence order; return the first broken link, if any."""
    prev, count = GENESIS, 0
    for row in rows:
        count += 1
        if row["seq"] != count:
            return Verdict(False, count - 1, prev, count, f"thiếu hoặc thừa sự kiện (gặp số {row['seq']})")
        if row["prev_hash"] != prev:
            return Verdict(False, count - 1, prev, row["seq"], "không nối với sự kiện trước")
        if event_hash(row) != row["hash"]:
            return Verdict(False, count - 1, prev, row["seq"], "nội dung đã bị sửa đổi")
        prev = row["hash"]
    return Verdict(True, count, prev)

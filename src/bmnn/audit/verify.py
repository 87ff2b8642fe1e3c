"""Verify the stored chain and compare it against an exported checkpoint."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from django.db import connection
from django.utils import timezone

from bmnn.audit.chain import FIELDS, OPTIONAL, Verdict, verify_rows
from bmnn.audit.models import ChainHead, Event


def _rows(chunk: int = 20000) -> Iterator[dict[str, Any]]:
    """Raw rows in sequence order, a page at a time (keyset, so memory stays bounded on both
    databases); skipping the ORM's per-row conversions halves the time over millions of events."""
    columns = (*FIELDS, *OPTIONAL, "hash")
    # On SQLite, "at || ''" hands back the stored text, skipping a datetime parse per row.
    selected = [("at || ''" if c == "at" and connection.vendor == "sqlite" else c) for c in columns]
    sql = (f"SELECT {', '.join(selected)} FROM {Event._meta.db_table} "
           "WHERE seq > %s ORDER BY seq LIMIT %s")
    last = 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(sql, [last, chunk])
            page = cursor.fetchall()
            for values in page:
                row = dict(zip(columns, values, strict=True))
                if isinstance(row["changes"], str):
                    row["changes"] = json.loads(row["changes"])
                yield row
            if len(page) < chunk:
                return
            last = page[-1][0]


def verify_chain() -> Verdict:
    """Walk the whole chain; also check the head row agrees with the last event."""
    verdict = verify_rows(_rows())
    head = ChainHead.objects.filter(pk=1).first()
    if verdict.ok and head is not None and (head.seq, head.hash) != (verdict.count, verdict.head_hash):
        return Verdict(False, verdict.count, verdict.head_hash, verdict.count + 1,
                       "đầu chuỗi không khớp sự kiện cuối (có sự kiện bị xóa)")
    return verdict


def make_checkpoint() -> dict[str, Any]:
    head = ChainHead.objects.filter(pk=1).first()
    return {
        "format": "bmnn-audit-checkpoint/1",
        "count": head.seq if head else 0,
        "head_hash": head.hash if head else "0" * 64,
        "at": timezone.now().astimezone(dt.UTC).isoformat(),
    }


def check_checkpoint(checkpoint: dict[str, Any]) -> Verdict:
    """The event at the checkpoint's count must still carry the checkpoint's hash."""
    count = int(checkpoint["count"])
    if count == 0:
        return Verdict(True, 0, checkpoint["head_hash"])
    stored = Event.objects.filter(seq=count).values_list("hash", flat=True).first()
    if stored != checkpoint["head_hash"]:
        return Verdict(False, count, str(stored or ""), count,
                       "sự kiện tại điểm kiểm tra đã khác (chuỗi bị viết lại)")
    return Verdict(True, count, stored)


def load_checkpoint(text: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(text)
    if data.get("format") != "bmnn-audit-checkpoint/1":
        raise ValueError("Tệp điểm kiểm tra không đúng định dạng")
    return data

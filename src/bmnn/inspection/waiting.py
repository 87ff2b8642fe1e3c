"""What a run's category left for a person to judge, a page at a time.

A detector names (in the run's snapshot, `waiting`) the records its data could not judge: register
lines imported from paper whose columns cannot show the fact, documents received or loaded
without what the rule needs, candidates a person must confirm. Each is listed here with the label
findings carry, masked as findings are, and with the check a person has recorded since the run
(the next run counts it). Checks are made through `do_check_records`, as for findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bmnn.inspection.detectors.documents import document_record, document_rows
from bmnn.inspection.models import CheckResult, RecordCheck
from bmnn.inspection.records import ENTRY_FIELDS, entry_label
from bmnn.inspection.shown import ShownRecord, shown_records
from bmnn.org.models import Account
from bmnn.registry.models import RegisterEntry

PAGE_SIZE = 50
WHY = {
    "register_entry": "Dòng sổ nhập từ sổ giấy: cột của sổ không cho thấy được, cần đối chiếu hồ sơ",
    "document": "Dữ liệu trong sổ chưa đủ để kết luận: cần đối chiếu hồ sơ",
}


@dataclass(frozen=True)
class WaitingPage:
    total: int
    page: int
    pages: int
    records: list[ShownRecord]
    checked: dict[str, str]  # record key → the result of a check recorded since the run
    checkable: frozenset[str]  # keys of the records the run's unit itself may check

    @property
    def rows(self) -> list[tuple[ShownRecord, str]]:
        return [(r, self.checked.get(r.key, "")) for r in self.records]

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def waiting_keys(found: dict[str, Any]) -> list[tuple[str, int]]:
    """The (kind, id) of every record the run's category left waiting, lines first."""
    waiting = found.get("waiting") or {}
    kinds = sorted(waiting, key=lambda kind: kind != "register_entry")
    return [(kind, int(pk)) for kind in kinds for pk in waiting[kind]]


def waiting_page(found: dict[str, Any], account: Account, page: int, own_units: set[int]) -> WaitingPage:
    """One page of what waits; `own_units` are the units whose records the run's unit checks
    itself (the units below check their own)."""
    keys = waiting_keys(found)
    pages = max(1, -(-len(keys) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    chosen = keys[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    records = _records([pk for kind, pk in chosen if kind == "register_entry"]) + _documents(
        [pk for kind, pk in chosen if kind == "document"]
    )
    shown = shown_records(records, account)
    own = {f"{r['kind']}:{r['id']}" for r in records if r["unit_id"] in own_units}
    checkable = frozenset(r.key for r in shown if r.key in own and not r.masked)
    return WaitingPage(len(keys), page, pages, shown, _checked(found["id"], chosen), checkable)


def _records(ids: list[int]) -> list[dict[str, Any]]:
    rows = RegisterEntry.objects.filter(pk__in=ids).order_by("unit_id", "kind", "year", "number")
    return [
        {
            "kind": "register_entry",
            "id": row["pk"],
            "label": entry_label(row),
            "unit_id": row["unit_id"],
            "evidence": WHY["register_entry"],
            "level": row["level"],
            "since": row["entry_date"].isoformat() if row["entry_date"] else None,
        }
        for row in rows.values(*ENTRY_FIELDS)
    ]


def _documents(ids: list[int]) -> list[dict[str, Any]]:
    return [document_record(row, WHY["document"]).as_json() for row in document_rows(ids)]


def _checked(category_id: str, keys: list[tuple[str, int]]) -> dict[str, str]:
    labels = dict(CheckResult.choices)
    checked: dict[str, str] = {}
    for kind in {k for k, _ in keys}:
        ids = [pk for k, pk in keys if k == kind]
        for pk, result in RecordCheck.objects.filter(
            category=category_id, record_kind=kind, record_id__in=ids
        ).values_list("record_id", "result"):
            checked[f"{kind}:{pk}"] = str(labels.get(result, result))
    return checked

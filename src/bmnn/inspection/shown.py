"""Findings as a person may see them (need-to-know), for every output that reaches a person —
the pages, the API, the report, `bmnn inspect`: a record above the viewer's clearance shows its
kind and level only; a record of another unit shows that unit, its kind and level; records of
the registry are shown only to those who see the unit's registers; a masked record's evidence
(a file path may read like a summary) is masked with it. Labels never carry a summary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from bmnn.inspection.records import KIND_LABELS, level_label
from bmnn.org.models import Account, Unit
from bmnn.registry.access import cleared_levels, sees_unit_registers, visible_documents
from bmnn.registry.models import RegisterEntry

REGISTRY_KINDS = frozenset(
    {"document", "proposal", "register_entry", "copy", "transfer", "decision", "destruction", "loss", "event"}
)
PUBLIC_KINDS = frozenset({"unit", "person"})
HIDDEN = "Chi tiết ngoài phạm vi được xem"


@dataclass(frozen=True)
class Viewer:
    """What a person may see of findings: cleared levels, own unit, whether registers."""

    levels: frozenset[str]
    unit_id: int | None
    sees_registers: bool

    @classmethod
    def of(cls, account: Account | None) -> Viewer:
        if account is None or account.person is None:
            return cls(frozenset(), None, False)
        person = account.person
        return cls(frozenset(cleared_levels(person)), person.unit_id, sees_unit_registers(account))


def _mask(record: dict[str, Any], viewer: Viewer, units: dict[int, str]) -> dict[str, Any]:
    kind, level = str(record["kind"]), str(record.get("level") or "")
    kind_label = KIND_LABELS.get(kind, kind)
    suffix = f" độ {level_label(level)}" if level else ""
    if level and level not in viewer.levels:
        label = f"{kind_label}{suffix} — ngoài mức được tiếp cận"
    elif record["unit_id"] != viewer.unit_id and kind not in PUBLIC_KINDS:
        label = f"{units.get(record['unit_id'], 'Đơn vị khác')}: {kind_label.lower()}{suffix}"
    elif kind in REGISTRY_KINDS and not viewer.sees_registers:
        label = f"{kind_label}{suffix} — thuộc sổ sách của đơn vị"
    else:
        return {**record, "masked": False}
    return {**record, "label": label, "evidence": HIDDEN, "masked": True}


def masked_records(records: list[dict[str, Any]], viewer: Viewer) -> list[dict[str, Any]]:
    units = dict(Unit.objects.filter(pk__in={r["unit_id"] for r in records}).values_list("pk", "name"))
    return [_mask(r, viewer, units) for r in records]


def masked_result(result: dict[str, Any], viewer: Viewer) -> dict[str, Any]:
    """A self-inspection result with every record as `viewer` may see it (counts unchanged); of
    what waits for a person, how many of each kind (the records themselves, masked, a page at a
    time: bmnn.inspection.waiting)."""
    return {
        **result,
        "categories": [
            {
                **c,
                "records": masked_records(c["records"], viewer),
                "waiting": {kind: len(ids) for kind, ids in (c.get("waiting") or {}).items()},
            }
            for c in result["categories"]
        ],
    }


@dataclass(frozen=True)
class ShownRecord:
    kind: str
    id: int
    kind_label: str
    label: str
    evidence: str
    since: str
    level: str
    link: str
    masked: bool

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"


def _links(records: list[dict[str, Any]], account: Account) -> dict[str, str]:
    docs = [r["id"] for r in records if r["kind"] == "document"]
    links = {
        f"document:{pk}": reverse("web:document", args=[pk])
        for pk in visible_documents(account).filter(pk__in=docs).values_list("pk", flat=True)
    }
    lines = [r["id"] for r in records if r["kind"] == "register_entry"]
    for pk, kind, year in RegisterEntry.objects.filter(pk__in=lines).values_list("pk", "kind", "year"):
        links[f"register_entry:{pk}"] = reverse("web:register", args=[kind, year])
    return links


def shown_records(records: list[dict[str, Any]], account: Account) -> list[ShownRecord]:
    """Records for a page: masked for the viewer, with a link where the viewer may follow it."""
    links = _links(records, account)
    shown = []
    for r in masked_records(records, Viewer.of(account)):
        key = f"{r['kind']}:{r['id']}"
        shown.append(
            ShownRecord(
                r["kind"],
                int(r["id"]),
                KIND_LABELS.get(r["kind"], r["kind"]),
                str(r["label"]),
                str(r.get("evidence", "")),
                str(r.get("since") or ""),
                str(r.get("level") or ""),
                "" if r["masked"] else links.get(key, ""),
                bool(r["masked"]),
            )
        )
    return shown

"""Findings as a person may see them (need-to-know): a record above the viewer's clearance shows
its kind and level only; a record of another unit shows that unit, its kind and level; a
document links to its page only when the viewer may open it. Labels never carry a summary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from bmnn.inspection.records import KIND_LABELS, level_label
from bmnn.org.models import Account, Unit
from bmnn.registry.access import cleared_levels, visible_documents
from bmnn.registry.models import RegisterEntry


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
    person = account.person
    levels = set(cleared_levels(person)) if person else set()
    own = person.unit_id if person else None
    units = dict(Unit.objects.filter(pk__in={r["unit_id"] for r in records}).values_list("pk", "name"))
    links = _links(records, account)
    shown = []
    for r in records:
        level = str(r.get("level") or "")
        kind_label = KIND_LABELS.get(r["kind"], r["kind"])
        label, masked = str(r["label"]), False
        if level and level not in levels:
            label, masked = f"{kind_label} độ {level_label(level)} — ngoài mức được tiếp cận", True
        elif r["unit_id"] != own and r["kind"] not in ("unit", "person"):
            suffix = f" độ {level_label(level)}" if level else ""
            label, masked = f"{units.get(r['unit_id'], '')}: {kind_label.lower()}{suffix}", True
        key = f"{r['kind']}:{r['id']}"
        shown.append(
            ShownRecord(
                r["kind"],
                int(r["id"]),
                kind_label,
                label,
                str(r.get("evidence", "")),
                str(r.get("since") or ""),
                level,
                "" if masked else links.get(key, ""),
                masked,
            )
        )
    return shown

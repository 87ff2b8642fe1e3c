"""Data shipped with netsec: end-of-support dates of operating systems and the measures
checklist per security level (TCVN 11930:2017, item text not confirmed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

GROUP_LABELS = {"management": "Yêu cầu quản lý", "technical": "Yêu cầu kỹ thuật"}


@dataclass(frozen=True)
class OsRow:
    os_name: str
    version_prefix: str
    product: str
    end_of_support: dt.date
    source: str
    product_contains: str = ""


@dataclass(frozen=True)
class Measure:
    id: str
    group: str
    min_level: int
    text: str
    confidence: str

    @property
    def group_label(self) -> str:
        return GROUP_LABELS[self.group]


def _load(name: str) -> dict[str, Any]:
    text = resources.files("bmnn.netsec").joinpath("data", name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


@cache
def os_table() -> tuple[OsRow, ...]:
    return tuple(OsRow(**{k: v for k, v in row.items()}) for row in _load("os_eos.yaml")["systems"])


def os_row(os_name: str, os_version: str, product: str = "") -> OsRow | None:
    """The table row for this system: longest version prefix, product-specific rows first. A
    Linux host is matched by its distribution named in the product ("Debian GNU/Linux 12")."""
    name, text = os_name.strip().lower(), product.lower()
    hits = [r for r in os_table() if r.os_name.lower() in (name, *text.split())
            and os_version.startswith(r.version_prefix)
            and (not r.product_contains or r.product_contains.lower() in product.lower())]
    hits.sort(key=lambda r: (bool(r.product_contains), len(r.version_prefix)), reverse=True)
    return hits[0] if hits else None


def end_of_support(os_name: str, os_version: str, product: str = "") -> dt.date | None:
    row = os_row(os_name, os_version, product)
    return row.end_of_support if row else None


@cache
def measures() -> tuple[Measure, ...]:
    return tuple(Measure(**row) for row in _load("tcvn11930.yaml")["items"])


def measures_for(level: int | None) -> list[Measure]:
    """The checklist items that apply to a system of this level (none when no level)."""
    if level is None:
        return []
    return [m for m in measures() if m.min_level <= level]

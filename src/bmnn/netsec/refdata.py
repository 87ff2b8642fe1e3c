"""Reference data for netsec: end-of-support dates of operating systems (the scanner's table,
bmnn/scanner/posture/os_eos.json, so the inventory and a scan never disagree) and the measures
checklist per security level (TCVN 11930:2017, item text not confirmed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from bmnn.scanner.posture import eos

GROUP_LABELS = {"management": "Yêu cầu quản lý", "technical": "Yêu cầu kỹ thuật"}


@dataclass(frozen=True)
class OsRow:
    product: str
    end_of_support: dt.date
    source: str


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


_WINDOWS_VERSIONS = {"5.1": 2600, "6.0": 6002, "6.1": 7601, "6.2": 9200, "6.3": 9600}  # before build numbers
_LINUX_NAMES = {"red": "rhel", "redhat": "rhel", "rhel": "rhel", "oracle": "ol", "alma": "almalinux"}


def os_row(os_name: str, os_version: str, product: str = "") -> OsRow | None:
    """End of support of this system, from the table the scanner ships (one source for both):
    Windows by build ("10.0.19045", or "6.1" for Windows 7), server editions when the product says
    so; Linux by the distribution named in the name or product ("Debian GNU/Linux 12")."""
    name, text = os_name.strip().lower(), product.lower()
    if name == "windows":
        found = eos.windows_eos(_windows_build(os_version), server="server" in text)
    else:
        found = None, None
        for word in (name, *text.replace("/", " ").split()):
            found = eos.linux_eos(_LINUX_NAMES.get(word, word), os_version.strip())
            if found[0]:
                break
    product_name, day = found
    if not (product_name and day):
        return None
    return OsRow(product_name, dt.date.fromisoformat(day), _source(product_name))


def _windows_build(version: str) -> int:
    parts = version.strip().split(".")
    if len(parts) >= 3 and parts[2].isdigit():
        return int(parts[2])
    return _WINDOWS_VERSIONS.get(".".join(parts[:2]), 0)


def _source(product: str) -> str:
    rows = [r for key in ("windows_client", "windows_server", "linux") for r in eos.table()[key]]
    return next((str(r["source"]) for r in rows if r["product"] == product), "")


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

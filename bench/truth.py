"""What the self-inspection must find in the generated registry: per category, the records it
must report, and how many lines it must call unchecked (no_data) or leave to a person (pending).

Written by the planting code as it plants (bench/paper.py, bench/plant_*.py), from what it
planted and the law's own rules (bmnn.law), never by running a detector. Saved as
`inspection_truth.json` next to the database; bench/inspection_bench.py scores against it.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FILE = "inspection_truth.json"


@dataclass
class Expected:
    records: set[tuple[str, int]]
    unchecked: int
    pending: int


@dataclass
class Truth:
    records: dict[str, dict[tuple[str, int], int]] = field(default_factory=dict)  # → unit id
    unchecked: dict[str, Counter[int]] = field(default_factory=dict)  # category → unit → lines
    pending: dict[str, Counter[int]] = field(default_factory=dict)
    planted: Counter[str] = field(default_factory=Counter)  # what was planted, by variant
    meta: dict[str, Any] = field(default_factory=dict)

    def add(self, category: str, kind: str, record_id: int, unit_id: int) -> None:
        self.records.setdefault(category, {})[(kind, record_id)] = unit_id

    def unknown(self, category: str, unit_id: int, lines: int = 1) -> None:
        self.unchecked.setdefault(category, Counter())[unit_id] += lines

    def waiting(self, category: str, unit_id: int, count: int = 1) -> None:
        self.pending.setdefault(category, Counter())[unit_id] += count

    def note(self, variant: str, count: int = 1) -> None:
        self.planted[variant] += count

    def expected(self, category: str, unit_ids: set[int]) -> Expected:
        records = {key for key, unit in self.records.get(category, {}).items() if unit in unit_ids}
        unchecked = sum(n for unit, n in self.unchecked.get(category, Counter()).items() if unit in unit_ids)
        pending = sum(n for unit, n in self.pending.get(category, Counter()).items() if unit in unit_ids)
        return Expected(records, unchecked, pending)

    def categories(self) -> set[str]:
        return set(self.records) | set(self.unchecked) | set(self.pending)

    def save(self, folder: Path) -> Path:
        cats = sorted(self.categories())
        data = {
            "meta": self.meta,
            "planted": dict(sorted(self.planted.items())),
            "categories": {
                c: {
                    "records": sorted([k, i, u] for (k, i), u in self.records.get(c, {}).items()),
                    "unchecked": {str(u): n for u, n in sorted(self.unchecked.get(c, Counter()).items())},
                    "pending": {str(u): n for u, n in sorted(self.pending.get(c, Counter()).items())},
                }
                for c in cats
            },
        }
        path = folder / FILE
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    @classmethod
    def load(cls, folder: Path) -> Truth:
        data = json.loads((folder / FILE).read_text(encoding="utf-8"))
        truth = cls(meta=data["meta"], planted=Counter(data["planted"]))
        for c, part in data["categories"].items():
            for kind, record_id, unit in part["records"]:
                truth.add(c, kind, record_id, unit)
            for unit, n in part["unchecked"].items():
                truth.unknown(c, int(unit), n)
            for unit, n in part["pending"].items():
                truth.waiting(c, int(unit), n)
        return truth

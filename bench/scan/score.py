"""Recall and precision of reported marks against the corpus truth, per file at (kind, level).

A planted (kind, level) the scanner did not report is a miss, named with the zones it was planted
in; a reported (kind, level) not planted in that file is a false positive, named with its evidence.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Score:
    planted: int = 0
    found: int = 0
    reported: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (file, kind/level, zones)
    false: list[tuple[str, str, str]] = field(default_factory=list)  # (file, kind/level, evidence)

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 1.0

    @property
    def precision(self) -> float:
        return self.found / self.reported if self.reported else 1.0

    def miss_table(self) -> Counter[str]:
        """Misses counted by "format zone" (what to fix first)."""
        return Counter(f"{name.split('/')[0]} {zones}" for name, _, zones in self.misses)


def score(truths: dict[str, Any], marks_by_file: dict[str, list[dict[str, Any]]]) -> Score:
    """Compare; `marks_by_file` maps the corpus-relative name to the marks reported for it."""
    result = Score()
    for name, record in truths.items():
        expected = {(kind, level) for kind, level in record["marks"]}
        reported: dict[tuple[str, str | None], str] = {}
        for mark in marks_by_file.get(name, []):
            reported.setdefault(
                (mark["kind"], mark.get("level")), f"{mark.get('location')}: {mark.get('evidence')}"
            )
        result.planted += len(expected)
        result.reported += len(reported)
        result.found += len(expected & reported.keys())
        for key in sorted(expected - reported.keys(), key=str):
            zones = ",".join(sorted({p[0] for p in record["planted"] if (p[1], p[2]) == key})) or "-"
            result.misses.append((name, f"{key[0]}/{key[1]}", zones))
        for key in sorted(reported.keys() - expected, key=str):
            result.false.append((name, f"{key[0]}/{key[1]}", reported[key]))
    return result


def report_lines(result: Score, limit: int = 30) -> list[str]:
    lines = [
        f"recall {result.recall:.4f} ({result.found}/{result.planted}), "
        f"precision {result.precision:.4f} ({result.found}/{result.reported})"
    ]
    for where, count in result.miss_table().most_common(limit):
        lines.append(f"  miss ×{count}: {where}")
    for name, key, evidence in result.misses[:limit]:
        lines.append(f"  miss {name} {key} [{evidence}]")
    for name, key, evidence in result.false[:limit]:
        lines.append(f"  false {name} {key} «{evidence}»")
    return lines

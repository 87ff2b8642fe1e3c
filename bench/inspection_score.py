"""Scoring a self-inspection result against the planted truth (bench/truth.py): per category,
recall and precision on the records, and whether the unchecked and pending counts agree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bench.truth import Truth


@dataclass
class Score:
    category: str
    found: int
    expected: int
    hits: int
    unchecked: tuple[int, int]  # (reported, expected)
    pending: tuple[int, int]
    missed: list[tuple[str, int]]
    extra: list[tuple[str, int]]

    @property
    def recall(self) -> float:
        return self.hits / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0

    @property
    def counts_agree(self) -> bool:
        return self.unchecked[0] == self.unchecked[1] and self.pending[0] == self.pending[1]

    @property
    def perfect(self) -> bool:
        return self.recall == 1.0 and self.precision == 1.0 and self.counts_agree

    def as_json(self) -> dict[str, Any]:
        return {
            "found": self.found,
            "expected": self.expected,
            "hits": self.hits,
            "recall": round(self.recall, 6),
            "precision": round(self.precision, 6),
            "unchecked": {"reported": self.unchecked[0], "expected": self.unchecked[1]},
            "pending": {"reported": self.pending[0], "expected": self.pending[1]},
            "missed_sample": [list(k) for k in self.missed[:10]],
            "extra_sample": [list(k) for k in self.extra[:10]],
        }


def score(truth: Truth, result: dict[str, Any], unit_ids: set[int]) -> Score:
    """`result` is one category of engine.run_category's JSON."""
    want = truth.expected(result["id"], unit_ids)
    got = {(r["kind"], int(r["id"])) for r in result["records"]}
    return Score(
        category=result["id"],
        found=len(got),
        expected=len(want.records),
        hits=len(got & want.records),
        unchecked=(int(result["unchecked"]), want.unchecked),
        pending=(int(result["pending"]), want.pending),
        missed=sorted(want.records - got),
        extra=sorted(got - want.records),
    )


def percent(value: float) -> str:
    return "100 %" if value == 1.0 else f"{value * 100:.2f} %"

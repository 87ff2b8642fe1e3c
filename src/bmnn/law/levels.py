"""The three secrecy levels (Điều 8 Luật Bảo vệ BMNN 2018)."""

from __future__ import annotations

from enum import StrEnum


class Level(StrEnum):
    TUYET_MAT = "tuyet_mat"
    TOI_MAT = "toi_mat"
    MAT = "mat"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def label(self) -> str:
        return _LABEL[self]

    @property
    def stamp(self) -> str:
        return _LABEL[self].upper()

    @property
    def envelope_letter(self) -> str:
        return _LETTER[self]


_RANK = {Level.TUYET_MAT: 3, Level.TOI_MAT: 2, Level.MAT: 1}
_LABEL = {Level.TUYET_MAT: "Tuyệt mật", Level.TOI_MAT: "Tối mật", Level.MAT: "Mật"}
_LETTER = {Level.TUYET_MAT: "A", Level.TOI_MAT: "B", Level.MAT: "C"}


def highest(levels: list[Level]) -> Level | None:
    """The highest level among several (Khoản 2 Điều 10: a mixed document takes the highest)."""
    return max(levels, key=lambda lv: lv.rank) if levels else None


def at_least(level: Level) -> list[Level]:
    """The levels at or above `level`, highest first."""
    return [lv for lv in sorted(Level, key=lambda x: -x.rank) if lv.rank >= level.rank]

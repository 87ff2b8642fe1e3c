"""Django choices built from the law layer's enums, so the vocabulary lives in one place."""

from __future__ import annotations

from bmnn.law.levels import Level
from bmnn.law.pack import Regime

LEVEL_CHOICES = [(lv.value, lv.label) for lv in Level]
REGIME_CHOICES = [(r.value, r.label) for r in Regime]

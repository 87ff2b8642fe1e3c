"""The rule pack in force for a day, with the administrator's corrections applied."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from bmnn.law.pack import Regime, RulePack, load_pack, regime_for


def pack_for(day: dt.date) -> RulePack:
    return load_pack(regime_for(day), settings.DATA_DIR / "rules")


def pack_of(regime: str) -> RulePack:
    return load_pack(Regime(regime), settings.DATA_DIR / "rules")

"""Vietnamese provinces before (63) and after (34) the 2025 merger, read offline from the
maintained `vietnamadminunits` package rather than a hand-typed table."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Province:
    """A locality resolved: `old` is the province before the 2025 merger ("" when the name only
    names a province of today), `new` the one it belongs to now."""

    old: str
    new: str


def _quiet(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    # The package may print progress; a CLI must not show it.
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            return fn(*args, **kwargs)
        except Exception:
            return None


def _short(unit: object) -> str:
    return str(getattr(unit, "short_province", "") or "") if unit is not None else ""


@cache
def resolve(name: str) -> Province | None:
    """The province a locality name designates ("TP Cần Thơ", "Hậu Giang", "TP. Hồ Chí Minh"),
    or None when it is in neither the old nor the new list."""
    from vietnamadminunits import convert_address, parse_address

    text = " ".join(name.split())
    if not text:
        return None
    old = _short(_quiet(parse_address, text, mode="LEGACY", level=1))
    if old:
        new = _short(_quiet(convert_address, text)) or old
        return Province(old, new)
    new = _short(_quiet(parse_address, text, mode="FROM_2025", level=1))
    return Province("", new) if new else None

"""How much a restore may unpack: a limit given in bytes or with a unit (500M, 50G)."""

from __future__ import annotations

import re

GIB = 1024**3
DEFAULT_MAX_BYTES = 50 * GIB
_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": GIB, "T": 1024**4}
_SIZE = re.compile(r"\s*(\d+)\s*([KMGT]?)(?:I?B)?\s*", re.IGNORECASE)


def parse_size(text: str) -> int:
    """'50G' -> 53687091200; plain digits are bytes. Raises ValueError with a Vietnamese message."""
    match = _SIZE.fullmatch(text)
    if not match:
        raise ValueError(f"Kích thước không hợp lệ: {text!r} (ví dụ: 500M, 50G)")
    value = int(match.group(1)) * _UNITS[match.group(2).upper()]
    if value <= 0:
        raise ValueError("Giới hạn kích thước phải lớn hơn 0")
    return value


def human_size(size: int) -> str:
    for unit, factor in (("GB", GIB), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}".replace(".", ",")
    return f"{size} byte"

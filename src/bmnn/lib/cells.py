"""Reading one imported cell as a date, a count, a secrecy level or text.

Each parser returns the value or raises `CellInvalid` with a Vietnamese message saying what was
found and what is expected; the caller adds the row and column.
"""

from __future__ import annotations

import datetime as dt
import re

from bmnn.law.levels import Level
from bmnn.lib.sheets import Cell
from bmnn.lib.text import fold, nfc


class CellInvalid(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_DMY = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")


def cell_text(value: Cell) -> str:
    """The cell as text: numbers without a trailing ".0", dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return printable(nfc(str(value))).strip()


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(text: str) -> str:
    """Text without control characters (a vertical tab pasted into a cell cannot be printed in a
    Word document, and nobody means it)."""
    return _CONTROL.sub(" ", text)


def shown(value: Cell) -> str:
    """The cell quoted for an error message."""
    return f"'{cell_text(value)}'" if value is not None else "ô trống"


def parse_date(value: Cell) -> dt.date:
    """An Excel date cell, or text dd/mm/yyyy (also with '-' or '.'; or yyyy-mm-dd)."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise CellInvalid(f"{shown(value)} là số, không phải ngày: định dạng ô là ngày "
                          "hoặc ghi dd/mm/yyyy")
    text = cell_text(value)
    match = _DMY.match(text)
    parts = (match.group(3), match.group(2), match.group(1)) if match else None
    iso = _ISO.match(text)
    if iso:
        parts = (iso.group(1), iso.group(2), iso.group(3))
    if parts is None:
        raise CellInvalid(f"ngày {shown(value)} không đúng dạng dd/mm/yyyy")
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError as error:
        raise CellInvalid(f"ngày {shown(value)} không có thật") from error


def parse_positive_int(value: Cell) -> int:
    """A whole number ≥ 1, as a number cell or text ("01", "1.576" with the dot separator)."""
    if isinstance(value, bool):
        raise CellInvalid(f"{shown(value)} không phải số")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise CellInvalid(f"{shown(value)} không phải số nguyên")
        number = int(value)
    else:
        text = cell_text(value)
        if _THOUSANDS.fullmatch(text):
            text = text.replace(".", "")
        if not text.isdigit():
            raise CellInvalid(f"{shown(value)} không phải số nguyên dương")
        number = int(text)
    if number < 1:
        raise CellInvalid(f"{shown(value)} phải từ 1 trở lên")
    return number


_LEVEL_WORDS = {
    "tuyet mat": Level.TUYET_MAT, "a": Level.TUYET_MAT, "tuyet_mat": Level.TUYET_MAT,
    "toi mat": Level.TOI_MAT, "b": Level.TOI_MAT, "toi_mat": Level.TOI_MAT,
    "mat": Level.MAT, "c": Level.MAT,
}


def parse_level(value: Cell) -> Level:
    """"Tuyệt mật", "Tối mật", "Mật" or "A", "B", "C" (the envelope letters), in any case and
    with or without diacritics; "Độ Mật" is read as "Mật"."""
    words = " ".join(re.findall(r"[a-z_]+", fold(cell_text(value))))
    if words.startswith("do "):
        words = words[3:]
    level = _LEVEL_WORDS.get(words)
    if level is None:
        raise CellInvalid(f"độ mật {shown(value)} không rõ: ghi Tuyệt mật, Tối mật, Mật "
                          "(hoặc A, B, C)")
    return level

"""Refusing a hostile zip (an .xlsx is one) before anything parses it: too many members, too
much data once inflated, or a member inflating far beyond what real files do (a zip bomb).

The check reads only the central directory, so it costs milliseconds whatever the file claims
to hold. Declared sizes are enough because Python's zipfile, which openpyxl reads through, never
returns more bytes than a member declares: a member that inflates past its declared size is cut
there and fails its CRC check. The scanner has its own guard (scanner/extract/zipread.py);
Django apps do not import the scanner, hence this one.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    max_members: int = 10_000
    max_total_bytes: int = 200 * MB  # inflated; a 100.000-row register is 55–75 MB
    max_ratio: int = 100  # inflated / compressed; real spreadsheets 5–20, a zip bomb ~1.000
    ratio_floor: int = 1 * MB  # smaller members are never refused for their ratio


class ZipRefused(ValueError):
    """The zip would cost far more to read than any real file; the message says which limit."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _mb(size: int) -> str:
    """1.234,5 MB; 54 KB — numbers as Vietnamese documents write them."""
    if size < MB:
        return f"{max(size // 1024, 1)} KB"
    number = f"{size / MB:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{number} MB"


def _check_member(info: zipfile.ZipInfo, limits: ZipLimits) -> None:
    if info.file_size < limits.ratio_floor:
        return
    ratio = info.file_size / max(info.compress_size, 1)
    if ratio > limits.max_ratio:
        times = f"{ratio:,.0f}".replace(",", ".")
        raise ZipRefused(
            f"Phần '{info.filename}' nén {_mb(info.compress_size)} nhưng giải nén ra {_mb(info.file_size)} "
            f"(gấp {times} lần, giới hạn {limits.max_ratio} lần): dấu hiệu tệp nén độc hại "
            "(zip bomb), không đọc tệp này"
        )


def check_zip(data: bytes, limits: ZipLimits = ZipLimits()) -> None:
    """Raise ZipRefused when `data` is a zip over the limits; a damaged zip is left to the reader."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return
    if len(members) > limits.max_members:
        count, most = (f"{n:,}".replace(",", ".") for n in (len(members), limits.max_members))
        raise ZipRefused(f"Tệp nén có {count} phần, quá giới hạn {most} phần")
    total = sum(info.file_size for info in members)
    if total > limits.max_total_bytes:
        raise ZipRefused(
            f"Tệp giải nén ra {_mb(total)}, vượt giới hạn {_mb(limits.max_total_bytes)} "
            "(chống tệp nén độc hại); không đọc tệp này"
        )
    for info in members:
        _check_member(info, limits)

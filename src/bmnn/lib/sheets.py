"""Reading a spreadsheet a unit already keeps (.xlsx or .csv) into plain rows, for imports.

Only the first (active) worksheet of an .xlsx is read, with openpyxl in read-only mode and cached
formula values. A .csv may be UTF-8 with or without BOM, or the Windows Vietnamese code page
cp1258 (old Excel exports); its delimiter may be a comma, a semicolon (Excel in a Vietnamese
locale) or a tab. Text is NFC-normalised and stripped; blank rows are dropped; every kept row
keeps its row number in the file, so errors can point to it.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from bmnn.law.errors import LawRefusal
from bmnn.lib.text import fold, nfc
from bmnn.lib.zipcheck import ZipRefused, check_zip

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
# Title lines, a header and a line of column numbers may precede the data rows.
HEADER_ALLOWANCE = 20
SUFFIXES = (".xlsx", ".csv")

Cell = str | int | float | dt.date | bool | None


class SheetUnreadable(Exception):
    """The file cannot be read as a spreadsheet at all (size, type, encoding)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RowError:
    """One problem in an imported file: the row (as numbered in the file), the column and why."""

    row: int | None
    column: str
    message: str
    provision: str = ""

    def __str__(self) -> str:
        where = [f"Dòng {self.row}" if self.row is not None else "Tệp"]
        if self.column:
            where.append(f"cột {self.column}")
        return f"{', '.join(where)}: {self.message}"


class ImportRejected(LawRefusal):
    """A file was refused as a whole; nothing of it was written. `errors` lists every problem."""

    code = "import_rejected"

    def __init__(self, message: str, provision: str, errors: list[RowError]) -> None:
        super().__init__(message, provision, confidence="confirmed")
        self.errors = errors


SHOWN_ERRORS = 20


def rejection(file_name: str, sha256: str, errors: list[RowError], provision: str) -> ImportRejected:
    """The refusal for a whole file, naming the first errors (the CLI prints them all)."""
    shown = "; ".join(str(e) for e in errors[:SHOWN_ERRORS])
    more = f"; … và {len(errors) - SHOWN_ERRORS} lỗi khác" if len(errors) > SHOWN_ERRORS else ""
    digest = f" (SHA-256 {sha256[:16]}…)" if sha256 else ""
    message = f"Không nhập tệp {file_name}{digest}: {len(errors)} lỗi, không ghi dòng nào. {shown}{more}"
    provisions = sorted({e.provision for e in errors if e.provision})
    return ImportRejected(message, "; ".join(provisions) or provision, errors)


@dataclass(frozen=True)
class Sheet:
    """The non-blank rows of a file, each with its 1-based row number in the file."""

    name: str
    sha256: str
    size: int
    rows: list[tuple[int, list[Cell]]]


def column_label(index: int, title: str = "") -> str:
    """A column as the user sees it: its letter, and its title when known ("B (Ngày đến)")."""
    letter = get_column_letter(index + 1)
    return f"{letter} ({title})" if title else letter


def _clean(value: Any) -> Cell:
    if isinstance(value, str):
        text = nfc(value).replace("\r\n", "\n").strip()
        return text or None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value is None or isinstance(value, int | float | dt.date | bool):
        return value
    return nfc(str(value)).strip() or None


def _keep(rows: Any, start: int = 1) -> list[tuple[int, list[Cell]]]:
    kept: list[tuple[int, list[Cell]]] = []
    for number, raw in enumerate(rows, start):
        cells = [_clean(v) for v in raw]
        while cells and cells[-1] is None:
            cells.pop()
        if cells:
            kept.append((number, cells))
            if len(kept) > MAX_ROWS + HEADER_ALLOWANCE:
                raise SheetUnreadable(f"Tệp có quá {MAX_ROWS:,} dòng".replace(",", "."))
    return kept


def _xlsx_rows(data: bytes) -> list[tuple[int, list[Cell]]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise SheetUnreadable(f"Không đọc được tệp Excel (.xlsx): {error}") from error
    try:
        sheet = book.active
        if sheet is None:
            raise SheetUnreadable("Tệp Excel không có trang tính nào")
        sheet.reset_dimensions()  # some writers store a wrong size; read what is there
        return _keep(sheet.iter_rows(values_only=True))
    finally:
        book.close()


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else cp1258; refuses binary data."""
    if b"\x00" in data[:65536]:
        raise SheetUnreadable("Tệp .csv chứa dữ liệu nhị phân, không phải văn bản")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError as error:
        raise SheetUnreadable(
            f"Tệp .csv không phải UTF-8 hay Windows-1258 (byte lạ ở vị trí {error.start})"
        ) from error


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _csv_rows(data: bytes) -> list[tuple[int, list[Cell]]]:
    text = decode_text(data)
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text))
    try:
        return _keep(reader)
    except csv.Error as error:
        raise SheetUnreadable(f"Tệp .csv sai cấu trúc ở dòng {reader.line_num}: {error}") from error


def _check_inflated_size(data: bytes) -> None:
    """Before openpyxl sees it: an .xlsx that would inflate past 200 MB, or a part inflating more
    than 100 times (a zip bomb), is refused from its zip directory alone."""
    try:
        check_zip(data)
    except ZipRefused as refused:
        raise SheetUnreadable(f"Không đọc tệp Excel: {refused.message}") from None


def read_sheet(path: Path) -> Sheet:
    """Read an .xlsx or .csv file; refuse one over 20 MB or 100.000 rows, or of another type, and
    an .xlsx that would inflate past 200 MB or more than 100 times (lib/zipcheck.py)."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        hint = " (hãy mở bằng Excel và lưu lại dạng .xlsx)" if suffix == ".xls" else ""
        raise SheetUnreadable(f"Chỉ nhận tệp .xlsx hoặc .csv, không nhận '{suffix or path.name}'{hint}")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SheetUnreadable(f"Tệp {size / 1024 / 1024:.1f} MB, vượt giới hạn 20 MB")
        data = path.read_bytes()
    except OSError as error:
        raise SheetUnreadable(f"Không mở được tệp {path.name}: {error.strerror}") from error
    if suffix == ".xlsx" and not data.startswith(b"PK"):
        raise SheetUnreadable("Tệp mang đuôi .xlsx nhưng không phải tệp Excel (.xlsx)")
    if suffix == ".xlsx":
        _check_inflated_size(data)
    rows = _xlsx_rows(data) if suffix == ".xlsx" else _csv_rows(data)
    return Sheet(path.name, hashlib.sha256(data).hexdigest(), len(data), rows)


_WORDS = re.compile(r"[a-z0-9]+")
_TITLE_ALIASES = {"tt": "so thu tu", "so tt": "so thu tu"}
_ABBREVIATIONS = {"stt": "so thu tu", "qd": "quyet dinh", "bmnn": "bi mat nha nuoc"}
_LINKING_WORDS = frozenset({"va", "hoac", "cua", "theo"})


def title_words(text: str) -> tuple[str, ...]:
    """The folded words of a column title, abbreviations spelt out, without linking words:
    "Số, ký hiệu" → ("so", "ky", "hieu"); "Đơn vị và ký nhận" → ("don", "vi", "ky", "nhan");
    "Số QĐ" → ("so", "quyet", "dinh")."""
    folded = " ".join(_WORDS.findall(fold(text)))
    words = " ".join(_ABBREVIATIONS.get(w, w) for w in _TITLE_ALIASES.get(folded, folded).split())
    return tuple(w for w in words.split() if w not in _LINKING_WORDS)


def title_matches(cell: Cell, title: str) -> bool:
    """A header cell names the expected column, loosely: case, diacritics and punctuation aside,
    the words are the same, or one title's words are all in the other ("Ngày đến" ~ "Ngày đến
    (theo dấu đến)", "Trích yếu" ~ "Tên loại và trích yếu nội dung")."""
    if not isinstance(cell, str):
        return False
    got, want = set(title_words(cell)), set(title_words(title))
    return bool(got) and (got <= want or want <= got)

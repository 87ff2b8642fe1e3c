"""Writing register and catalog files the way units keep them, in tmp_path (no binary fixtures)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

INCOMING_HEADER = [
    "STT", "Ngày đến", "Số đến", "Cơ quan, tổ chức ban hành", "Số, ký hiệu", "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung", "Độ mật", "Đơn vị hoặc người nhận, ký nhận", "Ghi chú",
]
OUTGOING_2025_HEADER = [
    "Số thứ tự", "Số, ký hiệu tài liệu, vật chứa BMNN", "Ngày tháng xác định tài liệu",
    "Tên loại và trích yếu nội dung", "Độ mật", "Người ký", "Nơi nhận và ký nhận", "Đơn vị lưu",
    "Số lượng bản phát hành", "Ghi chú",
]
CATALOG_HEADER = ["Số quyết định", "Ngày", "Lĩnh vực", "Điều", "Khoản", "Điểm", "Độ mật", "Nội dung"]

Cells = Sequence[object]


def incoming_row(number: int, day: dt.date | str, *, level: str = "Mật",
                 summary: str = "Công văn: hướng dẫn công tác bảo vệ BMNN", issuer: str = "Bộ Công an",
                 doc_day: dt.date | str | None = None) -> list[object]:
    return [number, day, "", issuer, f"{number}/BCA-A02", doc_day or day, summary, level,
            "Phòng Tổng hợp", ""]


def outgoing_row(number: int, day: str, *, level: str = "Tối mật",
                 summary: str = "Báo cáo: kết quả kỳ thi tốt nghiệp THPT") -> list[object]:
    return [number, f"{number}/BC-SGDĐT", day, summary, level, "Nguyễn Văn Hùng",
            "UBND tỉnh (01); Lưu VT (01)", "Văn phòng Sở", 2, ""]


def write_xlsx(path: Path, rows: Sequence[Cells]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def csv_text(rows: Sequence[Cells], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if c is None else f"{c:%d/%m/%Y}" if isinstance(c, dt.date) else c
                         for c in row])
    return out.getvalue()


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: precomposed vowels (â, ơ, ư …), tone marks as combining
    characters after them."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if out and unicodedata.combining(ch):
            out[-1] += ch
        else:
            out.append(ch)
    return "".join(_cp1258_cluster(c) for c in out).encode("cp1258")


_VOWEL_MARKS = "\u0302\u0306\u031b"  # circumflex, breve, horn: part of the letter in cp1258


def _cp1258_cluster(cluster: str) -> str:
    base, marks = cluster[0], cluster[1:]
    letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _VOWEL_MARKS))
    return letter + "".join(m for m in marks if m not in _VOWEL_MARKS)


def write_csv(path: Path, rows: Sequence[Cells], *, encoding: str = "utf-8",
              delimiter: str = ",") -> Path:
    text = csv_text(rows, delimiter)
    path.write_bytes(to_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return path


def incoming_2025(path: Path, count: int = 5, *, start: int = 1) -> Path:
    """A typical register kept in Excel: a title line, the header, the column-number line."""
    rows: list[Cells] = [["SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐẾN — NĂM 2025"], INCOMING_HEADER,
                         [f"({i})" for i in range(1, 11)]]
    rows += [incoming_row(n, dt.date(2025, 3, n)) for n in range(start, start + count)]
    return write_xlsx(path, rows)

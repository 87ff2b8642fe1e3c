"""The kinds of record a finding points at, their Vietnamese names, and content-free labels.

A label says which record it is (number and symbol, type, level, date, register line) and never
what it is about: no summary of any level appears in a finding, an export or a report.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bmnn.law.levels import Level
from bmnn.registry.models import RegisterKind

KIND_LABELS = {
    "document": "Tài liệu",
    "proposal": "Tờ trình đề xuất độ mật",
    "register_entry": "Dòng sổ",
    "copy": "Lượt sao, chụp",
    "transfer": "Lượt chuyển giao",
    "decision": "Quyết định gia hạn, điều chỉnh, giải mật",
    "destruction": "Đợt tiêu hủy",
    "loss": "Báo mất",
    "incident": "Sự cố",
    "unit": "Đơn vị",
    "person": "Cán bộ",
    "computer": "Máy tính, thiết bị",
    "system": "Hệ thống thông tin",
    "scan_file": "Tệp phát hiện khi quét",
    "answer": "Trả lời bảng kiểm",
}
DOCUMENT_FIELDS = ("pk", "unit_id", "number_symbol", "doc_type", "level", "determined_on", "arrival_date")
ENTRY_FIELDS = ("pk", "unit_id", "kind", "year", "number", "level", "entry_date", "columns__number_symbol")


def level_label(code: str) -> str:
    try:
        return Level(code).label
    except ValueError:
        return code or "không rõ độ mật"


def day(value: dt.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def document_label(row: dict[str, Any]) -> str:
    """ "12/QĐ-UBND — Quyết định (Tối mật), 04/05/2026" — type and number, never the summary."""
    when = row.get("determined_on") or row.get("arrival_date")
    number = row.get("number_symbol") or "chưa có số"
    text = f"{number} — {row.get('doc_type') or 'tài liệu'} ({level_label(str(row.get('level') or ''))})"
    return f"{text}, {day(when)}" if when else text


def entry_label(row: dict[str, Any]) -> str:
    """ "Sổ chuyển giao BMNN năm 2024, số 15: 12/QĐ-UBND (Mật)"."""
    register = RegisterKind(row["kind"]).label
    number = row.get("columns__number_symbol") or "không ghi số, ký hiệu"
    return (
        f"{register} năm {row['year']}, số {int(row['number']):02d}: {number} "
        f"({level_label(str(row.get('level') or ''))})"
    )

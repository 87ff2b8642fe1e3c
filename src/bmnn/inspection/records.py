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
    "event": "Mục nhật ký",
}
DOCUMENT_FIELDS = ("pk", "unit_id", "number_symbol", "doc_type", "level", "determined_on", "arrival_date")
ENTRY_FIELDS = ("pk", "unit_id", "kind", "year", "number", "level", "entry_date", "columns__number_symbol")


def level_label(code: str) -> str:
    try:
        return Level(code).label
    except ValueError:
        return code or "không rõ độ mật"


def day_level(then: str | None, now: str, when: str) -> str:
    """ " (độ Tối mật khi chuyển)" when a record was judged by a level other than its document's
    level now, else nothing."""
    return f" (độ {level_label(then)} {when})" if then and then != now else ""


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


# Where each kind of record keeps its unit and its level (for checks of single records).
_SOURCES: dict[str, tuple[str, str, str]] = {
    "document": ("registry.Document", "unit_id", "level"),
    "register_entry": ("registry.RegisterEntry", "unit_id", "level"),
    "proposal": ("registry.Proposal", "document__unit_id", "document__level"),
    "copy": ("registry.CopyRecord", "document__unit_id", "document__level"),
    "transfer": ("registry.Transfer", "document__unit_id", "entry__level"),
    "decision": ("registry.LifeDecision", "document__unit_id", "document__level"),
    "loss": ("registry.Loss", "document__unit_id", "document__level"),
    "destruction": ("registry.Destruction", "unit_id", ""),
    "incident": ("inspection.Incident", "unit_id", ""),
    "unit": ("org.Unit", "pk", ""),
    "person": ("org.Person", "unit_id", ""),
    "computer": ("netsec.Computer", "unit_id", ""),
    "system": ("netsec.InformationSystem", "unit_id", ""),
    "scan_file": ("netsec.ScanFinding", "report__computer__unit_id", "level"),
    "event": ("audit.Event", "unit_id", ""),
}


CHECKABLE_KINDS = frozenset(_SOURCES)


def record_facts(kind: str, ids: list[int]) -> dict[int, tuple[int, str]]:
    """For records of one kind: id → (unit id, level code or "")."""
    from django.apps import apps

    label, unit_path, level_path = _SOURCES[kind]
    model = apps.get_model(label)
    fields = [unit_path] + ([level_path] if level_path else [])
    return {
        row[0]: (row[1], str(row[2]) if level_path else "")
        for row in model._default_manager.filter(pk__in=ids).values_list("pk", *fields)
    }

"""The check of a report's content (`bmnn-report/1`) as it arrives: types, bounds, known
category ids and statuses. Returns the first problem in Vietnamese, or '' when there is none."""

from __future__ import annotations

from typing import Any

from bmnn.inspection.categories import vocabulary
from bmnn.lib import limits
from bmnn.reports.packages.format import MAX_ROWS, REPORT_SCHEMA

STATUSES = {"found", "none", "no_data", "unanswered"}
MAX_COUNT = 1_000_000_000
REPORT_KEYS = {"schema", "rows", "narrative", "pending_below"}
ROW_KEYS = {"unit", "source", "figures", "categories", "remediation", "self_inspection"}
UNIT_KEYS = {"code", "name", "kind", "locality"}
REMEDIATION_KEYS = {"open", "overdue", "done"}


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_COUNT


def _text(value: Any, bound: int, *, required: bool = False) -> bool:
    return isinstance(value, str) and len(value) <= bound and (bool(value.strip()) or not required)


def _row_problem(number: int, row: Any, known: set[str]) -> str:
    where = f"dòng đơn vị thứ {number}"
    if not isinstance(row, dict) or not isinstance(row.get("unit"), dict):
        return f"{where}: thiếu thông tin đơn vị"
    strange = sorted(set(row) - ROW_KEYS) + sorted(set(row["unit"]) - UNIT_KEYS)
    if strange:
        return f"{where}: trường không có trong định dạng: {', '.join(map(str, strange[:3]))}"
    unit = row["unit"]
    if (
        not _text(unit.get("code"), limits.REF, required=True)
        or not _text(unit.get("name"), limits.NAME)
        or not _text(unit.get("kind", ""), limits.REF)
        or not _text(unit.get("locality", ""), limits.NAME)
    ):
        return f"{where}: mã, tên, loại hoặc địa phương của đơn vị không hợp lệ"
    figures = row.get("figures", {})
    if (
        not isinstance(figures, dict)
        or len(figures) > 200
        or not all(_text(k, 60, required=True) and _count(v) for k, v in figures.items())
    ):
        return f"{where} ({unit['code']}): số liệu phải là số nguyên không âm"
    categories = row.get("categories", [])
    if not isinstance(categories, list) or len(categories) > 500:
        return f"{where} ({unit['code']}): danh sách loại vi phạm không hợp lệ"
    for item in categories:
        if not isinstance(item, dict) or item.get("id") not in known:
            cid = item.get("id") if isinstance(item, dict) else item
            return f"{where} ({unit['code']}): loại vi phạm '{cid}' không có trong danh mục"
        if item.get("status") not in STATUSES or not _count(item.get("count")):
            return f"{where} ({unit['code']}): trạng thái hoặc số lượng của {item['id']} không hợp lệ"
    remediation = row.get("remediation", {})
    if (
        not isinstance(remediation, dict)
        or set(remediation) - REMEDIATION_KEYS
        or not all(_count(v) for v in remediation.values())
    ):
        return f"{where} ({unit['code']}): số liệu khắc phục không hợp lệ"
    inspection = row.get("self_inspection", {})
    if (
        not isinstance(inspection, dict)
        or set(inspection) - {"as_of", "closed"}
        or not isinstance(inspection.get("closed", False), bool)
        or not (inspection.get("as_of") is None or _text(inspection["as_of"], 10))
    ):
        return f"{where} ({unit['code']}): thông tin tự kiểm tra không hợp lệ"
    return ""


def check_report(report: dict[str, Any]) -> str:
    if report.get("schema") != REPORT_SCHEMA:
        return f"định dạng '{report.get('schema')}', cần '{REPORT_SCHEMA}'"
    strange = sorted(set(report) - REPORT_KEYS)
    if strange:
        return f"trường không có trong định dạng: {', '.join(map(str, strange[:3]))}"
    if not _count(report.get("pending_below", 0)):
        return "số báo cáo chờ duyệt không hợp lệ"
    rows = report.get("rows")
    if not isinstance(rows, list) or not rows or len(rows) > MAX_ROWS:
        return f"cần từ 1 đến {MAX_ROWS} dòng đơn vị"
    if not _text(report.get("narrative", ""), limits.NOTE * 4):
        return "phần thuyết minh không hợp lệ hoặc quá dài"
    known = {c.id for c in vocabulary().categories}
    codes = set()
    for number, row in enumerate(rows, start=1):
        problem = _row_problem(number, row, known)
        if problem:
            return problem
        codes.add(row["unit"]["code"])
    if len(codes) != len(rows):
        return "một đơn vị xuất hiện nhiều lần"
    return ""

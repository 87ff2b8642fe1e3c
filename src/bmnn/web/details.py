"""How an event's recorded changes read on screen: each field under its Vietnamese name, codes as
their labels (levels, states, channels, copy forms, register kinds, roles, scopes, finding
categories, units), ISO dates as dd/mm/yyyy, a yes/no under the words it answers; record ids and
hashes, which say nothing to a person, left out. The codes' labels come from their own lists
(bmnn.law, the models' choices); only the field names are new here."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache
from typing import Any

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")

# Field → its name on screen. A field not listed is shown under no name (its value only).
FIELD_LABELS: dict[str, str] = {
    "abroad": "", "accounts": "Tài khoản", "answer": "Trả lời", "arrival_number": "Số đến",
    "as_of": "Tính đến ngày", "authority": "Thẩm quyền", "backdated_days": "Ghi sau (ngày)",
    "basis": "Căn cứ", "channel": "Hình thức chuyển", "closed_on": "Ngày khóa sổ",
    "copies": "Bản số", "copy_permitted": "", "created_catalogs": "Danh mục đã thêm",
    "created_items": "Số mục đã thêm", "decided_by": "Người quyết định", "decision": "Quyết định số",
    "doc_date": "Ngày văn bản", "doc_number": "Văn bản số", "doc_type": "Tên loại",
    "due_on": "Hạn trả", "envelope": "Bì", "file": "Tệp", "form": "Hình thức, mẫu",
    "format": "Định dạng", "found": "Phát hiện", "include_subunits": "", "issuer": "Cơ quan ban hành",
    "items": "Kết quả", "kept": "Giữ lại", "kind": "Loại", "late": "", "late_reason": "Lý do ghi sau",
    "level": "Độ mật", "masked": "Dòng bị che khi in", "minutes": "Biên bản", "note": "Ghi chú",
    "number": "Số", "number_symbol": "Số, ký hiệu", "numbers": "Bản số", "paper_ref": "Hồ sơ giấy",
    "period": "Kỳ", "permitted_by": "Người cho phép", "person": "Cán bộ", "question": "Câu hỏi",
    "reason": "Lý do", "received_by": "Người nhận", "received_on": "Ngày nhận", "recipient": "Nơi nhận",
    "recipients": "Nơi nhận", "remediation_items": "Việc khắc phục", "reported_to": "Đã báo cáo",
    "resubmitted": "", "returned_on": "Ngày trả", "rows": "Số dòng", "sent_on": "Ngày gửi",
    "signer": "Người ký", "state": "Trạng thái", "summaries_withheld": "Trích yếu không ghi",
    "summary_removed": "", "title": "Tên", "to_unit": "Đơn vị nhận", "unchanged_items": "Mục không đổi",
    "unit": "Đơn vị", "units": "Đơn vị", "urgent": "", "valid_until": "Hiệu lực đến", "year": "Năm",
    "years": "Theo năm", "roles": "Vai trò", "scopes": "Phạm vi ủy quyền", "active": "",
    "clearance": "Tiếp cận đến độ", "decided_on": "Ngày quyết định", "decision_number": "Quyết định số",
    "valid_from": "Hiệu lực từ", "valid_to": "Hiệu lực đến", "summary": "Trích yếu",
    "issued_on": "Ngày ban hành", "copied_on": "Ngày sao, chụp", "made_count": "Số bản đã sao",
    "permitted_count": "Số bản được phép", "new_level": "Độ mật mới", "extended_to": "Gia hạn đến",
    "protected_until": "Bảo vệ đến", "handed_by": "Người giao", "handed_on": "Ngày giao",
    "username": "Tên đăng nhập", "name": "Tên", "code": "Mã", "category": "Nội dung",
    "deadline": "Hạn", "status": "Tình trạng", "purpose": "Mục đích sử dụng",
    "fingerprint": "Dấu vân tay khóa", "replaces": "Thay khóa", "sequence": "Gói số",
    "receiver": "Nơi nhận gói", "sender": "Đơn vị gửi", "warnings": "Cảnh báo",
    "replaced_rows": "Số dòng thay thế", "account": "Tài khoản", "by": "Người thực hiện",
    "cleaned_on": "Ngày xử lý xong", "dossier_ref": "Hồ sơ", "entries": "Số dòng",
    "found_on": "Ngày phát hiện",
    "full_name": "Họ tên", "item": "Mục", "merged": "Đơn vị sáp nhập", "method": "Phương pháp", "on": "Ngày",
    "prefix": "Mã khóa (phần đầu)", "revoked_on": "Ngày thu hồi", "via": "Cách tạo", "from": "Từ",
    "to": "Cho", "doc": "Văn bản", "description": "Mô tả", "body": "Cơ quan", "reference": "Số, ký hiệu",
    "signed_on": "Ngày ký", "start_on": "Từ ngày", "decision_date": "Ngày quyết định", "place": "Nơi sử dụng",
    "out_on": "Ngày mang ra", "new_until": "Gia hạn đến", "recipient_name": "Nơi nhận",
    "received_by_name": "Người nhận", "notice_ref": "Văn bản thông báo", "discovered_on": "Ngày phát hiện",
}
# Fields that are record ids, hashes or internal flags: nothing a person reads.
HIDDEN = frozenset({"document", "documents", "entry", "plan", "sha256", "result_sha256", "evidence",
                    "object", "pk", "id", "token"})
# A yes/no field, read as the words it answers: (when true, when false or "" to leave it out).
BOOLS: dict[str, tuple[str, str]] = {
    "copy_permitted": ("Được phép sao, chụp", "Không được phép sao, chụp"),
    "late": ("Ghi sau ngày thực tế", ""), "abroad": ("Mang ra nước ngoài", ""),
    "urgent": ("Khẩn", ""), "resubmitted": ("Đề xuất lại", ""),
    "summary_removed": ("Không ghi trích yếu (Tuyệt mật)", ""),
    "include_subunits": ("Gồm cả đơn vị trực thuộc", ""), "active": ("Hoạt động", "Vô hiệu hóa"),
    "named_person": ("Chỉ người có tên mới được bóc bì", ""),
    "encrypted": ("Đã mã hóa gói", "Gói không mã hóa"), "subunits": ("Gồm cả đơn vị trực thuộc", ""),
    "yearly": ("Lặp lại hằng năm", "Một lần"),
}


@cache
def _codes() -> dict[str, str]:
    """Every code a change may hold, with its label; later lists win on a shared code."""
    from bmnn.law.copying import CopyForm
    from bmnn.law.levels import Level
    from bmnn.law.transfer import Channel
    from bmnn.org.models import AssignmentKind, DelegationScope, Role
    from bmnn.registry.models import (
        DocumentState,
        HandoverReason,
        LifeDecisionKind,
        ProposalStatus,
        RegisterKind,
    )

    words: dict[str, str] = {}
    for enum in (Channel, CopyForm, Level):
        words |= {m.value: m.label for m in enum}
    for choices in (Role, DelegationScope, AssignmentKind, HandoverReason, LifeDecisionKind, RegisterKind,
                    ProposalStatus, DocumentState):
        words |= {str(value): str(label) for value, label in choices.choices}
    from bmnn.netsec.models import Purpose

    words |= {str(v): str(label) for v, label in Purpose.choices if v}
    try:  # the reports app's own vocabularies: report kinds, key purposes
        from bmnn.reports.kinds import choices as report_kinds
        from bmnn.reports.models import KeyPurpose

        words |= dict(report_kinds()) | {str(v): str(label) for v, label in KeyPurpose.choices}
    except (ImportError, LookupError, OSError):
        pass
    return words | {"yes": "Có", "no": "Không", "merge": "Sáp nhập"}


@cache
def _checklist_words() -> dict[str, str]:
    """A checklist answer's items: the stamps by the rule packs' names, and their states."""
    from bmnn.inspection.checklist import ItemState
    from bmnn.law.pack import Regime
    from bmnn.registry.rules import pack_of

    words = {state.value: state.label for state in ItemState}
    for regime in Regime:
        words |= {s["id"]: s["name"] for s in pack_of(regime.value).value("stamp_forms")}
    return words


def _question(code: str) -> str | None:
    from bmnn.inspection.checklist import question

    try:
        return question(code).text
    except KeyError:
        return None


def _unit_name(code: str) -> str | None:
    from bmnn.org.models import Unit

    return Unit.objects.filter(code=code).values_list("name", flat=True).first()


def _category(code: str) -> str | None:
    from bmnn.inspection.categories import category

    try:
        return category(code).title
    except KeyError:
        return None


def value_text(value: Any, key: str = "") -> str:
    """One recorded value as a person reads it."""
    if isinstance(value, dict) and set(value) == {"before", "after"}:
        return f"{value_text(value['before'], key)} → {value_text(value['after'], key)}"
    if isinstance(value, dict) and key == "items":
        words = _checklist_words()
        return "; ".join(f"{words.get(k, k)}: {words.get(str(v), str(v))}" for k, v in value.items())
    if isinstance(value, dict):
        return "; ".join(f"{value_text(k, key)}: {value_text(v)}" for k, v in value.items())
    if key == "period" and isinstance(value, list) and len(value) == 2:
        return " – ".join(value_text(v) for v in value)
    if isinstance(value, list | tuple):
        if key == "copies" and len(value) == 2 and all(isinstance(v, int) for v in value):
            return f"{value[0]:02d}–{value[1]:02d}"  # the copy numbers made, first to last
        if len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], int):
            return f"{value_text(value[0], key)} ({value[1]} bản)"  # a recipient and its copies
        if value and all(isinstance(v, int) for v in value):
            return f"{len(value)}"  # record ids: how many, not which
        return "; ".join(value_text(v, key) for v in value)
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return _text(str(value), key)


def _text(text: str, key: str) -> str:
    if _ISO_DATE.match(text):
        return dt.date.fromisoformat(text).strftime("%d/%m/%Y")
    if _ISO_TIME.match(text):
        try:
            from django.utils import timezone

            return timezone.localtime(dt.datetime.fromisoformat(text)).strftime("%d/%m/%Y %H:%M")
        except ValueError:
            return text
    words = _codes()
    if text in words:
        return words[text]
    lookups: tuple[Callable[[str], str | None], ...] = ()
    if key == "fingerprint":
        return text[:16] + "…"
    if key == "question":
        lookups = (_question,)
    elif key in {"unit", "units", "to_unit", "from_unit", "receiver", "sender", "merged"}:
        lookups = (_unit_name,)
    elif key in {"found", "category", "categories"} or re.match(r"^[A-Z]+(-[A-Z0-9]+)+$", text):
        lookups = (_category,)
    for lookup in lookups:
        found = lookup(text)
        if found:
            return found
    return text


def details(changes: dict[str, Any] | Any) -> list[tuple[str, str]]:
    """An event's changes as (name, value) pairs to show; hidden and empty ones left out."""
    if not isinstance(changes, dict):
        return []
    shown: list[tuple[str, str]] = []
    for key, value in changes.items():
        if key in HIDDEN:
            continue
        if key in BOOLS and isinstance(value, bool):
            words = BOOLS[key][0 if value else 1]
            if words:
                shown.append(("", words))
            continue
        text = value_text(value, key)
        if text != "—" or key in {"state", "level"}:
            shown.append((FIELD_LABELS.get(key, ""), text))
    return shown

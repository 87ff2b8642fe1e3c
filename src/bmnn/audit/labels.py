"""Vietnamese names of event actions and a readable rendering of their changes."""

from __future__ import annotations

from typing import Any

ACTION_LABELS = {
    "propose_classification": "Đề xuất độ mật",
    "decide_proposal": "Quyết định về đề xuất độ mật",
    "issue_document": "Ban hành, vào sổ đi",
    "register_incoming": "Vào sổ đến",
    "copy_document": "Sao, chụp",
    "send_document": "Chuyển giao",
    "record_receipt": "Ghi ký nhận",
    "take_out_document": "Mang ra khỏi nơi lưu giữ",
    "return_document": "Trả tài liệu",
    "extend_protection": "Gia hạn thời hạn bảo vệ",
    "change_level": "Điều chỉnh độ mật",
    "declassify": "Giải mật theo quyết định",
    "declassify_auto": "Giải mật đương nhiên",
    "declassify_expired": "Giải mật đương nhiên",
    "declassify_catalog": "Giải mật (không còn trong danh mục)",
    "declassify_removed_from_catalog": "Giải mật (không còn trong danh mục)",
    "record_notice": "Ghi thông báo bằng văn bản",
    "destroy_documents": "Tiêu hủy",
    "destroy_document": "Tiêu hủy",
    "hand_over_document": "Bàn giao sang đơn vị khác",
    "report_loss": "Báo mất tài liệu",
    "hand_over_documents": "Bàn giao tài liệu",
    "cancel_entry": "Hủy dòng trong sổ",
    "close_volume": "Khóa sổ",
    "read_document": "Xem nội dung",
    "export_register": "In, xuất sổ",
    "register_computer": "Đăng ký máy tính, thiết bị",
    "update_computer": "Cập nhật máy tính, thiết bị",
    "record_security_check": "Kiểm tra an ninh trước khi sử dụng",
    "put_into_use": "Đưa vào sử dụng",
    "record_antivirus_update": "Cập nhật phần mềm diệt virus",
    "record_malware": "Ghi nhận mã độc",
    "record_wiping": "Xóa an toàn dữ liệu",
    "record_repurposing": "Chuyển mục đích sử dụng",
    "retire_computer": "Thôi sử dụng thiết bị",
    "register_system": "Đăng ký hệ thống thông tin",
    "propose_level": "Đề xuất cấp độ an toàn",
    "approve_level": "Phê duyệt cấp độ an toàn",
    "update_measure": "Cập nhật biện pháp bảo đảm an toàn",
    "update_layer": "Cập nhật mô hình 4 lớp",
    "record_incident_plan": "Phương án ứng phó sự cố",
    "record_exercise": "Diễn tập ứng phó sự cố",
    "import_scan_report": "Nhập báo cáo quét máy tính",
    "export_self_inspection": "In, xuất kết quả tự kiểm tra",
    "plan_self_inspection": "Lập kế hoạch tự kiểm tra",
    "start_self_inspection": "Bắt đầu tự kiểm tra",
    "run_self_inspection_step": "Tự kiểm tra (một bước)",
    "finish_self_inspection": "Có kết quả tự kiểm tra",
    "conclude_self_inspection": "Kết luận tự kiểm tra",
    "upload_evidence": "Đính kèm bằng chứng",
    "answer_checklist": "Trả lời bảng kiểm",
    "check_records": "Đối chiếu hồ sơ",
    "record_incident": "Ghi nhận sự cố",
    "assign_remediation": "Phân công khắc phục",
    "close_remediation": "Hoàn thành khắc phục",
    "login": "Đăng nhập",
    "lockout": "Tạm khóa tài khoản",
    "create_admin": "Tạo quản trị viên (dòng lệnh)",
    "unlock_account": "Mở khóa đăng nhập",
    "grant_clearance": "Quyết định mức được tiếp cận BMNN",
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def _value(value: Any, words: dict[str, str]) -> str:
    if isinstance(value, dict) and set(value) == {"before", "after"}:
        return f"{_value(value['before'], words)} → {_value(value['after'], words)}"
    if isinstance(value, list):
        return "; ".join(_value(v, words) for v in value)
    if isinstance(value, str) and value in words:
        return words[value]
    if value is None or value == "":
        return "—"
    if value is True:
        return "có"
    if value is False:
        return "không"
    return str(value)


def changes_text(changes: dict[str, Any], words: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """Readable values; `words` maps stored codes (states, levels) to their Vietnamese names."""
    return [(key, _value(value, words or {})) for key, value in changes.items()]

"""The rule pack read as sentences a clerk understands (the "Quy định" page): each rule's value
put into words, codes as their labels (levels, channels, authority classes); never a key or a
Python value on screen. A rule this file does not know reads as its value in plain words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bmnn.law.levels import Level
from bmnn.law.transfer import Channel

Words = Callable[[Any, dict[str, str]], str]


def _level(code: str) -> str:
    return Level(code).label if code in Level.__members__.values() else code


def _levels(codes: list[str]) -> str:
    return ", ".join(_level(c) for c in codes) if codes else "không độ nào"


def _channel(code: str) -> str:
    return Channel(code).label if code in Channel.__members__.values() else code


def _classes(codes: list[str], classes: dict[str, str]) -> str:
    return "; ".join(classes.get(c, c) for c in codes) if codes else "không ai"


def _yes(value: Any, yes: str, no: str) -> str:
    return yes if value else no


_AUTHORITY = {"head_or_delegated_deputy": "người đứng đầu, hoặc cấp phó được ủy quyền bằng văn bản"}

SENTENCES: dict[str, Words] = {
    "article_numbering": lambda v, _: _yes(
        v == "own", "Số điều, khoản trích dẫn theo chính văn bản này.",
        "Số điều, khoản tạm trích dẫn theo Luật 2018 cho đến khi đối chiếu được văn bản mới."),
    "protection_period_years": lambda v, _: "Thời hạn bảo vệ tính từ ngày xác định độ mật: " + ", ".join(
        f"tài liệu {_level(k)} {n} năm" for k, n in v.items()) + ".",
    "extension_min_days_before_expiry": lambda v, _:
        f"Gia hạn thời hạn bảo vệ phải quyết định chậm nhất {v} ngày trước khi hết hạn.",
    "extension_max_years_is_base_period": lambda v, _: _yes(
        v, "Mỗi lần gia hạn không quá thời hạn bảo vệ của độ mật đó.", "Thời hạn gia hạn không bị giới hạn."),
    "notice_within_days": lambda v, _:
        f"Gia hạn, điều chỉnh độ mật, giải mật phải thông báo bằng văn bản cho nơi nhận trong {v} ngày.",
    "due_list_days": lambda v, _: "Trang chủ nhắc tài liệu sắp hết thời hạn bảo vệ trước "
        + " và ".join(str(d) for d in v) + " ngày.",
    "classification_basis_required": lambda v, _: _yes(
        v, "Đề xuất độ mật phải có căn cứ là mục của danh mục bí mật nhà nước.",
        "Đề xuất độ mật không bắt buộc căn cứ danh mục."),
    "basis_cites_article_clause_point": lambda v, _: _yes(
        v, "Căn cứ phải ghi rõ điểm, khoản, điều của danh mục bí mật nhà nước.",
        "Căn cứ không bắt buộc ghi điểm, khoản, điều."),
    "level_is_highest_of_basis": lambda v, _: _yes(
        v, "Tài liệu nhiều căn cứ thì độ mật là độ cao nhất trong các căn cứ.",
        "Độ mật không phụ thuộc căn cứ."),
    "classify_authority": lambda v, _: f"Người xác định độ mật: {_AUTHORITY.get(v, v)}.",
    "recipients_block_required": lambda v, _:
        "Tài liệu mật phải ghi nơi nhận, số lượng bản phát hành, tên người soạn thảo và được phép hay "
        "không được phép sao, chụp.",
    "top_secret_summary_forbidden": lambda v, _: _yes(
        v, "Không ghi trích yếu nội dung tài liệu Tuyệt mật vào sổ.",
        "Được ghi trích yếu tài liệu Tuyệt mật."),
    "copy_authority": lambda v, c: "Người được cho phép sao, chụp: " + " ".join(
        f"tài liệu {_level(k)}: {_classes(x, c) if x else 'người đứng đầu cơ quan, đơn vị'}."
        for k, x in v.items()),
    "copy_delegable_levels": lambda v, _:
        f"Được ủy quyền cho cấp phó cho phép sao, chụp tài liệu {_levels(v)}.",
    "copy_excess_destroyed": lambda v, _: _yes(
        v, "Chỉ sao, chụp đúng số bản được phép; bản thừa, bản hỏng phải hủy ngay.",
        "Không quy định hủy bản thừa."),
    "destruction_authority_levels": lambda v, _:
        f"Tiêu hủy tài liệu {_levels(v)} do người có thẩm quyền quyết định, có Hội đồng tiêu hủy.",
    "destruction_delegable": lambda v, _: _yes(
        v, "Quyết định tiêu hủy được ủy quyền cho cấp phó.",
        "Quyết định tiêu hủy không được ủy quyền cho cấp phó."),
    "take_out_abroad_authority": lambda v, c: "Người cho phép mang tài liệu ra nước ngoài: "
        + _classes(v, c) + ".",
    "take_out_authority": lambda v, _:
        f"Người cho phép mang tài liệu ra khỏi nơi lưu giữ: {_AUTHORITY.get(v, v)}.",
    "channels": lambda v, _: "Hình thức chuyển giao: " + " ".join(
        f"{_channel(k)}: {'được dùng cho ' + _levels(x) if x else 'không được dùng'}." for k, x in v.items()),
    "electronic_channels": lambda v, _: "Không làm bì khi chuyển qua "
        + ", ".join(_channel(c).lower() for c in v) + " (bì chỉ dùng cho tài liệu giấy, vật chứa).",
    "backdating_grace_days": lambda v, _:
        f"Ghi một việc sau ngày thực tế quá {v} ngày thì phải nêu lý do và hồ sơ giấy làm căn cứ.",
    "receipt_overdue_days": lambda v, _:
        f"Chuyển giao quá {v} ngày chưa có ký nhận thì bị nêu khi tự kiểm tra.",
    "antivirus_signature_max_age_days": lambda v, _:
        f"Mẫu nhận diện của phần mềm diệt virus cũ quá {v} ngày thì máy bị nêu là chưa cập nhật.",
    "stamp_forms": lambda v, _: "Mẫu dấu: "
        + "; ".join(f"{s['name']} ({s['form']}; {s['spec']})" for s in v) + ".",
    "envelopes": lambda v, _: "Làm bì: " + " ".join(
        f"tài liệu {_level(k)}: {x['count']} lớp bì, dấu chữ “{x['outer_mark']}” ngoài bì"
        + (f", dấu “{x['inner_stamp']}” trên bì trong" if x.get("inner_stamp") else "") + "."
        for k, x in v.items() if isinstance(x, dict))
        + (f" Bì chỉ người có tên mới được bóc: dấu “{v['named_person_stamp']}”." if "named_person_stamp" in v
           else ""),
}

# Citations bmnn writes into a refusal or a finding: the situation they are quoted for.
CITED_FOR = {
    "cite_networked_storage": "lưu giữ, soạn thảo bí mật nhà nước trên máy tính kết nối mạng",
    "cite_repurposing": "chuyển mục đích sử dụng máy tính khi chưa loại bỏ bí mật nhà nước",
    "cite_unlawful_copying": "sao chép, lưu giữ, chuyển giao trái phép",
    "cite_transmission": "truyền đưa bí mật nhà nước trái quy định về cơ yếu",
    "cite_meeting_devices": "thiết bị dùng trong cuộc họp có nội dung bí mật nhà nước",
    "cite_pre_use_check": "kiểm tra an ninh máy tính trước khi đưa vào sử dụng",
    "cite_computer_inspection": "kiểm tra hệ thống máy tính",
    "cite_incident_plan": "phương án ứng phó sự cố an ninh mạng",
    "cite_security_levels": "cấp độ an toàn hệ thống thông tin",
    "cite_four_layers": "mô hình bảo đảm an toàn thông tin 4 lớp",
    "cite_inventory_record": "danh mục máy tính, thiết bị",
    "cite_proposal": "tờ trình, phiếu đề xuất độ mật",
    "cite_sending": "vận chuyển, giao nhận tài liệu mật",
    "cite_copying": "sao, chụp tài liệu mật",
    "cite_take_out": "mang tài liệu mật ra khỏi nơi lưu giữ",
    "cite_register_practice": "quản lý sổ (số đã hủy giữ nguyên, sổ đã khóa không sửa)",
    "cite_handover": "bàn giao tài liệu mật",
    "cite_clearance": "mức được tiếp cận bí mật nhà nước",
}


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, dict):
        return "; ".join(f"{_level(str(k))}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    return _level(str(value))


def rule_sentence(key: str, value: Any, classes: dict[str, str]) -> str:
    """The rule `key` with `value` as a sentence; `classes` names the authority classes."""
    if key in SENTENCES:
        try:
            return SENTENCES[key](value, classes)
        except (AttributeError, KeyError, TypeError):
            pass  # an administrator's override of another shape: say its value plainly
    if key in CITED_FOR:
        return f"Căn cứ trích dẫn về {CITED_FOR[key]}: {value}."
    return _plain(value)

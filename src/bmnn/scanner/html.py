"""A readable, self-contained HTML summary of a scan report (Vietnamese, no external assets).

The JSON keeps machine values (ISO times in UTC, English error reasons, part names); this page
shows them as a clerk reads them: dd/mm/yyyy local times, 1.234 numbers, Vietnamese reasons and
"đầu trang (word/header1.xml)"."""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from typing import Any

from bmnn.scanner.channels import app_label

LEVEL_NAMES = {"tuyet_mat": "Tuyệt mật", "toi_mat": "Tối mật", "mat": "Mật"}
KIND_NAMES = {"level": "Dấu độ mật", "envelope": "Dấu chữ trên bì", "copy_number": "Bản số",
              "named_person": "Chỉ người có tên mới được bóc bì", "recalled": "Tài liệu thu hồi",
              "declassified": "Giải mật"}
CONN_KINDS = {"wifi": "Wi-Fi", "ethernet": "mạng có dây", "vpn": "VPN", "dhcp": "DHCP", "dns": "DNS",
              "other": "khác"}
REASONS = {
    "encrypted": "có mật khẩu, mã hóa", "corrupt": "tệp hỏng", "truncated": "tệp bị cắt cụt",
    "too large": "quá lớn", "too deep": "tệp nén lồng quá sâu", "unsupported": "chưa đọc được định dạng",
    "permission denied": "không có quyền đọc", "timeout": "đọc quá thời gian cho phép",
    "reader crashed": "trình đọc bị lỗi", "unreadable": "không đọc được",
    "path too long": "đường dẫn quá dài",
    "symlink loop": "liên kết vòng", "broken link": "liên kết hỏng", "special file": "tệp đặc biệt",
    "vanished or broken link": "tệp đã mất hoặc liên kết hỏng",
    "unreadable text": "chữ không khôi phục được (phông chữ không có bảng mã Unicode), cần kiểm tra bằng mắt",
    "no OCR engine": "chưa đọc được: không có bộ nhận dạng chữ (OCR)",
}
# Whole reasons worth their own words.
FULL_REASONS = {
    "unsupported: Outlook data file": "tệp dữ liệu Outlook (.pst, .ost): trình quét không đọc được",
    "unsupported: no PDF reader": "chưa đọc được: máy không có bộ đọc PDF (gói pypdfium2)",
}
PLACES = (
    (r"header|headers", "đầu trang"), (r"footer", "chân trang"), (r"comment", "ghi chú"),
    (r"textbox|text boxes|drawing", "hộp văn bản"), (r"docProps|properties|meta\.xml", "thuộc tính tệp"),
    (r"styles\.xml", "đầu, chân trang"), (r"footnote|endnote", "chú thích"),
    (r"notesSlide|notes", "ghi chú trình chiếu"), (r"slideMaster|slideLayout", "trang chiếu mẫu"),
    (r"slide", "trang chiếu"), (r"sharedStrings|cells|worksheets|sheet", "ô bảng tính"),
    (r"^ocr", "nhận dạng ảnh"), (r"^page", "trang"), (r"document\.xml|content\.xml|^text$|body", "nội dung"),
)
STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a;max-width:75rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #ccc;padding:.3rem;
text-align:left;vertical-align:top}th{background:#f0f0f0}.bad{color:#a00;font-weight:bold}
.ok{color:#060}code{word-break:break-all}.note{background:#fff6d6;padding:.5rem}
"""


def _cell(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return escape(_when(str(value)))


def _when(value: str) -> str:
    """An ISO date as dd/mm/yyyy, an ISO time as local dd/mm/yyyy hh:mm:ss; anything else as is."""
    if not re.match(r"\d{4}-\d{2}-\d{2}", value):
        return value
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if len(value) == 10:
        return f"{moment:%d/%m/%Y}"
    return f"{moment.astimezone() if moment.tzinfo else moment:%d/%m/%Y %H:%M:%S}"


def _reason(reason: str | None) -> str:
    """'corrupt: word/document.xml' → 'tệp hỏng (corrupt: word/document.xml)'."""
    if not reason:
        return ""
    name = reason.split(":", 1)[0]
    words = FULL_REASONS.get(reason) or REASONS.get(name)
    return f"{words} ({reason})" if words else reason


def _place(location: str) -> str:
    """Where in the file, in words, then the technical name: "đầu trang (word/header1.xml)"."""
    inner = location.rsplit("!", 1)[-1]
    for pattern, words in PLACES:
        if re.search(pattern, inner, re.I):
            return f"{words} ({location})"
    return location


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    if not rows:
        return "<p>Không có.</p>"
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _host(report: dict[str, Any]) -> str:
    host, posture = report.get("host", {}), report.get("posture", {})
    internet = posture.get("internet_now")
    rows = [["Tên máy", host.get("hostname")], ["Mã máy", host.get("machine_id")],
            ["Hệ điều hành", host.get("os_product") or host.get("os_name")],
            ["Phiên bản", host.get("os_version")], ["Hết hỗ trợ", host.get("os_end_of_support")],
            ["Có đường ra Internet lúc quét (suy ra, không gửi gói tin)", internet]]
    return "<h2>Máy tính</h2>" + _table(["Mục", "Giá trị"], rows)


def _posture(posture: dict[str, Any]) -> str:
    parts = ["<h2>Phần mềm diệt virus</h2>", _table(
        ["Sản phẩm", "Đang bật", "Ngày mẫu nhận diện"],
        [[a.get("name"), a.get("enabled"), a.get("signature_date")] for a in posture.get("antivirus", [])])]
    parts += ["<h2>Giao diện mạng</h2>", _table(
        ["Tên", "Loại", "Đang bật", "Địa chỉ"],
        [[i.get("name"), CONN_KINDS.get(i.get("kind", ""), i.get("kind")), i.get("up"),
          ", ".join(i.get("addresses", []))]
         for i in posture.get("interfaces", [])])]
    parts += ["<h2>Dấu vết kết nối mạng trước đây</h2>", _table(
        ["Loại", "Tên", "Lần đầu", "Lần cuối", "Nguồn"],
        [[CONN_KINDS.get(c.get("kind", ""), c.get("kind")), c.get("name"), c.get("first_seen"),
          c.get("last_seen"), c.get("evidence")] for c in posture.get("past_connections", [])])]
    parts += ["<h2>Thiết bị lưu trữ USB đã cắm</h2>", _table(
        ["Hãng", "Sản phẩm", "Số sê-ri", "Lần đầu", "Lần cuối", "Nguồn"],
        [[u.get("vendor"), u.get("product"), u.get("serial"), u.get("first_seen"), u.get("last_seen"),
          u.get("evidence")] for u in posture.get("usb_storage", [])])]
    return "".join(parts)


def _summary(report: dict[str, Any]) -> str:
    s = report.get("summary", {})
    by_level = s.get("by_level", {})
    rows = [["Tệp đã thấy", s.get("files_seen")], ["Tệp đã quét", s.get("files_scanned")],
            ["Dung lượng đã quét (byte)", s.get("bytes_scanned")],
            ["Tệp có dấu mật", s.get("files_with_marks")],
            *[[f"— cao nhất {name}", by_level.get(key, 0)] for key, name in LEVEL_NAMES.items()],
            *_messaging_rows(s),
            ["Tệp lỗi", s.get("errors")], ["Bỏ qua", s.get("skipped")],
            ["Quét trọn vẹn", s.get("complete")]]
    notes = "".join(f'<p class="note">{escape(n)}</p>' for n in s.get("notes", []))
    return "<h2>Tổng hợp</h2>" + notes + _table(["Mục", "Số"], rows)


def _messaging_rows(summary: dict[str, Any]) -> list[list[Any]]:
    """Files with a secrecy level where messaging apps and mail clients keep what they receive
    (absent from reports of older versions)."""
    if "files_in_messaging" not in summary:
        return []
    by_app = summary.get("messaging_by_app") or {}
    return [["Tệp mang dấu độ mật ở nơi ứng dụng nhắn tin, thư điện tử lưu tệp nhận được",
             summary["files_in_messaging"]],
            *[[f"— nhận qua {app_label(app)}", count] for app, count in by_app.items()]]


def _path(record: dict[str, Any]) -> str:
    """The path, and the app that received the file when it sits in such a place."""
    path = str(record.get("path", ""))
    app = record.get("received_via")
    return f"{path} (nhận qua {app_label(app)})" if isinstance(app, str) and app else path


def _mark(mark: dict[str, Any]) -> str:
    level = LEVEL_NAMES.get(mark.get("level") or "", "")
    kind = KIND_NAMES.get(mark.get("kind", ""), mark.get("kind"))
    evidence = mark.get("evidence") or mark.get("text")
    return f"{kind}{' ' + level if level else ''}, {_place(str(mark.get('location', '')))}: «{evidence}»"


def _files(report: dict[str, Any]) -> str:
    rows = []
    for record in report.get("files", []):
        marks = "; ".join(_mark(m) for m in record.get("marks", []))
        hits = "; ".join(f"{h.get('item')}: «{h.get('phrase')}» ({h.get('location')})"
                         for h in record.get("catalog_hits", []))
        rows.append([_path(record), record.get("type"), record.get("size"), marks, hits,
                     _reason(record.get("error")), record.get("sha256")])
    return "<h2>Tệp cần xem xét</h2>" + _table(
        ["Đường dẫn", "Loại", "Cỡ (byte)", "Dấu mật", "Trùng danh mục", "Lỗi", "SHA-256"], rows)


def render_html(report: dict[str, Any]) -> str:
    """The whole page as one string."""
    signed = "có chữ ký Ed25519" if report.get("signature") else "không ký"
    roots = ", ".join(report.get("roots", []))
    skipped = _table(["Đường dẫn", "Lý do"], [[s.get("path"), _reason(s.get("reason"))]
                                              for s in report.get("skipped", [])[:1000]])
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>Báo cáo quét máy {escape(str(report.get('host', {}).get('hostname', '')))}</title>"
        f"<style>{STYLE}</style></head><body>"
        f"<h1>Báo cáo quét tài liệu mật trên máy tính</h1>"
        f"<p>Quét {escape(roots)} từ {_cell(report.get('started_at'))} đến "
        f"{_cell(report.get('finished_at'))}; bản báo cáo {signed}; "
        f"phiên bản trình quét {escape(str(report.get('scanner_version')))}.</p>"
        + _summary(report) + _files(report) + _host(report) + _posture(report.get("posture", {}))
        + "<h2>Bỏ qua (tối đa 1000 dòng)</h2>" + skipped + "</body></html>\n"
    )

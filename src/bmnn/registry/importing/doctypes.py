"""Telling a bare document type ("Quyết định") from a type with its summary ("Quyết định về
việc …"), for the rule that a Tuyệt mật line records the type only, never the summary.

The type names are those of Nghị định 30/2020/NĐ-CP (văn bản hành chính) plus the legal and
secret-work types registers commonly hold. A cell that starts with a known type and goes on with
words other than a number/symbol carries a summary; so does a cell with no known type (it cannot
be told from a short summary, and a Tuyệt mật summary must never be stored).
"""

from __future__ import annotations

import re

from bmnn.lib.text import fold

DOC_TYPES = (
    "Luật", "Pháp lệnh", "Nghị quyết", "Nghị định", "Quyết định", "Chỉ thị", "Thông tư",
    "Thông tư liên tịch", "Quy chế", "Quy định", "Thông cáo", "Thông báo", "Thông tri",
    "Hướng dẫn", "Chương trình", "Kế hoạch", "Phương án", "Đề án", "Dự án", "Báo cáo",
    "Biên bản", "Tờ trình", "Hợp đồng", "Công văn", "Công điện", "Điện", "Điện mật", "Mật điện",
    "Bản ghi nhớ", "Bản thỏa thuận", "Giấy ủy quyền", "Giấy mời", "Giấy giới thiệu", "Phiếu gửi",
    "Phiếu chuyển", "Phiếu báo", "Thư công", "Kết luận", "Bản đồ", "Sơ đồ", "Hồ sơ", "Tài liệu",
    "Văn bản", "Đề thi", "Đáp án", "Danh sách", "Danh mục", "Dự thảo", "Bản tin", "Đề cương",
)
# The abbreviations registers use for the common types ("QĐ", "TTr", "CV"…).
ABBREVIATIONS = {
    "qd": "Quyết định", "cv": "Công văn", "bc": "Báo cáo", "kh": "Kế hoạch", "ttr": "Tờ trình",
    "tb": "Thông báo", "nq": "Nghị quyết", "ct": "Chỉ thị", "hd": "Hướng dẫn", "ds": "Danh sách",
    "bb": "Biên bản", "ptr": "Phiếu trình",
}
_CANONICAL = {fold(t): t for t in DOC_TYPES} | ABBREVIATIONS
_FOLDED = sorted(_CANONICAL, key=len, reverse=True)
_SEPARATORS = " :-–—,.;()"
# What may follow the type without being a summary: its number and symbol ("số 12/QĐ-UBND").
_REFERENCE = re.compile(r"^(so\s*)?[\w./-]*\d[\w./-]*$")


def is_more_than_type(type_summary: str) -> bool:
    """True when the cell says more than a known document type (or its usual abbreviation) and
    its number/symbol — strict, for Tuyệt mật lines: "TTr nhân sự TBT", "QĐ về nhân sự" and a
    cell naming no known type ("Vũ khí hạt nhân") all count as a summary."""
    folded = fold(type_summary).strip(_SEPARATORS)
    if not folded:
        return False
    for doc_type in _FOLDED:
        if folded == doc_type:
            return False
        if folded.startswith(doc_type) and folded[len(doc_type)] in _SEPARATORS:
            rest = folded[len(doc_type):].strip(_SEPARATORS)
            return bool(rest) and not _REFERENCE.match(rest)
    return True


def doc_type_of(type_summary: str) -> str:
    """The known document type a cell starts with ("Kế hoạch bảo vệ đề thi" → "Kế hoạch"), or ""."""
    folded = fold(type_summary).strip(_SEPARATORS)
    for doc_type in _FOLDED:
        if folded == doc_type or (folded.startswith(doc_type) and folded[len(doc_type)] in _SEPARATORS):
            return _CANONICAL[doc_type]
    return ""

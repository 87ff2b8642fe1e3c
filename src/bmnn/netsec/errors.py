"""Refusals of netsec actions, each naming the provision it enforces."""

from __future__ import annotations

from bmnn.law.errors import LawRefusal

LAW_2018_ART5_5 = "Khoản 5 Điều 5 Luật Bảo vệ bí mật nhà nước 2018"
LAW_2018_ART5_7 = "Khoản 7 Điều 5 Luật Bảo vệ bí mật nhà nước 2018"
DECREE_85 = "Nghị định 85/2016/NĐ-CP"
CYBER_LAW_ART23 = "Khoản 1 Điều 23 Luật An ninh mạng 2018"
PRE_USE_CHECK = "Kế hoạch 2026 tỉnh Lào Cai mục III.1 (kiểm tra an ninh trước khi đưa vào sử dụng)"
LAW_2018_ART5_2 = "Khoản 2 Điều 5 Luật Bảo vệ bí mật nhà nước 2018 (sao chép, lưu giữ, chuyển giao trái phép)"
LAW_2018_ART5_6 = "Khoản 6 Điều 5 Luật Bảo vệ bí mật nhà nước 2018 (truyền đưa trái quy định về cơ yếu)"
INSPECTION_261 = ("Văn bản 261/X05-P5 ngày 27/01/2026 của Thanh tra Bộ Công an, mục 3 "
                  "(kiểm tra hệ thống máy tính)")
SCAN_FORMAT = "Định dạng báo cáo quét bmnn-scan-report/1 (docs/scan-report.md)"


class NotCheckedBeforeUse(LawRefusal):
    code = "not_checked_before_use"


class RepurposeWithoutWipe(LawRefusal):
    code = "repurpose_without_wipe"


class LevelOutOfRange(LawRefusal):
    code = "level_out_of_range"


class LevelNotProposed(LawRefusal):
    code = "level_not_proposed"


class MeasureUnknown(LawRefusal):
    code = "measure_unknown"


class PlanNotApproved(LawRefusal):
    code = "plan_not_approved"


class ScanReportRefused(LawRefusal):
    """The scan report is malformed, tampered, unsigned where a signature is required, or
    belongs to no computer of the unit. The whole report is refused."""

    code = "scan_report_refused"

    def __init__(self, message: str) -> None:
        super().__init__(message, SCAN_FORMAT)

"""Computers and devices, information systems, incident plans, imported endpoint scans."""

from __future__ import annotations

import datetime as dt

from django.db import models

from bmnn.lib import limits
from bmnn.org.models import Unit


class DeviceKind(models.TextChoices):
    COMPUTER = "computer", "Máy tính để bàn"
    LAPTOP = "laptop", "Máy tính xách tay"
    SERVER = "server", "Máy chủ"
    PRINTER = "printer", "Máy in"
    COPIER = "copier", "Máy photocopy"
    MEETING = "meeting", "Thiết bị dùng trong phòng họp"
    USB = "usb", "Thiết bị lưu trữ USB"


COMPUTING_KINDS = (DeviceKind.COMPUTER, DeviceKind.LAPTOP, DeviceKind.SERVER)


class Purpose(models.TextChoices):
    STANDALONE = "standalone", "Máy tính độc lập soạn thảo, lưu giữ BMNN"
    LAN = "lan", "Mạng LAN độc lập"
    NETWORKED = "networked", "Kết nối mạng nội bộ"
    INTERNET = "internet", "Kết nối Internet"
    UNKNOWN = "unknown", "Chưa xác định"


class LicenceStatus(models.TextChoices):
    LICENSED = "licensed", "Có bản quyền"
    UNLICENSED = "unlicensed", "Không bản quyền"
    UNKNOWN = "unknown", "Chưa rõ"


class CheckResult(models.TextChoices):
    NONE = "", "Chưa kiểm tra"
    PASSED = "passed", "Đạt"
    FAILED = "failed", "Không đạt"


class Computer(models.Model):
    """A computer or other device of a unit, with what the law asks to know about it."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="computers")
    asset_id = models.CharField("mã tài sản", max_length=80)
    hostname = models.CharField("tên máy", max_length=120, blank=True)
    machine_id = models.CharField("mã định danh máy", max_length=120, blank=True)
    kind = models.CharField("loại thiết bị", max_length=20, choices=DeviceKind.choices,
                            default=DeviceKind.COMPUTER)
    purpose = models.CharField("mục đích sử dụng", max_length=20, choices=Purpose.choices)
    location = models.CharField("vị trí đặt", max_length=255, blank=True)
    responsible = models.CharField("người chịu trách nhiệm", max_length=255, blank=True)
    approved_usb = models.TextField(
        "thiết bị USB được phép", blank=True, max_length=limits.NOTE,
        help_text="Số serial các thiết bị lưu trữ USB được phép gắn vào máy, mỗi dòng một số.")
    os_name = models.CharField("hệ điều hành", max_length=120, blank=True)
    os_version = models.CharField("phiên bản", max_length=120, blank=True)
    os_end_of_support = models.DateField("hết hỗ trợ", null=True, blank=True)
    licence = models.CharField("bản quyền hệ điều hành", max_length=20, choices=LicenceStatus.choices,
                               default=LicenceStatus.UNKNOWN)
    antivirus_product = models.CharField("phần mềm diệt virus", max_length=120, blank=True)
    antivirus_licence = models.CharField("bản quyền phần mềm diệt virus", max_length=20,
                                         choices=LicenceStatus.choices, default=LicenceStatus.UNKNOWN)
    antivirus_signature_date = models.DateField("ngày cập nhật mẫu virus", null=True, blank=True)
    check_date = models.DateField("ngày kiểm tra trước khi sử dụng", null=True, blank=True)
    check_by = models.CharField("người, cơ quan kiểm tra", max_length=255, blank=True)
    check_result = models.CharField("kết quả kiểm tra", max_length=20, choices=CheckResult.choices,
                                    blank=True, default=CheckResult.NONE)
    check_ref = models.CharField("số biên bản kiểm tra (Công an)", max_length=120, blank=True)
    in_use_since = models.DateField("đưa vào sử dụng từ", null=True, blank=True)
    repurposed_on = models.DateField("ngày chuyển mục đích", null=True, blank=True)
    repurposed_to = models.CharField("mục đích mới", max_length=255, blank=True)
    repurposed_from = models.CharField("mục đích trước khi chuyển", max_length=20, blank=True)
    wiped_on = models.DateField("ngày xóa an toàn", null=True, blank=True)
    wipe_method = models.CharField("phương pháp xóa", max_length=255, blank=True)
    wiped_by = models.CharField("người xóa", max_length=255, blank=True)
    active = models.BooleanField("đang sử dụng", default=True)
    retired_on = models.DateField("ngày thôi sử dụng", null=True, blank=True)

    class Meta:
        ordering = ["unit__code", "asset_id"]
        verbose_name = "máy tính, thiết bị"
        constraints = [models.UniqueConstraint(fields=["unit", "asset_id"], name="netsec_unique_asset")]

    def __str__(self) -> str:
        return f"{self.asset_id} ({self.hostname})" if self.hostname else self.asset_id

    @property
    def is_computing(self) -> bool:
        return self.kind in COMPUTING_KINDS

    @property
    def approved_usb_serials(self) -> set[str]:
        return {line.strip().upper() for line in self.approved_usb.splitlines() if line.strip()}

    def os_expired(self, today: dt.date) -> bool:
        return self.os_end_of_support is not None and self.os_end_of_support < today


class MalwareRecord(models.Model):
    """Malware found on a computer (by its antivirus or an inspection), until it is cleaned."""

    computer = models.ForeignKey(Computer, on_delete=models.PROTECT, related_name="malware")
    found_on = models.DateField("ngày phát hiện")
    name = models.CharField("tên mã độc", max_length=255)
    source = models.CharField("nguồn phát hiện", max_length=255, blank=True)
    cleaned_on = models.DateField("ngày xử lý xong", null=True, blank=True)

    class Meta:
        ordering = ["-found_on"]
        verbose_name = "mã độc phát hiện"


class LayerStatus(models.TextChoices):
    NONE = "none", "Chưa triển khai"
    PARTIAL = "partial", "Triển khai một phần"
    DONE = "done", "Đã triển khai"


LAYERS = {
    "1": "Lực lượng tại chỗ",
    "2": "Tổ chức giám sát, bảo vệ chuyên nghiệp",
    "3": "Tổ chức kiểm tra, đánh giá độc lập",
    "4": "Kết nối, chia sẻ thông tin với hệ thống giám sát quốc gia",
}


class InformationSystem(models.Model):
    """An information system; its security level per Nghị định 85/2016/NĐ-CP."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="information_systems")
    name = models.CharField("tên hệ thống", max_length=255)
    description = models.TextField("mô tả", blank=True, max_length=limits.NOTE)
    proposed_level = models.PositiveSmallIntegerField("cấp độ đề xuất", null=True, blank=True)
    dossier_ref = models.CharField("hồ sơ đề xuất cấp độ", max_length=255, blank=True)
    approval_number = models.CharField("số quyết định phê duyệt", max_length=80, blank=True)
    approval_date = models.DateField("ngày phê duyệt", null=True, blank=True)
    approving_body = models.CharField("cơ quan phê duyệt", max_length=255, blank=True)
    measures = models.JSONField("trạng thái biện pháp", default=dict, blank=True)
    layers = models.JSONField("mô hình 4 lớp", default=dict, blank=True)

    class Meta:
        ordering = ["unit__code", "name"]
        verbose_name = "hệ thống thông tin"

    def __str__(self) -> str:
        return self.name

    @property
    def level_approved(self) -> bool:
        return self.proposed_level is not None and bool(self.approval_number) and bool(self.approval_date)

    def layer_status(self, layer: str) -> str:
        return str(self.layers.get(layer, {}).get("status", LayerStatus.NONE))


class IncidentPlan(models.Model):
    """A response plan for cybersecurity incidents (Điều 23 Luật An ninh mạng)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="incident_plans")
    title = models.CharField("tên phương án", max_length=255)
    approved_by = models.CharField("người phê duyệt", max_length=255, blank=True)
    approved_on = models.DateField("ngày phê duyệt", null=True, blank=True)
    last_exercise_on = models.DateField("ngày diễn tập gần nhất", null=True, blank=True)
    next_review_on = models.DateField("ngày rà soát tiếp theo", null=True, blank=True)

    class Meta:
        ordering = ["unit__code", "-approved_on"]
        verbose_name = "phương án ứng phó sự cố"

    def __str__(self) -> str:
        return self.title


class ScanReport(models.Model):
    """One imported `bmnn-scan-report/1` document."""

    computer = models.ForeignKey(Computer, on_delete=models.PROTECT, related_name="scans")
    received_at = models.DateTimeField("ngày nhập")
    started_at = models.DateTimeField("bắt đầu quét")
    finished_at = models.DateTimeField("kết thúc quét")
    scanner_version = models.CharField("phiên bản công cụ", max_length=40)
    signed = models.BooleanField("có chữ ký", default=False)
    key_fingerprint = models.CharField("dấu vân tay khóa", max_length=64, blank=True)
    sha256 = models.CharField("mã băm báo cáo", max_length=64, unique=True)
    # The report's identity: the SHA-256 of what is signed (the canonical JSON without the
    # signature), so a re-indented or re-serialised copy is the same report. Empty (NULL) only
    # on a copy imported twice before this was kept.
    content_sha256 = models.CharField("mã băm nội dung đã ký", max_length=64, unique=True, null=True,
                                      blank=True)
    summary = models.JSONField("tóm tắt", default=dict)
    posture = models.JSONField("tình trạng máy", default=dict)
    raw = models.TextField("báo cáo gốc (JSON)")

    class Meta:
        ordering = ["-finished_at"]
        verbose_name = "báo cáo quét"

    @property
    def past_connections(self) -> list[dict[str, object]]:
        return list(self.posture.get("past_connections") or [])

    @property
    def internet_now(self) -> bool:
        return bool(self.posture.get("internet_now"))

    @property
    def unread_text(self) -> str:
        """ "Chưa đọc được 3 tệp PDF, 2 tệp ảnh PNG" from the report's count of files left unread
        (no OCR engine, no PDF reader, text no reader recovered); '' when none was."""
        counts = self.summary.get("unread_by_type") or {}
        if not isinstance(counts, dict) or not counts:
            return ""
        pictures = {"png", "jpg", "jpeg", "tif", "tiff", "bmp", "gif", "webp", "image"}
        parts = [f"{n} tệp {'ảnh ' if str(kind).lower() in pictures else ''}{str(kind).upper()}"
                 for kind, n in sorted(counts.items()) if isinstance(n, int) and n > 0]
        return f"Chưa đọc được {', '.join(parts)}" if parts else ""


class ScanFinding(models.Model):
    """A flagged file of a scan: its marks of secrecy, catalog hits or read error."""

    report = models.ForeignKey(ScanReport, on_delete=models.CASCADE, related_name="findings")
    path = models.TextField("đường dẫn")
    sha256 = models.CharField("mã băm", max_length=64, blank=True)
    marks = models.JSONField("dấu mật", default=list)
    level = models.CharField("độ mật cao nhất", max_length=20, blank=True)
    catalog_hits = models.JSONField("khớp danh mục", default=list)
    error = models.TextField("lỗi đọc", blank=True)
    received_via = models.CharField("nhận qua ứng dụng", max_length=40, blank=True,
                                    help_text="Ứng dụng nhắn tin, thư điện tử giữ tệp (do công cụ quét ghi).")

    class Meta:
        ordering = ["report", "path"]
        verbose_name = "tệp bị gắn cờ"

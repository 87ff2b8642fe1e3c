"""A secret document (or object) and its classification proposal and recipients."""

from __future__ import annotations

from django.db import models

from bmnn.catalog.models import CatalogItem
from bmnn.law.levels import Level
from bmnn.lib import limits
from bmnn.lib.choices import LEVEL_CHOICES, REGIME_CHOICES
from bmnn.org.models import Delegation, Person, Unit


class Origin(models.TextChoices):
    OUTGOING = "outgoing", "Do đơn vị ban hành"
    INCOMING = "incoming", "Nhận từ nơi khác"


class DocumentState(models.TextChoices):
    DRAFT = "draft", "Đang soạn thảo"
    PROPOSED = "proposed", "Chờ duyệt độ mật"
    APPROVED = "approved", "Đã duyệt độ mật"
    ISSUED = "issued", "Đã ban hành, vào sổ đi"
    RECEIVED = "received", "Đã vào sổ đến"
    DECLASSIFIED = "declassified", "Đã giải mật"
    DESTROYED = "destroyed", "Đã tiêu hủy"
    LOST = "lost", "Bị mất"


# States in which a document is held and protected by the unit.
HELD_STATES = (DocumentState.ISSUED, DocumentState.RECEIVED)


class Document(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="documents")
    origin = models.CharField("nguồn", max_length=20, choices=Origin.choices)
    state = models.CharField("trạng thái", max_length=20, choices=DocumentState.choices)
    doc_type = models.CharField("tên loại", max_length=120)
    number_symbol = models.CharField("số, ký hiệu", max_length=120, blank=True)
    summary = models.TextField("trích yếu", blank=True, max_length=limits.SUMMARY)
    level = models.CharField("độ mật", max_length=20, choices=LEVEL_CHOICES)
    regime = models.CharField("chế độ pháp lý", max_length=10, choices=REGIME_CHOICES)
    rulepack_version = models.CharField(max_length=40, blank=True)
    determined_on = models.DateField("ngày xác định độ mật", null=True, blank=True)
    issuer_name = models.CharField("cơ quan ban hành", max_length=255, blank=True)
    drafter = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="drafted"
    )
    drafter_name = models.CharField("người soạn thảo", max_length=255, blank=True)
    signer = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="signed"
    )
    signer_name = models.CharField("người ký", max_length=255, blank=True)
    signer_delegation = models.ForeignKey(
        Delegation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    copy_permitted = models.BooleanField("được phép sao, chụp", null=True)
    copies_issued = models.PositiveIntegerField("số lượng bản phát hành", default=0)
    protected_until = models.DateField("thời hạn bảo vệ đến", null=True, blank=True)
    shorter_until = models.DateField("thời hạn ngắn hơn", null=True, blank=True)
    arrival_number = models.PositiveIntegerField("số đến", null=True, blank=True)
    arrival_date = models.DateField("ngày đến", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["unit", "state"]),
            models.Index(fields=["protected_until"]),
        ]  # SQLite also has a covering search index, made in migration 0004.

    def __str__(self) -> str:
        return self.number_symbol or f"{self.doc_type} (chưa có số)"

    @property
    def level_enum(self) -> Level:
        return Level(self.level)

    @property
    def title(self) -> str:
        if self.level == Level.TUYET_MAT:
            return self.doc_type
        return f"{self.doc_type}: {self.summary}" if self.summary else self.doc_type


class ProposalStatus(models.TextChoices):
    PENDING = "pending", "Chờ duyệt"
    APPROVED = "approved", "Đã duyệt"
    REJECTED = "rejected", "Không duyệt"


class Proposal(models.Model):
    """The drafter's classification proposal (Điều 2 Nghị định 26/2020/NĐ-CP)."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="proposals")
    drafter = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="proposals")
    level = models.CharField("độ mật đề xuất", max_length=20, choices=LEVEL_CHOICES)
    basis = models.ManyToManyField(CatalogItem, related_name="proposals", verbose_name="căn cứ")
    level_reason = models.TextField("lý do độ mật khác căn cứ", blank=True, max_length=limits.NOTE)
    copy_permitted = models.BooleanField("được phép sao, chụp")
    status = models.CharField(max_length=20, choices=ProposalStatus.choices)
    submitted_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="decided_proposals"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_delegation = models.ForeignKey(
        Delegation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_note = models.TextField("ý kiến khi duyệt", blank=True, max_length=limits.NOTE)

    class Meta:
        ordering = ["-submitted_at"]


class Recipient(models.Model):
    """One line of the "Nơi nhận" block, with the copy numbers (bản số) it receives."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="recipients")
    order = models.PositiveIntegerField()
    name = models.CharField("nơi nhận", max_length=255)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT)
    named_person = models.BooleanField("chỉ người có tên mới được bóc bì", default=False)
    copies = models.PositiveIntegerField("số bản")
    copy_from = models.PositiveIntegerField("từ bản số", null=True, blank=True)
    copy_to = models.PositiveIntegerField("đến bản số", null=True, blank=True)

    class Meta:
        ordering = ["document", "order"]

    @property
    def copy_numbers(self) -> str:
        if self.copy_from is None or self.copy_to is None:
            return ""
        if self.copy_from == self.copy_to:
            return f"bản số {self.copy_from:02d}"
        return f"bản số {self.copy_from:02d}–{self.copy_to:02d}"

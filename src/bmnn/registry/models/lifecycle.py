"""Extension, level change, declassification, destruction, loss and handover between units."""

from __future__ import annotations

from django.db import models

from bmnn.lib import limits
from bmnn.lib.choices import LEVEL_CHOICES
from bmnn.org.models import Delegation, Person, Unit
from bmnn.registry.models.documents import Document


class LifeDecisionKind(models.TextChoices):
    EXTENSION = "extension", "Gia hạn thời hạn bảo vệ"
    LEVEL_CHANGE = "level_change", "Điều chỉnh độ mật"
    DECLASSIFY_AUTO = "declassify_auto", "Giải mật đương nhiên (hết thời hạn)"
    DECLASSIFY_CATALOG = "declassify_catalog", "Giải mật đương nhiên (không còn trong danh mục)"
    DECLASSIFY = "declassify", "Giải mật theo quyết định"


class LifeDecision(models.Model):
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(max_length=20, choices=LifeDecisionKind.choices)
    decided_on = models.DateField()
    decided_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT)
    delegation = models.ForeignKey(
        Delegation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_number = models.CharField(max_length=80, blank=True)
    reason = models.TextField("lý do", blank=True, max_length=limits.NOTE)
    council = models.TextField("hội đồng", blank=True, max_length=limits.NOTE)
    old_until = models.DateField(null=True, blank=True)
    new_until = models.DateField(null=True, blank=True)
    old_level = models.CharField(max_length=20, choices=LEVEL_CHOICES, blank=True)
    new_level = models.CharField(max_length=20, choices=LEVEL_CHOICES, blank=True)
    notice_due = models.DateField("hạn thông báo", null=True, blank=True)
    notice_sent_on = models.DateField(null=True, blank=True)
    notice_ref = models.CharField(max_length=120, blank=True)


class Destruction(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="destructions")
    decided_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    decision_number = models.CharField("số quyết định tiêu hủy", max_length=80)
    decided_on = models.DateField()
    urgent = models.BooleanField("tiêu hủy ngay để tránh nguy hại", default=False)
    urgent_reason = models.TextField("lý do phải tiêu hủy ngay", blank=True, max_length=limits.NOTE)
    report_ref = models.CharField("văn bản báo cáo người đứng đầu", max_length=120, blank=True)
    council = models.TextField("thành phần hội đồng", max_length=limits.NOTE)
    minutes_ref = models.CharField("biên bản tiêu hủy", max_length=120)
    dossier = models.JSONField("hồ sơ tiêu hủy", default=list)
    destroyed_on = models.DateField()
    documents = models.ManyToManyField(Document, related_name="destructions")


class Loss(models.Model):
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="losses")
    discovered_on = models.DateField()
    reported_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    description = models.TextField("diễn biến", max_length=limits.NOTE)
    reported_to = models.CharField("đã báo cáo", max_length=255)


class HandoverReason(models.TextChoices):
    MERGE = "merge", "Sắp xếp, sáp nhập đơn vị"
    DEPARTURE = "departure", "Cán bộ nghỉ việc, chuyển công tác"
    OTHER = "other", "Khác"


class Handover(models.Model):
    from_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="handovers_out")
    to_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="handovers_in")
    reason = models.CharField(max_length=20, choices=HandoverReason.choices)
    handed_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    received_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    handed_on = models.DateField()
    minutes_ref = models.CharField("biên bản bàn giao", max_length=120)
    documents = models.ManyToManyField(Document, related_name="handovers")

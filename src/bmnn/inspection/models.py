"""Self-inspection plans and runs, checklist answers with evidence, checks of single records,
incidents, and remediation items ("4 rõ"). Category ids are those of data/findings.yaml."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models

from bmnn.lib import limits
from bmnn.org.models import Person, Unit


class Plan(models.Model):
    """Kế hoạch tự kiểm tra: scope (the unit, with or without the units below), the period the
    inspection looks at, the team and the dates it works on."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="inspection_plans")
    include_subunits = models.BooleanField("gồm các đơn vị trực thuộc", default=False)
    period_from = models.DateField("kiểm tra từ ngày")
    period_to = models.DateField("đến ngày")
    number = models.CharField("số kế hoạch", max_length=80, blank=True)
    title = models.CharField("tên kế hoạch", max_length=255)
    team = models.TextField("thành phần tổ kiểm tra", blank=True, max_length=limits.NOTE)
    starts_on = models.DateField("thời gian tiến hành từ")
    ends_on = models.DateField("đến")
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_to", "-id"]
        verbose_name = "kế hoạch tự kiểm tra"

    def __str__(self) -> str:
        return self.title


class RunStatus(models.TextChoices):
    RUNNING = "running", "Đang kiểm tra"
    DONE = "done", "Đã có kết quả, chờ kết luận"
    CLOSED = "closed", "Đã kết luận"


class Run(models.Model):
    """One self-inspection carried out under a plan. `result` is the frozen snapshot: later data
    changes never rewrite it."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="runs")
    status = models.CharField(max_length=20, choices=RunStatus.choices, default=RunStatus.RUNNING)
    as_of = models.DateField("số liệu tính đến ngày")
    started_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField("kết quả", default=dict)
    conclusion = models.TextField("kết luận", blank=True, max_length=limits.NOTE)
    report_number = models.CharField("số báo cáo", max_length=80, blank=True)
    closed_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = "lần tự kiểm tra"

    @property
    def categories(self) -> list[dict[str, Any]]:
        return list(self.result.get("categories", []))


class Evidence(models.Model):
    """An attached scan (quyết định, biên bản, ảnh mẫu dấu…), stored under the data folder by its
    SHA-256; type and size were checked on upload."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    sha256 = models.CharField(max_length=64)
    name = models.CharField("tên tệp", max_length=255)
    content_type = models.CharField(max_length=80)
    size = models.PositiveBigIntegerField()
    path = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()
    # The highest secrecy level of the records it was attached to (a scan of a secret file is as
    # secret as the file): only people cleared for it may download it.
    level = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name = "bằng chứng"

    def __str__(self) -> str:
        return self.name


class Answer(models.TextChoices):
    YES = "yes", "Đã thực hiện đúng"
    NO = "no", "Chưa thực hiện, chưa đúng"


class ChecklistAnswer(models.Model):
    """One answer to a checklist question for a unit. Answers are never edited: a new answer is
    a new row; the newest one is current until it expires."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="checklist_answers")
    question = models.CharField(max_length=60)
    answer = models.CharField(max_length=10, choices=Answer.choices)
    items = models.JSONField("trả lời từng mục", default=dict, blank=True)
    note = models.TextField("ghi chú", blank=True, max_length=limits.NOTE)
    doc_number = models.CharField("số văn bản làm bằng chứng", max_length=120, blank=True)
    doc_date = models.DateField("ngày văn bản", null=True, blank=True)
    evidence = models.ForeignKey(Evidence, null=True, blank=True, on_delete=models.PROTECT)
    answered_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField()
    valid_until = models.DateField("còn giá trị đến")

    class Meta:
        ordering = ["-answered_at", "-id"]
        indexes = [models.Index(fields=["unit", "question"])]
        verbose_name = "trả lời bảng kiểm"

    def current_on(self, day: dt.date) -> bool:
        return self.valid_until >= day


class CheckResult(models.TextChoices):
    VIOLATION = "violation", "Xác nhận có vi phạm"
    COMPLIANT = "compliant", "Đã đối chiếu, đúng quy định"
    REMEDIED = "remedied", "Đã khắc phục"


CLEARED = (CheckResult.COMPLIANT, CheckResult.REMEDIED)


class RecordCheck(models.Model):
    """A person's check of one record for one category: confirms a candidate, answers what an
    imported register line cannot show, or records that a violation was remedied."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(max_length=40)
    record_kind = models.CharField(max_length=30)
    record_id = models.BigIntegerField()
    result = models.CharField(max_length=20, choices=CheckResult.choices)
    note = models.TextField("ghi chú", blank=True, max_length=limits.NOTE)
    reference = models.CharField("văn bản, hồ sơ đối chiếu", max_length=255)
    evidence = models.ForeignKey(Evidence, null=True, blank=True, on_delete=models.PROTECT)
    checked_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["category", "record_kind", "record_id"], name="inspection_one_check_per_record"
            )
        ]
        verbose_name = "đối chiếu hồ sơ"


class Incident(models.Model):
    """A loss, a leak, an exposed password, items found outside the registers in a count."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="incidents")
    category = models.CharField(max_length=40)
    occurred_on = models.DateField("ngày xảy ra", null=True, blank=True)
    discovered_on = models.DateField("ngày phát hiện")
    count = models.PositiveIntegerField("số lượng", default=1)
    description = models.TextField("mô tả", max_length=limits.NOTE)
    reported_to = models.CharField("đã báo cáo", max_length=255, blank=True)
    reference = models.CharField("số văn bản báo cáo, biên bản", max_length=120, blank=True)
    recorded_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-discovered_on", "-id"]
        verbose_name = "sự cố"


class RemediationStatus(models.TextChoices):
    OPEN = "open", "Đang khắc phục"
    DONE = "done", "Đã khắc phục"


class RemediationItem(models.Model):
    """What a finding opens: rõ người (person), rõ việc (task), rõ trách nhiệm (responsibility),
    rõ thời gian hoàn thành (deadline). At most one open item per unit and category."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="remediation_items")
    category = models.CharField(max_length=40)
    run = models.ForeignKey(Run, on_delete=models.PROTECT, related_name="remediation_items")
    keys = models.JSONField("các vi phạm", default=list)
    count = models.PositiveIntegerField("số lượng")
    person = models.ForeignKey(
        Person,
        null=True,
        on_delete=models.PROTECT,
        related_name="remediation_items",
        verbose_name="người thực hiện",
    )
    task = models.TextField("nhiệm vụ", max_length=limits.NOTE)
    responsibility = models.CharField("trách nhiệm", max_length=255)
    deadline = models.DateField("thời hạn hoàn thành")
    status = models.CharField(
        max_length=10, choices=RemediationStatus.choices, default=RemediationStatus.OPEN
    )
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    closing_note = models.TextField("kết quả khắc phục", blank=True, max_length=limits.NOTE)
    closing_reference = models.CharField("văn bản, hồ sơ chứng minh", max_length=255, blank=True)
    evidence = models.ForeignKey(Evidence, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        ordering = ["status", "deadline", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "category"],
                condition=models.Q(status="open"),
                name="inspection_one_open_item",
            )
        ]
        verbose_name = "việc khắc phục"

    def overdue_on(self, day: dt.date) -> bool:
        return self.status == RemediationStatus.OPEN and self.deadline < day

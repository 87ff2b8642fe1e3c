"""Deadlines a receiving body sets, reports filed (sent from here or received here as packages),
the keys that sign and encrypt packages, and the packages refused at the door."""

from __future__ import annotations

from django.db import models

from bmnn.lib import limits
from bmnn.org.models import Person, Unit
from bmnn.reports.kinds import choices as kind_choices


class Deadline(models.Model):
    """A report a receiving body calls for from the units below it: once ("kế hoạch gửi trước ngày
    27/02/2026") or every year on the same day ("trước ngày 30/10 hàng năm", from `due_on`'s year
    on). `units` empty: every unit below the receiver."""

    receiver = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="deadlines_set")
    kind = models.CharField("loại báo cáo", max_length=20, choices=kind_choices())
    period = models.CharField("kỳ báo cáo", max_length=20, blank=True)
    due_on = models.DateField("hạn gửi")
    yearly = models.BooleanField("hằng năm", default=False)
    basis = models.CharField("căn cứ (văn bản yêu cầu)", max_length=limits.NAME)
    issued_on = models.DateField("ngày văn bản", null=True)  # the deadline binds from this day
    units = models.ManyToManyField(
        Unit, blank=True, related_name="deadlines_owed", verbose_name="đơn vị phải báo cáo"
    )
    set_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = "hạn báo cáo"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — hạn {self.due_on:%d/%m/%Y}"


class Direction(models.TextChoices):
    SENT = "sent", "Đã gửi"
    RECEIVED = "received", "Đã nhận"


class Filing(models.Model):
    """One report: on the sender's side when its package was made, on the receiver's when the
    package was imported. `content` holds counts, category ids and statuses — never secret
    content. `rows` are the per-unit figures it carries (its own, and for a body above, the
    approved figures of the units below)."""

    direction = models.CharField(max_length=10, choices=Direction.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="filings")
    receiver = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="filings_received")
    kind = models.CharField("loại báo cáo", max_length=20, choices=kind_choices())
    period = models.CharField("kỳ báo cáo", max_length=20)
    data_from = models.DateField("số liệu từ ngày")
    data_to = models.DateField("đến ngày")
    sent_on = models.DateField("ngày gửi")
    sequence = models.PositiveIntegerField("số thứ tự gói")
    package_sha256 = models.CharField(max_length=64)
    key_fingerprint = models.CharField(max_length=64)
    manifest = models.JSONField(default=dict)
    content = models.JSONField(default=dict)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(Person, null=True, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-sent_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["direction", "unit", "sequence"], name="reports_one_package_per_sequence"
            )
        ]
        indexes = [models.Index(fields=["unit", "kind", "period"])]
        verbose_name = "báo cáo đã gửi, nhận"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period} — {self.unit.name}"


class KeyPurpose(models.TextChoices):
    SIGN = "sign", "Ký số gói báo cáo (Ed25519)"
    ENCRYPT = "encrypt", "Mã hóa gói gửi đến đơn vị (age X25519)"


class PackageKey(models.Model):
    """A unit's public key: made here (the private half under the data folder, `private_file`) or
    registered from the owner's paper, fingerprint checked aloud. A revoked key verifies nothing."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="package_keys")
    purpose = models.CharField(max_length=10, choices=KeyPurpose.choices)
    public = models.CharField("khóa công khai", max_length=200)
    fingerprint = models.CharField("dấu vân tay", max_length=64, unique=True)
    private_file = models.CharField(max_length=255, blank=True)
    registered_at = models.DateTimeField()
    registered_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField("văn bản giao nhận khóa", max_length=limits.NAME, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField("lý do thu hồi", max_length=limits.NAME, blank=True)

    class Meta:
        ordering = ["unit__code", "purpose", "-registered_at"]
        verbose_name = "khóa gói báo cáo"

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} — {self.unit.name} ({self.fingerprint[:16]})"

    @property
    def own(self) -> bool:
        return bool(self.private_file)


class RefusedPackage(models.Model):
    """A package file refused at import, with the reason (quarantine list). The file itself is
    kept under the data folder when it is not oversize."""

    name = models.CharField("tên tệp", max_length=limits.NAME)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    reason = models.CharField("lý do từ chối", max_length=limits.NOTE)
    claimed_sender = models.CharField("đơn vị gửi (theo gói)", max_length=limits.REF, blank=True)
    kept_file = models.CharField(max_length=255, blank=True)
    refused_at = models.DateTimeField()
    refused_by = models.ForeignKey(Person, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-refused_at", "-id"]
        verbose_name = "gói báo cáo bị từ chối"

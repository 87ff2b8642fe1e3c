"""The four registers (sổ): volumes, gap-free counters and entries."""

from __future__ import annotations

from django.db import models

from bmnn.lib import limits
from bmnn.lib.choices import REGIME_CHOICES
from bmnn.org.models import Person, Unit
from bmnn.registry.models.documents import Document


class RegisterKind(models.TextChoices):
    OUTGOING = "outgoing", "Sổ đăng ký BMNN đi"
    INCOMING = "incoming", "Sổ đăng ký BMNN đến"
    COPIES = "copies", "Sổ quản lý sao, chụp BMNN"
    TRANSFERS = "transfers", "Sổ chuyển giao BMNN"


class Register(models.Model):
    """One volume (quyển) of a register for a unit and year; a closed volume accepts no change."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="registers")
    kind = models.CharField(max_length=20, choices=RegisterKind.choices)
    year = models.PositiveIntegerField()
    volume = models.PositiveIntegerField("quyển số")
    regime = models.CharField(max_length=10, choices=REGIME_CHOICES)
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        ordering = ["unit", "kind", "-year", "-volume"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "year", "volume"], name="register_volume")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} năm {self.year}, quyển {self.volume}"

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None


class RegisterCounter(models.Model):
    """The last number taken in (unit, kind, year); updated in the action's transaction."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=RegisterKind.choices)
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "year"], name="register_counter")
        ]


class RegisterEntry(models.Model):
    """One numbered line. `columns` holds the values as written, keyed by the layout's ids."""

    register = models.ForeignKey(Register, on_delete=models.PROTECT, related_name="entries")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=RegisterKind.choices)
    year = models.PositiveIntegerField()
    number = models.PositiveIntegerField("số thứ tự")
    entry_date = models.DateField()
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    level = models.CharField(max_length=20, blank=True)
    columns = models.JSONField(default=dict)
    cancelled = models.BooleanField(default=False)
    cancel_reason = models.TextField("lý do hủy dòng", blank=True, max_length=limits.NOTE)
    source = models.CharField("nguồn", max_length=255, default="bmnn")
    # For lines imported from paper registers: what the line shows beyond its text (channel
    # code, envelope letters, names as written, a Tuyệt mật summary withheld); see
    # bmnn.registry.importing.facts. Empty for lines bmnn writes itself.
    facts = models.JSONField(null=True, blank=True, editable=False)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit", "kind", "year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "year", "number"], name="register_entry_number"
            )
        ]
        # SQLite also has a covering search index, made in migration 0004 (not declared here
        # because PostgreSQL limits b-tree rows and searches differently).
        indexes = [models.Index(fields=["register", "number"])]

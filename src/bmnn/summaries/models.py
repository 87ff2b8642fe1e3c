"""One row of an inspection's results as the inspectors gave it: so many findings of one category
in one unit of one locality, for one period."""

from __future__ import annotations

from django.db import models

from bmnn.lib import limits


class FindingRow(models.Model):
    period = models.CharField("kỳ", max_length=20, db_index=True)
    locality = models.CharField("địa phương (như dòng ghi)", max_length=limits.NAME)
    province_new = models.CharField("tỉnh, thành phố (sau sắp xếp 2025)", max_length=limits.NAME)
    province_old = models.CharField("tỉnh, thành phố (trước sắp xếp 2025)", max_length=limits.NAME)
    unit_code = models.CharField("mã đơn vị", max_length=limits.REF)
    unit_name = models.CharField("tên đơn vị", max_length=limits.NAME, blank=True)
    unit_kind = models.CharField("loại đơn vị", max_length=limits.NAME, blank=True)
    category = models.CharField("loại vi phạm, thiếu sót", max_length=limits.REF)
    count = models.PositiveIntegerField("số lượng")
    note = models.CharField("ghi chú", max_length=limits.NOTE, blank=True)
    source = models.CharField("nguồn (tệp, dòng)", max_length=limits.NAME)
    imported_at = models.DateTimeField("thời điểm nhập", auto_now_add=True)
    imported_by = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    imported_by_name = models.CharField("người nhập", max_length=limits.NAME, blank=True)

    class Meta:
        ordering = ["id"]
        # A package replaces the rows its units sent earlier for the period: found by these two.
        indexes = [models.Index(fields=["period", "unit_code"], name="summaries_period_unit")]
        verbose_name = "dòng kết quả kiểm tra"

    def __str__(self) -> str:
        return f"{self.period} {self.locality} {self.unit_code} {self.category}: {self.count}"

"""Catalogs of state secrets (danh mục BMNN) and their items."""

from __future__ import annotations

from django.db import models

from bmnn.law.classification import BasisItem
from bmnn.law.levels import Level
from bmnn.lib import limits
from bmnn.lib.choices import LEVEL_CHOICES


class Catalog(models.Model):
    decision_number = models.CharField("số quyết định", max_length=80, unique=True)
    decision_date = models.DateField("ngày ban hành")
    sector = models.CharField("lĩnh vực", max_length=255)
    active = models.BooleanField("còn hiệu lực", default=True)
    source = models.CharField("nguồn", max_length=255, blank=True)

    class Meta:
        ordering = ["sector"]
        verbose_name = "danh mục BMNN"

    def __str__(self) -> str:
        return f"{self.sector} ({self.decision_number})"


class CatalogItem(models.Model):
    catalog = models.ForeignKey(Catalog, on_delete=models.PROTECT, related_name="items")
    article = models.CharField("điều", max_length=10)
    clause = models.CharField("khoản", max_length=10, blank=True)
    point = models.CharField("điểm", max_length=10, blank=True)
    text = models.TextField("nội dung", max_length=limits.NOTE)
    level = models.CharField("độ mật", max_length=20, choices=LEVEL_CHOICES)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["catalog", "article", "clause", "point"]
        constraints = [
            models.UniqueConstraint(
                fields=["catalog", "article", "clause", "point"], name="catalog_item_unique"
            )
        ]
        verbose_name = "mục danh mục BMNN"

    def __str__(self) -> str:
        return f"{self.citation}: {self.text[:60]}"

    @property
    def basis(self) -> BasisItem:
        return BasisItem(
            self.catalog.decision_number, self.article, self.clause, self.point, Level(self.level)
        )

    @property
    def citation(self) -> str:
        return self.basis.citation

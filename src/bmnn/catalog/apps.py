from __future__ import annotations

from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "bmnn.catalog"
    label = "catalog"
    verbose_name = "Danh mục bí mật nhà nước"

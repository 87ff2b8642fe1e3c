from __future__ import annotations

from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "bmnn.inspection"
    label = "inspection"
    verbose_name = "Tự kiểm tra"

from __future__ import annotations

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "bmnn.audit"
    label = "audit"
    verbose_name = "Nhật ký"

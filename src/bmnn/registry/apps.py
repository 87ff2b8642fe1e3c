from __future__ import annotations

from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "bmnn.registry"
    label = "registry"
    verbose_name = "Sổ sách, tài liệu bí mật nhà nước"

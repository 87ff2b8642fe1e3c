from __future__ import annotations

from django.apps import AppConfig


class NetsecConfig(AppConfig):
    name = "bmnn.netsec"
    label = "netsec"
    verbose_name = "An ninh mạng"

from __future__ import annotations

from django.apps import AppConfig


class SummariesConfig(AppConfig):
    name = "bmnn.summaries"
    label = "summaries"
    verbose_name = "Tổng hợp kết quả kiểm tra"

from __future__ import annotations

from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "bmnn.org"
    label = "org"
    verbose_name = "Tổ chức, nhân sự"

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from bmnn.lib.limits import refuse_too_long

        # Every bmnn model, whichever app: the bound on typed text holds for every door.
        pre_save.connect(refuse_too_long, dispatch_uid="bmnn-text-limits")

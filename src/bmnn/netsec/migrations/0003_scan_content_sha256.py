"""Scan reports are identified by the SHA-256 of their signed content, not of the file's bytes.

Existing rows get theirs from the stored JSON; of reports already imported more than once (a
re-indented copy), the first keeps the identity and the later copies keep NULL, so the next
copy of the same report is refused."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import migrations, models


def _content_sha256(raw: str) -> str:
    # The same canonical form as bmnn.netsec.importing.canonical, frozen here for the migration.
    data = json.loads(raw)
    body = {k: v for k, v in data.items() if k != "signature"}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fill(apps: Any, schema_editor: Any) -> None:
    scan_report = apps.get_model("netsec", "ScanReport")
    seen: set[str] = set()
    for scan in scan_report.objects.order_by("pk").only("pk", "raw").iterator():
        try:
            digest = _content_sha256(scan.raw)
        except (ValueError, AttributeError):
            continue
        if digest not in seen:
            seen.add(digest)
            scan_report.objects.filter(pk=scan.pk).update(content_sha256=digest)


class Migration(migrations.Migration):

    dependencies = [
        ("netsec", "0002_scan_received_via"),
    ]

    operations = [
        migrations.AddField(
            model_name="scanreport",
            name="content_sha256",
            field=models.CharField(blank=True, max_length=64, null=True, verbose_name="mã băm nội dung đã ký"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="scanreport",
            name="content_sha256",
            field=models.CharField(blank=True, max_length=64, null=True, unique=True,
                                   verbose_name="mã băm nội dung đã ký"),
        ),
        # The model's help text changed after 0002 without a migration (no effect on the schema).
        migrations.AlterField(
            model_name="scanfinding",
            name="received_via",
            field=models.CharField(blank=True, help_text="Ứng dụng nhắn tin, thư điện tử giữ tệp (do công cụ quét ghi).",
                                   max_length=40, verbose_name="nhận qua ứng dụng"),
        ),
    ]

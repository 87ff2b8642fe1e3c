"""The detectors' indexes again (see 0002): on SQLite, registry 0007 rebuilt the tables they sit
on, and a rebuilt table loses indexes Django does not know of. CREATE INDEX IF NOT EXISTS, so a
database that kept them is unchanged; tests/inspection/test_indexes.py fails if a later migration
drops them again."""

from django.db import migrations

from bmnn.inspection.migrations import _detector_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("inspection", "0004_text_limits"),
        ("registry", "0007_text_limits"),
        ("audit", "0003_event_channel"),
    ]
    operations = [migrations.RunPython(_detector_indexes.create, migrations.RunPython.noop)]

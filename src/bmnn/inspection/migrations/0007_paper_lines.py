"""An index of the register lines imported from paper, by register, year and day (see
_detector_indexes.BY_VENDOR). Some twenty detectors ask for one register's paper lines; without
it PostgreSQL read every imported line of every register through the document_id index and
threw two thirds away (54 ms a question on the benchmark's registry; 5 ms with it, from the
index alone)."""

from django.db import migrations

from bmnn.inspection.migrations import _detector_indexes


class Migration(migrations.Migration):
    dependencies = [("inspection", "0006_registered_lines")]
    operations = [migrations.RunPython(_detector_indexes.create_paper, _detector_indexes.drop_paper)]

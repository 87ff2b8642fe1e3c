"""An index of the register lines that register a document, on PostgreSQL (see
_detector_indexes.BY_VENDOR): KEEP-NOT-REGISTERED asks, of every document held, whether such a
line exists. PostgreSQL answered by probing entry_document once a document (3 million buffer
reads on the benchmark's registry, 1.3-1.5 s); over this index, a quarter of the lines and
nothing else, it hashes them and joins (0.7 s in the same conditions)."""

from django.db import migrations

from bmnn.inspection.migrations import _detector_indexes


class Migration(migrations.Migration):
    dependencies = [("inspection", "0005_detector_indexes_again")]
    operations = [migrations.RunPython(_detector_indexes.create_by_vendor, _detector_indexes.drop_by_vendor)]

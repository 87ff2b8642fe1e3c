"""Covering indexes for diacritic-free search on SQLite.

A search within one register, or within a unit's documents, then scans the index instead of
the wide rows (bench/: the worst register search went from 2.2 s to 0.1 s cold on 3M entries).
PostgreSQL limits b-tree index rows to about 2.7 kB and searches with its own tools, so these
indexes are made on SQLite only.
"""

from django.db import migrations

INDEXES = {
    "entry_search": "registry_registerentry (unit_id, kind, year, number, search_text)",
    "document_search": "registry_document (unit_id, id, level, search_text)",
}


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "sqlite":
        for name, target in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "sqlite":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_declassify_catalog")]
    operations = [migrations.RunPython(create, drop)]

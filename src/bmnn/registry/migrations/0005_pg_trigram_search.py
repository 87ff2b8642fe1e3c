"""Trigram indexes for diacritic-free search on PostgreSQL.

Search matches folded text with LIKE '%…%'; on PostgreSQL a pg_trgm GIN index serves that.
Enabling the extension needs the right privilege: when it cannot be enabled the indexes are
skipped (search still works, only slower) and the migration says so.
"""

from django.db import DatabaseError, migrations, transaction

INDEXES = {
    "entry_search_trgm": "registry_registerentry USING gin (search_text gin_trgm_ops)",
    "document_search_trgm": "registry_document USING gin (search_text gin_trgm_ops)",
}


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:  # lacking the privilege is an expected, reported case
        print("  pg_trgm không bật được: bỏ qua chỉ mục tìm kiếm (tìm kiếm vẫn chạy, chậm hơn).")
        return
    for name, target in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0004_search_indexes")]
    operations = [migrations.RunPython(create, drop)]

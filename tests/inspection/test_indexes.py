"""The detectors' indexes exist after every migration (a later migration that rebuilds a registry
table on SQLite drops indexes Django does not know of: migration 0005 made them again)."""

from __future__ import annotations

from django.db import connection

from bmnn.inspection.migrations._detector_indexes import BACKDATED, BY_VENDOR, INDEXES


def test_every_detector_index_survives_the_migrations(db: None) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        else:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
        present = {row[0] for row in cursor.fetchall()}
    wanted = set(INDEXES) | ({"event_backdated"} if connection.vendor in BACKDATED else set())
    wanted |= set(BY_VENDOR.get(connection.vendor, {}))
    assert wanted - present == set()

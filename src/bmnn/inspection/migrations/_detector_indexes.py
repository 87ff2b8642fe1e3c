"""The detectors' indexes (migrations 0002, 0005 and 0006); see 0002 and 0006 for what each serves."""


INDEXES = {
    "entry_imported": "registry_registerentry (document_id, unit_id, kind, year, number) WHERE document_id IS NULL",
    "entry_kind_level": "registry_registerentry (kind, level, id)",
    "entry_document": "registry_registerentry (document_id, kind, cancelled)",
    "document_issued": (
        "registry_document (origin, determined_on, unit_id, state, copy_permitted, drafter_name, signer_id, id)"
    ),
    "document_copy": "registry_document (unit_id, copy_permitted, level)",
    "document_level": "registry_document (level, unit_id)",
    "document_held": "registry_document (state, protected_until, unit_id)",
    "recipient_check": "registry_recipient (document_id, copy_from, copies, name)",
    "proposal_status": "registry_proposal (document_id, status)",
    "transfer_channel": "registry_transfer (channel)",
    "copy_scope": "registry_copyrecord (document_id, copied_on, permitted_by_id, made_count, permitted_count)",
}


# Audit events that record a late entry (KEEP-BACKDATED): the condition is written as the detector
# writes it (bmnn.inspection.detectors.base.HasKey), each database in its own words.
BACKDATED = {
    "sqlite": "audit_event (unit_id, at) WHERE JSON_TYPE(changes, '$.\"backdated_days\"') IS NOT NULL",
    "postgresql": "audit_event (unit_id, at) WHERE changes ? 'backdated_days'",
}


# Indexes only one database uses, or each in its own words. entry_registered: the lines that
# register a document (KEEP-NOT-REGISTERED's anti-join over every document held), which
# PostgreSQL hashes whole instead of probing entry_document once a document; SQLite probes
# entry_document as before. entry_paper (0007): the lines imported from paper, by register, year
# and day, which some twenty detectors read a register at a time; PostgreSQL answers "which
# lines" from it alone when its condition holds the query's `source LIKE 'import:%'` (SQLite
# writes that condition with an ESCAPE clause, so its index cannot say it).
BY_VENDOR = {
    "postgresql": {
        "entry_registered": (
            "registry_registerentry (document_id) WHERE kind IN ('outgoing', 'incoming') AND NOT cancelled"
        ),
        "entry_paper": (
            "registry_registerentry (kind, year, entry_date, id) "
            "WHERE document_id IS NULL AND NOT cancelled AND source LIKE 'import:%'"
        ),
    },
    "sqlite": {
        "entry_paper": (
            "registry_registerentry (kind, year, entry_date, id) WHERE document_id IS NULL AND NOT cancelled"
        ),
    },
}


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    for name, target in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")
    backdated = BACKDATED.get(schema_editor.connection.vendor)
    if backdated:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS event_backdated ON {backdated}")
    create_by_vendor(apps, schema_editor)


def create_by_vendor(apps, schema_editor):  # type: ignore[no-untyped-def]
    for name, target in BY_VENDOR.get(schema_editor.connection.vendor, {}).items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}", None)  # None: % is text


def drop_by_vendor(apps, schema_editor):  # type: ignore[no-untyped-def]
    for name in BY_VENDOR.get(schema_editor.connection.vendor, {}):
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def create_paper(apps, schema_editor):  # type: ignore[no-untyped-def]
    target = BY_VENDOR.get(schema_editor.connection.vendor, {}).get("entry_paper")
    if target:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS entry_paper ON {target}", None)  # None: % is text


def drop_paper(apps, schema_editor):  # type: ignore[no-untyped-def]
    schema_editor.execute("DROP INDEX IF EXISTS entry_paper")


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    for name in [*INDEXES, "event_backdated"]:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    drop_by_vendor(apps, schema_editor)

"""Indexes for the self-inspection's detectors, on the registry's tables (both databases).

Each serves one question a detector asks of the whole registry, so that it reads the few rows
that can answer instead of every document, line, copy or transfer (bench/README.md, "Self-
inspection benchmark": the figures before and after, on 1,000,000 documents). They are made
here, with plain SQL, because they belong to the self-inspection's queries and not to the
registry's models; the partial ones hold only the rows the question is about.

- entry_imported: register lines imported from paper (they alone point at no document).
- entry_kind_level: the lines of one register at one level, in the order they were written
  (Tuyệt mật lines; transfers by level).
- entry_document: whether a document still has a valid outgoing or incoming line.
- document_issued: the documents a unit issued in a period, with their state and the fields of
  the "Nơi nhận" block kept on the document (copy permission, drafter).
- document_copy: a unit's documents, whether they may be copied, their level.
- document_level: a unit's documents of one level (Tuyệt mật summaries).
- document_held: a unit's documents held past their protection period.
- recipient_check: the "Nơi nhận" lines of a document, with copy numbers, counts and names.
- proposal_status: whether a document has an approved proposal.
- transfer_channel: transfers by channel (ordinary post, networks, the Internet).
- copy_scope: a document's copies in a period, who permitted them, how many were made.
- event_backdated: audit events of decisions entered late (KEEP-BACKDATED).
"""

from django.db import migrations

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


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    for name, target in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")
    backdated = BACKDATED.get(schema_editor.connection.vendor)
    if backdated:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS event_backdated ON {backdated}")


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    for name in [*INDEXES, "event_backdated"]:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("inspection", "0001_initial"),
        ("registry", "0006_entry_facts"),
        ("audit", "0002_chain_head_row"),
    ]
    operations = [migrations.RunPython(create, drop)]

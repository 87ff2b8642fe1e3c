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

from bmnn.inspection.migrations._detector_indexes import create, drop


class Migration(migrations.Migration):
    dependencies = [
        ("inspection", "0001_initial"),
        ("registry", "0006_entry_facts"),
        ("audit", "0002_chain_head_row"),
    ]
    operations = [migrations.RunPython(create, drop)]

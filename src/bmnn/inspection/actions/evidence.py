"""Evidence files sent with an answer, a check or a closing: kept in the same action, so a
refused step leaves no evidence row behind."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from bmnn.audit.journal import action
from bmnn.inspection import evidence as files
from bmnn.inspection.access import may_view
from bmnn.inspection.actions.common import log
from bmnn.inspection.errors import EVIDENCE_RULE, EvidenceRequired
from bmnn.inspection.models import Evidence
from bmnn.lib.text import nfc
from bmnn.org.models import Account, Unit


@dataclass(frozen=True)
class Attachment:
    """A file sent with an answer, a check or a closing, kept as evidence in the same action."""

    name: str
    data: bytes


def keep_evidence(unit: Unit, attachment: Attachment, actor: Account) -> Evidence:
    """Check and keep a file as the unit's evidence, in the caller's transaction."""
    person = may_view(actor, unit)
    stored = files.store(attachment.name, attachment.data)
    item = Evidence.objects.create(
        unit=unit,
        sha256=stored.sha256,
        name=nfc(attachment.name)[:255],
        content_type=stored.content_type,
        size=stored.size,
        path=stored.path,
        uploaded_by=person,
        uploaded_at=timezone.now(),
    )
    log(
        "upload_evidence",
        actor,
        item,
        unit.pk,
        {"name": item.name, "sha256": stored.sha256, "size": stored.size},
    )
    return item


def evidence_for(
    unit: Unit, evidence: Evidence | None, attachment: Attachment | None, actor: Account
) -> Evidence | None:
    if evidence is not None and evidence.unit_id != unit.pk:
        raise EvidenceRequired("Tệp bằng chứng không thuộc đơn vị này", EVIDENCE_RULE, confidence="inference")
    return evidence or (keep_evidence(unit, attachment, actor) if attachment else None)


@action("upload_evidence")
def do_upload_evidence(unit: Unit, *, name: str, data: bytes, actor: Account) -> Evidence:
    """Keep a scan as evidence for the unit (PDF, JPEG or PNG, checked by content and size), to be
    referred to by a later answer, check or closing."""
    return keep_evidence(unit, Attachment(name, data), actor)

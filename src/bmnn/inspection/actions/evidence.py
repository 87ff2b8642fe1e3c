"""Evidence files sent with an answer, a check or a closing: kept in the same action, so a
refused step leaves no evidence row behind."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from bmnn.audit.journal import action
from bmnn.inspection import evidence as files
from bmnn.inspection.access import may_keep, may_view
from bmnn.inspection.actions.common import log
from bmnn.inspection.errors import EVIDENCE_RULE, EvidenceRequired
from bmnn.inspection.models import Evidence
from bmnn.law.levels import Level
from bmnn.lib.text import nfc
from bmnn.org.models import Account, Role, Unit


@dataclass(frozen=True)
class Attachment:
    """A file sent with an answer, a check or a closing, kept as evidence in the same action."""

    name: str
    data: bytes


def keep_evidence(unit: Unit, attachment: Attachment, actor: Account, level: str = "") -> Evidence:
    """Check and keep a file as the unit's evidence, in the caller's transaction. `level` is the
    highest level of the records it concerns; only those cleared for it may fetch it later."""
    person = (
        may_keep(actor, unit, "đính kèm bằng chứng")
        if not actor.has_role(Role.IT_OFFICER)
        else may_view(actor, unit)
    )
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
        level=level,
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
    unit: Unit,
    evidence: Evidence | None,
    attachment: Attachment | None,
    actor: Account,
    level: str = "",
) -> Evidence | None:
    """The evidence of a step: a file kept earlier (of this unit), or the one sent with the step."""
    if evidence is not None and evidence.unit_id != unit.pk:
        raise EvidenceRequired("Tệp bằng chứng không thuộc đơn vị này", EVIDENCE_RULE, confidence="inference")
    if evidence is not None and level and rank(level) > rank(evidence.level):
        evidence.level = level
        evidence.save(update_fields=["level"])
    return evidence or (keep_evidence(unit, attachment, actor, level) if attachment else None)


def rank(level: str) -> int:
    return Level(level).rank if level else 0


def highest(levels: list[str]) -> str:
    """The highest of secrecy level codes ("" when none)."""
    return max(levels, key=rank, default="")


def may_fetch(actor: Account, item: Evidence) -> None:
    """Who may download a file: a keeper of its unit (or who sent it), cleared for its level."""
    person = actor.person
    if person is None or person.pk != item.uploaded_by_id:
        person = may_keep(actor, item.unit, "tải tệp bằng chứng")
    if item.level and not person.cleared_for(item.level):
        raise PermissionDenied("Tệp bằng chứng này vượt mức được tiếp cận của bạn")


@action("upload_evidence")
def do_upload_evidence(unit: Unit, *, name: str, data: bytes, actor: Account) -> Evidence:
    """Keep a scan as evidence for the unit (PDF, JPEG or PNG, checked by content and size), to be
    referred to by a later answer, check or closing."""
    return keep_evidence(unit, Attachment(name, data), actor)

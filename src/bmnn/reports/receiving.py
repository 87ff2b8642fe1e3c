"""Receiving package files: each is verified completely, then written by one action — or put on
the quarantine list with the reason. One file's refusal never stops the others."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from bmnn.law.steps import Step
from bmnn.registry.may import may
from bmnn.reports.actions import do_import_report_package, do_refuse_report_package
from bmnn.reports.errors import PackageRefused
from bmnn.reports.models import Filing, RefusedPackage
from bmnn.reports.packages.verify import verify_package

if TYPE_CHECKING:
    from bmnn.org.models import Account


@dataclass
class Received:
    name: str
    filing: Filing | None = None
    refused: RefusedPackage | None = None
    warnings: list[str] = field(default_factory=list)


def receive(name: str, raw: bytes, *, actor: Account) -> Received:
    """Verify and write one file, or quarantine it. Whoever may not receive reports is refused
    before the file is even read."""
    if actor.person is None:
        raise PermissionDenied("Tài khoản này không gắn với cán bộ nào")
    may(Step.RECEIVE_REPORT, actor, actor.person.unit_id)
    try:
        verified = verify_package(raw)
        filing = do_import_report_package(verified, name=name, actor=actor)
    except PackageRefused as refusal:
        refused = do_refuse_report_package(
            name=name, raw=raw, reason=refusal.reason, claimed_sender=refusal.claimed_sender, actor=actor
        )
        return Received(name, refused=refused)
    return Received(name, filing=filing, warnings=verified.warnings)

"""Receiving package files: each is verified completely, then written by one action — or put on
the quarantine list with the reason. One file's refusal never stops the others."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from bmnn.law.steps import Step
from bmnn.registry.may import may
from bmnn.reports.actions import do_import_report_package, do_refuse_report_package
from bmnn.reports.errors import PackageRefused
from bmnn.reports.models import Filing, RefusedPackage
from bmnn.reports.packages.verify import Verified, verify_package

log = logging.getLogger(__name__)

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
        verified = _verified(raw)
        filing = do_import_report_package(verified, name=name, actor=actor)
    except PackageRefused as refusal:
        return Received(name, refused=_quarantine(name, raw, refusal.reason, refusal.claimed_sender, actor))
    except PermissionDenied as denied:  # addressed to a body this person does not receive for
        return Received(name, refused=_quarantine(name, raw, str(denied), "", actor))
    return Received(name, filing=filing, warnings=verified.warnings)


def _verified(raw: bytes) -> Verified:
    """Every check; a file that breaks the reader itself (a case no check foresaw) is refused
    like any other, so one file never stops the rest of a batch."""
    try:
        return verify_package(raw)
    except PackageRefused:
        raise
    except Exception as error:  # hostile input: any failure of the reader is a refusal
        log.warning("package reader failed: %r", error)
        raise PackageRefused(
            f"Không đọc được gói (tệp hỏng hoặc không đúng định dạng: {type(error).__name__})"
        ) from None


def _quarantine(name: str, raw: bytes, reason: str, claimed: str, actor: Account) -> RefusedPackage:
    return do_refuse_report_package(name=name, raw=raw, reason=reason, claimed_sender=claimed, actor=actor)

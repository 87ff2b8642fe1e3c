"""Receiving package files: each is verified completely, then written by one action — or put on
the quarantine list with the reason. One file's refusal never stops the others."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from bmnn.law.steps import Step
from bmnn.registry.may import may
from bmnn.reports.actions import do_import_report_package, do_import_report_packages, do_refuse_report_package
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


def receive_many(files: list[tuple[str, bytes]], *, actor: Account) -> list[Received]:
    """Verify every file; quarantine each refused one with its reason; write all that passed in one
    transaction (a second copy of a package in the same batch is a replay). When the batch cannot
    be written together, each is written alone so that one file never holds back the others."""
    if actor.person is None:
        raise PermissionDenied("Tài khoản này không gắn với cán bộ nào")
    may(Step.RECEIVE_REPORT, actor, actor.person.unit_id)
    results: dict[int, Received] = {}
    batch: list[tuple[int, Verified]] = []
    seen: set[tuple[int, int]] = set()
    for index, (name, raw) in enumerate(files):
        try:
            verified = _verified(raw)
            identity = (verified.key.unit_id, int(verified.manifest["sequence"]))
            if identity in seen:
                raise PackageRefused(
                    f"Gói số {identity[1]} của đơn vị {verified.sender} có hai lần trong lần nhận "
                    "này (gói lặp lại)",
                    claimed_sender=verified.sender,
                )
        except PackageRefused as refusal:
            results[index] = Received(
                name, refused=_quarantine(name, raw, refusal.reason, refusal.claimed_sender, actor)
            )
            continue
        seen.add(identity)
        batch.append((index, verified))
    try:
        filings = do_import_report_packages([(v, files[i][0]) for i, v in batch], actor=actor)
    except (PackageRefused, PermissionDenied):
        for index, _ in batch:
            name, raw = files[index]
            results[index] = receive(name, raw, actor=actor)
    else:
        missing = _still_missing({filing.unit_id for filing in filings})
        for (index, _), filing in zip(batch, filings, strict=True):
            results[index] = Received(
                files[index][0], filing=filing, warnings=missing.pop(filing.unit_id, [])
            )
    return [results[i] for i in range(len(files))]


def _still_missing(unit_ids: set[int]) -> dict[int, list[str]]:
    """After a batch is written, the packages each sender has numbered but not yet delivered
    (a gap the batch itself filled is no gap): one warning per sender, on its first file."""
    from bmnn.reports.models import Direction

    received: dict[int, set[int]] = {}
    codes: dict[int, str] = {}
    rows = Filing.objects.filter(direction=Direction.RECEIVED, unit_id__in=unit_ids)
    for unit_id, code, sequence in rows.values_list("unit_id", "unit__code", "sequence"):
        received.setdefault(unit_id, set()).add(sequence)
        codes[unit_id] = code
    out = {}
    for unit_id, numbers in received.items():
        gaps = sorted(set(range(1, max(numbers) + 1)) - numbers)
        if gaps:
            shown = ", ".join(map(str, gaps[:10])) + (
                f" và {len(gaps) - 10} gói khác" if len(gaps) > 10 else ""
            )
            out[unit_id] = [f"Thiếu gói số {shown} của đơn vị {codes[unit_id]} (chưa nhận được)"]
    return out


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

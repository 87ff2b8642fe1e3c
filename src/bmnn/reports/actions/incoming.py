"""Reports arriving: a verified package written (one, or a batch in one transaction), a refused one
quarantined, and the receiving head's approval that lets the figures count and go up."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone

from bmnn.audit.channel import Channel
from bmnn.audit.journal import action
from bmnn.law.steps import Step
from bmnn.org.models import Unit
from bmnn.registry.may import may
from bmnn.reports.errors import PackageRefused
from bmnn.reports.kinds import ANNUAL
from bmnn.reports.models import Direction, Filing, RefusedPackage
from bmnn.reports.packages.format import MAX_PACKAGE
from bmnn.reports.packages.verify import Verified
from bmnn.summaries.models import FindingRow

if TYPE_CHECKING:
    from bmnn.org.models import Account


from bmnn.reports.actions.common import log_event

PACKAGE_SOURCE = "gói báo cáo "  # FindingRow.source of rows that came in a package


def _finding_rows(filing: Filing, person_name: str) -> list[FindingRow]:
    """An annual report's findings as rows the summary counts (bmnn report summary)."""
    from bmnn.summaries.localities import resolve

    rows = []
    for row in filing.content.get("rows", []):
        place = row["unit"].get("locality", "")
        found = resolve(place) if place else None
        for item in row.get("categories", []):
            if item["status"] == "found" and item["count"] > 0:
                rows.append(
                    FindingRow(
                        period=filing.period,
                        locality=place or "(không rõ)",
                        province_new=found.new if found else "",
                        province_old=found.old if found else "",
                        unit_code=row["unit"]["code"],
                        unit_name=row["unit"].get("name", ""),
                        unit_kind=row["unit"].get("kind", ""),
                        category=item["id"],
                        count=item["count"],
                        source=f"{PACKAGE_SOURCE}{filing.package_sha256}",
                        imported_by_name=person_name[:255],
                    )
                )
    return rows


@action("import_report_package", channel=Channel.IMPORT)
def do_import_report_package(verified: Verified, *, name: str, actor: Account) -> Filing:
    """Write a package that passed every check: the filing, with the units as known here. Its
    figures count once the receiving head approves them (do_approve_report)."""
    return _import(verified, name, actor)


@action("import_report_package", channel=Channel.IMPORT)
def do_import_report_packages(batch: list[tuple[Verified, str]], *, actor: Account) -> list[Filing]:
    """Write several verified packages (file name beside each) in one transaction — one event
    each — or none: what a clerk carries on one stick is received together."""
    return [_import(verified, name, actor) for verified, name in batch]


def _import(verified: Verified, name: str, actor: Account) -> Filing:
    receiver = Unit.objects.get(code=verified.manifest["receiver"]["code"])
    person = may(Step.RECEIVE_REPORT, actor, receiver.pk)
    manifest, content = _as_known_here(verified)
    if Filing.objects.filter(
        direction=Direction.RECEIVED, unit=verified.key.unit, sequence=manifest["sequence"]
    ).exists():
        raise PackageRefused(
            f"Gói số {manifest['sequence']} của đơn vị {verified.sender} đã được nhận (gói lặp lại)",
            claimed_sender=verified.sender,
        )
    try:
        filing = Filing.objects.create(
            direction=Direction.RECEIVED,
            unit=verified.key.unit,
            receiver=receiver,
            kind=manifest["kind"],
            period=manifest["period"],
            data_from=verified.data_from,
            data_to=verified.data_to,
            sent_on=verified.sent_on,
            sequence=manifest["sequence"],
            package_sha256=verified.sha256,
            key_fingerprint=verified.key.fingerprint,
            manifest=manifest,
            content=content,
            recorded_at=timezone.now(),
            recorded_by=person,
        )
    except IntegrityError:  # received meanwhile by another import (the check above ran first)
        raise PackageRefused(
            f"Gói số {manifest['sequence']} của đơn vị {verified.sender} đã được nhận (gói lặp lại)",
            claimed_sender=verified.sender,
        ) from None
    log_event(
        "import_report_package",
        actor,
        filing,
        receiver.pk,
        file=name[:200],
        sender=verified.sender,
        kind=filing.kind,
        period=filing.period,
        sequence=filing.sequence,
        sha256=verified.sha256,
        encrypted=verified.encrypted,
        rows=len(verified.report["rows"]),
        warnings=verified.warnings,
    )
    return filing


def _as_known_here(verified: Verified) -> tuple[dict[str, Any], dict[str, Any]]:
    """The manifest and report with every unit's name, kind and locality as this installation
    knows them (verification made sure each row's unit is known here): a package cannot rename
    a unit or move it to another province."""
    from bmnn.reports.content import locality

    codes = [row["unit"]["code"] for row in verified.report["rows"]]
    units = {u.code: u for u in Unit.objects.filter(code__in=codes).select_related("parent")}
    rows = [
        {
            **row,
            "unit": {
                "code": code,
                "name": units[code].name,
                "kind": units[code].kind,
                "locality": locality(units[code]),
            },
        }
        for row, code in zip(verified.report["rows"], codes, strict=True)
    ]
    sender = units[verified.sender]
    manifest = {
        **verified.manifest,
        "sender": {"code": sender.code, "name": sender.name, "kind": sender.kind},
    }
    return manifest, {**verified.report, "rows": rows}


@action("refuse_report_package", channel=Channel.IMPORT)
def do_refuse_report_package(
    *, name: str, raw: bytes, reason: str, claimed_sender: str, actor: Account | None
) -> RefusedPackage:
    """Put a refused file on the quarantine list with its reason (the file kept when not oversize)."""
    sha = hashlib.sha256(raw).hexdigest()
    kept = ""
    if len(raw) <= MAX_PACKAGE:
        folder = Path(settings.DATA_DIR) / "quarantine"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        kept = f"{sha}.bmnn"
        (folder / kept).write_bytes(raw)
    person = actor.person if actor is not None else None
    refused = RefusedPackage.objects.create(
        name=name[:255],
        sha256=sha,
        size=len(raw),
        reason=reason[:4000],
        claimed_sender=claimed_sender[:80],
        kept_file=kept,
        refused_at=timezone.now(),
        refused_by=person,
    )
    log_event(
        "refuse_report_package",
        actor,
        refused,
        person.unit_id if person else 0,
        file=name[:200],
        sha256=sha,
        reason=reason[:1000],
        claimed_sender=claimed_sender[:80],
    )
    return refused


@action("approve_report")
def do_approve_report(filing: Filing, *, actor: Account) -> Filing:
    """The receiving head's approval: only approved figures go up in the body's own report, and
    only they count in the summary (an annual report's findings become its rows now)."""
    return _approve(filing, actor)


@action("approve_report")
def do_approve_reports(filings: list[Filing], *, actor: Account) -> list[Filing]:
    """The head approves several received reports at once (one event each), all or none."""
    return [_approve(filing, actor) for filing in sorted(filings, key=lambda f: (f.unit_id, f.sequence))]


def _approve(filing: Filing, actor: Account) -> Filing:
    person = may(Step.APPROVE_REPORT, actor, filing.receiver_id)
    if filing.direction != Direction.RECEIVED:
        raise ValueError("Chỉ duyệt báo cáo nhận từ đơn vị cấp dưới")
    if filing.approved_at is not None:
        raise ValueError(f"Báo cáo này đã được duyệt ngày {timezone.localtime(filing.approved_at):%d/%m/%Y}")
    newer = Filing.objects.filter(
        direction=Direction.RECEIVED,
        unit=filing.unit,
        kind=filing.kind,
        period=filing.period,
        sequence__gt=filing.sequence,
        approved_at__isnull=False,
    )
    if newer.exists():
        raise ValueError(
            "Đã duyệt một báo cáo mới hơn của đơn vị này cho cùng kỳ: báo cáo cũ không được duyệt nữa"
        )
    filing.approved_at, filing.approved_by = timezone.now(), person
    filing.save(update_fields=["approved_at", "approved_by"])
    replaced = 0
    if filing.kind == ANNUAL:  # the newest approved figures of each unit count, however they came up
        codes = [row["unit"]["code"] for row in filing.content.get("rows", [])]
        replaced, _ = FindingRow.objects.filter(
            period=filing.period, unit_code__in=codes, source__startswith=PACKAGE_SOURCE
        ).delete()
        FindingRow.objects.bulk_create(_finding_rows(filing, str(person)))
    log_event(
        "approve_report",
        actor,
        filing,
        filing.receiver_id,
        sender=filing.unit.code,
        kind=filing.kind,
        period=filing.period,
        sequence=filing.sequence,
        replaced_rows=replaced,
    )
    return filing

"""Importing a scan report into the inventory."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from bmnn.audit.channel import Channel
from bmnn.audit.journal import action, append_event
from bmnn.audit.models import EventKind
from bmnn.netsec.actions.guard import require_it_officer
from bmnn.netsec.errors import ScanReportRefused
from bmnn.netsec.importing import ParsedReport, highest_level, parse_report
from bmnn.netsec.models import Computer, LicenceStatus, Purpose, ScanFinding, ScanReport
from bmnn.netsec.refdata import end_of_support
from bmnn.org.models import Account, Unit


def _match(unit: Unit, host: dict[str, Any], create: bool) -> Computer:
    machine_id = str(host.get("machine_id") or "").strip()
    hostname = str(host.get("hostname") or "").strip()
    query = Q(machine_id=machine_id) if machine_id else Q(pk__in=[])
    if hostname:
        query |= Q(hostname__iexact=hostname) | Q(asset_id__iexact=hostname)
    found = list(Computer.objects.filter(query, unit=unit)[:2])
    if len(found) == 1:
        return found[0]
    if found:
        raise ScanReportRefused(f"Có nhiều máy của đơn vị khớp với máy '{hostname or machine_id}'; "
                                "hãy sửa tên máy hoặc mã định danh cho khác nhau")
    if not create:
        raise ScanReportRefused(f"Đơn vị {unit.code} không có máy '{hostname or machine_id}' trong danh mục; "
                                "đăng ký máy trước hoặc nhập với tùy chọn tạo mới (--create)")
    return Computer.objects.create(unit=unit, asset_id=hostname or machine_id, hostname=hostname,
                                   machine_id=machine_id, purpose=Purpose.UNKNOWN)


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _update_posture(computer: Computer, report: ParsedReport) -> None:
    host, posture = report.host, report.posture
    if host.get("os_name"):
        computer.os_name, computer.os_version = str(host["os_name"]), str(host.get("os_version") or "")
        computer.os_end_of_support = (end_of_support(computer.os_name, computer.os_version,
                                                     str(host.get("os_product") or ""))
                                      or _date(host.get("os_end_of_support")))
    enabled = [a for a in posture.get("antivirus") or [] if isinstance(a, dict) and a.get("enabled")]
    if enabled:
        computer.antivirus_product = str(enabled[0].get("name") or "")[:120]
        computer.antivirus_signature_date = _date(enabled[0].get("signature_date"))
    elif "antivirus" in posture:
        computer.antivirus_product, computer.antivirus_signature_date = "", None
        computer.antivirus_licence = LicenceStatus.UNKNOWN
    if not computer.machine_id and host.get("machine_id"):
        computer.machine_id = str(host["machine_id"])[:120]
    computer.save()


def _findings(scan: ScanReport, files: list[dict[str, Any]]) -> int:
    rows = [ScanFinding(report=scan, path=f["path"], sha256=str(f.get("sha256") or "")[:64],
                        marks=f.get("marks") or [], level=highest_level(f.get("marks") or []),
                        catalog_hits=f.get("catalog_hits") or [], error=str(f.get("error") or ""),
                        received_via=str(f.get("received_via") or "")[:40])
            for f in files]
    ScanFinding.objects.bulk_create(rows, batch_size=500)
    return sum(1 for r in rows if r.marks)


def _refuse_seen(report: ParsedReport) -> None:
    """The same report is the same signed content, however the file was indented or encoded."""
    same = Q(content_sha256=report.content_sha256) | Q(sha256=report.sha256)
    seen = ScanReport.objects.filter(same).first()
    if seen is not None:
        when = timezone.localtime(seen.received_at).strftime("%d/%m/%Y %H:%M")
        raise ScanReportRefused(f"Báo cáo quét này đã được nhập lúc {when} (cùng nội dung đã ký, "
                                "dù tệp có thể đã được định dạng lại); không nhập lại")


def _store(computer: Computer, report: ParsedReport) -> ScanReport:
    try:
        with transaction.atomic():  # a parallel import of the same report loses here
            return ScanReport.objects.create(
                computer=computer, received_at=timezone.now(), started_at=report.started_at,
                finished_at=report.finished_at, scanner_version=str(report.data["scanner_version"])[:40],
                signed=report.signed, key_fingerprint=report.key_fingerprint, sha256=report.sha256,
                content_sha256=report.content_sha256, summary=report.data["summary"],
                posture=report.posture, raw=report.raw,
            )
    except IntegrityError:
        raise ScanReportRefused(
            "Báo cáo quét này vừa được nhập (cùng nội dung đã ký); không nhập lại") from None


def _newer_scan(scan: ScanReport) -> ScanReport | None:
    """A scan of the same computer that finished at or after this one: its state stands."""
    return (ScanReport.objects.filter(computer_id=scan.computer_id, finished_at__gte=scan.finished_at)
            .exclude(pk=scan.pk).order_by("-finished_at").first())


@action("import_scan_report", channel=Channel.IMPORT)
def do_import_scan_report(unit: Unit, raw: bytes, *, create: bool = False, actor: Account) -> ScanReport:
    """Import one scan report of a computer of `unit`: checked whole (schema, signature, size)
    before anything is written, then stored with its flagged files. A report already imported
    (the same signed content, even re-indented) is refused. The computer's operating system and
    antivirus are updated only from a report newer than every one imported before, so an older
    report imported late never rolls them back. Example (CLI): `bmnn scan import pc01.json --unit S01`."""
    require_it_officer(actor, unit)
    report = parse_report(raw)
    _refuse_seen(report)
    computer = _match(unit, report.host, create)
    scan = _store(computer, report)
    marked = _findings(scan, report.data["files"])
    newer = _newer_scan(scan)
    if newer is None:
        _update_posture(computer, report)
    append_event(kind=EventKind.ACTION, action="import_scan_report", actor=actor, obj=scan, unit_id=unit.pk,
                 changes={"computer": computer.asset_id, "sha256": report.sha256,
                          "content_sha256": report.content_sha256, "signed": report.signed,
                          "files_flagged": len(report.data["files"]), "files_with_marks": marked,
                          "posture_updated": newer is None,
                          "newer_scan_finished_at": newer.finished_at.isoformat() if newer else None})
    return scan

"""Detectors for the PC-* and NET-* categories (bmnn/inspection/data/findings.yaml).

Each detector reads one unit's inventory and returns findings; none writes. The
self-inspection calls `detect_all(unit, today)` and keeps the findings it raises."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

from bmnn.law.levels import Level
from bmnn.netsec.actions.computers import held_secrets
from bmnn.netsec.errors import basis
from bmnn.netsec.models import (
    COMPUTING_KINDS,
    LAYERS,
    CheckResult,
    Computer,
    DeviceKind,
    IncidentPlan,
    InformationSystem,
    LayerStatus,
    LicenceStatus,
    Purpose,
    ScanFinding,
    ScanReport,
)
from bmnn.netsec.refdata import measures_for
from bmnn.org.models import Unit
from bmnn.registry.rules import pack_for

CONNECTED = (Purpose.NETWORKED, Purpose.INTERNET)


@dataclass(frozen=True)
class Finding:
    """One finding: a category id of findings.yaml, the record it is about, and why."""

    category_id: str
    subject: models.Model
    unit: Unit
    detail: str
    basis: str


def _computers(unit: Unit) -> models.QuerySet[Computer]:
    return Computer.objects.filter(unit=unit, active=True)


def _marked_files(computer: Computer) -> list[ScanFinding]:
    return list(ScanFinding.objects.filter(report__computer=computer).exclude(marks=[])[:5])


def _usb_evidence(computer: Computer, scan: ScanReport) -> list[str]:
    approved = computer.approved_usb_serials
    return [f"USB {item.get('vendor', '')} {item.get('product', '')} số serial '{item.get('serial', '')}' "
            f"không được phép ({item.get('evidence', '')})"
            for item in scan.posture.get("usb_storage") or []
            if isinstance(item, dict) and str(item.get("serial") or "").strip().upper() not in approved]


def _connection_evidence(computer: Computer) -> list[str]:
    """Evidence from imported scans that a standalone computer was connected to a network or to
    a USB storage device not on its approved list."""
    evidence: list[str] = []
    for scan in ScanReport.objects.filter(computer=computer):
        evidence += _usb_evidence(computer, scan)
        if scan.internet_now:
            evidence.append(f"đang kết nối Internet khi quét {scan.finished_at:%d/%m/%Y}")
        for item in scan.past_connections:
            evidence.append(f"{item.get('kind', '')} '{item.get('name', '')}' ({item.get('evidence', '')})")
    return evidence


def _internet_evidence(computer: Computer) -> list[str]:
    """Scan evidence that the computer is or was connected to the Internet (not a LAN alone)."""
    return [f"đang kết nối Internet khi quét {scan.finished_at:%d/%m/%Y}"
            for scan in ScanReport.objects.filter(computer=computer) if scan.internet_now]


def detect_standalone_breach(unit: Unit, today: dt.date) -> list[Finding]:
    """Khoản 5 Điều 5: a computer for secrets with evidence of a connection; any other computer
    with files carrying marks of secrecy that is declared connected or is seen on the Internet,
    whatever purpose was recorded (an undeclared or LAN computer seen online counts too)."""
    found: list[Finding] = []
    for pc in _computers(unit):
        if pc.purpose == Purpose.STANDALONE:
            evidence = _connection_evidence(pc)
            detail = f"Máy tính độc lập có dấu vết kết nối: {'; '.join(evidence[:3])}" if evidence else ""
        else:
            files = _marked_files(pc)
            online = [] if pc.purpose in CONNECTED else _internet_evidence(pc)
            connected = pc.purpose in CONNECTED or bool(online)
            detail = (f"Máy {pc.get_purpose_display().lower()}{' ' + online[0] if online else ''} có tệp "
                      "mang dấu mật: " + "; ".join(f.path for f in files[:3])) if files and connected else ""
        if detail:
            found.append(Finding("PC-STANDALONE-BREACH", pc, unit, detail, basis("networked_storage", today)))
    return found


def detect_usb_copy(unit: Unit, today: dt.date) -> list[Finding]:
    """USB storage not on the computer's approved list, seen on a computer that holds secrets
    (a standalone computer, or one where files carrying marks were found)."""
    found: list[Finding] = []
    for pc in _computers(unit).filter(kind__in=COMPUTING_KINDS):
        if not held_secrets(pc):
            continue
        evidence = [e for scan in ScanReport.objects.filter(computer=pc) for e in _usb_evidence(pc, scan)]
        if evidence:
            detail = f"{pc}: {'; '.join(evidence[:3])}"
            found.append(Finding("PC-USB-COPY", pc, unit, detail, basis("unlawful_copying", today)))
    return found


def messaging_files(unit: Unit, until: dt.date) -> list[Finding]:
    """Files carrying marks of secrecy found where a messaging app or a mail client keeps what it
    received (the scanner's `received_via`), on the unit's computers, in scans up to `until`;
    a file seen by several scans counts once (the latest)."""
    latest: dict[tuple[int, str], ScanFinding] = {}
    files = (ScanFinding.objects.filter(report__computer__unit=unit, report__finished_at__date__lte=until)
             .exclude(received_via="").exclude(marks=[]).select_related("report__computer")
             .order_by("report__finished_at"))
    for item in files:
        latest[item.report.computer_id, item.path] = item
    return [Finding("MOVE-MESSAGING", item, unit,
                    f"{item.report.computer}: tệp mang dấu {_mark(item.level)} trong thư mục của "
                    f"{messaging_app_label(item.received_via)}: {item.path}", basis("transmission", until))
            for item in latest.values()]


def _mark(level: str) -> str:
    return Level(level).label if level else "mật"


def messaging_app_label(code: str) -> str:
    from bmnn.scanner import channels

    return channels.app_label(code)


def detect_not_checked(unit: Unit, today: dt.date) -> list[Finding]:
    """Computers in use without a passed security check before use."""
    return [Finding("PC-NOT-CHECKED", pc, unit,
                    f"{pc} chưa được kiểm tra an ninh trước khi sử dụng ({pc.get_check_result_display()})",
                    basis("pre_use_check", today))
            for pc in _computers(unit).filter(kind__in=COMPUTING_KINDS)
            .exclude(check_result=CheckResult.PASSED)]


def detect_old_os(unit: Unit, today: dt.date) -> list[Finding]:
    """Operating systems past their end of support, or unlicensed."""
    found: list[Finding] = []
    for pc in _computers(unit).filter(kind__in=COMPUTING_KINDS):
        reasons = []
        if pc.os_expired(today):
            assert pc.os_end_of_support is not None
            reasons.append(f"{pc.os_name} {pc.os_version} hết hỗ trợ từ {pc.os_end_of_support:%d/%m/%Y}")
        if pc.licence == LicenceStatus.UNLICENSED:
            reasons.append("hệ điều hành không bản quyền")
        if reasons:
            found.append(Finding("PC-OLD-OS", pc, unit, f"{pc}: {'; '.join(reasons)}",
                                 basis("computer_inspection", today)))
    return found


def signature_max_age_days(today: dt.date) -> int:
    """How old antivirus signatures may be (rule pack; bmnn's own rule, configurable)."""
    return int(pack_for(today).value("antivirus_signature_max_age_days"))


def detect_no_antivirus(unit: Unit, today: dt.date, max_age_days: int | None = None) -> list[Finding]:
    """No antivirus, an unlicensed one, or signatures older than `max_age_days` (default: the
    rule pack's)."""
    if max_age_days is None:
        max_age_days = signature_max_age_days(today)
    found: list[Finding] = []
    for pc in _computers(unit).filter(kind__in=COMPUTING_KINDS):
        if not pc.antivirus_product:
            reason = "không cài phần mềm diệt virus"
        elif pc.antivirus_licence == LicenceStatus.UNLICENSED:
            reason = f"phần mềm {pc.antivirus_product} không bản quyền"
        elif pc.antivirus_signature_date is None or (today - pc.antivirus_signature_date).days > max_age_days:
            when = f"{pc.antivirus_signature_date:%d/%m/%Y}" if pc.antivirus_signature_date else "không rõ"
            reason = f"mẫu nhận diện virus cũ (cập nhật: {when}; quá {max_age_days} ngày)"
        else:
            continue
        found.append(Finding("PC-NO-ANTIVIRUS", pc, unit, f"{pc}: {reason}",
                             basis("computer_inspection", today)))
    return found


def detect_malware(unit: Unit, today: dt.date) -> list[Finding]:
    """Computers with malware recorded and not yet cleaned."""
    found: list[Finding] = []
    for pc in _computers(unit).filter(malware__cleaned_on__isnull=True, malware__isnull=False).distinct():
        names = ", ".join(pc.malware.filter(cleaned_on__isnull=True).values_list("name", flat=True)[:3])
        found.append(Finding("PC-MALWARE", pc, unit, f"{pc} nhiễm mã độc chưa xử lý: {names}",
                             basis("computer_inspection", today)))
    return found


def detect_repurposed(unit: Unit, today: dt.date) -> list[Finding]:
    """Repurposed computers that held secrets and have no secure wiping on record."""
    found: list[Finding] = []
    for pc in Computer.objects.filter(unit=unit, repurposed_on__isnull=False):
        assert pc.repurposed_on is not None
        wiped = pc.wiped_on is not None and pc.wiped_on <= pc.repurposed_on
        if not wiped and (pc.repurposed_from == Purpose.STANDALONE or held_secrets(pc)):
            found.append(Finding("PC-REPURPOSED", pc, unit,
                                 f"{pc} chuyển mục đích ngày {pc.repurposed_on:%d/%m/%Y} "
                                 "khi chưa xóa an toàn BMNN",
                                 basis("repurposing", today)))
    return found


def detect_meeting_devices(unit: Unit, today: dt.date) -> list[Finding]:
    """Meeting-room devices in use without a passed check before installation."""
    return [Finding("PC-MEETING-DEVICE", dev, unit, f"{dev} chưa được kiểm tra trước khi lắp đặt",
                    basis("meeting_devices", today))
            for dev in _computers(unit).filter(kind=DeviceKind.MEETING)
            .exclude(check_result=CheckResult.PASSED)]


def detect_no_incident_plan(unit: Unit, today: dt.date) -> list[Finding]:
    """No approved incident response plan on record."""
    if IncidentPlan.objects.filter(unit=unit, approved_on__isnull=False, approved_on__lte=today).exists():
        return []
    return [Finding("NET-NO-INCIDENT-PLAN", unit, unit,
                    "Đơn vị chưa có phương án ứng phó, khắc phục sự cố an ninh mạng được phê duyệt",
                    basis("incident_plan", today))]


def detect_no_level(unit: Unit, today: dt.date) -> list[Finding]:
    """Information systems without a proposed and approved security level."""
    return [Finding("NET-NO-LEVEL", s, unit,
                    f"Hệ thống '{s}' " + ("chưa đề xuất cấp độ" if s.proposed_level is None
                                          else f"đề xuất cấp độ {s.proposed_level} chưa được phê duyệt"),
                    basis("security_levels", today))
            for s in InformationSystem.objects.filter(unit=unit) if not s.level_approved]


def detect_measures_incomplete(unit: Unit, today: dt.date) -> list[Finding]:
    """Systems with a level whose checklist items are not all in place."""
    found: list[Finding] = []
    for s in InformationSystem.objects.filter(unit=unit, proposed_level__isnull=False):
        missing = [m.id for m in measures_for(s.proposed_level) if not s.measures.get(m.id, {}).get("done")]
        if missing:
            found.append(Finding("NET-MEASURES-INCOMPLETE", s, unit,
                                 f"Hệ thống '{s}' (cấp độ {s.proposed_level}) chưa có: {', '.join(missing)}",
                                 f"{basis('security_levels', today)}; TCVN 11930:2017 (chưa xác nhận)"))
    return found


def detect_no_4_layer(unit: Unit, today: dt.date) -> list[Finding]:
    """Systems where a layer of the 4-layer model is not in place."""
    found: list[Finding] = []
    for s in InformationSystem.objects.filter(unit=unit):
        missing = [n for n in LAYERS if s.layer_status(n) != LayerStatus.DONE]
        if missing:
            found.append(Finding("NET-NO-4-LAYER", s, unit,
                                 f"Hệ thống '{s}' chưa triển khai đủ lớp: {', '.join(missing)}",
                                 basis("four_layers", today)))
    return found


DETECTORS: dict[str, Callable[[Unit, dt.date], list[Finding]]] = {
    "PC-STANDALONE-BREACH": detect_standalone_breach,
    "PC-USB-COPY": detect_usb_copy,
    "PC-NOT-CHECKED": detect_not_checked,
    "PC-OLD-OS": detect_old_os,
    "PC-NO-ANTIVIRUS": detect_no_antivirus,
    "PC-MALWARE": detect_malware,
    "PC-REPURPOSED": detect_repurposed,
    "PC-MEETING-DEVICE": detect_meeting_devices,
    "NET-NO-INCIDENT-PLAN": detect_no_incident_plan,
    "NET-NO-LEVEL": detect_no_level,
    "NET-MEASURES-INCOMPLETE": detect_measures_incomplete,
    "NET-NO-4-LAYER": detect_no_4_layer,
}


def detect_all(unit: Unit, today: dt.date, **options: Any) -> list[Finding]:
    """Every netsec finding of the unit. `signature_max_age_days` tunes PC-NO-ANTIVIRUS."""
    found: list[Finding] = []
    for category, detector in DETECTORS.items():
        if category == "PC-NO-ANTIVIRUS":
            max_age = int(options.get("signature_max_age_days", signature_max_age_days(today)))
            found += detect_no_antivirus(unit, today, max_age)
        else:
            found += detector(unit, today)
    return found


def findings_for(subject: models.Model, findings: list[Finding]) -> list[Finding]:
    """The findings about one record (for its page)."""
    return [f for f in findings if type(f.subject) is type(subject) and f.subject.pk == subject.pk]

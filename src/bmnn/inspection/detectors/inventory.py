"""NET-*, PC-* and the scan half of MOVE-MESSAGING: the cybersecurity inventory's own detectors
(bmnn.netsec.detectors), run for each unit of the scope and given the common shape."""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

from bmnn.inspection.detectors.base import Checks, Outcome, Record, Scope, detector, outcome
from bmnn.inspection.detectors.history import KIND as LINE
from bmnn.inspection.detectors.history import merge
from bmnn.inspection.detectors.movements import messaging_lines
from bmnn.inspection.detectors.organisation import live_units
from bmnn.law.levels import Level
from bmnn.netsec import detectors as netsec
from bmnn.netsec.models import Computer, DeviceKind, InformationSystem, ScanFinding, ScanReport
from bmnn.org.models import Unit

KINDS: dict[type[models.Model], str] = {
    Computer: "computer",
    InformationSystem: "system",
    Unit: "unit",
    ScanFinding: "scan_file",
}
NO_COMPUTERS = "Chưa khai báo máy tính, thiết bị nào trong danh mục: chưa kết luận được"
NO_SYSTEMS = "Chưa khai báo hệ thống thông tin nào: chưa kết luận được"
NO_SCANS = "Chưa nhập báo cáo quét máy tính nào: chưa kết luận được"
NO_MEETING = "Chưa khai báo thiết bị dùng trong phòng họp: chưa kết luận được"


def _label(subject: models.Model) -> str:
    """How a record is named on the page: a flagged file by its computer and its mark (its path,
    which may itself tell a secret, stays in the detail, masked above the reader's clearance)."""
    if isinstance(subject, ScanFinding):
        mark = Level(subject.level).label if subject.level else "mật"
        return f"{subject.report.computer}: tệp mang dấu {mark}"
    return str(subject)


def records(findings: list[netsec.Finding]) -> list[Record]:
    found = []
    for f in findings:
        kind = KINDS[type(f.subject)]
        level = str(getattr(f.subject, "level", "")) if kind == "scan_file" else ""
        found.append(Record(kind, int(f.subject.pk), _label(f.subject), f.unit.pk, f.detail, level))
    return found


def _cleared(category_id: str, found: list[Record]) -> list[Record]:
    by_kind: dict[str, set[int]] = {}
    for record in found:
        if record.kind not in by_kind:
            by_kind[record.kind] = set(
                Checks(category_id, record.kind).cleared.values_list("record_id", flat=True)
            )
    return [r for r in found if r.id not in by_kind[r.kind]]


def _run(scope: Scope, category_id: str, *, live_only: bool = False) -> list[Record]:
    """The netsec detector for each unit of the scope; `live_only` leaves out units merged away
    or ended (a duty of a working unit, such as an approved incident plan)."""
    check = netsec.DETECTORS[category_id]
    found: list[netsec.Finding] = []
    units = live_units(scope) if live_only else Unit.objects.filter(pk__in=scope.unit_ids)
    for unit in units:
        found += check(unit, scope.today)
    return _cleared(category_id, records(found))


def _computers(scope: Scope) -> models.QuerySet[Computer]:
    return Computer.objects.filter(unit_id__in=scope.unit_ids, active=True)


def _inventory(category_id: str, missing: Callable[[Scope], str], *, live_only: bool = False) -> None:
    @detector(category_id)
    def run(scope: Scope) -> Outcome:
        reason = missing(scope)
        if reason:
            return outcome([], cannot_run=True, note=reason)
        return outcome(_run(scope, category_id, live_only=live_only))

    run.__doc__ = netsec.DETECTORS[category_id].__doc__


def _no_computers(scope: Scope) -> str:
    return "" if _computers(scope).exists() else NO_COMPUTERS


def _no_systems(scope: Scope) -> str:
    return "" if InformationSystem.objects.filter(unit_id__in=scope.unit_ids).exists() else NO_SYSTEMS


def _no_scans(scope: Scope) -> str:
    if not _computers(scope).exists():
        return NO_COMPUTERS
    return "" if ScanReport.objects.filter(computer__unit_id__in=scope.unit_ids).exists() else NO_SCANS


def _no_meeting_devices(scope: Scope) -> str:
    return "" if _computers(scope).filter(kind=DeviceKind.MEETING).exists() else NO_MEETING


def _always(scope: Scope) -> str:
    return ""


for _id in (
    "PC-STANDALONE-BREACH",
    "PC-NOT-CHECKED",
    "PC-OLD-OS",
    "PC-NO-ANTIVIRUS",
    "PC-MALWARE",
    "PC-REPURPOSED",
):
    _inventory(_id, _no_computers)
_inventory("PC-USB-COPY", _no_scans)
_inventory("PC-MEETING-DEVICE", _no_meeting_devices)
for _id in ("NET-NO-LEVEL", "NET-MEASURES-INCOMPLETE", "NET-NO-4-LAYER"):
    _inventory(_id, _no_systems)
_inventory("NET-NO-INCIDENT-PLAN", _always, live_only=True)  # a merged unit makes no plan


@detector("MOVE-MESSAGING")
def messaging(scope: Scope) -> Outcome:
    """Secrets sent through e-mail, social networks or messaging apps: marked files found in the
    folders where those apps keep what they received (scans), transfers recorded over the
    Internet, paper transfer lines naming such a channel."""
    own, lines, unchecked = messaging_lines(scope)
    files: list[netsec.Finding] = []
    if ScanReport.objects.filter(computer__unit_id__in=scope.unit_ids).exists():  # else none to ask
        for unit in Unit.objects.filter(pk__in=scope.unit_ids):
            files += netsec.messaging_files(unit, scope.period_to)
    scanned = _cleared("MOVE-MESSAGING", records(files))
    note = _no_scans(scope) if not scanned else ""
    if unchecked:
        note = (
            note + "; " if note else ""
        ) + f"{len(unchecked)} dòng sổ chuyển giao không ghi rõ hình thức chuyển"
    return outcome(
        merge(own, lines, scanned),
        unchecked=len(unchecked),
        waiting={LINE: unchecked},
        note=note,
        cannot_run=bool(_no_scans(scope)),
    )

"""Refusals of netsec actions, each naming the provision it enforces."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from bmnn.law.errors import LawRefusal
from bmnn.law.pack import Confidence
from bmnn.registry.rules import pack_for


def provision(topic: str, day: dt.date | None = None) -> tuple[str, str]:
    """The citation for a cybersecurity rule under the regime in force (rule pack `cite_<topic>`),
    and how sure we are of it."""
    text, confidence = pack_for(day or timezone.localdate()).cite(topic)
    return text, confidence.value


def basis(topic: str, day: dt.date | None = None) -> str:
    """The same citation as a finding's basis text, saying when it is not confirmed."""
    text, confidence = provision(topic, day)
    return text if confidence == Confidence.CONFIRMED else f"{text} ({Confidence(confidence).label})"

SCAN_FORMAT = "Định dạng báo cáo quét bmnn-scan-report/1 (docs/scan-report.md)"


class NotCheckedBeforeUse(LawRefusal):
    code = "not_checked_before_use"


class RepurposeWithoutWipe(LawRefusal):
    code = "repurpose_without_wipe"


class LevelOutOfRange(LawRefusal):
    code = "level_out_of_range"


class LevelNotProposed(LawRefusal):
    code = "level_not_proposed"


class MeasureUnknown(LawRefusal):
    code = "measure_unknown"


class PlanNotApproved(LawRefusal):
    code = "plan_not_approved"


class ScanReportRefused(LawRefusal):
    """The scan report is malformed, tampered, unsigned where a signature is required, or
    belongs to no computer of the unit. The whole report is refused."""

    code = "scan_report_refused"

    def __init__(self, message: str) -> None:
        super().__init__(message, SCAN_FORMAT)

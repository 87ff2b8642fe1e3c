"""Scan-report replay: a report is its signed content, not its file's bytes, so a re-indented,
re-encoded or re-ordered copy is refused as already imported; and an older report imported
after a newer one is kept as history but never rolls the computer's recorded OS or antivirus
back."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from bmnn.audit.models import Event, EventKind
from bmnn.netsec.actions import do_import_scan_report, do_register_computer
from bmnn.netsec.errors import ScanReportRefused
from bmnn.netsec.importing import canonical
from bmnn.netsec.models import Computer, ScanFinding, ScanReport
from bmnn.org.models import Account
from tests.netsec.conftest import encode, public_b64, report, sign
from tests.world import World


@pytest.fixture
def pc(world: World, it: Account) -> Computer:
    return do_register_computer(world.dept, {"asset_id": "MT-01", "hostname": "vt-pc01",
                                             "purpose": "internet"}, actor=it)


def _two_findings() -> dict[str, Any]:
    data = report("VT-PC01")
    data["files"].append({**data["files"][0], "path": "D:\\\\luu\\\\bao-cao-mat.docx"})
    return data


def _copies(signed: dict[str, Any]) -> dict[str, bytes]:
    reordered = dict(reversed(list(signed.items())))
    return {
        "re-indented": json.dumps(signed, ensure_ascii=False, indent=2).encode("utf-8"),
        "newline added": encode(signed) + b"\n",
        "escaped non-ASCII": json.dumps(signed, ensure_ascii=True).encode("ascii"),
        "keys re-ordered": json.dumps(reordered, ensure_ascii=False).encode("utf-8"),
        "BOM-less CRLF pretty": json.dumps(signed, ensure_ascii=False, indent="\t").replace(
            "\n", "\r\n").encode("utf-8"),
    }


def test_a_re_serialised_copy_of_a_report_is_refused_with_nothing_written(
        world: World, it: Account, pc: Computer, key: Ed25519PrivateKey, settings: Any) -> None:
    settings.BMNN_SCAN_TRUSTED_KEYS = [public_b64(key)]
    signed = sign(_two_findings(), key)
    do_import_scan_report(world.dept, encode(signed), actor=it)
    assert ScanFinding.objects.count() == 2
    for name, raw in _copies(signed).items():
        assert raw != encode(signed), name
        before = Event.objects.count()
        with pytest.raises(ScanReportRefused, match="đã được nhập") as refused:
            do_import_scan_report(world.dept, raw, actor=it)
        assert "cùng nội dung đã ký" in refused.value.message, name
        assert (ScanReport.objects.count(), ScanFinding.objects.count()) == (1, 2), name
        new = list(Event.objects.filter(seq__gt=before))
        assert [(e.kind, e.action) for e in new] == [(EventKind.REFUSAL, "import_scan_report")], name


def test_the_same_content_without_its_signature_is_the_same_report(
        world: World, it: Account, pc: Computer, key: Ed25519PrivateKey) -> None:
    signed = sign(_two_findings(), key)
    do_import_scan_report(world.dept, encode(signed), actor=it)  # no trusted keys: unsigned allowed
    stripped = {k: v for k, v in signed.items() if k != "signature"}
    with pytest.raises(ScanReportRefused, match="đã được nhập"):
        do_import_scan_report(world.dept, encode(stripped), actor=it)
    assert ScanReport.objects.count() == 1


def _scan_at(finished: str, os_product: str, os_version: str, av_date: str) -> dict[str, Any]:
    data = report("VT-PC01")
    data["started_at"], data["finished_at"] = finished.replace("10:00", "09:50"), finished
    data["host"].update(os_product=os_product, os_version=os_version, os_end_of_support="")
    data["posture"]["antivirus"][0]["signature_date"] = av_date
    return data


def test_an_older_report_imported_late_never_rolls_the_computer_back(
        world: World, it: Account, pc: Computer, key: Ed25519PrivateKey) -> None:
    newer = _scan_at("2026-05-04T10:00:00Z", "Windows 10 Pro 22H2", "10.0.19045", "2026-05-01")
    older = _scan_at("2026-03-02T10:00:00Z", "Windows 7 Professional", "6.1.7601", "2025-12-01")
    do_import_scan_report(world.dept, encode(sign(newer, key)), actor=it)
    late = do_import_scan_report(world.dept, encode(sign(older, key)), actor=it)
    pc.refresh_from_db()
    assert (pc.os_version, pc.antivirus_signature_date) == ("10.0.19045", dt.date(2026, 5, 1))
    assert late.findings.count() == 1  # the older report is history all the same
    event = Event.objects.filter(action="import_scan_report").order_by("-seq").first()
    assert event is not None and event.changes["posture_updated"] is False
    assert event.changes["newer_scan_finished_at"].startswith("2026-05-04")
    latest = _scan_at("2026-05-10T10:00:00Z", "Windows 11 Pro", "10.0.22631", "2026-05-09")
    do_import_scan_report(world.dept, encode(sign(latest, key)), actor=it)
    pc.refresh_from_db()
    assert (pc.os_version, pc.antivirus_signature_date) == ("10.0.22631", dt.date(2026, 5, 9))


def test_existing_rows_get_their_identity_and_a_duplicate_keeps_none(
        world: World, it: Account, pc: Computer, key: Ed25519PrivateKey) -> None:
    from django.apps import apps

    migration = importlib.import_module("bmnn.netsec.migrations.0003_scan_content_sha256")
    signed = sign(report("VT-PC01"), key)
    first = do_import_scan_report(world.dept, encode(signed), actor=it)
    copy = ScanReport.objects.create(
        computer=pc, received_at=first.received_at, started_at=first.started_at,
        finished_at=first.finished_at, scanner_version="0.1.0", sha256="c" * 64,
        raw=json.dumps(signed, indent=2))  # imported twice before identities were kept
    ScanReport.objects.update(content_sha256=None)
    migration.fill(apps, None)
    first.refresh_from_db()
    copy.refresh_from_db()
    import hashlib

    assert first.content_sha256 == hashlib.sha256(canonical(signed)).hexdigest()
    assert copy.content_sha256 is None
    with pytest.raises(ScanReportRefused, match="đã được nhập"):
        do_import_scan_report(world.dept, json.dumps(signed, indent=4).encode(), actor=it)

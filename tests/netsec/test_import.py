"""Scan report import: a good signed report is stored; a tampered, malformed, unsigned (when keys
are trusted) or unknown-computer report is refused whole, with only the refusal event written."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from bmnn.audit.models import Event, EventKind
from bmnn.netsec.actions import do_import_scan_report, do_register_computer
from bmnn.netsec.errors import ScanReportRefused
from bmnn.netsec.models import Computer, ScanFinding, ScanReport
from bmnn.org.models import Account
from tests.netsec.conftest import encode, public_b64, report, sign
from tests.world import World


def _pc(world: World, it: Account) -> Computer:
    data = {"asset_id": "MT-01", "hostname": "vt-pc01", "purpose": "internet"}
    return do_register_computer(world.dept, data, actor=it)


def _refused(world: World, it: Account, raw: bytes, words: str) -> None:
    before = Event.objects.count()
    with pytest.raises(ScanReportRefused) as refused:
        do_import_scan_report(world.dept, raw, actor=it)
    assert words in refused.value.message
    assert not ScanReport.objects.exists() and not ScanFinding.objects.exists()
    events = list(Event.objects.order_by("seq")[before:])
    assert [(e.kind, e.action) for e in events] == [(EventKind.REFUSAL, "import_scan_report")]


def test_good_signed_report_is_stored_and_updates_posture(world: World, it: Account,
                                                          key: Ed25519PrivateKey, settings) -> None:  # type: ignore[no-untyped-def]
    settings.BMNN_SCAN_TRUSTED_KEYS = [public_b64(key)]
    pc = _pc(world, it)
    scan = do_import_scan_report(world.dept, encode(sign(report(), key)), actor=it)
    assert scan.computer == pc and scan.signed and len(scan.key_fingerprint) == 64
    finding = ScanFinding.objects.get()
    assert finding.level == "toi_mat" and finding.path.endswith("đề-thi.docx")
    pc.refresh_from_db()
    assert pc.os_end_of_support == dt.date(2025, 10, 14)
    assert pc.antivirus_product == "BKAV Pro" and pc.antivirus_signature_date == dt.date(2026, 5, 1)
    assert Event.objects.filter(action="import_scan_report", kind=EventKind.ACTION).count() == 1


def test_tampered_report_is_refused(world: World, it: Account, key: Ed25519PrivateKey) -> None:
    _pc(world, it)
    signed = sign(report(), key)
    signed["files"] = []  # someone removed the flagged file after signing
    _refused(world, it, encode(signed), "không hợp lệ")


def test_unsigned_report_refused_when_trusted_keys_are_configured(world: World, it: Account,
                                                                   key: Ed25519PrivateKey, settings) -> None:  # type: ignore[no-untyped-def]
    settings.BMNN_SCAN_TRUSTED_KEYS = [public_b64(key)]
    _pc(world, it)
    _refused(world, it, encode(report()), "không có chữ ký số")


def test_report_signed_by_an_untrusted_key_is_refused(world: World, it: Account, settings) -> None:  # type: ignore[no-untyped-def]
    settings.BMNN_SCAN_TRUSTED_KEYS = [public_b64(Ed25519PrivateKey.generate())]
    _pc(world, it)
    _refused(world, it, encode(sign(report(), Ed25519PrivateKey.generate())), "khóa không nằm trong")


def test_unsigned_report_accepted_when_no_keys_are_configured(world: World, it: Account) -> None:
    _pc(world, it)
    assert not do_import_scan_report(world.dept, encode(report()), actor=it).signed


@pytest.mark.parametrize(("mutate", "words"), [
    (lambda r: r.update(schema="bmnn-scan-report/9"), "không được hỗ trợ"),
    (lambda r: r.pop("summary"), "thiếu trường bắt buộc: summary"),
    (lambda r: r.update(files={"a": 1}), "sai kiểu"),
    (lambda r: r.update(started_at="hôm qua"), "ISO 8601"),
])
def test_malformed_reports_are_refused(world: World, it: Account, mutate, words: str) -> None:  # type: ignore[no-untyped-def]
    _pc(world, it)
    data = report()
    mutate(data)
    _refused(world, it, encode(data), words)


def test_not_json_and_oversize_are_refused(world: World, it: Account,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _pc(world, it)
    _refused(world, it, b"\xff\xfe not json", "không phải JSON")
    monkeypatch.setattr("bmnn.netsec.importing.MAX_BYTES", 100)
    _refused(world, it, encode(report()), "quá lớn")


def test_unknown_computer_refused_unless_create(world: World, it: Account) -> None:
    raw = encode(report("MAY-LA"))
    _refused(world, it, raw, "không có máy")
    scan = do_import_scan_report(world.dept, raw, create=True, actor=it)
    assert scan.computer.asset_id == "MAY-LA" and scan.computer.purpose == "unknown"
    with pytest.raises(ScanReportRefused, match="đã được nhập"):
        do_import_scan_report(world.dept, raw, actor=it)
    assert ScanReport.objects.count() == 1
    assert json.loads(scan.raw)["host"]["hostname"] == "MAY-LA"


def test_report_signed_by_the_scanner_imports(world: World, it: Account, settings) -> None:  # type: ignore[no-untyped-def]
    """The scanner's own signing (bmnn.scanner.report.sign_report) verifies here."""
    from bmnn.scanner.report import public_key_b64, sign_report

    key = Ed25519PrivateKey.generate()
    settings.BMNN_SCAN_TRUSTED_KEYS = [public_key_b64(key.public_key())]
    _pc(world, it)
    assert do_import_scan_report(world.dept, encode(sign_report(report(), key)), actor=it).signed


def test_bad_mark_kind_is_refused(world: World, it: Account) -> None:
    _pc(world, it)
    data = report()
    data["files"][0]["marks"][0]["kind"] = "stamp"
    _refused(world, it, encode(data), "sai định dạng")


def test_linux_host_matched_by_distribution() -> None:
    from bmnn.netsec.refdata import end_of_support

    assert end_of_support("Linux", "12", "Debian GNU/Linux 12 (bookworm)") == dt.date(2028, 6, 30)
    assert end_of_support("Linux", "20.04", "Ubuntu 20.04.6 LTS") == dt.date(2025, 5, 31)
    assert end_of_support("Windows", "10.0.17763", "Windows Server 2019 Standard") == dt.date(2029, 1, 9)
    assert end_of_support("Plan9", "4", "") is None


@pytest.mark.parametrize(
    ("os_name", "version", "product", "build_or_release"),
    [
        ("Windows", "10.0.17763", "Windows 10 Pro", ("windows", 17763, False)),  # 1809: ended 2020
        ("Windows", "10.0.19045", "", ("windows", 19045, False)),
        ("Windows", "6.1", "Windows 7 Professional", ("windows", 7601, False)),
        ("Windows", "10.0.20348", "Windows Server 2022", ("windows", 20348, True)),
        ("Ubuntu", "22.04", "", ("linux", "ubuntu", "22.04")),
        ("Linux", "9.3", "Red Hat Enterprise Linux 9.3", ("linux", "rhel", "9.3")),
    ],
)
def test_inventory_and_scanner_read_one_table(os_name: str, version: str, product: str,
                                              build_or_release: tuple[object, ...]) -> None:
    from bmnn.netsec.refdata import end_of_support
    from bmnn.scanner.posture import eos

    kind, *key = build_or_release
    _, day = eos.windows_eos(*key) if kind == "windows" else eos.linux_eos(*key)  # type: ignore[arg-type]
    assert day is not None
    assert end_of_support(os_name, version, product) == dt.date.fromisoformat(day)


def test_trusted_keys_from_the_environment(world: World, it: Account,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    key = Ed25519PrivateKey.generate()
    monkeypatch.setenv("BMNN_SCAN_TRUSTED_KEYS", f" {public_b64(key)} ,")
    _pc(world, it)
    _refused(world, it, encode(report()), "không có chữ ký số")
    assert do_import_scan_report(world.dept, encode(sign(report(), key)), actor=it).signed

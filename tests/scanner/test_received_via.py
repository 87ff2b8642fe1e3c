"""End to end: a Windows user profile and a Linux home laid out in tmp_path, scanned by the real
extractors; each stamped file is tagged with the app that received it, and the report still
validates, signs and round-trips."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bmnn.scanner.html import render_html
from bmnn.scanner.report import (
    build_report,
    generate_key,
    load_key,
    sign_report,
    validate_report,
    verify_report,
)
from bmnn.scanner.runner import Outcome, ScanConfig, run_scan
from tests.scanner import corpus

STAMPED_DOCX = corpus.docx_bytes(["Kế hoạch công tác quý II"], header=["TỐI MẬT"])
STAMPED_TXT = "TỐI MẬT\nBÁO CÁO\nTình hình thực hiện nhiệm vụ.\n".encode()
MAIL = corpus.eml_bytes("Gửi kế hoạch", "Gửi anh kế hoạch.", {"ke-hoach.docx": STAMPED_DOCX})
MBOX = corpus.mbox_bytes([corpus.eml_bytes("Lịch họp", "Thứ Hai họp giao ban.", {}), MAIL])

OUTLOOK_CACHE = "AppData/Local/Microsoft/Windows/INetCache/Content.Outlook/AB12CD34"
THUNDERBIRD = "AppData/Roaming/Thunderbird/Profiles/ab12.default-release"
WINDOWS = {  # under <root>/Users/a
    "Documents/Zalo Received Files/bao-cao-zalo.docx": (STAMPED_DOCX, "zalo"),
    "Downloads/Telegram Desktop/ke-hoach.txt": (STAMPED_TXT, "telegram"),
    "Downloads/bao-cao.docx": (STAMPED_DOCX, None),
    "Documents/Telegram notes/ghi-chu.txt": (STAMPED_TXT, None),
    f"{OUTLOOK_CACHE}/to-trinh.docx": (STAMPED_DOCX, "outlook"),
    f"{THUNDERBIRD}/Mail/Local Folders/Inbox": (MBOX, "thunderbird"),
    "AppData/Local/Microsoft/Outlook/vanthu@example.vn.ost": (b"!BDN" + bytes(4096), "outlook"),
    "Documents/Thư đã lưu/ke-hoach.eml": (MAIL, "mail_archive"),
}
LINUX = {  # under <root>/home/b
    "Downloads/Telegram Desktop/bao-cao.docx": (STAMPED_DOCX, "telegram"),
    "Tài liệu/bao-cao.txt": (STAMPED_TXT, None),
    ".thunderbird/x1y2.default-release/ImapMail/imap.example.vn/INBOX": (MBOX, "thunderbird"),
    ".local/share/evolution/mail/local/cur/1767578400.12_3.may:2,S":
        (b"Date: Mon, 05 Jan 2026 09:00:00 +0700\n" + MAIL, "evolution"),
    "Takeout/Mail/Tất cả thư.mbox": (MBOX, "mail_archive"),
    "ghi-chep/Inbox": (MBOX, None),  # looks like a mailbox, but outside any mail client: not read
}


def lay_out(root: Path) -> dict[str, str | None]:
    """Write both trees; the expected received_via of each listed file, by path."""
    expected: dict[str, str | None] = {}
    for base, files in ((root / "C" / "Users" / "a", WINDOWS), (root / "home" / "b", LINUX)):
        for relative, (data, app) in files.items():
            expected[str(corpus.write(base / relative, data))] = app
    return expected


def report_of(outcome: Outcome, roots: list[str]) -> dict[str, Any]:
    return build_report(started_at="2026-05-04T02:00:00Z", finished_at="2026-05-04T02:10:00Z",
                        host={"hostname": "VT-PC01"}, posture={}, roots=roots, results=outcome.results,
                        skipped=outcome.skipped, tally=outcome.tally, files_seen=outcome.files_seen,
                        complete=outcome.complete)


def test_each_stamped_file_is_tagged_with_the_app_that_received_it(tmp_path: Path) -> None:
    expected = lay_out(tmp_path / "may")
    roots = [str(tmp_path / "may")]
    report = report_of(run_scan(roots, ScanConfig(), workers=0), roots)
    listed = {f["path"]: f for f in report["files"]}
    mailbox_outside = str(tmp_path / "may" / "home" / "b" / "ghi-chep" / "Inbox")
    assert set(listed) == set(expected) - {mailbox_outside}
    assert {path: f["received_via"] for path, f in listed.items()} == {
        path: app for path, app in expected.items() if path != mailbox_outside}
    by_name = {Path(path).name: f for path, f in listed.items()}
    assert by_name["vanthu@example.vn.ost"]["error"] == "unsupported: Outlook data file"
    assert by_name["vanthu@example.vn.ost"]["type"] == "pst"
    inbox = by_name["INBOX"]
    assert inbox["type"] == "mbox" and inbox["error"] is None
    assert [(m["level"], m["location"]) for m in inbox["marks"]] == [
        ("toi_mat", "message 2!ke-hoach.docx!word/header1.xml")]
    assert by_name["1767578400.12_3.may:2,S"]["type"] == "eml"
    summary = report["summary"]
    assert summary["files_in_messaging"] == 9  # the stamped files tagged with an app (not the .ost)
    assert summary["messaging_by_app"] == {"evolution": 1, "mail_archive": 2, "outlook": 1, "telegram": 2,
                                           "thunderbird": 2, "zalo": 1}
    assert summary["by_level"]["toi_mat"] == 12
    assert validate_report(report) == []


def test_parallel_scan_tags_the_same_and_the_signed_report_round_trips(tmp_path: Path) -> None:
    lay_out(tmp_path / "may")
    roots = [str(tmp_path / "may")]
    serial = report_of(run_scan(roots, ScanConfig(), workers=0), roots)
    parallel = report_of(run_scan(roots, ScanConfig(), workers=2), roots)
    assert parallel == serial
    key = tmp_path / "k.pem"
    public = generate_key(key)
    signed = sign_report(serial, load_key(key))
    round_trip = json.loads(json.dumps(signed, ensure_ascii=False, indent=1, sort_keys=True))
    assert round_trip == signed
    assert verify_report(round_trip, trusted_keys=[public]) and validate_report(round_trip) == []
    tampered = json.loads(json.dumps(signed))
    next(f for f in tampered["files"] if f["received_via"] == "zalo")["received_via"] = None
    assert not verify_report(tampered)


def test_html_names_the_app_beside_the_file(tmp_path: Path) -> None:
    lay_out(tmp_path / "may")
    roots = [str(tmp_path / "may")]
    page = render_html(report_of(run_scan(roots, ScanConfig(), workers=0), roots))
    assert "bao-cao-zalo.docx (nhận qua Zalo)" in page
    assert "ke-hoach.txt (nhận qua Telegram)" in page
    assert "INBOX (nhận qua Thunderbird)" in page
    assert "Tất cả thư.mbox (nhận qua thư điện tử (tệp thư, hộp thư))" in page
    assert "Downloads/bao-cao.docx</td>" in page  # an ordinary folder: no app named
    assert "tệp dữ liệu Outlook (.pst, .ost): trình quét không đọc được" in page
    assert "— nhận qua Zalo</td><td>1</td>" in page


def test_a_file_that_timed_out_keeps_its_place() -> None:
    from bmnn.scanner.runner import failed_result

    zalo = r"C:\Users\a\Documents\Zalo Received Files\lon.pdf"
    assert failed_result((zalo, 1), "timeout")["received_via"] == "zalo"
    assert failed_result(("/home/b/lon.pdf", 1), "timeout")["received_via"] is None

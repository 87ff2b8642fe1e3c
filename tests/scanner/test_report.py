"""Report building, canonical JSON, Ed25519 signing and verification, schema validation."""

from __future__ import annotations

import copy
import json
import stat
from pathlib import Path
from typing import Any

import pytest

from bmnn.scanner.report import (
    Tally,
    build_report,
    canonical_bytes,
    generate_key,
    load_key,
    sign_report,
    validate_report,
    verify_report,
)

MARKED = {
    "path": "/d/b.docx",
    "size": 10,
    "sha256": "ab",
    "type": "docx",
    "marks": [
        {
            "kind": "level",
            "level": "toi_mat",
            "text": "TỐI MẬT",
            "location": "word/header1.xml",
            "evidence": "TỐI MẬT",
        }
    ],
    "catalog_hits": [],
    "error": None,
}
CLEAN = {
    "path": "/d/a.txt",
    "size": 5,
    "sha256": "cd",
    "type": "txt",
    "marks": [],
    "catalog_hits": [],
    "error": None,
}
BROKEN = {
    "path": "/d/c.pdf",
    "size": 7,
    "sha256": "ef",
    "type": "pdf",
    "marks": [],
    "catalog_hits": [],
    "error": "encrypted",
}


def report() -> dict[str, Any]:
    tally = Tally()
    for result in (MARKED, CLEAN, BROKEN):
        tally.add(result)
    return build_report(
        started_at="2026-05-04T02:00:00Z",
        finished_at="2026-05-04T02:10:00Z",
        host={"hostname": "PC01"},
        posture={},
        roots=["/d"],
        results=[BROKEN, MARKED],
        skipped=[{"path": "/d/x", "reason": "permission denied"}],
        tally=tally,
        files_seen=3,
        complete=True,
    )


def test_report_lists_only_files_with_findings_and_counts_all() -> None:
    data = report()
    assert [f["path"] for f in data["files"]] == ["/d/b.docx", "/d/c.pdf"]
    assert data["summary"] == {
        "files_seen": 3,
        "files_scanned": 2,
        "bytes_scanned": 15,
        "files_with_marks": 1,
        "by_level": {"tuyet_mat": 0, "toi_mat": 1, "mat": 0},
        "errors": 1,
        "skipped": 1,
        "complete": True,
        "files_in_messaging": 0,
        "messaging_by_app": {},
        "unread": {},
        "unread_by_type": {},
    }
    assert [f["received_via"] for f in data["files"]] == [None, None]
    assert validate_report(data) == []


def test_a_report_with_unread_files_is_incomplete_and_counts_them() -> None:
    tally = Tally()
    for result in (MARKED, {**BROKEN, "type": "pdf", "error": "unreadable text: page 3"}):
        tally.add(result)
    data = build_report(started_at="2026-05-04T02:00:00Z", finished_at="2026-05-04T02:10:00Z", host={},
                        posture={}, roots=["/d"], results=[], skipped=[], tally=tally, files_seen=2,
                        complete=True)
    assert data["summary"]["complete"] is False
    assert data["summary"]["unread"] == {"pdf_text": 1} and data["summary"]["unread_by_type"] == {"pdf": 1}
    assert validate_report(data) == []
    data["summary"]["unread"] = {"pdf_text": -1}
    assert validate_report(data) == ["summary: khóa 'unread' sai kiểu"]


def test_canonical_bytes_are_sorted_compact_utf8_without_signature() -> None:
    data = {"b": "Mật", "a": [1, {"d": 2, "c": 3}], "signature": {"value": "x"}}
    assert canonical_bytes(data) == '{"a":[1,{"c":3,"d":2}],"b":"Mật"}'.encode()


def test_signed_report_verifies_and_any_change_breaks_it(tmp_path: Path) -> None:
    key_path = tmp_path / "k.pem"
    public = generate_key(key_path)
    signed = sign_report(report(), load_key(key_path))
    assert signed["signature"]["public_key"] == public
    assert verify_report(signed)
    assert verify_report(signed, trusted_keys=[public])
    assert not verify_report(signed, trusted_keys=["AAAA"])
    round_trip = json.loads(json.dumps(signed, ensure_ascii=False, indent=1))
    assert verify_report(round_trip)
    tampered = copy.deepcopy(signed)
    tampered["files"][0]["marks"] = []
    assert not verify_report(tampered)
    assert "chữ ký không hợp lệ" in validate_report(tampered)
    assert not verify_report(report())  # unsigned is not "verified"


def test_keygen_is_private_and_never_overwrites(tmp_path: Path) -> None:
    key_path = tmp_path / "k.pem"
    generate_key(key_path)
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    before = key_path.read_bytes()
    with pytest.raises(FileExistsError):
        generate_key(key_path)
    assert key_path.read_bytes() == before


def test_validate_names_each_problem() -> None:
    data = report()
    del data["host"]
    data["schema"] = "other/9"
    data["files"][0]["marks"][0]["kind"] = "stamp"
    data["files"][1]["size"] = "big"
    del data["summary"]["complete"]
    problems = validate_report(data)
    assert "báo cáo: thiếu khóa 'host'" in problems
    assert "lược đồ không phải bmnn-scan-report/1" in problems
    assert "files[0].marks[0]: loại dấu không hợp lệ" in problems
    assert "files[1]: khóa 'size' sai kiểu" in problems
    assert "summary: thiếu khóa 'complete'" in problems
    assert validate_report([1]) == ["báo cáo không phải đối tượng JSON"]


def test_html_speaks_to_a_clerk() -> None:
    from bmnn.scanner.html import render_html

    page = render_html(
        {
            "started_at": "2026-05-04T02:00:00Z",
            "finished_at": "2026-05-04T02:10:00Z",
            "roots": ["C:\\"],
            "host": {"hostname": "VT-PC01", "os_end_of_support": "2025-10-14"},
            "posture": {"interfaces": [{"name": "eth0", "kind": "ethernet", "up": True, "addresses": []}]},
            "files": [
                {**MARKED, "path": "C:\\a.docx", "size": 123456},
                {
                    "path": "C:\\b.doc",
                    "size": 1,
                    "type": "doc",
                    "error": "encrypted",
                    "marks": [],
                    "catalog_hits": [],
                },
            ],
            "summary": {"files_seen": 1234567, "complete": True},
        }
    )
    assert "14/10/2025" in page and "2025-10-14" not in page  # dates as dd/mm/yyyy
    assert "04/05/2026" in page and "T02:00" not in page
    assert "1.234.567" in page and "123.456" in page  # numbers as Vietnamese write them
    assert "đầu trang (word/header1.xml)" in page and "có mật khẩu, mã hóa (encrypted)" in page
    assert "mạng có dây" in page


def test_messaging_counts_take_files_with_a_level_in_such_places() -> None:
    tally = Tally()
    for result in (
        {**MARKED, "received_via": "zalo"},
        {**MARKED, "received_via": "zalo"},
        {**MARKED, "received_via": "mail_archive"},
        {**MARKED, "received_via": None},
        {**BROKEN, "received_via": "outlook"},  # an unreadable .ost: no mark, not counted
        {**MARKED, "marks": [{"kind": "declassified", "level": None}], "received_via": "viber"},
    ):
        tally.add(result)
    summary = tally.summary(6, 0, True)
    assert summary["files_in_messaging"] == 3
    assert summary["messaging_by_app"] == {"mail_archive": 1, "zalo": 2}


def test_received_via_and_messaging_counts_are_optional_but_typed() -> None:
    data = report()
    data["files"][0]["received_via"] = "zalo"
    data["files"][1]["received_via"] = "newapp_2027"  # an app of a newer scanner is accepted
    assert validate_report(data) == []
    data["files"][0]["received_via"] = 3
    data["files"][1]["received_via"] = "Zalo PC"
    data["summary"]["files_in_messaging"] = True
    data["summary"]["messaging_by_app"] = {"zalo": -1}
    assert validate_report(data) == [
        "files[0]: khóa 'received_via' sai kiểu",
        "files[1]: mã ứng dụng 'Zalo PC' không hợp lệ",
        "summary: khóa 'files_in_messaging' sai kiểu",
        "summary: khóa 'messaging_by_app' sai kiểu",
    ]


def test_a_report_of_the_previous_version_stays_valid_signed_or_not(tmp_path: Path) -> None:
    old = report()
    for record in old["files"]:
        del record["received_via"]
    del old["summary"]["files_in_messaging"], old["summary"]["messaging_by_app"]
    assert validate_report(old) == []
    key_path = tmp_path / "k.pem"
    public = generate_key(key_path)
    signed = json.loads(json.dumps(sign_report(old, load_key(key_path)), ensure_ascii=False))
    assert validate_report(signed) == [] and verify_report(signed, trusted_keys=[public])
    from bmnn.scanner.html import render_html

    page = render_html(signed)
    assert "nhận qua" not in page and "Tệp mang dấu độ mật ở nơi" not in page

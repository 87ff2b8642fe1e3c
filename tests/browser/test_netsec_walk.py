"""The IT officer's path in the real pages: a computer scanned by the real scanner, its report
read in the browser, imported, and the finding shown on the computer's page (Khoản 5 Điều 5)."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bmnn.netsec.models import Computer, ScanReport
from bmnn.org.models import Account, Person, Role
from tests.browser.conftest import shot
from tests.browser.test_walkthrough import PASSWORD, login
from tests.scanner import corpus
from tests.world import World

pytestmark = pytest.mark.browser


def _scanned(tmp_path: Path) -> Path:
    """A folder with a stamped report and a plain note, scanned by `python -m bmnn.scanner`."""
    folder = tmp_path / "Documents"
    corpus.write(folder / "bao-cao.docx", corpus.docx_bytes(["Báo cáo tình hình"], header=["TỐI MẬT"]))
    corpus.write(folder / "ghi-chu.txt", "Hướng dẫn đổi mật khẩu\n".encode())
    out = tmp_path / "ketqua"
    subprocess.run([sys.executable, "-m", "bmnn.scanner", "run", str(folder), "-o", str(out), "--quiet",
                    "--workers", "0"], check=True, capture_output=True, timeout=300)
    return out


def test_it_officer_imports_a_scan(live_server: Any, live_world: World, browser_page: Any,
                                   tmp_path: Path) -> None:
    page, base = browser_page, live_server.url
    person = Person.objects.create(full_name="Đỗ Quang Vinh", unit=live_world.dept, clearance="mat")
    account = Account(username="cntt", person=person, roles=[Role.IT_OFFICER])
    account.set_password(PASSWORD)
    account.save()
    report = _scanned(tmp_path)
    page.goto(report.with_suffix(".html").as_uri())
    assert "bao-cao.docx" in page.inner_text("body") and "ghi-chu.txt" not in page.inner_text("body")
    shot(page, "09-bao-cao-quet")

    login(page, base, "cntt")
    page.goto(f"{base}/an-ninh-mang/")
    page.click("a:text-is('Thêm máy tính, thiết bị')")
    page.fill("#id_asset_id", "MT-07")
    page.fill("#id_hostname", socket.gethostname())
    page.select_option("#id_purpose", "internet")
    page.click("button:has-text('Ghi')")
    page.wait_for_selector("text=MT-07")

    page.click("a:text-is('Nhập báo cáo quét')")
    page.set_input_files("#id_file", str(report.with_suffix(".json")))
    shot(page, "10-nhap-bao-cao-quet")
    page.click("button:has-text('Nhập')")
    page.wait_for_selector("text=Đã nhập báo cáo quét")
    body = page.inner_text("body")
    assert "bao-cao.docx" in body and "Khoản 5 Điều 5" in body
    assert "Máy tính độc lập có lịch sử kết nối Internet" in body  # the category's title, not its id
    assert ScanReport.objects.get().computer == Computer.objects.get(asset_id="MT-07")
    shot(page, "11-may-tinh-luu-tai-lieu-mat")
    page.goto(f"{base}/an-ninh-mang/")
    shot(page, "12-danh-muc-may-tinh")

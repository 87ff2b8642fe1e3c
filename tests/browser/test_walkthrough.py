"""A clerk's main path in the real pages: propose, approve, issue, register, search, a refused
transfer shown in place, a transfer and its receipt."""

from __future__ import annotations

from typing import Any

import pytest

from bmnn.registry.models import Document, Transfer
from tests.browser.conftest import shot
from tests.world import World

pytestmark = pytest.mark.browser
PASSWORD = "mat-khau-thu-nghiem"


def login(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_main_path(live_server: Any, live_world: World, browser_page: Any) -> None:
    page, base, w = browser_page, live_server.url, live_world
    page.goto(f"{base}/dang-nhap/")
    shot(page, "01-dang-nhap")

    login(page, base, "chuyenvien")
    page.click("a:text-is('Đề xuất độ mật')")
    page.fill("#id_doc_type", "Báo cáo")
    page.fill("#id_summary", "Kế hoạch in sao đề thi tốt nghiệp năm 2026")
    page.select_option("#id_level", "mat")  # the drafter holds Mật clearance
    page.select_option("#id_basis", [str(w.staff_item.pk)])
    page.fill("#id_recipients", "UBND tỉnh Lào Cai; 2\nLưu: VT; 1")
    page.check("input[name=copy_permitted][value=no]")
    shot(page, "02-de-xuat")
    page.click("button:has-text('Ghi')")
    page.wait_for_selector("text=Đã gửi đề xuất độ mật chờ duyệt")
    document = Document.objects.get()

    login(page, base, "giamdoc")
    shot(page, "03-trang-chu-thu-truong")
    page.click("a:text-is('Duyệt')")
    page.check("input[name=approve][value=yes]")
    page.click("button:has-text('Ghi')")
    page.wait_for_selector("text=Đã ghi quyết định")

    login(page, base, "vanthu")
    page.goto(f"{base}/tai-lieu/{document.pk}/ban-hanh/")
    page.fill("#id_number_symbol", "21/BC-SGDĐT")
    page.fill("#id_issued_on", "04/05/2026")
    page.select_option("#id_signer", str(w.head.person.pk))  # type: ignore[union-attr]
    page.click("button:has-text('Ghi')")
    page.wait_for_selector("text=Đã ban hành và vào sổ đăng ký BMNN đi")
    shot(page, "04-tai-lieu")

    page.goto(f"{base}/so/outgoing/2026/?q=in sao de thi")
    assert page.locator("table.register tbody tr").count() == 1
    assert "21/BC-SGDĐT" in page.inner_text("table.register")
    shot(page, "05-so-di-tim-kiem")

    page.goto(f"{base}/tai-lieu/{document.pk}/chuyen-giao/")
    page.fill("#id_recipient_name", "UBND tỉnh Lào Cai")
    page.select_option("#id_channel", "internet")
    page.fill("#id_sent_on", "04/05/2026")
    page.select_option("#id_sent_by", str(w.clerk.person.pk))  # type: ignore[union-attr]
    page.click("button:has-text('Ghi')")
    refusal = page.inner_text(".refusal")
    assert "Không thực hiện được" in refusal and "Điều 13" in refusal
    assert not Transfer.objects.exists()
    shot(page, "06-tu-choi-chuyen-giao")

    page.select_option("#id_channel", "kt1_post")
    page.click("button:has-text('Ghi')")
    page.wait_for_selector("text=Đã vào sổ chuyển giao")
    page.goto(f"{base}/")
    shot(page, "07-trang-chu-van-thu")
    page.click("a:text-is('Ghi ký nhận')")
    page.fill("#id_received_by_name", "Đỗ Văn Tâm")
    page.fill("#id_received_on", "04/05/2026")
    page.click("button:has-text('Ghi')")
    page.wait_for_selector("text=Đã ghi ký nhận")
    assert Transfer.objects.get().received_by_name == "Đỗ Văn Tâm"
    page.goto(f"{base}/so/transfers/2026/")
    shot(page, "08-so-chuyen-giao")

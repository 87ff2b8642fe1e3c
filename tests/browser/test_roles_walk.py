"""A week per role in the real pages (Chromium): each person opens every page the menu offers
and every link on those pages, and meets no refusal page, no server error, no internal code and
no ISO date; the clerk prints a register with a line above her clearance, searches the catalog
without diacritics and sees the error pages in Vietnamese. Screenshots of each role's home."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest

from bmnn.law.levels import Level
from bmnn.org.models import Account, Person, Role
from tests.browser.conftest import shot
from tests.registry.flows import issue, propose
from tests.world import World

pytestmark = pytest.mark.browser
PASSWORD = "mat-khau-thu-nghiem"
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
ENGLISH = re.compile(r"\b(None|True|False|Forbidden|Not Found|Server Error|This field is required"
                     r"|Select a valid)\b")
SKIP = ("/dang-xuat/", "tai-ve", "/in/", "phieu-theo-doi", "hop-hoi-dong", "/api/", "kiem-tra=1")  # downloads


def _account(world: World, username: str, name: str, role: str, clearance: str) -> None:
    person = Person.objects.create(full_name=name, unit=world.dept, clearance=clearance)
    account = Account(username=username, person=person, roles=[role])
    account.set_password(PASSWORD)
    account.save()


def login(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def _walk(page: Any, base: str) -> tuple[int, list[str]]:
    """Every menu page and every link on it, once; what went wrong on the way."""
    host, seen, problems = urlparse(base).netloc, set(), []
    queue = [("/", 0)]
    while queue:
        path, depth = queue.pop(0)
        if path in seen or len(seen) >= 60:
            continue
        seen.add(path)
        response = page.goto(base + path)
        if response is None or response.status != 200:
            problems.append(f"{response.status if response else '?'} {path}")
            continue
        text = page.inner_text("main")
        for rx in (CODE, ISO, ENGLISH):
            problems += [f"{path}: {m}" for m in sorted(set(rx.findall(text)))]
        if depth < 2:
            for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
                target = urlparse(urljoin(base + path, href or ""))
                link = target.path + (f"?{target.query}" if target.query else "")
                local = target.netloc == host and href and not href.startswith("#")
                if local and not any(s in link for s in SKIP):
                    queue.append((link, depth + 1))
    return len(seen), problems


ROLES = ["vanthu", "chuyenvien", "giamdoc", "phogd", "phogd2", "thanhtra", "cntt", "quantri"]


def test_each_role_walks_its_week_without_refusals_or_codes(
    live_server: Any, live_world: World, browser_page: Any,
) -> None:
    page, base, w = browser_page, live_server.url, live_world
    _account(w, "thanhtra", "Phạm Quang Vinh", Role.INSPECTOR, Level.TOI_MAT)
    _account(w, "cntt", "Lý Văn Đức", Role.IT_OFFICER, Level.MAT)
    issue(w, number="12/BC-SGDĐT")
    issue(w, number="13/BC-SGDĐT", level=Level.TUYET_MAT)
    propose(w, level=Level.MAT, summary="Kế hoạch bảo vệ kho lưu giữ đề thi")
    report = {}
    for username in ROLES:
        login(page, base, username)
        shot(page, f"vai-tro-{username}")
        report[username] = _walk(page, base)
    for username, (count, problems) in report.items():
        assert count >= 2, (username, count)
        assert not problems, (username, problems)


def test_clerk_prints_a_register_with_a_masked_line_and_meets_vietnamese_errors(
    live_server: Any, live_world: World, browser_page: Any,
) -> None:
    page, base, w = browser_page, live_server.url, live_world
    issue(w, number="12/BC-SGDĐT")
    issue(w, number="13/BC-SGDĐT", level=Level.TUYET_MAT)  # above the clerk's Tối mật
    login(page, base, "vanthu")
    page.goto(f"{base}/so/outgoing/2026/")
    assert "chỉ hiện số thứ tự và độ mật" in page.inner_text("table.register")
    shot(page, "so-di-dong-bi-che")
    with page.expect_download() as download:
        page.click("a:text-is('In (Word)')")
    assert download.value.suggested_filename == "so-outgoing-2026.docx"
    page.goto(f"{base}/tai-lieu/999999/")
    assert "Không tìm thấy trang hoặc hồ sơ" in page.inner_text("main")
    shot(page, "loi-404")
    page.goto(f"{base}/quan-tri/tai-khoan/")
    assert "Bạn không được thực hiện thao tác này" in page.inner_text("main")
    shot(page, "loi-403")


def test_drafter_finds_the_catalog_item_without_diacritics(
    live_server: Any, live_world: World, browser_page: Any,
) -> None:
    page, base = browser_page, live_server.url
    login(page, base, "chuyenvien")
    page.goto(f"{base}/de-xuat/moi/")
    assert page.input_value("#id_level") == ""  # no level chosen for her
    page.fill("input.select-search", "in sao de thi")
    shown = "os => os.filter(o => !o.hidden).map(o => o.text)"
    visible = page.eval_on_selector_all("#id_basis option", shown)
    assert len(visible) == 1 and "in sao đề thi" in visible[0]
    shot(page, "de-xuat-tim-can-cu")


def test_date_field_takes_short_dates_and_the_calendar(
    live_server: Any, live_world: World, browser_page: Any,
) -> None:
    page, base = browser_page, live_server.url
    login(page, base, "vanthu")
    page.goto(f"{base}/den/moi/")
    page.click("button.date-button >> nth=0")  # the browser's own calendar opens without an error
    page.evaluate("() => { const p = document.querySelector('.date-picker');"
                  " p.value = '2026-05-02'; p.dispatchEvent(new Event('change')); }")
    assert page.input_value("#id_doc_date") == "02/05/2026"
    page.fill("#id_arrival_date", "4/5/26")
    page.fill("#id_issuer_name", "Bộ Giáo dục và Đào tạo")
    page.fill("#id_number_symbol", "860/BGDĐT-QLCL")
    page.fill("#id_doc_type", "Công văn")
    page.fill("#id_summary", "Hướng dẫn bảo đảm an toàn đề thi")
    page.select_option("#id_level", "mat")
    page.fill("#id_receiver_name", "Văn thư")
    page.check("input[name=copy_permitted][value=no]")
    page.click("button:has-text('Ghi')")
    page.wait_for_selector("text=Đã vào sổ đến")
    assert "04/05/2026" in page.inner_text("main") or "02/05/2026" in page.inner_text("main")

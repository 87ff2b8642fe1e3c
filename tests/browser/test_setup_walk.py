"""The administrator's first steps in the real pages: a unit, a head's position, a person, an
account; then the organisation page with the delegation list."""

from __future__ import annotations

from typing import Any

import pytest

from bmnn.org.models import Account, Role, Unit
from tests.browser.conftest import shot

pytestmark = pytest.mark.browser


def test_administrator_sets_up_a_unit(live_server: Any, transactional_db: None, browser_page: Any) -> None:
    admin = Account(username="quantri", roles=[Role.ADMIN])
    admin.set_password("mat-khau-quan-tri")
    admin.save()
    page, base = browser_page, live_server.url
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", "quantri")
    page.fill("#id_password", "mat-khau-quan-tri")
    page.click("button[type=submit]")
    page.goto(f"{base}/quan-tri/don-vi/moi/")
    page.fill("#id_code", "X-TP")
    page.fill("#id_name", "UBND xã Tân Phong")
    page.select_option("#id_kind", "commune")
    page.click("button:has-text('Ghi')")
    page.wait_for_selector("text=Đã thêm đơn vị")
    page.click("a:text-is('Thêm chức vụ')")
    page.fill("#id_title", "Chủ tịch UBND xã")
    page.check("#id_is_head")
    page.select_option("#id_authority_class", "commune_leader")
    shot(page, "10-them-chuc-vu")
    page.click("button:has-text('Ghi')")
    page.wait_for_selector("text=Đã thêm chức vụ")
    assert "Chủ tịch UBND xã" in page.inner_text("main")
    shot(page, "11-to-chuc")
    assert Unit.objects.get(code="X-TP").positions.get().is_head

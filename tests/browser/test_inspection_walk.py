"""A unit's self-inspection in the real pages: the secrets officer plans it and runs it (the
progress bar carries the run to the end), reads the findings, drills down to the records,
checks one against the files, answers a checklist question with a scan; the head reads the
result and signs the conclusion; the report downloads as Word. Screenshots 13–20."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bmnn.inspection.actions import do_run_step, do_start_run
from bmnn.inspection.models import ChecklistAnswer, RecordCheck, Run, RunStatus
from tests.browser.conftest import shot
from tests.browser.test_walkthrough import login
from tests.inspection.plant import import_lines, legacy_document, outgoing_row_2018
from tests.inspection.test_runs import plan
from tests.world import World

pytestmark = pytest.mark.browser


def test_self_inspection_walk(live_server: Any, live_world: World, browser_page: Any, tmp_path: Path) -> None:
    page, base = browser_page, live_server.url
    bad = legacy_document(live_world, "05/KH-SGDĐT", proposal=False)
    legacy_document(live_world, "06/KH-SGDĐT", signer=live_world.deputy_nodel)
    login(page, base, "vanthu")
    page.click("a:text-is('Tự kiểm tra')")
    page.wait_for_selector("text=Đơn vị chưa tự kiểm tra lần nào")
    shot(page, "13-tu-kiem-tra-tong-quan")
    page.click("a:text-is('Lập kế hoạch tự kiểm tra')")
    page.fill("#id_number", "05/KH-SGDĐT")
    page.fill("#id_period_from", "01/01/2025")
    page.fill("#id_period_to", "04/05/2026")
    page.fill("#id_team", "Phạm Thị Hoa (tổ trưởng)\nHoàng Văn Minh")
    page.fill("#id_starts_on", "04/05/2026")
    page.fill("#id_ends_on", "08/05/2026")
    page.click("button:has-text('Ghi')")
    page.wait_for_selector("text=Đã lập kế hoạch")
    page.click("button:has-text('Tiến hành tự kiểm tra')")
    page.wait_for_selector("text=Tải báo cáo (Word)", timeout=60_000)  # the steps ran by themselves
    assert Run.objects.get().status == RunStatus.DONE
    body = page.inner_text("body")
    assert "Phát hành văn bản BMNN không có tờ trình" in body and "DOC-NO-PROPOSAL" not in body
    shot(page, "14-ket-qua-tu-kiem-tra")

    page.click("a:text-is('Phát hành văn bản BMNN không có tờ trình, phiếu trình đề xuất độ mật')")
    page.wait_for_selector("text=05/KH-SGDĐT")
    assert "Kế hoạch tổ chức kỳ thi" not in page.inner_text("body")
    page.check(f"input[value='document:{bad.pk}']")
    page.check("input[name='result'][value='violation']")
    page.fill("#id_reference", "Hồ sơ lưu không có tờ trình")
    shot(page, "15-doi-chieu-ho-so")
    page.click("button:has-text('Ghi kết quả đối chiếu')")
    page.wait_for_selector("text=Đã ghi kết quả đối chiếu 1 hồ sơ")
    assert RecordCheck.objects.get().result == "violation"

    page.click("a:text-is('Bảng kiểm')")
    shot(page, "16-bang-kiem")
    page.goto(f"{base}/tu-kiem-tra/bang-kiem/bmnn-rules/")
    page.check("input[name='answer'][value='yes']")
    page.fill("#id_doc_number", "15/QĐ-SGDĐT")
    page.fill("#id_doc_date", "10/03/2026")
    scan = tmp_path / "noi-quy.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    page.set_input_files("#id_evidence", str(scan))
    page.click("button:has-text('Ghi')")
    page.wait_for_selector("text=Đã ghi câu trả lời")
    assert ChecklistAnswer.objects.get().evidence is not None
    page.click("a:text-is('Khắc phục (4 rõ)')")
    page.wait_for_selector("text=Rõ người")
    shot(page, "17-khac-phuc")

    page.click("button:has-text('Đăng xuất')")
    login(page, base, "giamdoc")
    run = Run.objects.get()
    page.goto(f"{base}/tu-kiem-tra/lan/{run.pk}/")
    page.fill("#id_report_number", "07/BC-SGDĐT")
    page.fill(
        "#id_conclusion",
        "Đơn vị còn thiếu sót trong xác định độ mật; giao văn thư khắc phục trước 30/6/2026.",
    )
    shot(page, "18-thu-truong-ket-luan")
    page.click("button:has-text('Ký kết luận')")
    page.wait_for_selector("text=Đã kết luận lần tự kiểm tra")
    with page.expect_download() as download:
        page.click("a:text-is('Tải báo cáo (Word)')")
    saved = tmp_path / "bao-cao.docx"
    download.value.save_as(saved)
    assert saved.read_bytes()[:2] == b"PK"
    page.goto(f"{base}/")
    shot(page, "19-trang-chu-viec-khac-phuc")
    assert "Việc khắc phục sau tự kiểm tra" in page.inner_text("body")


def test_the_clerk_checks_a_page_of_paper_lines_at_once(
    live_server: Any, live_world: World, browser_page: Any, tmp_path: Path
) -> None:
    """Paper lines no one could judge are listed under the findings; the box in the header ticks
    the whole page, and one check records them all."""
    page, base = browser_page, live_server.url
    lines = import_lines(live_world, tmp_path, "outgoing", [outgoing_row_2018(n) for n in (101, 102, 103)])
    run = do_start_run(plan(live_world), actor=live_world.clerk)
    while run.status == RunStatus.RUNNING:
        run = do_run_step(run, actor=live_world.clerk)
    login(page, base, "vanthu")
    page.goto(f"{base}/tu-kiem-tra/lan/{run.pk}/loai/DOC-NO-PROPOSAL/")
    page.wait_for_selector("text=Chưa kết luận được: 3 hồ sơ cần đối chiếu")
    waiting = page.locator("#cho-doi-chieu")
    waiting.locator("input[data-check-all]").check()
    assert all(box.is_checked() for box in waiting.locator("input[name='record']").all())
    waiting.locator("input[name='result'][value='compliant']").check()
    waiting.locator("input[name='reference']").fill("Tờ trình lưu tại hồ sơ 2018")
    shot(page, "20a-doi-chieu-dong-so-giay")
    waiting.locator("button:has-text('Ghi kết quả đối chiếu')").click()
    page.wait_for_selector("text=Đã ghi kết quả đối chiếu 3 hồ sơ")
    assert set(RecordCheck.objects.values_list("record_id", flat=True)) == {line.pk for line in lines}
    assert page.locator("#cho-doi-chieu td:has-text('Đã đối chiếu, đúng quy định')").count() == 3

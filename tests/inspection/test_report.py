"""The self-inspection report: built from plain data, printed as .docx in the administrative
format, with the findings grouped as letter 261/X05-P5 groups them and the remediation table."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from docx import Document as ReadDocx

from bmnn.inspection.actions import (
    do_answer_question,
    do_conclude_run,
    do_plan_self_inspection,
    do_run_self_inspection,
)
from bmnn.inspection.report import place_of, run_report
from bmnn.inspection.shown import Viewer
from bmnn.reports.writers.self_inspection_docx import render_self_inspection_docx
from tests.inspection.plant import legacy_document
from tests.world import World


def _text(content: bytes) -> str:
    doc = ReadDocx(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def concluded_run(world: World):  # type: ignore[no-untyped-def]
    for i in range(3):
        legacy_document(world, f"0{i}/KH", proposal=False)
    do_answer_question(
        world.dept, question_id="budget", answer="no", note="Chưa lập dự toán năm 2026", actor=world.clerk
    )
    plan = do_plan_self_inspection(
        world.dept,
        title="Tự kiểm tra năm 2026",
        period_from=dt.date(2025, 1, 1),
        period_to=dt.date(2026, 5, 4),
        starts_on=dt.date(2026, 5, 4),
        ends_on=dt.date(2026, 5, 8),
        number="05/KH-SGDĐT",
        team="Phạm Thị Hoa\nHoàng Văn Minh",
        actor=world.clerk,
    )
    run = do_run_self_inspection(plan, actor=world.clerk)
    return do_conclude_run(
        run,
        conclusion="Đơn vị còn thiếu sót trong xác định độ mật.\nGiao văn thư khắc phục.",
        report_number="07/BC-SGDĐT",
        actor=world.head,
    )


def test_report_reads_as_the_office_writes_it(world: World) -> None:
    run = concluded_run(world)
    content = render_self_inspection_docx(run_report(run, Viewer.of(world.head)))
    if os.environ.get("BMNN_VIEW_DIR"):
        Path(os.environ["BMNN_VIEW_DIR"], "bao-cao-tu-kiem-tra.docx").write_bytes(content)
    text = _text(content)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 07/BC-SGDĐT",
        "Lào Cai, ngày 04 tháng 5 năm 2026",
        "BÁO CÁO",
        "UBND TỈNH LÀO CAI",
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "3 văn bản: phát hành văn bản BMNN không có tờ trình",
        "Kế hoạch số 05/KH-SGDĐT",
        "Nơi nhận:",
        "Nguyễn Văn Hùng",
        "GIÁM ĐỐC",
        "Giao văn thư khắc phục.",
        "Chưa lập dự toán năm 2026",
        "Rõ người",
        "Phụ lục",
    ):
        assert expected in text, expected
    assert "Kế hoạch tổ chức kỳ thi" not in text  # no summary, of any level


def test_place_names(world: World) -> None:
    assert place_of(world.dept) == "Lào Cai"
    assert place_of(world.commune) == "Cốc San"


@pytest.mark.office
def test_pdf_through_libreoffice(world: World) -> None:
    from bmnn.reports.writers.pdf import docx_to_pdf, soffice

    if soffice() is None:
        pytest.skip("LibreOffice is not installed (./test installs it with apt)")
    pdf = docx_to_pdf(render_self_inspection_docx(run_report(concluded_run(world), Viewer.of(world.head))))
    assert pdf[:5] == b"%PDF-"


def test_comparison_says_remedied_only_when_the_data_shows_none() -> None:
    """Found by a hostile review: a finding that turned into 'no data' was called remedied."""
    from bmnn.reports.self_inspection import comparison

    def result(**statuses: tuple[str, int]) -> dict[str, object]:
        return {
            "categories": [
                {
                    "id": cid.replace("_", "-"),
                    "title": f"Loại {cid}",
                    "status": st,
                    "count": n,
                    "quantity": n,
                    "counted": "máy tính",
                }
                for cid, (st, n) in statuses.items()
            ]
        }

    before = result(PC_OLD_OS=("found", 3), PC_MALWARE=("found", 2), ORG_NO_STAFF=("no_data", 0))
    after = result(PC_OLD_OS=("no_data", 0), PC_MALWARE=("none", 0), ORG_NO_STAFF=("found", 1))
    lines = comparison(after, before)
    assert any(line.startswith("Chưa đủ căn cứ so sánh: loại PC_OLD_OS") for line in lines)
    assert any(line.startswith("Đã khắc phục: loại PC_MALWARE") for line in lines)
    assert any("lần trước chưa đủ dữ liệu" in line for line in lines)

"""The report a package carries, printed as the administrative paper: the same paper on both
sides, figures summed over the units it carries, findings counted in what each category counts,
a chart of them, the remediation status; and never a document's summary."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
from django.test import Client

from bmnn.reports.actions import do_export_report_package
from bmnn.reports.annual import build_annual_paper, filing_paper
from bmnn.reports.writers.paper_docx import render_paper_docx
from tests.registry.flows import issue
from tests.reports.people import keys, province_staff
from tests.world import World

MANIFEST = {
    "sender": {"code": "T01", "name": "UBND tỉnh Lào Cai"},
    "receiver": {"code": "B01", "name": "Bộ Công an"},
    "kind": "annual",
    "period": "2026",
    "data_from": "2025-12-15",
    "data_to": "2026-12-14",
    "sequence": 7,
}


def _row(
    code: str, name: str, categories: list[tuple[str, int]], *, closed: bool = True
) -> dict[str, object]:
    return {
        "unit": {"code": code, "name": name, "kind": "commune", "locality": "Lào Cai"},
        "figures": {"outgoing.mat": 3, "lost": 1},
        "categories": [{"id": c, "status": "found", "count": n} for c, n in categories],
        "self_inspection": {"closed": closed, "as_of": "2026-11-30" if closed else None},
        "remediation": {"open": 2, "overdue": 1, "done": 4},
    }


def _text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_paper_sums_the_units_it_carries() -> None:
    report = {
        "rows": [
            _row("T01", "UBND tỉnh Lào Cai", [("DOC-NO-PROPOSAL", 41)]),
            _row("X01", "UBND xã Cốc San", [("DOC-NO-PROPOSAL", 5), ("ORG-NO-STAFF", 1)], closed=False),
        ],
        "narrative": "Đã quán triệt Luật.\nĐã tập huấn cho 120 cán bộ.",
        "pending_below": 3,
    }
    paper = build_annual_paper(MANIFEST, report, place="Lào Cai", on=dt.date(2026, 12, 18))
    assert (paper.title, paper.subject) == ("BÁO CÁO", "Kết quả công tác bảo vệ bí mật nhà nước kỳ 2026")
    assert paper.place_date == "Lào Cai, ngày 18 tháng 12 năm 2026" and paper.recipients[0] == "Bộ Công an"
    data = render_paper_docx(paper)
    text = _text(data)
    assert "Đã tập huấn cho 120 cán bộ." in text
    assert "Số đơn vị đã tự kiểm tra và kết luận: 1/2." in text
    assert (
        "Phát hành văn bản BMNN không có tờ trình, phiếu trình đề xuất độ mật: 46 văn bản tại 2 đơn vị."
        in text
    )
    assert "Không phân công, bố trí cán bộ chuyên trách hoặc kiêm nhiệm bảo vệ BMNN: 1 đơn vị." in text
    assert "Đang khắc phục: 4 việc (quá hạn: 2); đã khắc phục: 8 việc." in text
    assert "Còn 3 báo cáo của đơn vị trực thuộc chưa được duyệt" in text
    figures = docx.Document(io.BytesIO(data)).tables[1]
    assert [c.text for c in figures.rows[1].cells] == ["1", "Tài liệu Mật do đơn vị ban hành", "6"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert [n for n in archive.namelist() if n.startswith("word/media/")]  # the chart


def test_a_report_without_findings_says_so_and_draws_no_chart() -> None:
    report = {"rows": [_row("T01", "UBND tỉnh Lào Cai", [])], "narrative": ""}
    data = render_paper_docx(build_annual_paper(MANIFEST, report, place="Lào Cai", on=dt.date(2026, 12, 18)))
    text = _text(data)
    assert "Không có vi phạm, thiếu sót nào được báo cáo." in text and "chưa viết phần thuyết minh" in text
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not [n for n in archive.namelist() if n.startswith("word/media/")]


def test_sender_and_receiver_print_the_same_paper_with_no_secret_in_it(world: World) -> None:
    province = province_staff(world)
    keys(world, province)
    issue(world, summary="Đề thi tốt nghiệp THPT năm 2026 môn Toán")  # type: ignore[arg-type]
    filing, _, _ = do_export_report_package(
        world.dept,
        kind_id="annual",
        period="2026",
        data_from=dt.date(2026, 1, 1),
        data_to=dt.date(2026, 5, 1),
        actor=world.clerk,
    )
    text = _text(render_paper_docx(filing_paper(filing)))
    assert "SỞ GIÁO DỤC VÀ ĐÀO TẠO" in text and "UBND TỈNH LÀO CAI" in text
    assert "Đề thi" not in text and "12/BC-SGDĐT" not in text
    clerk = Client()
    clerk.force_login(world.clerk)
    response = clerk.get(f"/bao-cao/goi/{filing.pk}/bao-cao.docx")
    assert response.status_code == 200 and _text(response.content) == text
    outsider = Client()
    outsider.force_login(world.outsider)  # the commune's clerk: neither sender nor receiver
    assert outsider.get(f"/bao-cao/goi/{filing.pk}/bao-cao.docx").status_code == 404

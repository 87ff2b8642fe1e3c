"""Error pages a clerk can act on (Vietnamese, the product's layout, why and what to do), and
the register print that masks lines above the reader's clearance instead of refusing."""

from __future__ import annotations

from io import BytesIO

import docx
from django.test import Client
from openpyxl import load_workbook

from bmnn.audit.models import Event
from bmnn.law.levels import Level
from bmnn.registry.models import Document
from tests.registry.flows import issue
from tests.world import PASSWORD, World, client_for


def _docx_text(content: bytes) -> str:
    document = docx.Document(BytesIO(content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_unknown_address_is_a_vietnamese_page_in_the_layout(world: World) -> None:
    response = client_for("vanthu").get("/khong-co-trang-nay/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang hoặc hồ sơ" in page and "Về trang chủ" in page
    assert 'href="/tai-lieu/"' in page  # the layout's navigation, and where to look instead
    assert "Not Found" not in page and "requested resource" not in page


def test_missing_document_does_not_show_djangos_english_message(world: World) -> None:
    response = client_for("vanthu").get("/tai-lieu/999999/")
    page = response.content.decode()
    assert response.status_code == 404 and "matches the given query" not in page
    assert "không cho biết hồ sơ như vậy có tồn tại hay không" in page


def test_forbidden_page_says_why_and_what_to_do(world: World) -> None:
    response = client_for("vanthu").get("/quan-tri/tai-khoan/")  # accounts are the administrator's
    page = response.content.decode()
    assert response.status_code == 403
    assert "Bạn không được thực hiện thao tác này" in page
    assert "Vai trò của bạn không được thực hiện thao tác này" in page  # the refusal's own words
    assert "đề nghị thủ trưởng đơn vị" in page and "Forbidden" not in page


def test_refused_post_writes_nothing_and_shows_the_page(world: World) -> None:
    before = Document.objects.count()
    response = client_for("chuyenvien").post("/den/moi/", {"issuer_name": "UBND tỉnh"})
    assert response.status_code == 403 and "Chỉ văn thư" in response.content.decode()
    assert Document.objects.count() == before


def test_api_errors_stay_json(world: World) -> None:
    response = Client().get("/api/v1/khong-co/")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")


def test_server_error_page_is_vietnamese_and_needs_no_database(rf) -> None:  # type: ignore[no-untyped-def]
    from bmnn.web.errors import server_error

    response = server_error(rf.get("/tai-lieu/1/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "Hệ thống gặp lỗi" in page and "không được ghi" in page


def test_csrf_failure_page_is_vietnamese(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.login(username="vanthu", password=PASSWORD)
    response = client.post("/den/moi/", {"issuer_name": "UBND tỉnh"})
    page = response.content.decode()
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hiệu lực, chưa ghi gì" in page and "CSRF verification failed" not in page


def _two_levels(world: World) -> tuple[Document, Document]:
    secret = issue(world, number="12/BC-SGDĐT", level=Level.TUYET_MAT)  # above the clerk's Tối mật
    readable = issue(world, number="13/BC-SGDĐT")
    return secret, readable


def test_register_print_masks_lines_above_clearance_and_says_so_on_the_cover(world: World) -> None:
    _two_levels(world)
    response = client_for("vanthu").get("/so/outgoing/2026/tai-ve.docx")
    assert response.status_code == 200
    text = _docx_text(response.content)
    assert "13/BC-SGDĐT" in text  # her own level prints whole
    assert "12/BC-SGDĐT" not in text  # the Tuyệt mật line: number and level only
    assert "Tuyệt mật" in text and "Bản in này che 1 dòng có độ mật vượt mức" in text
    event = Event.objects.get(action="export_register")
    assert event.changes["masked"] == 1


def test_register_excel_masks_the_same_lines(world: World) -> None:
    _two_levels(world)
    response = client_for("vanthu").get("/so/outgoing/2026/tai-ve.xlsx")
    book = load_workbook(BytesIO(response.content))
    values = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert any("Bản in này che 1 dòng" in v for v in values)
    assert "12/BC-SGDĐT" not in values and "13/BC-SGDĐT" in values


def test_register_print_for_a_reader_cleared_for_every_line_masks_nothing(world: World) -> None:
    _two_levels(world)  # the head holds Tuyệt mật clearance
    text = _docx_text(client_for("giamdoc").get("/so/outgoing/2026/tai-ve.docx").content)
    assert "12/BC-SGDĐT" in text and "Bản in này che" not in text

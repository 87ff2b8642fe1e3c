"""Lists with filters and paging: documents by level, state, register, year and text (without
diacritics); registers in the paper's order (oldest first) with a level filter and the form of
the volume's own regime; a declassified document without its red level badge."""

from __future__ import annotations

from bmnn.law.levels import Level
from bmnn.registry.access import visible_documents
from bmnn.registry.models import Document
from bmnn.registry.queries import DocumentFilter, document_page
from tests.registry.flows import issue, propose
from tests.world import World, client_for


def _three(world: World) -> tuple[Document, Document, Document]:
    secret = issue(world, number="12/BC-SGDĐT")  # Tối mật, issued
    plain = issue(world, number="13/KH-SGDĐT", level=Level.MAT, summary="Kế hoạch bảo vệ kho lưu giữ")
    draft = propose(world, level=Level.MAT, summary="Báo cáo tổng hợp").document
    return secret, plain, draft


def test_documents_filter_by_level_state_and_text(world: World) -> None:
    _three(world)
    client = client_for("vanthu")
    page = client.get("/tai-lieu/?do-mat=mat").content.decode()
    assert "13/KH-SGDĐT" in page and "12/BC-SGDĐT" not in page
    page = client.get("/tai-lieu/?trang-thai=proposed").content.decode()
    assert "Báo cáo tổng hợp" in page and "13/KH-SGDĐT" not in page
    page = client.get("/tai-lieu/?q=kho luu giu").content.decode()  # no diacritics typed
    assert "13/KH-SGDĐT" in page and "12/BC-SGDĐT" not in page
    page = client.get("/tai-lieu/?q=kho luu giu&do-mat=toi_mat").content.decode()
    assert "Không có tài liệu khớp điều kiện lọc" in page


def test_documents_filter_by_register_and_year(world: World) -> None:
    _three(world)
    client = client_for("vanthu")
    assert "12/BC-SGDĐT" not in client.get("/tai-lieu/?so=incoming").content.decode()
    assert "12/BC-SGDĐT" in client.get("/tai-lieu/?so=outgoing&nam=2026").content.decode()
    assert "12/BC-SGDĐT" not in client.get("/tai-lieu/?nam=2025").content.decode()


def test_documents_filter_ignores_nonsense(world: World) -> None:
    _three(world)
    response = client_for("vanthu").get("/tai-lieu/?do-mat=x&trang-thai=<b>&nam=abc&trang=-1")
    assert response.status_code == 200 and "12/BC-SGDĐT" in response.content.decode()


def test_document_pages_are_newest_first_and_complete(world: World) -> None:
    secret, plain, draft = _three(world)
    sources = [visible_documents(world.clerk)]
    first = document_page(sources, DocumentFilter(), per_page=2)
    second = document_page(sources, DocumentFilter(), page=2, per_page=2)
    assert [d.pk for d in first.rows] == [draft.pk, plain.pk] and first.has_next
    assert [d.pk for d in second.rows] == [secret.pk] and not second.has_next


def test_document_list_does_not_show_what_the_reader_may_not_see(world: World) -> None:
    _three(world)  # the drafter holds Mật clearance
    page = client_for("chuyenvien").get("/tai-lieu/?q=de thi").content.decode()
    assert "12/BC-SGDĐT" not in page


def test_register_is_in_the_papers_order_and_filters_by_level(world: World) -> None:
    _three(world)
    client = client_for("vanthu")
    page = client.get("/so/outgoing/2026/").content.decode()
    assert page.index("12/BC-SGDĐT") < page.index("13/KH-SGDĐT")  # line 01 first, as printed
    page = client.get("/so/outgoing/2026/?do-mat=mat").content.decode()
    assert "13/KH-SGDĐT" in page and "12/BC-SGDĐT" not in page


def test_register_screen_shows_the_volumes_form(world: World) -> None:
    from bmnn.registry.models import Register
    from bmnn.reports.registers import layout_of

    _three(world)
    register = Register.objects.get(kind="outgoing", year=2026)
    page = client_for("vanthu").get("/so/outgoing/2026/").content.decode()
    assert layout_of(register).form in page


def test_declassified_document_loses_its_red_badge(world: World) -> None:
    document = issue(world)
    Document.objects.filter(pk=document.pk).update(state="declassified")
    page = client_for("vanthu").get("/tai-lieu/").content.decode()
    assert "Đã giải mật (trước là Tối mật)" in page
    assert 'class="level level-toi_mat"' not in page


def test_register_filters_cancelled_lines(world: World) -> None:
    from bmnn.registry.actions.registers import do_cancel_entry
    from bmnn.registry.models import RegisterEntry

    _three(world)
    first = RegisterEntry.objects.get(kind="outgoing", number=1)
    do_cancel_entry(first, reason="Vào nhầm sổ", actor=world.clerk)
    client = client_for("vanthu")
    page = client.get("/so/outgoing/2026/?trang-thai=huy").content.decode()
    assert "Vào nhầm sổ" in page and "13/KH-SGDĐT" not in page
    page = client.get("/so/outgoing/2026/?trang-thai=con").content.decode()
    assert "13/KH-SGDĐT" in page and "Vào nhầm sổ" not in page

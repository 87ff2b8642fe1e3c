"""Printing the registers (LAW.md §3.3, §8): cover notes, rows, and the .docx/.xlsx writers."""

from __future__ import annotations

import datetime as dt
import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from openpyxl import load_workbook

from bmnn.audit.models import Event, EventKind
from bmnn.cli import main
from bmnn.org.models import Unit, UnitKind
from bmnn.registry.models import Document, Register, RegisterEntry
from bmnn.reports.registers import (
    RegisterPrint,
    build_register_print,
    build_register_prints,
    cell_text,
)
from bmnn.reports.writers.register_docx import render_register_docx
from bmnn.reports.writers.register_xlsx import render_register_xlsx

TOP_SECRET_SUMMARY = "Phương án bảo vệ mục tiêu trọng yếu"


def _units() -> Unit:
    province = Unit.objects.create(code="T02", name="Ủy ban nhân dân tỉnh Hòa Bình",
                                   kind=UnitKind.PROVINCE)
    return Unit.objects.create(code="X02", name="Ủy ban nhân dân xã Tân Lạc",
                               kind=UnitKind.COMMUNE, parent=province)


def _entry(register: Register, number: int, day: dt.date, level: str, columns: dict[str, object],
           **extra: object) -> RegisterEntry:
    return RegisterEntry.objects.create(
        register=register, unit=register.unit, kind=register.kind, year=register.year,
        number=number, entry_date=day, level=level, columns=columns, **extra,
    )


def _outgoing_2025(unit: Unit) -> Register:
    """Volume 01 of 2026 under Decree 63/2026: three entries, the second cancelled."""
    register = Register.objects.create(unit=unit, kind="outgoing", year=2026, volume=1,
                                       regime="2025", opened_on=dt.date(2026, 3, 2))
    _entry(register, 1, dt.date(2026, 3, 2), "mat", {
        "number": "01", "number_symbol": "12/BC-UBND", "doc_date": "02/03/2026",
        "type_summary": "Báo cáo: tình hình quốc phòng, an ninh quý I", "level": "Mật",
        "signer": "Nguyễn Văn An", "recipients": ["UBND tỉnh", "Công an tỉnh"],
        "keeping_unit": "Văn phòng", "copies": "03", "note": "",
    })
    _entry(register, 2, dt.date(2026, 3, 9), "toi_mat", {
        "number": "02", "number_symbol": "13/KH-UBND", "doc_date": "2026-03-09",
        "type_summary": "Kế hoạch: diễn tập khu vực phòng thủ", "level": "Tối mật",
        "note": "Người soạn thảo: Lê Thị Hoa",
    }, cancelled=True, cancel_reason="Vào sổ nhầm số, ký hiệu")
    document = Document.objects.create(
        unit=unit, origin="outgoing", state="issued", doc_type="Phương án",
        summary=TOP_SECRET_SUMMARY, level="tuyet_mat", regime="2025",
    )
    # Tuyệt mật: the entry records the document type only, never the summary (LAW.md §8).
    _entry(register, 3, dt.date(2026, 4, 20), "tuyet_mat", {
        "number": "03", "number_symbol": "01/PA-UBND", "doc_date": "20/04/2026",
        "level": "Tuyệt mật", "signer": "Nguyễn Văn An", "copies": 1576,
    }, document=document)
    return register


def _outgoing_2018(unit: Unit) -> Register:
    register = Register.objects.create(unit=unit, kind="outgoing", year=2025, volume=2,
                                       regime="2018", opened_on=dt.date(2025, 6, 1))
    _entry(register, 41, dt.date(2025, 6, 3), "mat", {"doc_date": "03/06/2025", "level": "Mật"})
    return register


@pytest.fixture
def register(db: None) -> Register:
    return _outgoing_2025(_units())


@pytest.fixture
def volume(register: Register) -> RegisterPrint:
    return build_register_print(register)


# --- the builder -------------------------------------------------------------------------------

def test_cover_carries_the_six_notes(volume: RegisterPrint) -> None:
    cover = volume.cover
    assert cover.parent_name == "Ủy ban nhân dân tỉnh Hòa Bình"
    assert cover.unit_name == "Ủy ban nhân dân xã Tân Lạc"
    assert cover.year_opened == "2026"
    assert (cover.first_date, cover.last_date) == ("02/03/2026", "20/04/2026")
    assert (cover.first_number, cover.last_number) == ("01", "03")
    assert cover.volume == "01"
    assert volume.form == "Phụ lục III Nghị định 63/2026/NĐ-CP"
    assert volume.title == "SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐI"


def test_rows_follow_the_2025_layout(volume: RegisterPrint) -> None:
    assert len(volume.columns) == 10
    assert volume.columns[0] == "Số thứ tự" and volume.columns[-1] == "Ghi chú"
    assert [row[0] for row in volume.rows] == ["01", "02", "03"]
    first = dict(zip(volume.column_ids, volume.rows[0], strict=True))
    assert first["number_symbol"] == "12/BC-UBND"
    assert first["doc_date"] == "02/03/2026"
    assert first["level"] == "Mật"
    assert first["recipients"] == "UBND tỉnh; Công an tỉnh"
    assert first["note"] == ""


def test_cancelled_entry_keeps_its_number_and_is_marked(volume: RegisterPrint) -> None:
    cancelled = dict(zip(volume.column_ids, volume.rows[1], strict=True))
    assert cancelled["number"] == "02"
    assert cancelled["note"] == "ĐÃ HỦY: Vào sổ nhầm số, ký hiệu; Người soạn thảo: Lê Thị Hoa"
    assert cancelled["doc_date"] == "09/03/2026"  # an ISO date prints dd/mm/yyyy
    assert not any("ĐÃ HỦY" in cell for row in (volume.rows[0], volume.rows[2]) for cell in row)


def test_top_secret_row_has_no_summary(volume: RegisterPrint) -> None:
    top_secret = dict(zip(volume.column_ids, volume.rows[2], strict=True))
    assert top_secret["level"] == "Tuyệt mật"
    assert top_secret["type_summary"] == ""
    assert not any(TOP_SECRET_SUMMARY in cell for cell in volume.rows[2])
    assert top_secret["copies"] == "1.576"


@pytest.mark.django_db
def test_volume_prints_in_the_layout_of_its_own_regime() -> None:
    # A volume opened before 01/3/2026 stays on Circular 24/2020 form 14 (9 columns).
    volume = build_register_print(_outgoing_2018(_units()))
    assert volume.form == "Mẫu số 14 Thông tư 24/2020/TT-BCA"
    assert len(volume.columns) == len(volume.rows[0]) == 9
    assert volume.rows[0][0] == "41"
    assert volume.cover.volume == "02"
    assert (volume.cover.first_number, volume.cover.last_number) == ("41", "41")


@pytest.mark.django_db
def test_empty_volume_has_blank_dates_and_numbers() -> None:
    unit = _units()
    register = Register.objects.create(unit=unit, kind="incoming", year=2026, volume=1,
                                       regime="2025", opened_on=dt.date(2026, 3, 1))
    volume = build_register_print(register)
    assert volume.rows == []
    assert volume.cover.first_date == volume.cover.last_number == ""
    assert volume.title == "SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐẾN"


def test_all_volumes_of_a_year_in_order(register: Register) -> None:
    second = Register.objects.create(unit=register.unit, kind="outgoing", year=2026, volume=2,
                                     regime="2025", opened_on=dt.date(2026, 5, 2))
    _entry(second, 4, dt.date(2026, 5, 2), "mat", {"level": "Mật"})
    volumes = build_register_prints(register.unit, "outgoing", 2026)
    assert [v.cover.volume for v in volumes] == ["01", "02"]
    assert volumes[1].cover.first_number == "04"  # numbering continues across volumes


def test_incoming_arrival_date_defaults_to_the_entry_date(db: None) -> None:
    unit = _units()
    register = Register.objects.create(unit=unit, kind="incoming", year=2026, volume=1,
                                       regime="2025", opened_on=dt.date(2026, 3, 1))
    _entry(register, 7, dt.date(2026, 3, 4), "toi_mat", {"issuer": "Công an tỉnh"})
    volume = build_register_print(register)
    row = dict(zip(volume.column_ids, volume.rows[0], strict=True))
    assert row["arrival_date"] == "04/03/2026"
    assert row["level"] == "Tối mật"  # taken from the entry when the columns lack it
    assert row["number"] == "07"


def test_cell_text_writes_values_as_documents_do() -> None:
    assert cell_text("2026-03-01") == "01/03/2026"
    assert cell_text(1576) == "1.576"
    assert cell_text(None) == ""
    assert cell_text(["A", "", "B"]) == "A; B"
    assert cell_text("Ba\u0309n sao") == "Bản sao"  # NFC


# --- the Word writer ---------------------------------------------------------------------------

def _row_texts(row) -> list[str]:  # type: ignore[no-untyped-def]
    return [cell.text for cell in row.cells]


def test_docx_header_repeats_and_pages_are_numbered(volume: RegisterPrint) -> None:
    doc = docx.Document(BytesIO(render_register_docx([volume])))
    table = doc.tables[-1]  # the first table is the cover heading
    assert _row_texts(table.rows[0]) == volume.columns
    assert _row_texts(table.rows[1]) == [f"({i})" for i in range(1, 11)]
    for header_row in table.rows[:2]:
        repeat = header_row._tr.trPr.find(qn("w:tblHeader"))
        assert repeat is not None and repeat.get(qn("w:val")) == "true"
    assert table.rows[2]._tr.trPr.find(qn("w:tblHeader")) is None
    assert len(table.rows) == 2 + 3
    assert "ĐÃ HỦY: Vào sổ nhầm số, ký hiệu" in _row_texts(table.rows[3])[-1]

    cover, body = doc.sections
    assert body.page_width > body.page_height and cover.page_width > cover.page_height
    footer_xml = body.footer._element.xml
    assert "Trang" in footer_xml and "PAGE" in footer_xml and 'w:fldCharType="begin"' in footer_xml
    assert "PAGE" not in cover.footer._element.xml
    assert body._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"


def test_docx_cover_and_font(volume: RegisterPrint) -> None:
    doc = docx.Document(BytesIO(render_register_docx([volume])))
    text = "\n".join(p.text for p in doc.paragraphs)
    heading = "\n".join(c.text for c in doc.tables[0].rows[0].cells)
    assert "ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH" in heading and "ỦY BAN NHÂN DÂN XÃ TÂN LẠC" in heading
    assert "Phụ lục III Nghị định 63/2026/NĐ-CP" in heading
    assert "SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐI" in text
    assert "Năm: 2026" in text and "Quyển số: 01" in text
    assert "02/03/2026" in text and "20/04/2026" in text
    assert "Bắt đầu từ số 01" in text and "đến số 03" in text
    fonts = doc.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:cs")) == "Times New Roman"


def test_docx_several_volumes_restart_page_numbers(register: Register) -> None:
    second = Register.objects.create(unit=register.unit, kind="outgoing", year=2026, volume=2,
                                     regime="2025", opened_on=dt.date(2026, 5, 2))
    _entry(second, 4, dt.date(2026, 5, 2), "mat", {"level": "Mật"})
    doc = docx.Document(BytesIO(render_register_docx(build_register_prints(register.unit,
                                                                         "outgoing", 2026))))
    assert len(doc.sections) == 4
    assert "PAGE" not in doc.sections[2].footer._element.xml  # volume 02's cover
    assert doc.sections[3]._sectPr.find(qn("w:pgNumType")) is not None
    assert _row_texts(doc.tables[-1].rows[2])[0] == "04"


# --- the Excel writer --------------------------------------------------------------------------

def test_xlsx_print_titles_columns_and_page_setup(volume: RegisterPrint) -> None:
    content = render_register_xlsx([volume])
    workbook_xml = zipfile.ZipFile(BytesIO(content)).read("xl/workbook.xml").decode()
    assert "_xlnm.Print_Titles" in workbook_xml and "'Sổ'!$4:$5" in workbook_xml
    book = load_workbook(BytesIO(content))
    assert book.sheetnames == ["Bìa", "Sổ"]
    sheet = book["Sổ"]
    assert sheet.print_title_rows == "$4:$5"
    assert sheet.freeze_panes == "A6"
    assert sheet.max_column == 10
    assert [c.value for c in sheet[4]] == volume.columns
    assert [c.value for c in sheet[5]] == [f"({i})" for i in range(1, 11)]
    assert [sheet.cell(row=r, column=1).value for r in (6, 7, 8)] == ["01", "02", "03"]
    assert sheet.cell(row=7, column=10).value.startswith("ĐÃ HỦY: Vào sổ nhầm")
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert int(sheet.page_setup.fitToWidth) == 1 and int(sheet.page_setup.fitToHeight) == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.oddFooter.center.text == "Trang &P/&N"
    widths = [sheet.column_dimensions[c].width for c in "ABCDEFGHIJ"]
    assert widths[3] > 3 * widths[0]  # the summary column is much wider than the number

    cover = book["Bìa"]
    values = [c.value for row in cover.iter_rows() for c in row if c.value]
    assert "ỦY BAN NHÂN DÂN XÃ TÂN LẠC" in values and "Quyển số: 01" in values
    assert any("02/03/2026" in v and "20/04/2026" in v for v in values)


def test_xlsx_never_writes_a_formula(register: Register) -> None:
    _entry(register, 4, dt.date(2026, 4, 21), "mat", {"number_symbol": "=HYPERLINK(\"x\")"})
    book = load_workbook(BytesIO(render_register_xlsx([build_register_print(register)])))
    cell = book["Sổ"].cell(row=9, column=2)
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s"


# --- the command -------------------------------------------------------------------------------

def test_cli_writes_the_register_and_logs_the_read(register: Register, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "so-di-2026.xlsx"
    code = main(["registers", "export", "--unit", "X02", "--kind", "outgoing", "--year", "2026",
                 "-o", str(out)])
    assert code == 0
    sheet = load_workbook(out)["Sổ"]
    assert [sheet.cell(row=r, column=1).value for r in (6, 7, 8)] == ["01", "02", "03"]
    assert "1 quyển, 3 mục" in capsys.readouterr().out
    event = Event.objects.get(kind=EventKind.READ, action="export_register")
    assert event.object_id == register.pk and event.changes["entries"] == 3


def test_cli_docx_one_volume(register: Register, tmp_path: Path) -> None:
    out = tmp_path / "so.bin"
    code = main(["registers", "export", "--unit", "X02", "--kind", "outgoing", "--year", "2026",
                 "--volume", "1", "--format", "docx", "-o", str(out)])
    assert code == 0
    assert _row_texts(docx.Document(str(out)).tables[-1].rows[2])[0] == "01"


def test_cli_refuses_unknown_unit_or_volume(register: Register, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "so.docx"
    base = ["registers", "export", "--kind", "outgoing", "--year", "2026", "-o", str(out)]
    assert main([*base, "--unit", "KHONG-CO"]) == 2
    assert "Không có đơn vị mã 'KHONG-CO'" in capsys.readouterr().err
    assert main([*base, "--unit", "X02", "--volume", "9"]) == 2
    assert "không có quyển số 09" in capsys.readouterr().err
    assert not out.exists()
    assert not Event.objects.filter(action="export_register").exists()

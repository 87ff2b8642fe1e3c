"""Parsing register files without the database: layouts, headers, cells, and every error named
by row and column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bmnn.law.levels import Level
from bmnn.law.pack import Regime
from bmnn.lib import sheets
from bmnn.lib.cells import CellInvalid, parse_date, parse_level, parse_positive_int
from bmnn.registry.importing.doctypes import is_more_than_type
from bmnn.registry.importing.parse import RegisterFile, parse_register_file
from tests.imports.files import (
    INCOMING_HEADER,
    OUTGOING_2025_HEADER,
    incoming_2025,
    incoming_row,
    outgoing_row,
    write_csv,
    write_xlsx,
)

TODAY = dt.date(2026, 5, 4)


def parse(path: Path, kind: str = "incoming", year: int | None = None) -> RegisterFile:
    return parse_register_file(path, kind, today=TODAY, year=year)


def messages(parsed: RegisterFile) -> list[str]:
    return [str(e) for e in parsed.errors]


def test_excel_register_with_title_header_and_column_numbers(tmp_path: Path) -> None:
    parsed = parse(incoming_2025(tmp_path / "so-den-2025.xlsx", 3))
    assert parsed.errors == []
    assert parsed.regime == Regime.R2018 and parsed.layout.form.startswith("Mẫu số 15")
    first = parsed.rows[0]
    assert (first.row, first.number, first.entry_date, first.level) == (4, 1, dt.date(2025, 3, 1), Level.MAT)
    assert first.columns["arrival_date"] == "01/03/2025" and first.columns["number"] == "01"
    assert first.columns["arrival_number"] == "01"  # blank "số đến" is the register number
    assert first.columns["issuer"] == "Bộ Công an" and first.columns["level"] == "Mật"
    assert parsed.number_ranges() == {2025: (1, 3, 3)}


def test_csv_without_header_semicolons_and_bom(tmp_path: Path) -> None:
    rows = [outgoing_row(n, f"0{n}/04/2026") for n in (1, 2)]
    parsed = parse(write_csv(tmp_path / "so-di.csv", rows, encoding="utf-8-sig", delimiter=";"),
                   "outgoing")
    assert parsed.errors == []
    assert parsed.regime == Regime.R2025  # dated after 01/3/2026: Phụ lục III NĐ 63/2026
    assert parsed.rows[1].columns["number_symbol"] == "2/BC-SGDĐT"
    assert parsed.rows[1].columns["keeping_unit"] == "Văn phòng Sở"
    assert parsed.rows[1].columns["copies"] == "2"


def test_cp1258_csv_is_read_and_normalised(tmp_path: Path) -> None:
    rows = [INCOMING_HEADER, incoming_row(1, "02/01/2025", level="tối mật", issuer="Sở Tư pháp Đắk Lắk")]
    path = write_csv(tmp_path / "so-den-cu.csv", rows, encoding="cp1258")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    parsed = parse(path)
    assert parsed.errors == []
    row = parsed.rows[0]
    assert row.columns["issuer"] == "Sở Tư pháp Đắk Lắk"  # NFC again, đ/Đ kept
    assert row.level == Level.TOI_MAT


def test_loose_header_titles_are_accepted_and_wrong_ones_named(tmp_path: Path) -> None:
    loose = ["stt", "NGAY DEN", "số đến", "Cơ quan ban hành", "Số ký hiệu", "Ngày văn bản",
             "Trích yếu", "độ mật", "Người nhận", "Ghi chú"]
    assert parse(write_xlsx(tmp_path / "a.xlsx", [loose, incoming_row(1, "02/01/2025")])).errors == []
    swapped = list(INCOMING_HEADER)
    swapped[3], swapped[4] = swapped[4], swapped[3]
    parsed = parse(write_xlsx(tmp_path / "b.xlsx", [swapped, incoming_row(1, "02/01/2025")]))
    assert [(e.row, e.column[:1]) for e in parsed.errors] == [(1, "D"), (1, "E")]
    assert "không khớp mẫu" in parsed.errors[0].message


def test_title_words() -> None:
    assert sheets.title_matches("Số QĐ", "Số quyết định")
    assert sheets.title_matches("STT", "Số thứ tự")
    assert sheets.title_matches("Đơn vị hoặc người nhận, ký nhận", "Đơn vị và ký nhận")
    assert not sheets.title_matches("Người ký", "Số, ký hiệu")
    assert not sheets.title_matches(12, "Số thứ tự")


def test_bad_date_in_row_7_is_named_with_its_column(tmp_path: Path) -> None:
    rows = [INCOMING_HEADER] + [incoming_row(n, f"{n:02d}/02/2025") for n in range(1, 9)]
    rows[6][1] = "31/02/2025"  # file row 7
    parsed = parse(write_xlsx(tmp_path / "so.xlsx", rows))
    assert messages(parsed) == ["Dòng 7, cột B (Ngày đến): ngày '31/02/2025' không có thật"]


@pytest.mark.parametrize(("cell", "message"), [
    ("2025/13/01", "không đúng dạng dd/mm/yyyy"),
    (45678, "là số, không phải ngày"),
    ("05/05/2026", "ở tương lai"),
])
def test_bad_dates(tmp_path: Path, cell: object, message: str) -> None:
    rows = [incoming_row(1, "02/01/2025")]
    rows[0][1] = cell
    parsed = parse(write_xlsx(tmp_path / "so.xlsx", rows))
    assert len(parsed.errors) == 1 and message in parsed.errors[0].message


def test_excel_dates_and_text_dates_agree() -> None:
    assert parse_date(dt.datetime(2025, 3, 4).date()) == parse_date("4/3/2025") == dt.date(2025, 3, 4)
    assert parse_date("04-03-2025") == parse_date("04.03.2025") == parse_date("2025-03-04")


@pytest.mark.parametrize(("text", "level"), [
    ("Tuyệt mật", Level.TUYET_MAT), ("TUYET MAT", Level.TUYET_MAT), ("a", Level.TUYET_MAT),
    ("tối mật", Level.TOI_MAT), ("B", Level.TOI_MAT), ("Mật", Level.MAT), ("mat", Level.MAT),
    ("C", Level.MAT), ("Độ Mật", Level.MAT),
])
def test_levels_words_or_letters(text: str, level: Level) -> None:
    assert parse_level(text) == level


def test_unknown_level_is_refused(tmp_path: Path) -> None:
    rows = [incoming_row(1, "02/01/2025", level="Thường"), incoming_row(2, "02/01/2025", level="D")]
    parsed = parse(write_xlsx(tmp_path / "so.xlsx", rows))
    assert [(e.row, e.column) for e in parsed.errors] == [(1, "H (Độ mật)"), (2, "H (Độ mật)")]
    with pytest.raises(CellInvalid):
        parse_level(None)


def test_numbers() -> None:
    assert parse_positive_int("01") == 1 and parse_positive_int(12.0) == 12
    assert parse_positive_int("1.576") == 1576
    for bad in ("1a", 0, 2.5, "-3"):
        with pytest.raises(CellInvalid):
            parse_positive_int(bad)  # type: ignore[arg-type]


def test_top_secret_line_keeps_the_type_and_withholds_the_summary(tmp_path: Path) -> None:
    """History is taken as it is: a Tuyệt mật line with a summary is read, the summary dropped,
    the fact kept (Phụ lục III Nghị định 63/2026/NĐ-CP: no summary for Tuyệt mật)."""
    rows = [incoming_row(1, "02/01/2025", level="Tuyệt mật", summary="Quyết định"),
            incoming_row(2, "03/01/2025", level="A", summary="Quyết định về việc phê duyệt phương án")]
    parsed = parse(write_xlsx(tmp_path / "so.xlsx", rows))
    assert parsed.errors == []
    first, second = parsed.rows
    assert first.columns["type_summary"] == "Quyết định" and "summary_withheld" not in first.facts
    assert second.columns["type_summary"] == "Quyết định"
    assert second.facts["summary_withheld"] is True
    assert "phê duyệt phương án" not in repr(second)
    assert any("1 dòng Tuyệt mật có ghi trích yếu (dòng 2)" in w for w in parsed.warnings)


def test_summary_detection() -> None:
    assert not is_more_than_type("Quyết định")
    assert not is_more_than_type("Công văn số 12/BCA-A02")
    assert not is_more_than_type("Điện mật")
    assert not is_more_than_type("QĐ")
    for summary in ("Báo cáo: tình hình an ninh", "Kế hoạch bảo vệ đề thi",
                    "Về việc bảo vệ bí mật nhà nước năm 2025", "TTr nhân sự TBT", "QĐ về nhân sự",
                    "Vũ khí hạt nhân"):
        assert is_more_than_type(summary), summary


def test_a_short_top_secret_cell_naming_no_type_is_withheld(tmp_path: Path) -> None:
    """Found by a hostile review: "TTr nhân sự TBT" was stored as if it were a type name."""
    rows = [incoming_row(1, "02/01/2025", level="Tuyệt mật", summary="TTr nhân sự TBT"),
            incoming_row(2, "03/01/2025", level="Tuyệt mật", summary="Vũ khí hạt nhân")]
    first, second = parse(write_xlsx(tmp_path / "so.xlsx", rows)).rows
    assert (first.columns["type_summary"], first.facts) == ("Tờ trình", {"summary_withheld": True})
    assert (second.columns["type_summary"], second.facts) == ("", {"summary_withheld": True})


def test_duplicate_and_decreasing_numbers_within_a_year(tmp_path: Path) -> None:
    rows = [incoming_row(n, "02/01/2025") for n in (1, 2, 2, 5, 4)]
    rows.append(incoming_row(1, "02/01/2026"))  # a new year starts again at 01
    parsed = parse(write_xlsx(tmp_path / "so.xlsx", rows))
    assert messages(parsed) == [
        "Dòng 3, cột A (Số thứ tự): số thứ tự 02 năm 2025 trùng với dòng 2",
        "Dòng 5, cột A (Số thứ tự): số thứ tự 04 nhỏ hơn số 05 ở dòng 4 (phải tăng dần)",
    ]
    assert any("thiếu số 03–04" in w for w in parsed.warnings)


def test_missing_required_columns_are_named_once(tmp_path: Path) -> None:
    rows = [[n, "02/01/2025", "", "Bộ Công an"] for n in range(1, 50)]
    parsed = parse(write_xlsx(tmp_path / "so.xlsx", rows))
    assert {e.row for e in parsed.errors} == {None}
    assert [e.column for e in parsed.errors] == [
        "E (Số, ký hiệu)", "F (Ngày tháng văn bản)", "G (Tên loại và trích yếu nội dung)", "H (Độ mật)"]


def test_missing_value_and_extra_cell(tmp_path: Path) -> None:
    row = incoming_row(1, "02/01/2025")
    row[4] = None
    row += ["", "ô thừa"]
    parsed = parse(write_xlsx(tmp_path / "so.xlsx", [row]))
    assert messages(parsed) == [
        "Dòng 1, cột L: ô 'ô thừa' nằm ngoài 10 cột của Mẫu số 15 Thông tư 24/2020/TT-BCA",
        "Dòng 1, cột E (Số, ký hiệu): thiếu số, ký hiệu",
    ]


def test_dates_in_order_and_year_option(tmp_path: Path) -> None:
    late = incoming_row(1, "02/01/2025", doc_day="05/01/2025")
    other_year = incoming_row(2, "02/01/2024")
    parsed = parse(write_xlsx(tmp_path / "so.xlsx", [late, other_year]), year=2025)
    assert [str(e) for e in parsed.errors] == [
        "Dòng 1, cột B (Ngày đến): ngày đến không thể trước ngày văn bản",
        "Dòng 2, cột B (Ngày đến): ngày 02/01/2024 không thuộc năm 2025",
    ]


def test_outgoing_layout_follows_the_entry_date(tmp_path: Path) -> None:
    before = [1, "05/01/2026", "1/BC-SGDĐT", "Báo cáo", "Mật", "Nguyễn Văn Hùng", "UBND tỉnh", 2, ""]
    old = parse(write_xlsx(tmp_path / "a.xlsx", [before]), "outgoing")
    assert old.regime == Regime.R2018 and old.errors == []
    assert old.rows[0].columns["number_symbol"] == "1/BC-SGDĐT"
    new = parse(write_xlsx(tmp_path / "b.xlsx", [OUTGOING_2025_HEADER, outgoing_row(1, "02/04/2026")]),
                "outgoing")
    assert new.regime == Regime.R2025 and new.errors == []


def test_unreadable_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = tmp_path / "so.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    assert "lưu lại dạng .xlsx" in messages(parse(old))[0]
    fake = tmp_path / "so.xlsx"
    fake.write_text("không phải Excel", encoding="utf-8")
    assert "không phải tệp Excel" in messages(parse(fake))[0]
    big = tmp_path / "lon.csv"
    with big.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    assert "vượt giới hạn 20 MB" in messages(parse(big))[0]
    monkeypatch.setattr(sheets, "MAX_ROWS", 5)
    many = write_csv(tmp_path / "nhieu.csv", [incoming_row(n, "02/01/2025") for n in range(1, 40)])
    assert messages(parse(many)) == ["Tệp: Tệp có quá 5 dòng"]


def test_two_row_header_with_a_group_title(tmp_path: Path) -> None:
    top = ["Số thứ tự", "Ngày đến", "Số đến", "Văn bản đến", None, None, None, "Độ mật",
           "Đơn vị hoặc người nhận, ký nhận", "Ghi chú"]
    under = [None, None, None, "Cơ quan, tổ chức ban hành", "Số, ký hiệu", "Ngày tháng văn bản",
             "Tên loại và trích yếu nội dung", None, None, None]
    rows = [["SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐẾN"], top, under, list(range(1, 11)),
            incoming_row(1, "02/01/2025"), incoming_row(2, "03/01/2025")]
    parsed = parse(write_xlsx(tmp_path / "so.xlsx", rows))
    assert parsed.errors == [] and [r.row for r in parsed.rows] == [5, 6]
    under[4] = "Người ký"
    parsed = parse(write_xlsx(tmp_path / "so.xlsx", rows))
    assert [str(e) for e in parsed.errors] == [
        "Dòng 3, cột E (Số, ký hiệu): tiêu đề cột 'Người ký' không khớp mẫu "
        "(Mẫu số 15 Thông tư 24/2020/TT-BCA)"]


def test_copy_and_transfer_registers(tmp_path: Path) -> None:
    copy = [1, "02/01/2025", "Báo cáo số 12/BC-SGDĐT ngày 01/01/2025, Sở GD&ĐT", "Mật", "Sao y",
            2, "01–02", "Nguyễn Văn Hùng", "Phạm Thị Hoa", "Phòng Tổng hợp", ""]
    parsed = parse(write_xlsx(tmp_path / "sao.xlsx", [copy]), "copies")
    assert parsed.errors == [] and parsed.rows[0].columns["copy_count"] == "2"
    copy[5] = "hai"
    assert [e.column for e in parse(write_xlsx(tmp_path / "sao.xlsx", [copy]), "copies").errors] == [
        "F (Số lượng bản sao, chụp)"]
    transfer = [1, "02/01/2025", "12/BC-SGDĐT", "Mật", "C", "UBND tỉnh", "Trực tiếp", "Trần Văn Bình",
                "01/01/2025", ""]
    parsed = parse(write_xlsx(tmp_path / "chuyen.xlsx", [transfer]), "transfers")
    assert [str(e) for e in parsed.errors] == [
        "Dòng 1, cột I (Ngày nhận): ngày nhận không thể trước ngày chuyển"]

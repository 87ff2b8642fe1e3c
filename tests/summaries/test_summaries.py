"""Inspection results import, the summary and the consistency check (issue 8)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document

from bmnn.audit.models import Event, EventKind
from bmnn.cli import main
from bmnn.inspection.categories import categories
from bmnn.summaries.check import Stated, check, copy_warnings
from bmnn.summaries.localities import resolve
from bmnn.summaries.models import FindingRow
from bmnn.summaries.summary import By, Fact, Order, build, number

Cap = pytest.CaptureFixture[str]
HEADER = "period,locality,unit_code,unit_name,unit_kind,category,count,note"
A, B, C = (c.id for c in categories()[:3])


def write(path: Path, *rows: str, header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def fixture_rows() -> list[str]:
    return [
        f"2025,TP Cần Thơ,U1,Sở A,sở,{A},3,",
        f"2025,Hậu Giang,U2,Sở B,sở,{A},1573,",
        f"2025,Hà Nội,U3,Sở C,sở,{A},4,",
        f"2025,Thanh Hóa,U3,Sở C,sở,{B},12,",
        f"2024,Hà Nội,U9,Sở D,sở,{B},7,",
    ]


@pytest.mark.parametrize("name,old,new", [
    ("TP Cần Thơ", "Cần Thơ", "Cần Thơ"),
    ("Hậu Giang", "Hậu Giang", "Cần Thơ"),  # merged into Cần Thơ in 2025
    ("Thanh Hóa", "Thanh Hóa", "Thanh Hóa"),
    ("Hà Nội", "Hà Nội", "Hà Nội"),
    ("TP. Hồ Chí Minh", "Hồ Chí Minh", "Hồ Chí Minh"),
    ("Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
    ("Yên Bái", "Yên Bái", "Lào Cai"),
])
def test_old_and_new_provinces_resolve(name: str, old: str, new: str) -> None:
    place = resolve(name)
    assert place is not None and (place.old, place.new) == (old, new)


def test_a_place_in_neither_list_does_not_resolve() -> None:
    assert resolve("Xứ Sở Thần Tiên") is None


@pytest.mark.parametrize("value,text", [(0, "00"), (4, "04"), (12, "12"), (1576, "1.576"),
                                        (16424, "16.424"), (1234567, "1.234.567")])
def test_numbers_as_the_letter_writes_them(value: int, text: str) -> None:
    assert number(value) == text


def test_import_writes_every_row_and_one_event(db: None, tmp_path: Path, capsys: Cap) -> None:
    path = write(tmp_path / "kq.csv", *fixture_rows())
    assert main(["findings", "import", str(path)]) == 0
    assert "Đã nhập 5 dòng" in capsys.readouterr().out
    row = FindingRow.objects.get(unit_code="U2")
    assert (row.locality, row.province_old, row.province_new, row.count) == ("Hậu Giang", "Hậu Giang",
                                                                              "Cần Thơ", 1573)
    assert row.source == "kq.csv, dòng 3"
    assert Event.objects.filter(action="import_findings").count() == 1


@pytest.mark.parametrize("bad,column", [
    ("2025,Hà Nội,U5,Sở E,sở,KHONG-CO,2,", "category"),
    (f"2025,Hà Nội,U5,Sở E,sở,{A},-2,", "count"),
    (f"2025,Hà Nội,U5,Sở E,sở,{A},hai,", "count"),
    (f"2025,Xứ Sở Thần Tiên,U5,Sở E,sở,{A},2,", "locality"),
    (f"2025,Hà Nội,,Sở E,sở,{A},2,", "unit_code"),
])
def test_one_bad_row_imports_nothing_and_is_named(db: None, tmp_path: Path, capsys: Cap,
                                                   bad: str, column: str) -> None:
    path = write(tmp_path / "kq.csv", *fixture_rows()[:2], bad, *fixture_rows()[2:])
    assert main(["findings", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"Dòng 4, cột {column}:" in err and "không ghi dòng nào" in err
    assert not FindingRow.objects.exists()  # the refusal alone is logged
    assert not Event.objects.filter(action="import_findings", kind=EventKind.ACTION).exists()


def test_a_missing_column_imports_nothing(db: None, tmp_path: Path, capsys: Cap) -> None:
    path = write(tmp_path / "kq.csv", "2025,Hà Nội,U1,Sở A,sở,2,", header=HEADER.replace("category,", ""))
    assert main(["findings", "import", str(path)]) == 1
    assert "Dòng 1, cột category: thiếu cột" in capsys.readouterr().err
    assert not FindingRow.objects.exists()


def test_summary_json_by_old_and_new_province(db: None, tmp_path: Path, capsys: Cap) -> None:
    assert main(["findings", "import", str(write(tmp_path / "kq.csv", *fixture_rows()))]) == 0
    capsys.readouterr()
    assert main(["report", "summary", "--period", "2025", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in data["categories"]] == [A, B]
    first = data["categories"][0]
    assert (first["total"], first["units"]) == (1580, 3)
    assert first["localities"] == [{"name": "TP Cần Thơ", "count": 3}, {"name": "Hậu Giang", "count": 1573},
                                   {"name": "Hà Nội", "count": 4}]
    assert main(["report", "summary", "--period", "2025", "--by", "province", "--order", "alphabet"]) == 0
    first = json.loads(capsys.readouterr().out)["categories"][0]
    assert first["localities"] == [{"name": "Cần Thơ", "count": 1576}, {"name": "Hà Nội", "count": 4}]


def test_summary_markdown_and_docx(db: None, tmp_path: Path, capsys: Cap) -> None:
    assert main(["findings", "import", str(write(tmp_path / "kq.csv", *fixture_rows()))]) == 0
    capsys.readouterr()
    assert main(["report", "summary", "--period", "2025", "--by", "province", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "1.580 văn bản thuộc 02 địa phương, 03 đơn vị" in out and "Cần Thơ: 1.576; Hà Nội: 04" in out
    target = tmp_path / "th.docx"
    assert main(["report", "summary", "--period", "2025", "--format", "docx", "-o", str(target)]) == 0
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "TP Cần Thơ: 03; Hậu Giang: 1.573; Hà Nội: 04" in text


def test_alphabet_order_is_vietnamese_aware() -> None:
    facts = [Fact(n, n, "U", A, 1) for n in ("Đồng Nai", "Yên Bái", "An Giang", "Điện Biên", "Cà Mau")]
    names = [n for n, _ in build(facts, order=Order.ALPHABET)[0].localities]
    assert names == ["An Giang", "Cà Mau", "Điện Biên", "Đồng Nai", "Yên Bái"]


def _stated(path: Path, *rows: str) -> Path:
    return write(path, *rows, header="category,total,units,localities")


def test_check_finds_a_mismatch_and_exits_1(db: None, tmp_path: Path, capsys: Cap) -> None:
    assert main(["findings", "import", str(write(tmp_path / "kq.csv", *fixture_rows()))]) == 0
    capsys.readouterr()
    good = _stated(tmp_path / "ok.csv", f"{A},1.580,3,3", f"{B},12,,")
    assert main(["report", "check", "--period", "2025", "--stated", str(good)]) == 0
    assert "khớp" in capsys.readouterr().out
    bad = _stated(tmp_path / "bad.csv", f"{A},1.580,4,3", f"{B},,,1")
    assert main(["report", "check", "--period", "2025", "--stated", str(bad), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["mismatches"] == [{"category": A, "field": "units", "stated": 4, "computed": 3}]


def test_the_letters_footnote_10_is_a_mismatch_on_total(db: None, tmp_path: Path, capsys: Cap) -> None:
    # A footnote whose rows add up to 16.424 while the letter states 16.244.
    counts = [("Hà Nội", 10000), ("Thanh Hóa", 6000), ("Hậu Giang", 424)]
    rows = [f"2025,{name},U{i},Đơn vị {i},sở,{A},{n}," for i, (name, n) in enumerate(counts)]
    assert main(["findings", "import", str(write(tmp_path / "kq.csv", *rows))]) == 0
    capsys.readouterr()
    stated = _stated(tmp_path / "vb.csv", f'{A},16.244,3,"Hà Nội: 10.000; Thanh Hóa: 6.000; Hậu Giang: 424"')
    assert main(["report", "check", "--period", "2025", "--stated", str(stated), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["mismatches"] == [{"category": A, "field": "total", "stated": 16244, "computed": 16424}]
    assert data["warnings"] == []
    assert main(["report", "check", "--period", "2025", "--stated", str(stated)]) == 1
    assert f"{A}: total ghi 16.244, dữ liệu cho 16.424" in capsys.readouterr().out


def test_copy_paste_and_unknown_localities_are_warnings_not_mismatches() -> None:
    shared = [("Hà Nội", 4), ("Thanh Hóa", 12), ("Lào Cai", 7), ("Cần Thơ", 3)]
    facts = [Fact(n, n, f"U{i}", cat, c) for cat in (A, B) for i, (n, c) in enumerate(shared)]
    facts.append(Fact("Yên Bái", "Lào Cai", "U9", B, 2))
    facts += [Fact(n, n, "U1", C, c + 1) for n, c in shared]  # same places, other counts: not a copy
    lines = build(facts, by=By.OLD_PROVINCE)
    warnings = copy_warnings(lines)
    assert len(warnings) == 1 and B in warnings[0] and A in warnings[0] and "4/5" in warnings[0]
    report = check([Stated(2, A, {"total": 26}, ("Hà Nội", "Xứ Sở Thần Tiên"))], lines)
    assert report.mismatches == []
    assert any("Xứ Sở Thần Tiên" in w for w in report.warnings)


def test_help_is_vietnamese(capsys: Cap) -> None:
    for argv in (["findings", "import"], ["report", "summary"], ["report", "check"]):
        with pytest.raises(SystemExit):
            main([*argv, "--help"])
        out = capsys.readouterr().out
        assert "Cách dùng:" in out and "Ví dụ:" in out and "usage:" not in out


def test_import_reads_xlsx(db: None, tmp_path: Path, capsys: Cap) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER.split(","))
    sheet.append(["2025", "TP. Hồ Chí Minh", "U1", "Sở A", "sở", A, 2, None])
    sheet.append(["2025", "Bà Rịa - Vũng Tàu", "U2", "Sở B", "sở", A, 5, "ghi chú"])
    book.save(tmp_path / "kq.xlsx")
    assert main(["findings", "import", str(tmp_path / "kq.xlsx"), "--username", "nobody"]) == 2
    assert main(["findings", "import", str(tmp_path / "kq.xlsx")]) == 0
    assert sorted(FindingRow.objects.values_list("province_new", flat=True)) == ["Hồ Chí Minh"] * 2

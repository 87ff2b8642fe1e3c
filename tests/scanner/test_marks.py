"""Secrecy marks: stamps are found, words and phrases are not (table-driven), plus catalog phrases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bmnn.scanner.catalog import CatalogFileInvalid, CatalogMatcher
from bmnn.scanner.extract import TextPart, extract
from bmnn.scanner.marks import find_marks
from bmnn.scanner.textnorm import fold, normalize
from tests.scanner import corpus

T, TM, M = "tuyet_mat", "toi_mat", "mat"

# (text of one part, the marks expected as (kind, level, text)), in order found
CASES: list[tuple[str, list[tuple[str, str | None, str]]]] = [
    # true stamps
    ("TUYỆT MẬT", [("level", T, "TUYỆT MẬT")]),
    ("TỐI MẬT", [("level", TM, "TỐI MẬT")]),
    ("MẬT", [("level", M, "MẬT")]),
    ("[MẬT]", [("level", M, "MẬT")]),
    ("(TỐI MẬT)", [("level", TM, "TỐI MẬT")]),
    ("**TUYỆT MẬT**", [("level", T, "TUYỆT MẬT")]),
    ("  TỐI  MẬT  ", [("level", TM, "TỐI MẬT")]),
    ("TÔ\u0301I MÂ\u0323T", [("level", TM, "TỐI MẬT")]),  # combining marks, NFC-normalised
    ("TỐI\u00a0MẬT", [("level", TM, "TỐI MẬT")]),
    ("Độ mật: TỐI MẬT", [("level", TM, "TỐI MẬT")]),
    ("ĐỘ MẬT: MẬT", [("level", M, "MẬT")]),
    ("TỐI MẬT - HỎA TỐC", [("level", TM, "TỐI MẬT")]),
    ("MẬT KHẨN", [("level", M, "MẬT")]),
    ("TỐI MẬT\tSố: 12/BC-UBND", [("level", TM, "TỐI MẬT")]),
    ("UBND TỈNH A   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nMẬT", [("level", M, "MẬT")]),
    ("Kính gửi: Sở Nội vụ\nTUYỆT MẬT\nNội dung", [("level", T, "TUYỆT MẬT")]),
    ("Bản số: 03", [("copy_number", None, "Bản số: 03")]),
    ("Bản số 01/05", [("copy_number", None, "Bản số 01/05")]),
    ("BẢN SỐ: 2", [("copy_number", None, "BẢN SỐ: 2")]),
    ("TỐI MẬT\tBản số: 02", [("level", TM, "TỐI MẬT"), ("copy_number", None, "Bản số: 02")]),
    ("Chỉ người có tên mới được bóc bì", [("named_person", None, "Chỉ người có tên mới được bóc bì")]),
    ("CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ", [("named_person", None, "CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ")]),
    ("TÀI LIỆU THU HỒI", [("recalled", None, "TÀI LIỆU THU HỒI")]),
    ("Tài liệu thu hồi", [("recalled", None, "Tài liệu thu hồi")]),
    ("GIẢI MẬT", [("declassified", None, "GIẢI MẬT")]),
    ("ĐÃ GIẢI MẬT", [("declassified", None, "ĐÃ GIẢI MẬT")]),
    ("TỐI MẬT\nB", [("level", TM, "TỐI MẬT"), ("envelope", TM, "B")]),
    ("A\nTUYỆT MẬT", [("level", T, "TUYỆT MẬT"), ("envelope", T, "A")]),
    (
        "Chỉ người có tên mới được bóc bì\n(C)",
        [("named_person", None, "Chỉ người có tên mới được bóc bì"), ("envelope", M, "C")],
    ),
    ("MẬT\nMẬT", [("level", M, "MẬT")]),
    ("MẬT Bản số: 02", [("level", M, "MẬT"), ("copy_number", None, "Bản số: 02")]),
    ("TUYỆT\nMẬT", [("level", T, "TUYỆT MẬT")]),
    ("Chỉ người có tên mới được bóc\nbì", [("named_person", None, "Chỉ người có tên mới được bóc bì")]),
    (
        "Nội dung\tKết quả\nChỉ người có tên mới\nđược bóc bì\t12",
        [("named_person", None, "Chỉ người có tên mới được bóc bì")],
    ),
    ("Tài liệu thu hồi\nBáo cáo tình hình", [("recalled", None, "Tài liệu thu hồi")]),
    ("TÀI LIỆU THU HỒI\nđược gửi lại", [("recalled", None, "TÀI LIỆU THU HỒI")]),
    ("MẬT MÃ", []),
    ("THÂN MẬT", []),  # the same mark twice in one place is reported once
    # decoys: phrases, prose, other words
    ("BÍ MẬT NHÀ NƯỚC", []),
    # prose cut by a narrow column (a PDF page beside a picture) is still prose
    ("TUYỆT MẬT, TỐI MẬT,", []),
    ("MẬT, TỐI MẬT, MẬT", []),
    ("TUYỆT MẬT,", []),
    ("TỐI MẬT, HỎA TỐC", [("level", TM, "TỐI MẬT")]),  # the urgency stamp beside it, not a list
    ("TUYỆT MẬT, TỐI", []),  # a list cut by the end of a narrow column
    ("MẬT, tài liệu được bảo quản", []),
    ('"MẬT"', []),
    ("Kiểm tra việc chỉ người có tên mới được bóc\nbì thư theo quy định", []),
    ("MẬT KHẨU", []),
    ("MẬT KHẨU WIFI", []),
    ("BẢO MẬT", []),
    ("HƯỚNG DẪN ĐỔI MẬT KHẨU", []),
    ("MẬT ĐỘ", []),
    ("MẬT ONG", []),
    ("MẶT TRẬN", []),
    ("MẶT", []),
    ("tuyệt mật", []),
    ("Tuyệt mật", []),
    ("Tối mật", []),
    ("Đây là tài liệu tuyệt mật của cơ quan.", []),
    ("Tài liệu được xếp độ Tuyệt mật theo quy định.", []),
    ("tài liệu mật", []),
    ("bí mật kinh doanh", []),
    ("HỒ SƠ MẬT", []),
    ("BÁO CÁO TỐI MẬT VỀ TÌNH HÌNH", []),
    ('Văn bản có đóng dấu "TỐI MẬT" phải được bảo quản', []),
    ('a) Dấu "MẬT";', []),
    ('Mẫu dấu "[TỐI MẬT]" in đỏ', []),
    ("Các độ mật gồm: TUYỆT MẬT, TỐI MẬT, MẬT được quy định tại Luật Bảo vệ bí mật nhà nước", []),
    ("MẬT_KHẨU", []),
    ("MẬTKHẨU", []),
    ("TỐI MẬTT", []),
    ("BẢN GIẢI MẬT", []),
    ("Tài liệu thu hồi phải nộp lại trong ngày", []),
    ("bản số 3", []),
    ("Bản số liệu thống kê", []),
    ("A", []),  # an envelope letter needs a stamp in the same part
    ("A\nB\nC", []),
    ("Đề nghị đóng dấu chỉ người có tên mới được bóc bì vào phong bì", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_marks_table(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    marks = find_marks([TextPart("word/header1.xml", normalize(text))])
    assert [(m.kind, m.level, m.text) for m in marks] == expected
    assert all(m.location == "word/header1.xml" and "\n" not in m.evidence for m in marks)


def test_a_phrase_wrapped_on_a_page_is_not_a_stamp_but_a_paragraph_may_be() -> None:
    text = "Tài liệu thu hồi\nđất của hộ gia đình"
    assert find_marks([TextPart("page 1", text, laid_out=True)]) == []  # a PDF line wrapped on
    (mark,) = find_marks([TextPart("word/document.xml", text)])  # a paragraph of its own: a stamp
    assert (mark.kind, mark.text) == ("recalled", "Tài liệu thu hồi")


def test_a_stamp_touching_the_next_column_of_a_page() -> None:
    line = "CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ Lào Cai, ngày 20 tháng 9 năm 2021"
    (mark,) = find_marks([TextPart("page 1", line, laid_out=True)])
    assert mark.kind == "named_person"
    assert find_marks([TextPart("word/document.xml", line)]) == []  # in a paragraph it is prose
    assert find_marks([TextPart("page 1", "MẬT KHẨU Wifi", laid_out=True)]) == []  # capitals go on


def test_table_has_enough_stamps_and_decoys() -> None:
    assert len(CASES) >= 40
    assert sum(1 for _, marks in CASES if marks) >= 20
    assert sum(1 for _, marks in CASES if not marks) >= 20


def test_same_mark_in_two_places_is_kept_twice_and_evidence_is_short() -> None:
    long_line = "Số liệu " * 30 + "\t" + "MẬT"
    parts = [TextPart("word/header1.xml", "MẬT"), TextPart("word/header2.xml", normalize(long_line))]
    marks = find_marks(parts)
    assert [m.location for m in marks] == ["word/header1.xml", "word/header2.xml"]
    assert len(marks[1].evidence) <= 82 and "MẬT" in marks[1].evidence


def test_marks_in_real_docx_positions(tmp_path: Path) -> None:
    data = corpus.docx_bytes(
        ["HƯỚNG DẪN ĐỔI MẬT KHẨU", "Tài liệu bí mật kinh doanh"],
        header=["UBND TỈNH B\tTỐI MẬT"],
        textbox=["TỐI MẬT"],
        footer=["Bản số: 03"],
        title="MẬT",
    )
    path = corpus.write(tmp_path / "x.docx", data)
    marks = find_marks(extract(path, "docx"))
    assert {(m.kind, m.level, m.location) for m in marks} == {
        ("level", TM, "word/document.xml"),
        ("level", TM, "word/header1.xml"),
        ("copy_number", None, "word/footer1.xml"),
        ("level", M, "docProps/core.xml"),
    }


def test_folding_keeps_one_character_per_character() -> None:
    text = "Đề thi ĐÁP ÁN kỳ thi tốt nghiệp"
    assert fold(text) == "de thi dap an ky thi tot nghiep"
    assert len(fold(text)) == len(text)


def _catalog(tmp_path: Path) -> CatalogMatcher:
    path = tmp_path / "catalog.json"
    items = [{"item": "531/QĐ-TTg Điều 1 khoản 1", "phrases": ["đề thi", "đáp án kỳ thi"]}]
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return CatalogMatcher.from_file(path)


def test_catalog_phrases_match_folded_whole_words(tmp_path: Path) -> None:
    matcher = _catalog(tmp_path)
    parts = [
        TextPart("word/document.xml", "Gửi kèm De thi chính thức\nvà ĐÁP ÁN KỲ THI"),
        TextPart("word/footer1.xml", "đề thiết kế mẫu"),  # "thi" inside "thiết" is not a whole word
    ]
    hits = matcher.find(parts)
    assert [(h["item"], h["phrase"], h["location"]) for h in hits] == [
        ("531/QĐ-TTg Điều 1 khoản 1", "đề thi", "word/document.xml"),
        ("531/QĐ-TTg Điều 1 khoản 1", "đáp án kỳ thi", "word/document.xml"),
    ]
    assert hits[0]["evidence"] == "Gửi kèm De thi chính thức"


def test_catalog_reads_bmnn_format_and_refuses_garbage(tmp_path: Path) -> None:
    yaml_path = tmp_path / "c.yaml"
    yaml_path.write_text(
        'catalogs:\n  - decision: "531/QĐ-TTg"\n    items:\n      - article: "1"\n        clause: "2"\n'
        '        text: Đề thi\n        phrases: ["ngân hàng câu hỏi thi"]\n      - article: "1"\n'
        '        clause: "3"\n        text: Không có cụm từ\n',
        encoding="utf-8",
    )
    hits = CatalogMatcher.from_file(yaml_path).find([TextPart("a", "Ngân hàng câu hỏi thi năm 2026")])
    assert [h["item"] for h in hits] == ["531/QĐ-TTg Điều 1 khoản 2"]
    bad = tmp_path / "bad.json"
    bad.write_text('{"x": 1}', encoding="utf-8")
    with pytest.raises(CatalogFileInvalid):
        CatalogMatcher.from_file(bad)


def test_sample_catalog_of_bmnn_loads() -> None:
    sample = Path(__file__).parents[2] / "src/bmnn/catalog/data/sample_catalog.yaml"
    if not sample.exists():
        pytest.skip("no sample catalog")
    matcher = CatalogMatcher.from_file(sample)
    assert matcher.find([TextPart("a", "văn bản thường")]) == []

"""Extraction from real files built in tmp_path: every family, nested archives, bad input."""

from __future__ import annotations

import os
import resource
import shutil
import sys
import time
from pathlib import Path

import pytest

from bmnn.scanner.extract import ExtractError, Limits, TextPart, extract, file_type
from bmnn.scanner.marks import find_marks
from tests.scanner import corpus


def parts_of(path: Path, limits: Limits | None = None) -> list[TextPart]:
    kind = file_type(path, path.read_bytes()[:8192])
    assert kind is not None
    return list(extract(path, kind, limits or Limits()))


def text_at(parts: list[TextPart]) -> dict[str, str]:
    return {part.location: part.text for part in parts}


def levels(parts: list[TextPart]) -> set[tuple[str, str | None, str]]:
    return {(m.kind, m.level, m.location) for m in find_marks(parts)}


def test_docx_reads_header_footer_textbox_comments_and_properties(tmp_path: Path) -> None:
    data = corpus.docx_bytes(
        ["Kính gửi: Sở Nội vụ", "Nội dung báo cáo"],
        header=["TỐI MẬT\tSố: 12/BC-UBND"],
        footer=["Bản số: 03"],
        textbox=["TUYỆT MẬT"],
        title="Báo cáo quý II",
        comment="Đã xem",
    )
    parts = parts_of(corpus.write(tmp_path / "bao-cao.docx", data))
    texts = text_at(parts)
    assert texts["word/header1.xml"] == "TỐI MẬT\tSố: 12/BC-UBND"
    assert texts["word/footer1.xml"] == "Bản số: 03"
    assert "Kính gửi: Sở Nội vụ\nNội dung báo cáo" in texts["word/document.xml"]
    assert texts["word/document.xml"].count("TUYỆT MẬT") == 1  # text box read once, not via the VML fallback
    assert "Đã xem" in texts["word/comments.xml"]
    assert "Báo cáo quý II" in texts["docProps/core.xml"]
    assert "word/styles.xml" not in texts
    assert levels(parts) == {
        ("level", "toi_mat", "word/header1.xml"),
        ("level", "tuyet_mat", "word/document.xml"),
        ("copy_number", None, "word/footer1.xml"),
    }


def test_runs_split_inside_a_word_are_joined(tmp_path: Path) -> None:
    xml = (
        f"<w:document {corpus.W}><w:body><w:p><w:r><w:t>TỐI</w:t></w:r>"
        '<w:r><w:t xml:space="preserve"> M</w:t></w:r><w:r><w:t>ẬT</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>Hà Nội &amp; các tỉnh</w:t></w:r></w:p></w:body></w:document>"
    )
    path = corpus.write(tmp_path / "a.docx", corpus.zip_bytes({"word/document.xml": xml.encode()}))
    assert text_at(parts_of(path))["word/document.xml"] == "TỐI MẬT\nHà Nội & các tỉnh"


def test_xlsx_shared_inline_strings_and_page_header(tmp_path: Path) -> None:
    data = corpus.xlsx_bytes(
        ["Danh sách thí sinh"], inline="MẬT", header='&L&"Times New Roman,Bold"TỐI MẬT&RTrang &P'
    )
    parts = parts_of(corpus.write(tmp_path / "ds.xlsx", data))
    texts = text_at(parts)
    assert texts["xl/sharedStrings.xml"] == "Danh sách thí sinh"
    assert [line for line in texts["xl/worksheets/sheet1.xml"].split("\n") if line] == [
        "MẬT",
        "TỐI MẬT",
        "Trang",
    ]
    assert {m.text for m in find_marks(parts)} == {"MẬT", "TỐI MẬT"}


def test_pptx_slides_and_notes(tmp_path: Path) -> None:
    path = corpus.write(tmp_path / "s.pptx", corpus.pptx_bytes(["MẬT", "Kế hoạch"], ["Ghi chú: bảo mật"]))
    assert file_type(path, path.read_bytes()[:8]) == "pptx"
    texts = text_at(parts_of(path))
    assert texts["ppt/slides/slide1.xml"] == "MẬT\nKế hoạch"
    assert texts["ppt/notesSlides/notesSlide1.xml"] == "Ghi chú: bảo mật"


def test_odt_header_lives_in_styles(tmp_path: Path) -> None:
    path = corpus.write(tmp_path / "v.odt", corpus.odt_bytes(["Nội dung"], ["TUYỆT MẬT"]))
    parts = parts_of(path)
    assert file_type(path, path.read_bytes()[:64]) == "odt"
    assert levels(parts) == {("level", "tuyet_mat", "styles.xml")}
    assert text_at(parts)["meta.xml"] == "Báo cáo"


def test_rtf_unicode_escapes_codepage_and_skipped_destinations(tmp_path: Path) -> None:
    rtf = (
        rb"{\rtf1\ansi\ansicpg1258\deff0{\fonttbl{\f0 Times New Roman;}}{\colortbl;\red255\green0\blue0;}"
        rb"{\*\generator Writer;}{\header \pard T\u7888?I M\u7852?T\par}"
        rb"\pard Kh\'f4ng ph\'e2n bi\'ea\'f2t\par {\*\bkmkstart x}{\uc2 \u7853\'3f\'3ft}\par"
        rb"{\pict\bin4 \x00\x01{}}\pard Bi\u7875?u m\u7851?u\par}"
    )
    path = corpus.write(tmp_path / "c.rtf", rtf)
    text = text_at(parts_of(path))["text"]
    assert text.split("\n") == ["TỐI MẬT", "Không phân biệt", "ật", "Biểu mẫu"]
    assert "Times" not in text and "Writer" not in text


def test_txt_utf8_bom_and_cp1258(tmp_path: Path) -> None:
    utf8 = corpus.write(tmp_path / "a.txt", "\ufeffMẬT\nthư mời".encode())
    cp1258 = "TÔ\u0301I MÂ\u0323T\r\nHà Nô\u0323i".encode("cp1258")  # cp1258 spells tones as combining marks
    cp = corpus.write(tmp_path / "b.txt", cp1258)
    decomposed = corpus.write(tmp_path / "c.txt", "TÔ\u0301I MÂ\u0323T".encode())
    assert text_at(parts_of(utf8))["text"] == "MẬT\nthư mời"
    assert text_at(parts_of(cp))["text"] == "TỐI MẬT\nHà Nội"
    assert text_at(parts_of(decomposed))["text"] == "TỐI MẬT"


def test_large_txt_is_streamed_in_chunks(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as out:
        for _ in range(20):
            out.write(("dòng văn bản thường\n" * 40000).encode())
        out.write("MẬT\n".encode())
    parts = parts_of(path)
    assert len(parts) > 1
    assert [m.text for m in find_marks(parts)] == ["MẬT"]


def test_html_drops_scripts_and_unescapes(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Thông báo</title><style>.m{}</style></head><body>"
        "<script>var s='MẬT';</script><p>T&#7888;I M&#7852;T</p>"
        "<div>Hướng dẫn đổi mật khẩu</div></body></html>"
    )
    path = corpus.write(tmp_path / "tb.htm", page.encode())
    parts = parts_of(path)
    texts = text_at(parts)
    assert texts["title"] == "Thông báo"
    assert texts["body"].split("\n")[0] == "TỐI MẬT"
    assert "var s" not in texts["body"]
    assert [m.text for m in find_marks(parts)] == ["TỐI MẬT"]


def test_eml_subject_body_and_nested_attachment(tmp_path: Path) -> None:
    docx = corpus.docx_bytes(["Nội dung"], header=["TỐI MẬT"])
    data = corpus.eml_bytes("Gửi báo cáo MẬT", "Chào anh,\nGửi kèm báo cáo.", {"bc.docx": docx})
    path = corpus.write(tmp_path / "thu.eml", data)
    texts = text_at(parts_of(path))
    assert texts["Subject"] == "Gửi báo cáo MẬT"
    assert texts["body"] == "Chào anh,\nGửi kèm báo cáo."
    assert texts["bc.docx!word/header1.xml"] == "TỐI MẬT"


def test_nested_zip_locations_join_with_bang(tmp_path: Path) -> None:
    inner = corpus.zip_bytes({"inner/b.docx": corpus.docx_bytes(["MẬT"]), "readme.bin": b"\x00" * 50})
    outer = corpus.zip_bytes({"archive.zip": inner, "ghi-chu.txt": "TUYỆT MẬT".encode()})
    path = corpus.write(tmp_path / "goc.zip", outer)
    texts = text_at(parts_of(path))
    assert texts["archive.zip!inner/b.docx!word/document.xml"] == "MẬT"
    assert texts["ghi-chu.txt!text"] == "TUYỆT MẬT"


def test_nesting_deeper_than_max_depth_is_reported_after_the_rest(tmp_path: Path) -> None:
    data = corpus.docx_bytes(["MẬT"])
    for level in range(4):
        data = corpus.zip_bytes({f"l{level}.zip" if level else "d.docx": data})
    path = corpus.write(tmp_path / "deep.zip", corpus.zip_bytes({"x.zip": data, "a.txt": b"TOI"}))
    found: list[TextPart] = []
    with pytest.raises(ExtractError) as error:
        found.extend(extract(path, "zip"))
    assert error.value.reason == "too deep"
    assert [p.location for p in found] == ["a.txt!text"]


def test_zip_bomb_is_refused_quickly_with_small_memory(tmp_path: Path) -> None:
    bomb = corpus.write_zip_bomb(tmp_path / "bomb.zip")
    assert bomb.stat().st_size < 10 * 1024**2
    docx_bomb = corpus.write_zip_bomb(tmp_path / "bomb.docx", member="word/document.xml")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    outer = corpus.write(tmp_path / "outer.zip", corpus.zip_bytes({"b.zip": bomb.read_bytes()}))
    for path, kind in ((bomb, "zip"), (docx_bomb, "docx"), (outer, "zip")):
        with pytest.raises(ExtractError) as error:
            list(extract(path, kind))
        assert error.value.reason == "too large"
    assert time.monotonic() - started < 30
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before < 200 * 1024  # KiB on Linux


def test_total_uncompressed_guard_counts_bytes_actually_read(tmp_path: Path) -> None:
    members = {f"f{i}.txt": ("MẬT\n" + "x" * 300_000).encode() for i in range(10)}
    path = corpus.write(tmp_path / "many.zip", corpus.zip_bytes(members))
    limits = Limits(max_part_bytes=1024**2, max_total_uncompressed=2 * 1024**2)
    with pytest.raises(ExtractError) as error:
        list(extract(path, "zip", limits))
    assert error.value.reason == "too large"
    assert len(find_marks(extract(path, "zip"))) == 10


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("enc.docx", corpus.mark_encrypted(corpus.docx_bytes(["MẬT"]), "word/document.xml"), "encrypted"),
        ("office-enc.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000), "encrypted"),
        ("cut.docx", corpus.docx_bytes(["MẬT"] * 200)[:700], "truncated"),
        ("junk.docx", b"this is not a word file", "corrupt"),
        ("bad.rtf", b"{\\rtf1 \\'", None),
    ],
)
def test_bad_files_raise_extract_error_with_a_short_reason(
    tmp_path: Path, name: str, data: bytes, reason: str | None
) -> None:
    path = corpus.write(tmp_path / name, data)
    if reason is None:
        parts_of(path)  # a cut RTF yields what it has, without crashing
        return
    with pytest.raises(ExtractError) as error:
        parts_of(path)
    assert error.value.reason == reason


def test_sniffing_trusts_magic_over_extension(tmp_path: Path) -> None:
    docx_named_txt = corpus.write(tmp_path / "note.txt", corpus.docx_bytes(["MẬT"]))
    pdf_named_docx = corpus.write(tmp_path / "scan.docx", b"%PDF-1.4\n%...\n")
    rtf_named_doc = corpus.write(tmp_path / "old.doc", b"{\\rtf1 MAT}")
    plain = corpus.write(tmp_path / "thu", b"From: a@b.vn\nSubject: x\n\nhi")
    assert file_type(docx_named_txt, docx_named_txt.read_bytes()[:8]) == "docx"
    assert file_type(pdf_named_docx, pdf_named_docx.read_bytes()) == "pdf"
    assert file_type(rtf_named_doc, rtf_named_doc.read_bytes()) == "rtf"
    assert file_type(plain, plain.read_bytes()) == "eml"
    assert file_type(tmp_path / "x.png", b"\x89PNG\r\n") is None
    assert file_type(tmp_path / "x.exe", b"MZ\x90\x00") is None
    assert file_type(tmp_path / "y.zip", b"PK\x05\x06" + bytes(18)) == "zip"


def test_long_path_and_odd_names_are_read(tmp_path: Path) -> None:
    deep = tmp_path
    for index in range(12):
        deep = deep / (f"thư mục {index} " + "đ" * 20)
    path = corpus.write(deep / ("tên rất dài " * 8 + ".docx"), corpus.docx_bytes(["MẬT"]))
    assert len(str(path)) > 400
    assert levels(parts_of(path)) == {("level", "mat", "word/document.xml")}


def test_reading_does_not_change_the_file_or_its_access_time(tmp_path: Path) -> None:
    path = corpus.write(tmp_path / "a.docx", corpus.docx_bytes(["MẬT"]))
    os.utime(path, (1_000_000_000, 1_000_000_000))
    before = path.stat()
    content = path.read_bytes()
    os.utime(path, (1_000_000_000, 1_000_000_000))
    list(extract(path, "docx"))
    after = path.stat()
    assert (after.st_atime, after.st_mtime, after.st_size) == (
        before.st_atime,
        before.st_mtime,
        before.st_size,
    )
    assert path.read_bytes() == content


def test_unknown_kind_and_missing_tool_are_unsupported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = corpus.write(tmp_path / "a.pdf", b"%PDF-1.4\n")
    with pytest.raises(ExtractError, match="unsupported"):
        list(extract(path, "ppt"))
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # neither poppler nor pypdfium2
    with pytest.raises(ExtractError) as error:
        list(extract(path, "pdf"))
    assert error.value.reason == "unsupported"


def test_cut_ole_header_is_truncated(tmp_path: Path) -> None:
    path = corpus.write(tmp_path / "a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    with pytest.raises(ExtractError) as error:
        list(extract(path, "doc"))
    assert error.value.reason == "truncated"


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """PDF, .doc and .xls made by LibreOffice from generated files (skipped without LibreOffice)."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice not installed")
    out = tmp_path_factory.mktemp("lo")
    docx = corpus.write(out / "src" / "bao-cao.docx", _office_docx())
    xlsx = corpus.write(out / "src" / "bang.xlsx", _office_xlsx())
    made = {
        "pdf": corpus.soffice_convert(docx, "pdf", out),
        "doc": corpus.soffice_convert(docx, "doc", out),
        "xls": corpus.soffice_convert(xlsx, "xls", out),
    }
    txt = corpus.write(out / "enc" / "khoa.txt", "TỐI MẬT".encode())
    made["encrypted_pdf"] = corpus.soffice_convert(txt, corpus.ENCRYPTED_PDF, out / "enc")
    return {kind: path for kind, path in made.items() if path is not None}


def _office_docx() -> bytes:
    import io

    import docx  # python-docx: LibreOffice needs a complete package to convert

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "TỐI MẬT"
    document.add_paragraph("Báo cáo tình hình")
    document.add_paragraph("Bản số: 02")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _office_xlsx() -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "MẬT"
    book.active["A2"] = "Danh sách"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["pdf", "doc", "xls"])
def test_pdf_doc_xls_made_by_an_office_suite(converted: dict[str, Path], kind: str) -> None:
    if (kind == "pdf" and shutil.which("pdftotext") is None) or kind not in converted:
        pytest.skip("pdftotext or the converted file missing")
    path = converted[kind]
    assert file_type(path, path.read_bytes()[:8192]) == kind
    marks = {(m.kind, m.level, m.text) for m in find_marks(extract(path, kind))}
    expected: set[tuple[str, str | None, str]] = (
        {("level", "mat", "MẬT")}
        if kind == "xls"
        else {("level", "toi_mat", "TỐI MẬT"), ("copy_number", None, "Bản số: 02")}
    )
    assert marks == expected


def test_pdf_pages_are_located(converted: dict[str, Path]) -> None:
    if "pdf" not in converted or shutil.which("pdftotext") is None:
        pytest.skip("no PDF")
    parts = {part.location: part.text for part in extract(converted["pdf"], "pdf")}
    assert "Báo cáo tình hình" in parts["page 1"]
    assert "page 2" not in parts


def test_broken_pdf_is_corrupt(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed")
    path = corpus.write(tmp_path / "x.pdf", b"%PDF-1.4\nnot really\n")
    with pytest.raises(ExtractError) as error:
        list(extract(path, "pdf"))
    assert error.value.reason == "corrupt"


def test_password_protected_pdf_is_encrypted(converted: dict[str, Path]) -> None:
    if "encrypted_pdf" not in converted or shutil.which("pdftotext") is None:
        pytest.skip("no encrypted PDF made")
    with pytest.raises(ExtractError) as error:
        list(extract(converted["encrypted_pdf"], "pdf"))
    assert error.value.reason == "encrypted"


def test_a_huge_body_is_read_in_pieces_and_the_last_stamp_found(tmp_path: Path) -> None:
    from bmnn.scanner.extract.xmltext import CHUNK_BYTES

    lines = ["Báo cáo tình hình an ninh trật tự trên địa bàn xã trong quý III năm 2026."] * 40_000
    path = corpus.write(tmp_path / "dai.docx", corpus.docx_bytes([*lines, "TỐI MẬT"]))
    parts = [p for p in extract(path, "docx") if p.location == "word/document.xml"]
    assert len(parts) > 1 and all(len(p.text.encode()) <= CHUNK_BYTES for p in parts)
    assert sum(p.text.count("Báo cáo") for p in parts) == 40_000  # nothing lost at the cuts
    assert [(m.kind, m.level) for m in find_marks(parts)] == [("level", "toi_mat")]


@pytest.mark.parametrize(
    "rtf",
    [
        rb"{\rtf1 abc \bin-10 x}",  # a negative byte count must not step back for ever
        rb"{\rtf1 \u99999999\'3f \u-99999 x}",  # characters out of range
        rb"{\rtf1 {\pict " + rb"\'41" * 200_000 + rb"}x}",  # a picture of escapes: skipped in one pass
    ],
)
def test_hostile_rtf_ends_quickly(tmp_path: Path, rtf: bytes) -> None:
    import time

    path = corpus.write(tmp_path / "x.rtf", rtf)
    started = time.monotonic()
    list(extract(path, "rtf"))
    assert time.monotonic() - started < 5

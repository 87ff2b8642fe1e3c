"""PDFs read in process by PDFium (issue 15): no program on PATH needed; text without a Unicode map
is never passed as clean; legacy TCVN3 text converted; no reader at all → unread, said plainly."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from bmnn.scanner.extract import ExtractError, extract
from bmnn.scanner.extract.pdf import readable
from bmnn.scanner.runner import ScanConfig, run_scan
from tests.scanner import corpus, pages

FODT = ('<?xml version="1.0" encoding="UTF-8"?><office:document '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>{}'
        "</office:text></office:body></office:document>")
STAMPED = ["UBND TỈNH LÀO CAI", "TỐI MẬT", "Báo cáo tình hình an ninh trật tự trên địa bàn xã."]


def test_a_pdf_is_read_with_no_program_on_path(tmp_path: Path, monkeypatch: Any) -> None:
    pages.without_programs(monkeypatch, tmp_path)
    path = corpus.write(tmp_path / "tree" / "bc.pdf", pages.text_pdf(STAMPED))
    parts = list(extract(path, "pdf"))
    assert [p.location for p in parts] == ["page 1"]
    assert "Báo cáo tình hình" in parts[0].text
    outcome = run_scan([str(path.parent)], ScanConfig(), workers=0)
    assert [(m["level"], m["location"]) for m in outcome.results[0]["marks"]] == [("toi_mat", "page 1")]
    assert outcome.complete


def test_text_without_a_unicode_map_is_reported_unread_not_clean(tmp_path: Path, monkeypatch: Any) -> None:
    pages.without_programs(monkeypatch, tmp_path)
    path = corpus.write(tmp_path / "tree" / "nomap.pdf", pages.text_pdf(STAMPED, font="opaque"))
    with pytest.raises(ExtractError, match="unreadable text: page 1"):
        list(extract(path, "pdf"))
    outcome = run_scan([str(path.parent)], ScanConfig(), workers=0)
    (result,) = outcome.results
    assert result["error"] == "unreadable text: page 1"
    assert not outcome.complete
    assert any("không khôi phục được" in note for note in outcome.notes)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_pdftotext_is_asked_too_and_garbage_from_it_is_not_taken(tmp_path: Path) -> None:
    path = corpus.write(tmp_path / "nomap.pdf", pages.text_pdf(STAMPED, font="opaque"))
    with pytest.raises(ExtractError, match="unreadable text"):
        list(extract(path, "pdf"))


def test_a_tcvn3_pdf_is_converted_and_its_stamp_found(tmp_path: Path) -> None:
    lines = ["Bé C«ng an tØnh", "TèI MËT", "Tµi liÖu b¸o c¸o t×nh h×nh an ninh trËt tù trªn ®Þa bµn x·"]
    path = corpus.write(tmp_path / "tcvn3.pdf", pages.text_pdf(lines, font="latin1"))
    outcome = run_scan([str(tmp_path)], ScanConfig(), workers=0)
    (result,) = outcome.results
    assert [(m["level"], m["text"]) for m in result["marks"]] == [("toi_mat", "TỐI MẬT")]
    assert "báo cáo tình hình" in next(p.text for p in extract(path, "pdf"))


def test_without_any_pdf_reader_the_file_is_unread_without_debian_advice(tmp_path: Path,
                                                                         monkeypatch: Any) -> None:
    pages.without_programs(monkeypatch, tmp_path)
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # the one-file scanner without its wheels
    corpus.write(tmp_path / "tree" / "bc.pdf", pages.text_pdf(STAMPED))
    outcome = run_scan([str(tmp_path / "tree")], ScanConfig(), workers=0)
    (result,) = outcome.results
    assert result["error"] == "unsupported: no PDF reader"
    assert not outcome.complete
    assert outcome.tally.unread == {"pdf_reader": 1}
    assert any("pypdfium2" in note for note in outcome.notes)
    assert not any("poppler" in note for note in outcome.notes)


@pytest.mark.office
def test_with_ocr_a_page_without_a_unicode_map_is_read_as_a_picture(tmp_path: Path) -> None:
    from bmnn.scanner import ocr

    if not ocr.available():
        pytest.skip("needs an OCR engine with Vietnamese")
    flat = FODT.format("".join(f"<text:p>{line}</text:p>" for line in ["TỐI MẬT", *STAMPED[2:]]))
    source = corpus.write(tmp_path / "work" / "bc.fodt", flat.encode())
    made = corpus.soffice_convert(source, "pdf", source.parent)
    if made is None:
        pytest.skip("needs LibreOffice")
    stripped = made.read_bytes().replace(b"/ToUnicode", b"/ToUnicodX")  # a subset font, no map left
    corpus.write(tmp_path / "tree" / "nomap.pdf", stripped)
    plain = run_scan([str(tmp_path / "tree")], ScanConfig(), workers=0)
    assert plain.results[0]["error"] == "unreadable text: page 1" and not plain.complete
    outcome = run_scan([str(tmp_path / "tree")], ScanConfig(ocr=True), workers=0)
    (result,) = outcome.results
    assert result["error"] is None and outcome.complete
    assert [(m["level"], m["location"]) for m in result["marks"]] == [("toi_mat", "ảnh quét, trang 1")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TỐI MẬT\r\nBáo cáo tình hình", True),
        ("", True),
        ("- 2 -", True),
        ("\x01\x04\x05\x06\x07\x08\x05\t\n\x0b\x05\x0c", False),
        ('!" #$   % &\'(   )* +,+-.', False),
        ("B¸o c¸o t×nh h×nh", True),  # TCVN3: letters, converted later
    ],
)
def test_readable_tells_words_from_glyph_numbers(text: str, expected: bool) -> None:
    assert readable(text) is expected

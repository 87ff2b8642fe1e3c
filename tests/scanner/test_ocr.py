"""OCR of scanned pages (issues 11 and 15): red stamps read region by region, red decoys and prose
refused, scans inside PDFs and Word files, first pages first; in process with no program on PATH;
with no engine every unread file listed and the report incomplete."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from bmnn.scanner import ocr
from bmnn.scanner.extract import TextPart
from bmnn.scanner.marks import find_marks, ocr_tolerant
from bmnn.scanner.report import Tally
from bmnn.scanner.runner import ScanConfig, run_scan
from tests.scanner import corpus, pages

needs_ocr = pytest.mark.skipif(not (ocr.available() and pages.have_fonts()),
                               reason="needs an OCR engine with Vietnamese and the DejaVu fonts")
PROSE = ("Tài liệu đóng dấu TỐI MẬT phải được lưu giữ trong tủ có khóa theo quy định của pháp luật.",
         "Văn bản có độ tối mật chỉ được sao, chụp khi người có thẩm quyền cho phép bằng văn bản.")


def _found(outcome: Any) -> list[tuple[str, str, str]]:
    return [(m["level"], m["location"], m["text"]) for r in outcome.results for m in r["marks"]]


@pytest.mark.parametrize(
    ("read", "expected"),
    [
        ("MẠT", "MẬT"),
        ("MÂT", "MẬT"),
        ("TÔI MẠT", "TỐI MẬT"),
        ("TUYÊT MẬT", "TUYỆT MẬT"),
        ("TUYẾỆT MẬT", "TUYỆT MẬT"),
        ("MẶẬT TRẬN", "MẬT TRẬN"),
        ("MẶT TRẬN", "MẬT TRẬN"),
        ("Mặt trận", "Mặt trận"),
        ("MAT KHAU", "MẬT KHAU"),
        ("MẬT", "MẬT"),
    ],
)
def test_ocr_misreads_of_stamp_words_are_put_back(read: str, expected: str) -> None:
    assert ocr_tolerant(read) == expected


def test_put_back_words_still_follow_the_stamp_rules() -> None:
    texts = ["MẶT TRẬN TỔ QUỐC", "MAT KHAU WIFI", "Đây là mặt hàng mật ong", "BẢO MẶT THÔNG TIN"]
    assert find_marks([TextPart("ocr", ocr_tolerant(t)) for t in texts]) == []


@needs_ocr
def test_a_red_boxed_stamp_is_read_as_its_own_region(tmp_path: Path) -> None:
    corpus.write(tmp_path / "scan.png", pages.image_bytes(pages.scanned_page("TỐI MẬT"), dpi=(150, 150)))
    outcome = run_scan([str(tmp_path)], ScanConfig(ocr=True), workers=0)
    found = _found(outcome)
    assert ("toi_mat", "ảnh quét, trang 1, vùng dấu đỏ", "TỐI MẬT") in found
    assert {level for level, _, _ in found} == {"toi_mat"}
    (mark,) = [m for m in outcome.results[0]["marks"] if m["location"].endswith("vùng dấu đỏ")]
    assert "TỐI MẬT" in mark["evidence"]
    assert outcome.complete and outcome.notes == []


@needs_ocr
def test_a_black_boxed_stamp_is_read_inside_its_frame(tmp_path: Path) -> None:
    from PIL import ImageDraw, ImageFont

    page = pages.scanned_page(None, angle=0)
    font = ImageFont.truetype(str(pages.FONTS / "DejaVuSans-Bold.ttf"), 32)
    ImageDraw.Draw(page).text((132, 262), "MẬT", font=font, fill="black")
    ImageDraw.Draw(page).rectangle((120, 250, 230, 310), outline="black", width=3)
    corpus.write(tmp_path / "black.png", pages.image_bytes(page.rotate(1.2, fillcolor="white")))
    found = _found(run_scan([str(tmp_path)], ScanConfig(ocr=True), workers=0))
    assert ("mat", "ảnh quét, trang 1, khung dấu", "MẬT") in found
    assert {level for level, _, _ in found} == {"mat"}


@needs_ocr
def test_a_stamp_beside_a_red_decoy_is_read_apart_from_it(tmp_path: Path) -> None:
    from PIL import ImageDraw, ImageFont

    page = pages.scanned_page("TUYỆT MẬT", angle=0)
    font = ImageFont.truetype(str(pages.FONTS / "DejaVuSerif-Bold.ttf"), 32)
    right = ImageDraw.Draw(page).textbbox((132, 262), "TUYỆT MẬT", font=ImageFont.truetype(
        str(pages.FONTS / "DejaVuSans-Bold.ttf"), 32))[2] + 12
    ImageDraw.Draw(page).text((right + 60, 262), "MẶT TRẬN TỔ QUỐC", font=font, fill=(200, 25, 30))
    tilted = page.rotate(-1, fillcolor="white")
    corpus.write(tmp_path / "beside.jpg", pages.image_bytes(tilted, "JPEG", quality=60))
    found = _found(run_scan([str(tmp_path)], ScanConfig(ocr=True), workers=0))
    assert ("tuyet_mat", "ảnh quét, trang 1, vùng dấu đỏ", "TUYỆT MẬT") in found
    assert {level for level, _, _ in found} == {"tuyet_mat"}


@needs_ocr
def test_red_decoys_and_prose_mentions_are_no_marks(tmp_path: Path) -> None:
    page = pages.scanned_page(None, decoys=("MẶT TRẬN TỔ QUỐC", "BẢO MẬT THÔNG TIN", "HỎA TỐC"), prose=PROSE)
    corpus.write(tmp_path / "decoys.jpg", pages.image_bytes(page, "JPEG", quality=75))
    outcome = run_scan([str(tmp_path)], ScanConfig(ocr=True), workers=0)
    assert outcome.results == []
    assert outcome.complete


@needs_ocr
def test_a_scanned_pdf_is_read_in_process_with_no_program_on_path(tmp_path: Path, monkeypatch: Any) -> None:
    pytest.importorskip("tesserocr")
    pages.without_programs(monkeypatch, tmp_path)
    monkeypatch.setattr(ocr, "_ENGINE", None)
    corpus.write(tmp_path / "tree" / "scan.pdf", pages.image_pdf([pages.scanned_page("MẬT", boxed=False)]))
    before = (tmp_path / "tree" / "scan.pdf").stat()
    outcome = run_scan([str(tmp_path / "tree")], ScanConfig(ocr=True), workers=0)
    assert ocr.engine() is not None and ocr.engine().name == "tesserocr"  # type: ignore[union-attr]
    assert ("mat", "ảnh quét, trang 1, vùng dấu đỏ", "MẬT") in _found(outcome)
    after = (tmp_path / "tree" / "scan.pdf").stat()
    assert (after.st_atime_ns, after.st_mtime_ns) == (before.st_atime_ns, before.st_mtime_ns)


@needs_ocr
def test_ocr_of_a_pdf_stops_at_the_highest_level_on_the_first_page(tmp_path: Path, monkeypatch: Any) -> None:
    read: list[str] = []
    real = ocr.read_page

    def spy(image: Any, where: str, dpi: int) -> Any:
        read.append(where)
        return real(image, where, dpi)

    monkeypatch.setattr(ocr, "read_page", spy)
    scan = [pages.scanned_page("TUYỆT MẬT"), pages.scanned_page(None), pages.scanned_page("MẬT")]
    corpus.write(tmp_path / "three.pdf", pages.image_pdf(scan))
    outcome = run_scan([str(tmp_path)], ScanConfig(ocr=True), workers=0)
    assert read == ["ảnh quét, trang 1"]
    assert {level for level, _, _ in _found(outcome)} == {"tuyet_mat"}


@needs_ocr
def test_a_scan_pasted_into_a_word_file_is_read_but_a_logo_is_not(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    logo = Image.new("RGB", (260, 90), "white")
    font = ImageFont.truetype(str(pages.FONTS / "DejaVuSans-Bold.ttf"), 40)
    ImageDraw.Draw(logo).text((10, 10), "MẬT", font=font, fill=(210, 20, 25))
    data = io.BytesIO(corpus.docx_bytes(["Kính gửi các đơn vị."]))
    with zipfile.ZipFile(data, "a") as archive:
        archive.writestr("word/media/image1.png", pages.image_bytes(pages.scanned_page("TỐI MẬT")))
        archive.writestr("word/media/image2.png", pages.image_bytes(logo) + b"\0" * 30_000)
    corpus.write(tmp_path / "cover.docx", data.getvalue())
    assert run_scan([str(tmp_path)], ScanConfig(), workers=0).results == []  # pictures need --ocr
    found = _found(run_scan([str(tmp_path)], ScanConfig(ocr=True), workers=0))
    assert ("toi_mat", "word/media/image1.png: ảnh quét, vùng dấu đỏ", "TỐI MẬT") in found
    assert not [f for f in found if "image2" in f[1]]


def test_without_an_engine_every_scan_is_listed_unread_and_the_report_incomplete(
        tmp_path: Path, monkeypatch: Any) -> None:
    pytest.importorskip("PIL")
    monkeypatch.setattr(ocr, "_ENGINE", (None, "no_engine"))
    blank = pages.scanned_page(None, size=(400, 560), angle=0) if pages.have_fonts() else None
    if blank is None:
        from PIL import Image

        blank = Image.new("RGB", (400, 560), "white")
    corpus.write(tmp_path / "a.png", pages.image_bytes(blank))
    corpus.write(tmp_path / "b.jpg", pages.image_bytes(blank, "JPEG"))
    corpus.write(tmp_path / "c.pdf", pages.image_pdf([blank, blank]))
    corpus.write(tmp_path / "d.pdf", pages.text_pdf(["Báo cáo quý III"]))  # text: read without OCR
    outcome = run_scan([str(tmp_path)], ScanConfig(ocr=True), workers=0)
    errors = {Path(r["path"]).name: r["error"] for r in outcome.results}
    assert errors == {"a.png": "no OCR engine", "b.jpg": "no OCR engine", "c.pdf": "no OCR engine: page 1, 2"}
    assert not outcome.complete and not outcome.stopped
    summary = outcome.tally.summary(outcome.files_seen, 0, outcome.complete)
    assert summary["complete"] is False
    assert summary["unread"] == {"ocr": 3} and summary["unread_by_type"] == {"jpg": 1, "pdf": 1, "png": 1}
    assert any("tesserocr" in note for note in outcome.notes)
    assert not any("poppler" in note or "apt" in note for note in outcome.notes)


def test_the_missing_engine_message_says_what_to_install_on_windows(monkeypatch: Any) -> None:
    monkeypatch.setattr(ocr, "_ENGINE", (None, "no_engine"))
    monkeypatch.setattr(ocr.sys, "platform", "win32")
    message = ocr.unavailable_message()
    assert ".whl" in message and "Windows" in message and "vie.traineddata" in message
    assert "apt" not in message and "tesseract-ocr-vie" not in message
    monkeypatch.setattr(ocr, "_ENGINE", (None, "no_model"))
    assert "vie.traineddata" in ocr.unavailable_message()


def test_a_tally_counts_unread_files_by_reason() -> None:
    tally = Tally()
    tally.add({"path": "a.pdf", "type": "pdf", "error": "unreadable text: page 2"})
    tally.add({"path": "b.pdf", "type": "pdf", "error": "encrypted"})
    tally.add({"path": "c.png", "type": "png", "error": "no OCR engine"})
    summary = tally.summary(3, 0, True)
    assert summary["unread"] == {"ocr": 1, "pdf_text": 1} and summary["complete"] is False
    assert summary["errors"] == 3

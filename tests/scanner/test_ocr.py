"""OCR of scanned pages: a red rectangular stamp on an image-only PDF (the most common real case)
and a plain image; OCR's misread diacritics on stamps; access times unchanged."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from bmnn.scanner.extract import TextPart
from bmnn.scanner.marks import find_marks, ocr_tolerant
from bmnn.scanner.ocr import available
from bmnn.scanner.runner import ScanConfig, run_scan
from tests.scanner import corpus

RED_STAMP = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" '
    'office:mimetype="application/vnd.oasis.opendocument.text"><office:automatic-styles>'
    '<style:style style:name="stamp" style:family="graphic"><style:graphic-properties style:wrap="none" '
    'draw:fill="none" fo:border="2pt solid #d00000" fo:padding="0.1cm"/></style:style>'
    '<style:style style:name="red" style:family="paragraph">'
    '<style:paragraph-properties fo:text-align="center"/>'
    '<style:text-properties fo:color="#d00000" fo:font-size="16pt" fo:font-weight="bold"/></style:style>'
    "</office:automatic-styles><office:body><office:text>"
    "<text:p>UBND TỈNH LÀO CAI</text:p><text:p>Số: 12/BC-UBND</text:p><text:p>"
    '<draw:frame draw:style-name="stamp" text:anchor-type="as-char" svg:width="3.5cm" svg:height="1.2cm">'
    '<draw:text-box><text:p text:style-name="red">MẬT</text:p></draw:text-box></draw:frame></text:p>'
    "<text:p>Báo cáo tình hình an ninh trật tự trên địa bàn xã trong quý III năm 2026. "
    "Đề nghị thay đổi mật khẩu định kỳ.</text:p></office:text></office:body></office:document>"
)

needs_ocr = pytest.mark.skipif(
    not (available() and shutil.which("soffice") and shutil.which("pdftoppm")),
    reason="needs tesseract with vie, LibreOffice and pdftoppm",
)


@pytest.mark.parametrize(
    ("read", "expected"),
    [
        ("MẠT", "MẬT"),
        ("MÂT", "MẬT"),
        ("TÔI MẠT", "TỐI MẬT"),
        ("TUYÊT MẬT", "TUYỆT MẬT"),
        ("MẶT TRẬN", "MẬT TRẬN"),
        ("Mặt trận", "Mặt trận"),
        ("MAT KHAU", "MẬT KHAU"),
        ("MẬT", "MẬT"),
    ],
)
def test_ocr_misreads_of_stamp_words_are_put_back(read: str, expected: str) -> None:
    assert ocr_tolerant(read) == expected


def test_put_back_words_still_follow_the_stamp_rules() -> None:
    texts = ["MẶT TRẬN TỔ QUỐC", "MAT KHAU WIFI", "Đây là mặt hàng mật ong"]
    assert find_marks([TextPart("ocr", ocr_tolerant(t)) for t in texts]) == []


def _scanned_pdf(tmp_path: Path) -> Path:
    """The stamp page printed to PDF, rendered to pixels, and wrapped again as an image-only PDF."""
    source = corpus.write(tmp_path / "work" / "stamp.fodt", RED_STAMP.encode())
    printed = corpus.soffice_convert(source, "pdf", source.parent)
    assert printed is not None
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-singlefile", str(printed), str(source.parent / "page")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    tree = tmp_path / "tree"
    scanned = corpus.soffice_convert(source.parent / "page.png", "pdf", tree)
    assert scanned is not None
    return scanned


@pytest.mark.office
@needs_ocr
def test_red_stamp_on_a_scanned_pdf_is_found_with_ocr(tmp_path: Path) -> None:
    scanned = _scanned_pdf(tmp_path)
    assert run_scan([str(scanned.parent)], ScanConfig(), workers=0).results == []  # no text layer
    before = scanned.stat()
    outcome = run_scan([str(scanned.parent)], ScanConfig(ocr=True), workers=0)
    (result,) = outcome.results
    assert result["type"] == "pdf"
    assert [(m["kind"], m["level"], m["location"]) for m in result["marks"]] == [
        ("level", "mat", "ocr page 1")
    ]
    after = scanned.stat()
    assert (after.st_atime_ns, after.st_mtime_ns) == (before.st_atime_ns, before.st_mtime_ns)


@pytest.mark.office
@needs_ocr
def test_stamp_in_a_scanned_image_is_found_only_with_ocr(tmp_path: Path) -> None:
    scanned = _scanned_pdf(tmp_path)
    image = tmp_path / "anh" / "scan.png"
    image.parent.mkdir()
    shutil.copy(scanned.parent.parent / "work" / "page.png", image)
    assert run_scan([str(image.parent)], ScanConfig(), workers=0).results == []  # images need --ocr
    outcome = run_scan([str(image.parent)], ScanConfig(ocr=True), workers=0)
    (result,) = outcome.results
    assert result["type"] == "png"
    assert [(m["kind"], m["level"]) for m in result["marks"]] == [("level", "mat")]
    assert outcome.notes == []

"""Word 97–2003 and Excel 97–2003 read without external programs: long shared string tables cut
across CONTINUE records, field codes, and damaged or protected compound files."""

from __future__ import annotations

import io
import re
import shutil
import struct
from pathlib import Path

import pytest

from bmnn.scanner.extract import ExtractError, extract
from bmnn.scanner.extract.ole import OleFile
from bmnn.scanner.marks import find_marks
from tests.scanner import corpus

pytestmark = pytest.mark.office
FODT_FIELDS = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" '
    'office:mimetype="application/vnd.oasis.opendocument.text"><office:automatic-styles>'
    '<style:page-layout style:name="pm1"><style:footer-style/></style:page-layout></office:automatic-styles>'
    '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">'
    "<style:footer>"
    "<text:p>Trang <text:page-number>1</text:page-number></text:p><text:p>MẬT</text:p></style:footer>"
    "</style:master-page></office:master-styles><office:body><office:text><text:p>Ngày in: "
    '<text:date text:date-value="2026-05-04">04/05/2026</text:date></text:p>'
    + "<text:p>Báo cáo tình hình an ninh trật tự trên địa bàn xã trong quý.</text:p>" * 200
    + "</office:text></office:body></office:document>"  # long enough to leave the mini stream
)


def _convert(source: Path, fmt: str) -> Path:
    made = corpus.soffice_convert(source, fmt, source.parent)
    if made is None:
        pytest.skip("LibreOffice not installed")
    return made


@pytest.fixture(scope="module")
def long_xls(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """3,000 distinct strings, Vietnamese (UTF-16) and plain ASCII (compressed) interleaved: the
    shared string table runs over many CONTINUE records and strings are cut at their edges."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice not installed")
    import openpyxl

    values = [
        f"Báo cáo tình hình số {n} của đơn vị" if n % 3 else f"Report {n} plain ascii text"
        for n in range(3000)
    ]
    values.append("TỐI MẬT")
    book = openpyxl.Workbook()
    for row, value in enumerate(values, start=1):
        book.active.cell(row=row, column=1, value=value)
    out = tmp_path_factory.mktemp("xls")
    buffer = io.BytesIO()
    book.save(buffer)
    return _convert(corpus.write(out / "dai.xlsx", buffer.getvalue()), "xls"), values


def test_every_shared_string_survives_continue_records(long_xls: tuple[Path, list[str]]) -> None:
    path, values = long_xls
    cells = {part.location: part.text for part in extract(path, "xls")}["cells"]
    assert cells.split("\n") == values
    assert [(m.kind, m.level) for m in find_marks(extract(path, "xls"))] == [("level", "toi_mat")]


def test_field_codes_are_dropped_and_results_kept(tmp_path: Path) -> None:
    doc = _convert(corpus.write(tmp_path / "f.fodt", FODT_FIELDS.encode()), "doc")
    parts = {part.location: part.text for part in extract(doc, "doc")}
    everything = "".join(parts.values())
    assert "PAGE" not in everything and "DATE" not in everything  # the instructions
    assert re.fullmatch(r"Trang \d+\nMẬT", parts["headers and footers"])  # the results
    assert re.match(r"Ngày in: \d", parts["text"])


def _stream_sector(data: bytes, name: str) -> int:
    ole = OleFile(io.BytesIO(data), len(data))
    index = ole.top_level()[name.lower()]
    return ole.entries[index][3]


def _converted_doc(tmp_path: Path) -> bytes:
    return _convert(corpus.write(tmp_path / "f.fodt", FODT_FIELDS.encode()), "doc").read_bytes()


def test_password_protected_doc_is_encrypted(tmp_path: Path) -> None:
    data = bytearray(_converted_doc(tmp_path))
    fib = (_stream_sector(bytes(data), "WordDocument") + 1) * 512
    assert data[fib : fib + 2] == b"\xec\xa5"  # the FIB's magic number
    flags = struct.unpack_from("<H", data, fib + 0x0A)[0]
    struct.pack_into("<H", data, fib + 0x0A, flags | 0x0100)  # fEncrypted, as Word sets it
    path = corpus.write(tmp_path / "khoa.doc", bytes(data))
    with pytest.raises(ExtractError) as error:
        list(extract(path, "doc"))
    assert error.value.reason == "encrypted"


def test_sector_chain_loop_is_corrupt_not_endless(tmp_path: Path) -> None:
    data = bytearray(_converted_doc(tmp_path))
    start = _stream_sector(bytes(data), "WordDocument")
    fat_sector = struct.unpack_from("<I", data, 0x4C)[0]  # first FAT sector, from the header
    struct.pack_into("<I", data, (fat_sector + 1) * 512 + 4 * start, start)  # the chain points at itself
    path = corpus.write(tmp_path / "vong.doc", bytes(data))
    with pytest.raises(ExtractError) as error:
        list(extract(path, "doc"))
    assert error.value.reason == "corrupt"


def test_doc_without_its_text_stream_is_corrupt(tmp_path: Path) -> None:
    data = _converted_doc(tmp_path).replace(
        "WordDocument".encode("utf-16-le"), "WordDocumenX".encode("utf-16-le")
    )
    path = corpus.write(tmp_path / "thieu.doc", data)
    with pytest.raises(ExtractError) as error:
        list(extract(path, "doc"))
    assert error.value.reason == "corrupt"


def test_a_header_claiming_a_huge_fat_reads_only_what_the_file_can_hold() -> None:
    """DIFAT sectors listing sector 0 over and over, and a FAT count of 4 billion."""
    end, free, count = 0xFFFFFFFE, 0xFFFFFFFF, 40
    difat = [struct.pack("<128I", *([0] * 127 + [2 + i if i < count - 1 else end])) for i in range(count)]
    root = bytearray(512)
    name = "Root Entry".encode("utf-16-le") + b"\0\0"
    root[: len(name)] = name
    struct.pack_into("<HB", root, 0x40, len(name), 5)
    struct.pack_into("<III", root, 0x44, free, free, free)
    struct.pack_into("<IQ", root, 0x74, end, 0)
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HH", header, 0x1E, 9, 6)
    struct.pack_into("<II", header, 0x2C, 0xFFFFFFFF, count + 1)
    struct.pack_into("<IIIII", header, 0x38, 4096, end, 0, 1, count)
    struct.pack_into("<109I", header, 0x4C, *([0] + [free] * 108))
    data = bytes(header) + struct.pack("<128I", *([end] * 128)) + b"".join(difat) + bytes(root)
    ole = OleFile(io.BytesIO(data), len(data))
    assert len(ole.fat) <= 2 * 128  # enough to map the file's 42 sectors, not 40 × 127 copies

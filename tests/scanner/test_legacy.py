"""Vietnamese typed in the legacy TCVN3 (.VnTime) and VNI encodings is converted before matching,
so a stamp typed that way is found; other languages are left alone."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from bmnn.scanner.extract import extract, file_type
from bmnn.scanner.legacy import TCVN3, looks_legacy
from bmnn.scanner.marks import find_marks
from bmnn.scanner.textnorm import normalize
from tests.scanner import corpus


@pytest.mark.skipif(shutil.which("iconv") is None, reason="needs glibc iconv")
def test_tcvn3_table_is_glibcs() -> None:
    raw = bytes(range(0xA0, 0x100))
    out = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-32LE"], input=raw, capture_output=True, check=True
    ).stdout
    expected = "".join(chr(c) for c in struct.unpack(f"<{len(out) // 4}I", out))
    assert raw.decode("latin-1").translate(TCVN3) == expected


@pytest.mark.parametrize(
    ("typed", "kind", "reads"),
    [
        ("B¸o c¸o t×nh h×nh an ninh trËt tù", "tcvn3", "Báo cáo tình hình an ninh trật tự"),
        ("Tµi liÖu mËt ®­îc b¶o vÖ theo quy ®Þnh", "tcvn3", "Tài liệu mật được bảo vệ theo quy định"),
        ("MËT", "tcvn3", "MẬT"),  # .VnTimeH: capitals drawn from lower-case codes
        ("TèI MËT", "tcvn3", "TỐI MẬT"),
        ("Xin chaøo caùc baïn, Vieät Nam ñeà thi ngöôøi", "vni", "Xin chào các bạn, Việt Nam đề thi người"),
        ("TOÁI MAÄT", "vni", "TỐI MẬT"),
        ("TUYEÄT MAÄT", "vni", "TUYỆT MẬT"),
    ],
)
def test_legacy_text_reads_as_unicode(typed: str, kind: str, reads: str) -> None:
    assert looks_legacy(typed) == kind
    assert normalize(typed) == reads


@pytest.mark.parametrize(
    "text",
    [
        "Le café à Paris est très bon, où est la gare? Je préfère le thé.",
        "Straße, Größe, Über, München, Köln, Düsseldorf",
        "Báo cáo tình hình an ninh trật tự",  # already Unicode
        "Report 2026 © bmnn",
    ],
)
def test_other_text_is_left_alone(text: str) -> None:
    assert looks_legacy(text) is None
    assert normalize(text) == text


def test_stamps_typed_in_tcvn3_or_vni_are_found(tmp_path: Path) -> None:
    docx = corpus.write(tmp_path / "cu.docx", corpus.docx_bytes(["B¸o c¸o t×nh h×nh"], header=["TèI MËT"]))
    txt = corpus.write(tmp_path / "cu.txt", "TOÁI MAÄT\nBaùo caùo tình hình an ninh\n".encode("cp1252"))
    for path, level in ((docx, "toi_mat"), (txt, "toi_mat")):
        kind = file_type(path, path.read_bytes()[:8192])
        assert kind is not None
        assert [(m.kind, m.level) for m in find_marks(extract(path, kind))] == [("level", level)]


def _cp1258(text: str) -> bytes:
    """Text as Windows-1258 writes it: base letters, tones as combining marks."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += base.encode("cp1258") + "".join(c for c in parts if c in tones).encode("cp1258")
    return out


def test_windows_1258_text_is_not_mistaken_for_vni(tmp_path: Path) -> None:
    # "iê", "yê", "uâ", "oá" are common in Windows-1258 and look like VNI's marks after a vowel
    text = "TỐI MẬT\nBIÊN BẢN\nKiểm tra việc thực hiện nhiệm vụ của chuyên viên tiến hành điều tra.\n" * 20
    path = corpus.write(tmp_path / "bien-ban.txt", _cp1258(text))
    parts = list(extract(path, "txt"))
    assert parts[0].text.startswith("TỐI MẬT\nBIÊN BẢN\nKiểm tra việc thực hiện")
    assert [(m.kind, m.level) for m in find_marks(parts)] == [("level", "toi_mat")]

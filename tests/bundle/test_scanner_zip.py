"""The one-file scanner: bmnn-scan.pyz runs on an isolated interpreter (`python -I -S`: no site
packages, so no cryptography, PyYAML's C code, pypdfium2 or Pillow), finds marks, reads a
catalog with the vendored pure-Python YAML, reports an unreadable PDF as unread with its reason,
refuses to sign with a Vietnamese message, and the report it writes imports on the server."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from bmnn.bundle.scanzip import build_scanner_zip
from bmnn.netsec.actions import do_import_scan_report
from bmnn.netsec.errors import ScanReportRefused
from bmnn.netsec.importing import parse_report
from bmnn.org.models import Account, Person, Role
from tests.world import World

DOCX_BODY = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
             '<w:p><w:r><w:t>TỐI MẬT</w:t></w:r></w:p><w:p><w:r><w:t>Kế hoạch diễn tập phòng thủ</w:t></w:r>'
             '</w:p></w:body></w:document>')
CATALOG = '- item: "Điều 1 khoản 3"\n  phrases: ["diễn tập phòng thủ"]\n'


def _docx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                         'openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("word/document.xml", DOCX_BODY)


@pytest.fixture(scope="module")
def pyz(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_scanner_zip(tmp_path_factory.mktemp("pyz") / "bmnn-scan.pyz")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    (root / "thong-bao.txt").write_text("UBND XÃ AN BÌNH\nMẬT\nThông báo lịch trực\n", encoding="utf-8")
    (root / "cong-van.txt").write_text("Công văn thường, không có dấu.\n", encoding="utf-8")
    _docx(root / "ke-hoach.docx")
    (root / "ban-quet.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    return root


def _isolated(pyz: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # No PATH: neither pdftotext nor tesseract of this machine stands in for the missing wheels.
    env = {"PATH": str(cwd / "no-tools"), "SYSTEMROOT": "", "LANG": "C.UTF-8"}
    return subprocess.run([sys.executable, "-I", "-S", str(pyz), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)


def test_isolated_interpreter_has_no_third_party_package(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-I", "-S", "-c", "import cryptography"], capture_output=True,
                          text=True, check=False)
    assert done.returncode != 0 and "cryptography" in done.stderr


@pytest.fixture(scope="module")
def scanned(pyz: Path, corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str]:
    out = tmp_path_factory.mktemp("out")
    (out / "danh-muc.yaml").write_text(CATALOG, encoding="utf-8")
    done = _isolated(pyz, str(corpus), "-o", str(out / "may-01"), "--catalog", str(out / "danh-muc.yaml"),
                     "--quiet", "--workers", "2", cwd=out)
    assert done.returncode == 3, done.stderr  # 3: written, but not complete (the PDF went unread)
    assert (out / "may-01.html").is_file()
    return json.loads((out / "may-01.json").read_text(encoding="utf-8")), done.stderr


def test_scan_finds_marks_and_catalog_phrases(scanned: tuple[dict, str]) -> None:
    report, _ = scanned
    files = {Path(f["path"]).name: f for f in report["files"]}
    assert [m["level"] for m in files["thong-bao.txt"]["marks"]] == ["mat"]
    assert [m["level"] for m in files["ke-hoach.docx"]["marks"]] == ["toi_mat"]
    assert [h["item"] for h in files["ke-hoach.docx"]["catalog_hits"]] == ["Điều 1 khoản 3"]
    assert "cong-van.txt" not in files and report["summary"]["files_seen"] == 4
    # the end-of-support table is read from inside the zip
    assert report["host"]["os_end_of_support"] is not None or sys.platform != "linux"
    assert "signature" not in report


def test_pdf_without_reader_is_unread_with_reason(scanned: tuple[dict, str]) -> None:
    report, _ = scanned
    pdf = next(f for f in report["files"] if f["path"].endswith("ban-quet.pdf"))
    assert pdf["error"] == "unsupported: no PDF reader"
    assert report["summary"]["unread"] == {"pdf_reader": 1} and report["summary"]["complete"] is False
    assert any("pypdfium2" in note for note in report["summary"]["notes"])


def test_signing_without_cryptography_says_so(pyz: Path, corpus: Path, tmp_path: Path) -> None:
    keygen = _isolated(pyz, "keygen", str(tmp_path / "k.pem"), cwd=tmp_path)
    assert keygen.returncode == 2 and "thiếu thư viện cryptography" in keygen.stderr
    assert not (tmp_path / "k.pem").exists()
    run = _isolated(pyz, str(corpus), "-o", str(tmp_path / "r"), "--sign-key", str(tmp_path / "k.pem"),
                    "--quiet", cwd=tmp_path)
    assert run.returncode == 2 and "báo cáo không ký" in run.stderr and "chính sách" in run.stderr
    assert not (tmp_path / "r.json").exists()


def test_report_imports_on_the_server(scanned: tuple[dict, str], world: World, settings) -> None:  # type: ignore[no-untyped-def]
    report, _ = scanned
    raw = json.dumps(report, ensure_ascii=False).encode("utf-8")
    parsed = parse_report(raw, trusted=[])
    assert not parsed.signed
    person = Person.objects.create(full_name="Đỗ Quang Vinh", unit=world.dept, clearance="mat")
    it = Account(username="cntt", person=person, roles=[Role.IT_OFFICER])
    it.set_password("mat-khau-thu-nghiem")
    it.save()
    settings.BMNN_SCAN_TRUSTED_KEYS = ["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="]
    with pytest.raises(ScanReportRefused):  # the server's policy: trusted keys set, unsigned refused
        do_import_scan_report(world.dept, raw, create=True, actor=it)
    settings.BMNN_SCAN_TRUSTED_KEYS = []
    scan = do_import_scan_report(world.dept, raw, create=True, actor=it)
    assert not scan.signed and scan.findings.exclude(marks=[]).count() == 2

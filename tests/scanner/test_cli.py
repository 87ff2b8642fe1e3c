"""The scanner's command line: `python -m bmnn.scanner`, `bmnn scan run|keygen`, Ctrl-C and resume."""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx

from bmnn.scanner.cli import main
from bmnn.scanner.report import validate_report, verify_report

SRC = str(Path(__file__).resolve().parents[2] / "src")


def planted(root: Path) -> Path:
    (root / "sub").mkdir(parents=True)
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "TỐI MẬT"
    document.add_paragraph("Báo cáo tình hình.")
    document.save(str(root / "sub" / "bao-cao.docx"))
    decoy = docx.Document()
    decoy.add_paragraph("HƯỚNG DẪN ĐỔI MẬT KHẨU")
    decoy.save(str(root / "huong-dan.docx"))
    (root / "hong.docx").write_bytes(b"PK\x03\x04 truncated")
    return root


def test_signed_scan_of_planted_docx(tmp_path: Path, capsys) -> None:
    root = planted(tmp_path / "tree")
    key = tmp_path / "key.pem"
    assert main(["keygen", str(key)]) == 0
    public = capsys.readouterr().out.splitlines()[-1]
    out = tmp_path / "out" / "pc01"
    out.parent.mkdir()
    assert main([str(root), "-o", str(out), "--sign-key", str(key), "--workers", "0", "--quiet"]) == 0
    data = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert validate_report(data) == []
    assert verify_report(data, trusted_keys=[public])
    by_name = {Path(f["path"]).name: f for f in data["files"]}
    assert set(by_name) == {"bao-cao.docx", "hong.docx"}
    assert by_name["bao-cao.docx"]["marks"][0]["level"] == "toi_mat"
    assert by_name["bao-cao.docx"]["marks"][0]["location"] == "word/header1.xml"
    assert by_name["hong.docx"]["error"]
    assert data["summary"]["files_seen"] == 3 and data["summary"]["complete"] is True
    page = out.with_suffix(".html").read_text(encoding="utf-8")
    assert "Tối mật" in page and "bao-cao.docx" in page and "<script" not in page and "http" not in page
    assert main(["keygen", str(key)]) == 1  # never overwrites a key


def test_bmnn_scan_subcommands_run_without_django(tmp_path: Path) -> None:
    from bmnn import cli
    from bmnn.commands import scan

    root = planted(tmp_path / "tree")
    parser = cli.build_parser()
    extra = scan.add_subcommand("demo-extra", "thử")
    assert isinstance(extra, argparse.ArgumentParser)
    args = parser.parse_args(
        ["scan", "run", str(root), "-o", str(tmp_path / "r"), "--format", "json", "--workers", "0", "--quiet"]
    )
    assert args.needs_django is False
    assert args.handler(args) == 0
    assert (tmp_path / "r.json").exists() and not (tmp_path / "r.html").exists()


def test_bmnn_scan_paths_means_run(tmp_path: Path) -> None:
    from bmnn import cli

    root = planted(tmp_path / "tree")
    out = tmp_path / "r"
    assert cli.main(["scan", str(root), "--format", "html", "-o", str(out), "--workers", "0", "--quiet"]) == 0
    assert out.with_suffix(".html").exists() and not out.with_suffix(".json").exists()


def test_scanner_imports_no_django() -> None:
    code = (
        "import sys, bmnn.scanner.cli, bmnn.scanner.runner, bmnn.scanner.extract, bmnn.scanner.marks; "
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": SRC},
    )
    assert out.stdout.strip() == "False"


def test_state_of_other_roots_refused_and_nothing_written(tmp_path: Path) -> None:
    state = tmp_path / "s.state"
    state.write_text('{"state": "bmnn-scan-state/1", "roots": ["/elsewhere"], "started_at": "t"}\n')
    assert main([str(tmp_path), "--resume", str(state), "-o", str(tmp_path / "r"), "--quiet"]) == 2
    assert not (tmp_path / "r.json").exists()


def test_ctrl_c_then_resume_gives_the_uninterrupted_report(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    root.mkdir()
    for index in range(3000):
        text = "TỐI MẬT\n" if index % 500 == 0 else "bình thường\n"
        (root / f"f{index:04}.txt").write_text(text * 50, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": SRC}
    whole = tmp_path / "whole"
    assert main([str(root), "-o", str(whole), "--format", "json", "--workers", "2", "--quiet"]) == 0
    state = tmp_path / "scan.state"
    command = [
        sys.executable,
        "-m",
        "bmnn.scanner",
        str(root),
        "-o",
        str(tmp_path / "part"),
        "--format",
        "json",
        "--workers",
        "2",
        "--resume",
        str(state),
        "--quiet",
    ]
    proc = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not state.exists() or len(state.read_bytes().splitlines()) < 20):
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 3, err
    done_lines = len(state.read_bytes().splitlines()) - 1
    assert 0 < done_lines < 3000
    partial = json.loads((tmp_path / "part.json").read_text(encoding="utf-8"))
    assert partial["summary"]["complete"] is False
    assert subprocess.run(command, env=env, capture_output=True, check=False).returncode == 0
    resumed = json.loads((tmp_path / "part.json").read_text(encoding="utf-8"))
    expected = json.loads(whole.with_suffix(".json").read_text(encoding="utf-8"))
    for key in ("files", "skipped", "summary", "roots"):
        assert resumed[key] == expected[key], key


def test_catalog_phrases_are_reported_and_a_bad_catalog_stops_before_scanning(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    root.mkdir()
    (root / "de-thi.txt").write_text("Ngân hàng đề thi tuyển sinh năm 2026\n", encoding="utf-8")
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps([{"item": "531/QĐ-TTg Điều 1 khoản 1", "phrases": ["đề thi"]}]),
                       encoding="utf-8")
    out = tmp_path / "r"
    assert main([str(root), "--catalog", str(catalog), "-o", str(out), "--workers", "1", "--quiet"]) == 0
    (record,) = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))["files"]
    hits = [(h["item"], h["phrase"]) for h in record["catalog_hits"]]
    assert hits == [("531/QĐ-TTg Điều 1 khoản 1", "đề thi")]
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main([str(root), "--catalog", str(bad), "-o", str(tmp_path / "r2"), "--quiet"]) == 2
    assert not (tmp_path / "r2.json").exists()

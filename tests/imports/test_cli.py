"""`bmnn import registers` and `bmnn import catalog` as a clerk would run them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bmnn.cli import main
from bmnn.registry.models import RegisterEntry
from tests.imports.files import incoming_2025, incoming_row, write_xlsx
from tests.world import World


def run(*argv: str) -> int:
    return main(["import", *argv])


def test_import_registers_shows_each_line_then_imports(world: World, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = incoming_2025(tmp_path / "so-den-2025.xlsx", 3)
    args = (str(path), "--unit", "S01", "--kind", "incoming", "--username", "vanthu")
    assert run("registers", *args, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "Dòng  Số  Ngày        Độ mật  Số, ký hiệu" in out
    assert "4     01  01/03/2025  Mật     1/BCA-A02" in out
    assert "tệp hợp lệ, 3 dòng (chưa ghi gì)" in out and not RegisterEntry.objects.exists()
    assert run("registers", *args) == 0
    assert "Đã nhập 3 dòng — năm 2025: số 01–03 (3 dòng, quyển 01)" in capsys.readouterr().out
    assert RegisterEntry.objects.count() == 3
    assert run("registers", *args) == 1  # the same numbers again
    assert "số 01 năm 2025 đã có trong Sổ đăng ký BMNN đến" in capsys.readouterr().err


def test_import_registers_lists_errors_and_writes_nothing(world: World, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    rows = [incoming_row(n, f"{n:02d}/02/2025") for n in range(1, 9)]
    rows[6][1] = "31/02/2025"
    path = write_xlsx(tmp_path / "so.xlsx", rows)
    assert run("registers", str(path), "--unit", "S01", "--kind", "incoming", "--username", "vanthu") == 1
    err = capsys.readouterr().err
    assert "Tệp bị từ chối, không ghi dòng nào — 1 lỗi:" in err
    assert "Dòng 7, cột B (Ngày đến): ngày '31/02/2025' không có thật" in err
    assert not RegisterEntry.objects.exists()


def test_import_registers_needs_the_units_clerk(world: World, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = incoming_2025(tmp_path / "so.xlsx", 1)
    assert run("registers", str(path), "--unit", "S01", "--kind", "incoming", "--username", "canboxa") == 2
    captured = capsys.readouterr()
    assert "Chỉ cán bộ của đơn vị mới được nhập sổ giấy" in captured.err and "BCA-A02" not in captured.out


def test_import_sample_catalog_twice(db: None, frozen: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("catalog", "--sample") == 0
    assert "thêm 5 quyết định, 23 mục; 0 mục đã có" in capsys.readouterr().out
    assert run("catalog", "--sample") == 0
    out = capsys.readouterr().out
    assert "thêm 0 quyết định, 0 mục; 23 mục đã có" in out and "Không có gì mới, không ghi gì." in out


def test_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run("registers", "--help")
    assert "bmnn import registers so-den-2025.xlsx" in capsys.readouterr().out

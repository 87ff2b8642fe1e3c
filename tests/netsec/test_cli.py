"""`bmnn scan import`: imports a report file, refuses a bad one with a non-zero exit."""

from __future__ import annotations

from pathlib import Path

import pytest

from bmnn.cli import main
from bmnn.netsec.models import Computer, ScanReport
from bmnn.org.models import Account
from tests.netsec.conftest import encode, report
from tests.world import World


def test_scan_import_command(world: World, it: Account, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    good, bad = tmp_path / "pc.json", tmp_path / "bad.json"
    good.write_bytes(encode(report("VT-PC09")))
    bad.write_bytes(b"{")
    args = ["--unit", "S01", "--username", "cntt"]
    assert main(["scan", "import", str(good), *args]) == 1
    assert "không có máy" in capsys.readouterr().err
    assert main(["scan", "import", str(good), *args, "--create"]) == 0
    assert "1 tệp mang dấu mật" in capsys.readouterr().out
    assert main(["scan", "import", str(good), "--unit", "S01", "--username", "vanthu", "--create"]) == 2
    assert "Chỉ cán bộ CNTT" in capsys.readouterr().err
    assert main(["scan", "import", str(bad), *args]) == 1
    assert "không phải JSON" in capsys.readouterr().err
    assert ScanReport.objects.count() == 1 and Computer.objects.get().hostname == "VT-PC09"

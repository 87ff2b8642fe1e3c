"""`bmnn inspect` as an officer or another tool runs it: JSON on standard output with every
category of findings.yaml exactly once, a Word report with -o, Vietnamese help and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bmnn.audit.models import Event
from bmnn.cli import main
from bmnn.inspection.categories import categories
from tests.inspection.plant import legacy_document
from tests.world import World


def test_json_to_standard_output(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    bad = legacy_document(world, "05/KH", proposal=False)
    assert main(["inspect", "--unit", "S01", "--period", "2025"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["unit"] == "S01" and data["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    assert [c["id"] for c in data["categories"]] == [c.id for c in categories()]
    for c in data["categories"]:
        assert {"id", "title", "status", "count", "records"} <= set(c)
        assert c["status"] in {"found", "none", "no_data", "unanswered"} and c["count"] == len(c["records"])
        assert all({"kind", "id", "label"} <= set(r) for r in c["records"])
    found = next(c for c in data["categories"] if c["id"] == "DOC-NO-PROPOSAL")
    assert found["records"][0]["id"] == bad.pk and found["records"][0]["kind"] == "document"
    assert Event.objects.filter(action="export_self_inspection").count() == 1


def test_report_file_and_range(world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "bao-cao.docx"
    argv = ["inspect", "--unit", "T01", "--subunits", "--period", "2026-01-01:2026-05-04", "-o", str(target)]
    assert main(argv) == 0
    assert target.read_bytes()[:2] == b"PK"
    assert "Đã ghi" in capsys.readouterr().err


@pytest.mark.parametrize("argv, message", [
    (["--unit", "KHONG-CO"], "Không có đơn vị mã 'KHONG-CO'"),
    (["--unit", "S01", "--period", "năm ngoái"], "Kỳ kiểm tra 'năm ngoái' không hợp lệ"),
    (["--unit", "S01", "--period", "2026-05-01:2026-01-01"], "ngày kết thúc trước ngày bắt đầu"),
    (["--unit", "S01", "--format", "docx"], "cần tệp ghi ra"),
])
def test_bad_input_is_refused_in_vietnamese(world: World, capsys: pytest.CaptureFixture[str], argv: list[str],
                                            message: str) -> None:
    assert main(["inspect", *argv]) == 2
    assert message in capsys.readouterr().err


def test_help_is_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["inspect", "--help"])
    out = capsys.readouterr().out
    assert "Cách dùng:" in out and "tùy chọn:" in out and "bmnn inspect --unit S01 --period 2025" in out
    for english in ("usage:", "options:", "show this help", "positional arguments"):
        assert english not in out
    with pytest.raises(SystemExit):
        main(["inspect"])
    assert "lỗi: thiếu tham số bắt buộc: --unit" in capsys.readouterr().err

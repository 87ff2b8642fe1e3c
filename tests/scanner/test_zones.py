"""Every place a stamp sits, in every format LibreOffice writes: one source per zone (page header,
footer, heading table, stamp line, text box, comment, subject, custom property, sheet cell,
sheet header, slide box, speaker notes) with one "TỐI MẬT", converted to each format of its family.
The stamp must be found exactly where the format keeps that zone, and nothing in a decoy-only file.

Sources come from the scan benchmark's builders (bench/scan/odf.py), so the benchmark's corpus
and this test agree on what each format keeps (bench/scan/plant.py KEPT).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from bench.scan import odf
from bench.scan.plant import KEPT, ZONES, Planted, Spec, kept
from bmnn.scanner.extract import extract, file_type
from bmnn.scanner.marks import find_marks

pytestmark = pytest.mark.office
FILTERS = {"txt": "txt:Text (encoded):UTF8", "html": "html:HTML (StarWriter)"}
DECOYS = ["HƯỚNG DẪN ĐỔI MẬT KHẨU", "Tuyệt mật", "HỘI ĐỒNG GIẢI MẬT", "Tài liệu thu hồi đất", "MẬT ONG RỪNG"]


def _spec(family: str, zone: str | None) -> Spec:
    marks = [Planted(zone, "level", "toi_mat", "TỐI MẬT")] if zone else []
    formats = tuple(fmt for fam, fmt in KEPT if fam == family)
    return Spec(f"{family}-{zone or 'decoys'}", family, formats, 7, 2, 0, marks, DECOYS)


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str | None, str], Path]:
    """(family, zone, format) → the file LibreOffice wrote."""
    exe = shutil.which("soffice")
    if exe is None:
        pytest.skip("LibreOffice not installed")
    out = tmp_path_factory.mktemp("zones")
    made: dict[tuple[str, str | None, str], Path] = {}
    for family, zones in ZONES.items():
        specs = [_spec(family, zone) for zone in (*zones, None)]
        sources = []
        for spec in specs:
            path = out / "src" / (spec.name + odf.suffix(family))
            path.parent.mkdir(exist_ok=True)
            path.write_text(odf.source(spec), encoding="utf-8")
            sources.append(path)
        for fmt in specs[0].formats:
            subprocess.run(
                [
                    exe,
                    f"-env:UserInstallation={(out / 'profile').as_uri()}",
                    "--headless",
                    "--convert-to",
                    FILTERS.get(fmt, fmt),
                    "--outdir",
                    str(out / fmt),
                    *map(str, sources),
                ],
                capture_output=True,
                timeout=600,
                check=False,
            )
            for spec, source in zip(specs, sources, strict=True):
                made[(family, spec.marks[0].zone if spec.marks else None, fmt)] = (
                    out / fmt / f"{source.stem}.{fmt}"
                )
    return made


def _marks(path: Path) -> set[tuple[str, str | None]]:
    kind = file_type(path, path.read_bytes()[:8192])
    assert kind is not None, path
    return {(mark.kind, mark.level) for mark in find_marks(extract(path, kind))}


CASES = [(family, zone, fmt) for (family, fmt) in KEPT for zone in ZONES[family]]


@pytest.mark.parametrize(("family", "zone", "fmt"), CASES, ids=[f"{f}-{z}-{t}" for f, z, t in CASES])
def test_stamp_found_where_the_format_keeps_it(
    converted: dict[tuple[str, str | None, str], Path], family: str, zone: str, fmt: str
) -> None:
    path = converted[(family, zone, fmt)]
    assert path.exists(), f"LibreOffice wrote no {fmt}"
    expected = {("level", "toi_mat")} if kept(family, fmt, zone) else set()
    assert _marks(path) == expected


@pytest.mark.parametrize(("family", "fmt"), list(KEPT))
def test_decoys_are_not_marks(
    converted: dict[tuple[str, str | None, str], Path], family: str, fmt: str
) -> None:
    assert _marks(converted[(family, None, fmt)]) == set()

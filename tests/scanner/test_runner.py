"""The runner: per-file results, errors that never stop the scan, parallel = serial, stop and resume."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from bmnn.scanner.report import Tally, build_report
from bmnn.scanner.runner import Outcome, Progress, ScanConfig, StopFlag, run_scan
from bmnn.scanner.state import ScanState, StateMismatch

FAKE = ScanConfig(
    extract_module="tests.scanner.fake_engine",
    marks_module="tests.scanner.fake_engine",
    catalog_module="tests.scanner.fake_engine",
)


def tree(root: Path) -> Path:
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "secret.txt").write_text("Báo cáo\nTỐI MẬT\n", encoding="utf-8")
    (root / "decoy.txt").write_text("Hướng dẫn đổi mật khẩu\n", encoding="utf-8")
    (root / "exam.txt").write_text("ngân hàng đề thi\n", encoding="utf-8")
    (root / "broken.bad").write_bytes(b"\x00")
    (root / "bug.boom").write_bytes(b"\x00")
    (root / "photo.bin").write_bytes(os.urandom(3000))
    for index in range(20):
        (root / f"n{index:02}.txt").write_text("bình thường\n", encoding="utf-8")
    return root


def as_report(outcome: Outcome, roots: list[str]) -> dict[str, Any]:
    return build_report(
        started_at="t0",
        finished_at="t1",
        host={},
        posture={},
        roots=roots,
        results=outcome.results,
        skipped=outcome.skipped,
        tally=outcome.tally,
        files_seen=outcome.files_seen,
        complete=outcome.complete,
    )


def test_results_marks_hits_and_errors_per_file(tmp_path: Path) -> None:
    root = tree(tmp_path / "t")
    catalog = tmp_path / "catalog.txt"
    catalog.write_text("đề thi", encoding="utf-8")
    config = ScanConfig(catalog=str(catalog), **{k: v for k, v in FAKE.__dict__.items() if k != "catalog"})
    outcome = run_scan([str(root)], config, workers=0)
    by_name = {Path(r["path"]).name: r for r in outcome.results}
    assert set(by_name) == {"secret.txt", "exam.txt", "broken.bad", "bug.boom"}
    assert by_name["secret.txt"]["marks"][0]["level"] == "toi_mat"
    assert by_name["exam.txt"]["catalog_hits"][0]["phrase"] == "đề thi"
    assert by_name["broken.bad"]["error"] == "corrupt"
    assert by_name["bug.boom"]["error"] == "RuntimeError: extractor bug"
    assert by_name["secret.txt"]["sha256"] is not None and by_name["secret.txt"]["type"] == "txt"
    assert outcome.files_seen == 26 and outcome.complete
    summary = as_report(outcome, [str(root)])["summary"]
    assert (summary["files_scanned"], summary["errors"], summary["files_with_marks"]) == (24, 2, 1)


def test_parallel_equals_serial(tmp_path: Path) -> None:
    root = tree(tmp_path / "t")
    serial = as_report(run_scan([str(root)], FAKE, workers=0), [str(root)])
    parallel = as_report(run_scan([str(root)], FAKE, workers=2), [str(root)])
    assert parallel == serial


def test_a_hanging_or_crashing_reader_costs_one_file_not_the_scan(tmp_path: Path) -> None:
    root = tree(tmp_path / "t")
    (root / "stuck.hang").write_bytes(b"\x00")
    (root / "crash.die").write_bytes(b"\x00")
    outcome = run_scan([str(root)], FAKE, workers=2, file_timeout=3)
    by_name = {Path(r["path"]).name: r for r in outcome.results}
    assert by_name["stuck.hang"]["error"] == "timeout"
    assert by_name["crash.die"]["error"] == "reader crashed"
    assert by_name["secret.txt"]["marks"][0]["level"] == "toi_mat"
    assert outcome.complete and outcome.files_seen == 28
    assert (outcome.tally.scanned, outcome.tally.errors) == (24, 4)  # every other file was still read


class StopAfter(Progress):
    """Asks the run to stop after n files, as Ctrl-C would."""

    def __init__(self, stop: StopFlag, n: int) -> None:
        super().__init__(quiet=True)
        self.stop, self.n = stop, n

    def update(self, size: int) -> None:
        super().update(size)
        if self.files >= self.n:
            self.stop.stopped = True


@pytest.mark.parametrize("workers", [0, 2])
def test_stopped_scan_resumes_to_the_same_report(tmp_path: Path, workers: int) -> None:
    root = tree(tmp_path / "t")
    roots = [str(root)]
    whole = as_report(run_scan(roots, FAKE, workers=workers), roots)
    state_path = tmp_path / "scan.state"
    stop = StopFlag()
    state = ScanState(state_path, roots, "t0")
    first = run_scan(roots, FAKE, workers=workers, state=state, stop=stop, progress=StopAfter(stop, 5))
    state.close()
    assert not first.complete
    assert 5 <= len(state_path.read_text().splitlines()) - 1 < 26
    with state_path.open("a") as handle:
        handle.write('{"path": "half a line')  # a hard kill mid-write
    state = ScanState(state_path, roots, "t9")
    assert state.started_at == "t0"
    resumed = run_scan(roots, FAKE, workers=workers, state=state)
    state.close()
    assert resumed.complete
    assert as_report(resumed, roots) == whole


def test_state_of_other_roots_is_refused(tmp_path: Path) -> None:
    state_path = tmp_path / "scan.state"
    ScanState(state_path, ["/a"], "t0").close()
    with pytest.raises(StateMismatch):
        ScanState(state_path, ["/b"], "t0")


def test_files_are_not_modified_nor_their_access_time(tmp_path: Path) -> None:
    root = tree(tmp_path / "t")
    target = root / "sub" / "secret.txt"
    os.utime(target, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = target.stat()
    outcome = run_scan([str(root)], ScanConfig(), workers=0)  # the real extractors
    assert any(r["path"] == str(target) and r["marks"] for r in outcome.results)
    after = target.stat()
    assert (after.st_atime_ns, after.st_mtime_ns, after.st_size) == (
        before.st_atime_ns,
        before.st_mtime_ns,
        before.st_size,
    )


def test_tally_counts_top_level_once() -> None:
    tally = Tally()
    tally.add(
        {"size": 1, "marks": [{"kind": "level", "level": "mat"}, {"kind": "level", "level": "tuyet_mat"}]}
    )
    assert tally.summary(1, 0, True)["by_level"] == {"tuyet_mat": 1, "toi_mat": 0, "mat": 0}


def test_progress_prints_plain_lines_when_not_a_tty() -> None:
    import io

    stream = io.StringIO()
    progress = Progress(stream)
    for _ in range(3):
        progress.update(1_000_000)
    progress.done()
    assert "\r" not in stream.getvalue()
    assert stream.getvalue().startswith("3 tệp, 3.0 MB, ")

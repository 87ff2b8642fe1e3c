"""The worker pool: a worker that dies, or a file past the time limit, costs that file only; the
results of the others all arrive, even to a slow reader, and a killed worker's programs die too."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from bmnn.scanner.pool import Pool
from tests.scanner import pool_tasks


def test_a_worker_dying_between_files_loses_only_its_file() -> None:
    pool = Pool(1, pool_tasks.init, None, pool_tasks.call, pool_tasks.failed, 60)
    results = []
    for result in pool.run(iter([("A", 1), ("die", 1), ("C", 1), ("D", 1)]), lambda: False):
        results.append(result)
        time.sleep(0.3)  # a slow reader (state file, progress): the worker is dead by the next send
    assert results == [
        {"path": "A"},
        {"path": "die", "error": "reader crashed"},
        {"path": "C"},
        {"path": "D"},
    ]


@pytest.mark.skipif(not hasattr(os, "killpg") or shutil.which("sleep") is None, reason="POSIX")
def test_a_file_past_the_limit_ends_with_the_programs_its_reader_started(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    pool = Pool(1, pool_tasks.init, None, pool_tasks.call, pool_tasks.failed, 1.5)
    results = list(pool.run(iter([(f"tool:{pid_file}", 1), ("B", 1)]), lambda: False))
    assert results == [{"path": f"tool:{pid_file}", "error": "timeout"}, {"path": "B"}]
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _running(child):
        time.sleep(0.1)
    assert not _running(child)


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"

"""Measure the scanner on the generated corpus, beside its references, in one run.

1. `cat` of every file to /dev/null: the read limit (page cache warmed first; every figure here is
   warm, the corpus fits in memory).
2. The scanner as a user runs it: `python -m bmnn.scanner run CORPUS --format json --workers N`,
   timed, with the peak resident memory of its whole process tree; its report scored against the
   truth (recall and precision of marks).
3. The usual libraries (bench/scan/libs.py), one process, on a sample of each format they read
   (as many files as fit in --lib-seconds), and the scanner on exactly those files, in one process
   and with N workers: MB/s and files/s side by side, and the ratio.

Example:
  .venv/bin/python -m bench.scan.run                     # corpus in bench/out/scan
  .venv/bin/python -m bench.scan.run --lib-seconds 20 --corpus /tmp/small
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.scan.generate import DEFAULT_OUT
from bench.scan.libs import READERS
from bench.scan.memory import run_measured
from bench.scan.score import report_lines, score
from bmnn.scanner.marks import find_marks
from bmnn.scanner.runner import ScanConfig, run_scan

MB = 1e6


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.is_file())


def time_cat(files: list[Path]) -> float:
    """Seconds for `cat` to read every file to /dev/null (xargs batches the arguments)."""
    listing = b"\0".join(str(p).encode() for p in files)
    started = time.perf_counter()
    subprocess.run(["xargs", "-0", "cat"], input=listing, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def run_scanner(corpus: Path, workers: int, out: Path) -> dict[str, Any]:
    """The scanner CLI over the corpus: seconds, peak tree memory, and its report."""
    base = out / "report"
    args = [
        sys.executable,
        "-m",
        "bmnn.scanner",
        "run",
        str(corpus),
        "-o",
        str(base),
        "--format",
        "json",
        "--quiet",
        "--workers",
        str(workers),
    ]
    seconds, peak, single, code = run_measured(args)
    if code not in (0, 3):
        raise SystemExit(f"scanner exited {code}")
    report = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
    return {"seconds": seconds, "peak_rss": peak, "peak_one": single, "report": report}


def marks_by_file(report: dict[str, Any], corpus: Path) -> dict[str, list[dict[str, Any]]]:
    return {str(Path(f["path"]).relative_to(corpus)): f["marks"] for f in report["files"]}


def lib_sample(files: list[Path], seconds: float, rng: random.Random) -> dict[str, dict[str, Any]]:
    """Per format: the files the usual library got through in `seconds`, its time and failures."""
    by_format: dict[str, list[Path]] = defaultdict(list)
    for path in files:
        fmt = path.suffix.lstrip(".")
        if fmt in READERS:
            by_format[fmt].append(path)
    out = {}
    for fmt, paths in sorted(by_format.items()):
        rng.shuffle(paths)
        done, spent, failed = [], 0.0, 0
        for path in paths:
            started = time.perf_counter()
            try:
                find_marks(READERS[fmt](path))
            except Exception:  # the library cannot open it (python-docx and .docm): counted, not timed
                failed += 1
                continue
            spent += time.perf_counter() - started
            done.append(path)
            if spent >= seconds:
                break
        if not done:
            print(f"{fmt:6} the library read none of {failed} files")
            continue
        out[fmt] = {"files": done, "seconds": spent, "failed": failed}
    return out


def scanner_on(files: list[Path], workers: int) -> float:
    """Seconds for the scanner (library call, same work as the CLI) on exactly these files."""
    started = time.perf_counter()
    run_scan([str(p) for p in files], ScanConfig(), workers=workers)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--lib-seconds", type=float, default=60.0, help="time given to each library")
    parser.add_argument("--skip-libs", action="store_true")
    args = parser.parse_args(argv)
    corpus, truths = args.corpus / "corpus", json.loads((args.corpus / "truth.json").read_text("utf-8"))
    files = corpus_files(corpus)
    total = sum(p.stat().st_size for p in files)
    print(f"corpus: {len(files)} files, {total / MB:,.0f} MB ({len(truths)} documents with a truth)")
    time_cat(files)  # warm the page cache
    cat = time_cat(files)
    print(f"(a) cat: {cat:.1f} s, {total / MB / cat:,.0f} MB/s, {len(files) / cat:,.0f} files/s")
    results: dict[str, Any] = {"files": len(files), "bytes": total, "cat_seconds": cat}
    with tempfile.TemporaryDirectory(prefix="bmnn-bench-") as tmp:
        scan = run_scanner(corpus, args.workers, Path(tmp))
    seconds = scan["seconds"]
    print(
        f"scanner, {args.workers} workers: {seconds:.1f} s, {total / MB / seconds:,.1f} MB/s, "
        f"{len(files) / seconds:,.0f} files/s, peak memory {scan['peak_rss'] / MB:,.0f} MB "
        f"(whole process tree; largest process {scan['peak_one'] / MB:,.0f} MB); "
        f"{total / MB / seconds / (total / MB / cat) * 100:.1f} % of cat"
    )
    result = score(truths, marks_by_file(scan["report"], corpus))
    print("\n".join(report_lines(result)))
    errors = [f for f in scan["report"]["files"] if f.get("error")]
    print(
        f"files with a read error: {len(errors)}"
        + "".join(f"\n  {f['path']}: {f['error']}" for f in errors[:10])
    )
    results.update(
        scan_seconds=seconds,
        peak_rss=scan["peak_rss"],
        peak_one=scan["peak_one"],
        recall=result.recall,
        precision=result.precision,
        misses=result.misses,
        false=result.false,
        errors=len(errors),
    )
    if not args.skip_libs:
        results["formats"] = compare_libraries(files, args)
    (args.corpus / "scan_bench.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=1, default=str)
    )
    return 0


def compare_libraries(files: list[Path], args: argparse.Namespace) -> dict[str, Any]:
    """The per-format table: usual library vs the scanner in one process and in N workers."""
    sample = lib_sample(files, args.lib_seconds, random.Random(1))
    print(
        f"\n(b) usual libraries vs the scanner on the same files, MB/s "
        f"(ratio: scanner with {args.workers} workers / library)"
    )
    print(
        f"{'format':6} {'files':>6} {'MB':>7} {'library':>9} {'failed':>6} {'scan ×1':>8} "
        f"{'scan ×' + str(args.workers):>8} {'ratio':>7}"
    )
    rows: dict[str, Any] = {}
    totals = {"bytes": 0.0, "lib": 0.0, "one": 0.0, "many": 0.0}
    for fmt, done in sample.items():
        size = sum(p.stat().st_size for p in done["files"])
        one, many = scanner_on(done["files"], 0), scanner_on(done["files"], args.workers)
        row = {
            "files": len(done["files"]),
            "mb": size / MB,
            "library": size / MB / done["seconds"],
            "failed": done["failed"],
            "scan_one": size / MB / one,
            "scan_many": size / MB / many,
        }
        row["ratio"] = row["scan_many"] / row["library"]
        rows[fmt] = row
        for key, value in (("bytes", size), ("lib", done["seconds"]), ("one", one), ("many", many)):
            totals[key] += value
        print(
            f"{fmt:6} {row['files']:>6} {row['mb']:>7.1f} {row['library']:>9.2f} {row['failed']:>6} "
            f"{row['scan_one']:>8.1f} {row['scan_many']:>8.1f} {row['ratio']:>6.1f}×"
        )
    mb = totals["bytes"] / MB
    ratio = (mb / totals["many"]) / (mb / totals["lib"])
    print(
        f"{'all':6} {'':>6} {mb:>7.1f} {mb / totals['lib']:>9.2f} {'':>6} {mb / totals['one']:>8.1f} "
        f"{mb / totals['many']:>8.1f} {ratio:>6.1f}×"
    )
    rows["all"] = {
        "mb": mb,
        "library": mb / totals["lib"],
        "scan_one": mb / totals["one"],
        "scan_many": mb / totals["many"],
        "ratio": ratio,
    }
    return rows


if __name__ == "__main__":
    sys.exit(main())

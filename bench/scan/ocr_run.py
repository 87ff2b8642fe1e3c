"""Measure OCR of scanned pages (issues 11 and 15) on the corpus of bench/scan/scans.py, in one run:

- reference: plain whole-page `tesseract` (the program, Vietnamese, one thread), as the scanner
  read a scan before the stamp-aware path: images fed as they are, PDF pages rendered at 200 dpi;
  its text through the same OCR tolerance and stamp rules;
- the scanner's stamp-aware path (`runner.scan_file` with --ocr), engine tesserocr in process;
- the same path with the `tesseract` program as engine, on the first --engine-files files.

Per method: recall and precision on files (a file's level is the highest level stamp found; a
stamp of another level, or one on an unstamped page, is a false mark), CPU seconds per page (the
process and its children: one core's work) and wall seconds per page (other tenants of the machine
inflate it). Files are shared out over --workers processes; each runs every method on its file.

Example:
  .venv/bin/python -m bench.scan.scans --pages 500 --out /tmp/scans
  nice .venv/bin/python -m bench.scan.ocr_run --corpus /tmp/scans --workers 2
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

LEVEL_ORDER = ("tuyet_mat", "toi_mat", "mat")
METHODS = ("reference", "tesserocr", "program")


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _top(levels: set[str]) -> str | None:
    return next((level for level in LEVEL_ORDER if level in levels), None)


def reference(path: Path) -> tuple[set[str], list[str], int]:
    """Plain whole-page tesseract, as before: (levels found, mark texts, pages read)."""
    from bmnn.scanner.extract import TextPart
    from bmnn.scanner.marks import find_marks, ocr_tolerant
    from bmnn.scanner.textnorm import normalize

    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    images: list[bytes] = []
    if path.suffix == ".pdf":
        with tempfile.TemporaryDirectory(prefix="bmnn-ref-") as tmp:
            if shutil.which("pdftoppm"):
                args = ["pdftoppm", "-r", "200", "-l", "50", "-png", str(path), f"{tmp}/p"]
                subprocess.run(args, check=True)
            images = [page.read_bytes() for page in sorted(Path(tmp).glob("p*.png"))]
    else:
        images = [path.read_bytes()]
    parts = []
    for number, image in enumerate(images, start=1):
        out = subprocess.run(["tesseract", "stdin", "stdout", "-l", "vie"], input=image, capture_output=True,
                             env=env, check=False)
        text = ocr_tolerant(normalize(out.stdout.decode("utf-8", "replace")))
        parts.append(TextPart(f"ocr page {number}", text, laid_out=True))
    marks = [m for m in find_marks(parts) if m.kind == "level"]
    return {m.level for m in marks if m.level}, [m.text for m in marks], len(images)


def stamp_aware(path: Path) -> tuple[set[str], list[str], int]:
    """The scanner's path: (levels found, mark texts with their places, pages OCR'd)."""
    from bmnn.scanner import ocr, runner

    read: list[str] = []
    real = ocr.read_page

    def counting(image: Any, where: str, dpi: int) -> Any:
        read.append(where)
        return real(image, where, dpi)

    ocr.read_page = counting
    try:
        result = runner.scan_file(str(path), path.stat().st_size)
    finally:
        ocr.read_page = real
    if result["error"]:
        raise RuntimeError(f"{path}: {result['error']}")
    marks = [m for m in result["marks"] if m["kind"] == "level"]
    return {m["level"] for m in marks}, [f"{m['text']} @ {m['location']}" for m in marks], len(read)


def _init(engine_choice: str) -> None:
    from bmnn.scanner import ocr, runner

    current = ocr._ENGINE[0] if ocr._ENGINE else None
    if current is not None and current.name == engine_choice and runner._ENGINE is not None:
        return
    os.environ["BMNN_OCR_ENGINE"] = engine_choice
    ocr._ENGINE = None
    runner.load_engine(runner.ScanConfig(ocr=True))


def measure(task: tuple[str, bool, dict[str, Any] | None]) -> dict[str, Any]:
    """Every method on one file (one worker process); with an earlier row, only the stamp-aware
    methods again (`--redo`: the scanner changed, the reference did not)."""
    name, with_program, earlier = task
    path = Path(name)
    row: dict[str, Any] = dict(earlier) if earlier else {"file": path.name}
    methods: list[tuple[str, Any, str | None]] = [("tesserocr", stamp_aware, "tesserocr")]
    if earlier is None:
        methods.insert(0, ("reference", reference, None))
    if with_program:
        methods.append(("program", stamp_aware, "tesseract"))
    for method, run, engine_choice in methods:
        if engine_choice:
            _init(engine_choice)
        cpu, wall = _cpu(), time.perf_counter()
        levels, texts, pages = run(path)
        row[method] = {"levels": sorted(levels), "texts": texts, "pages": pages,
                       "cpu": _cpu() - cpu, "wall": time.perf_counter() - wall}
    return row


def score(rows: list[dict[str, Any]], truth: dict[str, str | None], method: str) -> dict[str, Any]:
    """Recall and precision on files; seconds per page (the reference's pages count for all methods,
    so a method that stops early is credited for the pages it did not need)."""
    rows = [r for r in rows if method in r]
    stamped = [r for r in rows if truth[r["file"]]]
    hits = sum(1 for r in stamped if _top(set(r[method]["levels"])) == truth[r["file"]])
    flagged = [r for r in rows if r[method]["levels"]]
    right = sum(1 for r in flagged if set(r[method]["levels"]) == {truth[r["file"]]})
    pages = sum(r["reference"]["pages"] for r in rows)
    wrong = [(r["file"], truth[r["file"]], r[method]["texts"]) for r in flagged
             if set(r[method]["levels"]) != {truth[r["file"]]}]
    missed = [(r["file"], truth[r["file"]]) for r in stamped
              if _top(set(r[method]["levels"])) != truth[r["file"]]]
    return {"files": len(rows), "pages": pages, "stamped": len(stamped), "found": hits,
            "recall": hits / len(stamped) if stamped else 1.0, "flagged": len(flagged), "right": right,
            "precision": right / len(flagged) if flagged else 1.0,
            "cpu_per_page": sum(r[method]["cpu"] for r in rows) / pages,
            "wall_per_page": sum(r[method]["wall"] for r in rows) / pages,
            "pages_ocrd": sum(r[method]["pages"] for r in rows), "wrong": wrong, "missed": missed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1] / "out" / "scans")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engine-files", type=int, default=40,
                        help="files also read with the tesseract program as engine")
    parser.add_argument("--limit", type=int, default=0, help="first N files only")
    parser.add_argument("--score-only", action="store_true", help="score the rows measured so far")
    parser.add_argument("--redo", default="", metavar="LABEL",
                        help="measure the stamp-aware path again on rows not yet measured under LABEL "
                             "(the scanner changed; the reference rows are kept)")
    args = parser.parse_args()
    truth: dict[str, str | None] = json.loads((args.corpus / "truth.json").read_text(encoding="utf-8"))
    names = sorted(truth)[: args.limit or None]
    rows_file = args.corpus.parent / (args.corpus.name + "-ocr-rows.jsonl")
    done = {}
    if rows_file.exists():  # rows of an earlier, interrupted run are kept: it goes on where it stopped
        for line in rows_file.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            done[row["file"]] = row
    tasks: list[tuple[str, bool, dict[str, Any] | None]] = []
    for index, name in enumerate(names):
        if name not in done:
            tasks.append((str(args.corpus / name), index < args.engine_files, None))
        elif args.redo and done[name].get("version") != args.redo:
            tasks.append((str(args.corpus / name), index < args.engine_files, done[name]))
    started = time.perf_counter()
    if not args.score_only:
        with ProcessPoolExecutor(args.workers) as pool, rows_file.open("a", encoding="utf-8") as sink:
            for row in pool.map(measure, tasks):
                row["version"] = args.redo or row.get("version")
                sink.write(json.dumps(row, ensure_ascii=False) + "\n")
                sink.flush()
                done[row["file"]] = row
    seconds = time.perf_counter() - started
    rows = [done[name] for name in names
            if name in done and (not args.redo or done[name].get("version") == args.redo)]
    sampled = [row for row in rows if "program" in row]
    results = {method: score(rows, truth, method) for method in ("reference", "tesserocr")}
    sample = {method: score(sampled, truth, method) for method in METHODS}
    out = args.corpus.parent / (args.corpus.name + "-ocr-bench.json")
    out.write_text(json.dumps({"all": results, "sample": sample}, ensure_ascii=False, indent=1),
                   encoding="utf-8")
    print(f"{len(rows)} files, {results['reference']['pages']} pages, {args.workers} workers, "
          f"{seconds:.0f} s this run; python {sys.version.split()[0]}; details in {out}")
    _print("all files", results, ("reference", "tesserocr"))
    _print(f"{len(sampled)} files, three engines", sample, METHODS)


def _print(title: str, results: dict[str, dict[str, Any]], methods: tuple[str, ...]) -> None:
    print(f"\n{title}")
    print("| method | files | stamped | recall | precision | CPU s/page | wall s/page | pages OCR'd |")
    print("|---|---|---|---|---|---|---|---|")
    names = {"reference": "whole-page tesseract (before)", "tesserocr": "stamp-aware, tesserocr in process",
             "program": "stamp-aware, tesseract program"}
    for method in methods:
        r = results[method]
        print(f"| {names[method]} | {r['files']} | {r['stamped']} | {100 * r['recall']:.1f} % "
              f"({r['found']}/{r['stamped']}) | {100 * r['precision']:.1f} % ({r['right']}/{r['flagged']}) | "
              f"{r['cpu_per_page']:.2f} | {r['wall_per_page']:.2f} | {r['pages_ocrd']} |")
    for method in methods:
        for file, level, texts in results[method]["wrong"][:8]:
            print(f"  {method} false: {file} (truth {level}): {texts}")
        for file, level in results[method]["missed"][:8]:
            print(f"  {method} missed: {file} ({level})")


if __name__ == "__main__":
    main()

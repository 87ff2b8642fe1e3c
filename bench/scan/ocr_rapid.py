"""RapidOCR (ONNX Runtime, models inside the package) on the scanned-page corpus, for the engine
choice of issue 15: the same files, truth and stamp rules as bench/scan/ocr_run.py.

RapidOCR is not a dependency: run this with an interpreter that has `rapidocr-onnxruntime`,
`pypdfium2` and Pillow, with the repository's src on the path, e.g.
  python3 -m venv /tmp/rapid && /tmp/rapid/bin/pip install rapidocr-onnxruntime pypdfium2
  PYTHONPATH=src:. /tmp/rapid/bin/python -m bench.scan.ocr_rapid --corpus /tmp/scans --limit 60
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path
from typing import Any

from bmnn.scanner.extract.base import TextPart
from bmnn.scanner.marks import find_marks, ocr_tolerant
from bmnn.scanner.textnorm import normalize

LEVEL_ORDER = ("tuyet_mat", "toi_mat", "mat")


def pages_of(path: Path) -> list[Any]:
    from PIL import Image

    if path.suffix != ".pdf":
        return [Image.open(path).convert("RGB")]
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    return [document[i].render(scale=200 / 72).to_pil().convert("RGB") for i in range(len(document))]


def main() -> None:
    import numpy
    from rapidocr_onnxruntime import RapidOCR

    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=60)
    args = parser.parse_args()
    truth: dict[str, str | None] = json.loads((args.corpus / "truth.json").read_text(encoding="utf-8"))
    engine = RapidOCR()
    found = flagged = right = stamped = pages = 0
    cpu = wall = 0.0
    samples = []
    for name in sorted(truth)[: args.limit]:
        started, ticks = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
        parts = []
        for number, image in enumerate(pages_of(args.corpus / name), start=1):
            result, _ = engine(numpy.asarray(image))
            lines = [text for _, text, _ in result or []]
            parts.append(TextPart(f"page {number}", ocr_tolerant(normalize("\n".join(lines))), laid_out=True))
            pages += 1
        after = resource.getrusage(resource.RUSAGE_SELF)
        cpu += after.ru_utime + after.ru_stime - ticks.ru_utime - ticks.ru_stime
        wall += time.perf_counter() - started
        levels = {m.level for m in find_marks(parts) if m.kind == "level"}
        top = next((lv for lv in LEVEL_ORDER if lv in levels), None)
        stamped += truth[name] is not None
        found += truth[name] is not None and top == truth[name]
        flagged += bool(levels)
        right += bool(levels) and levels == {truth[name]}
        if truth[name] and len(samples) < 6:
            samples.append((name, truth[name], [line for p in parts for line in p.text.split("\n")][:12]))
    print(f"RapidOCR (rapidocr-onnxruntime, its own models), {pages} pages of {args.limit} files")
    print(f"recall {found}/{stamped}, precision {right}/{flagged}, CPU {cpu / pages:.2f} s/page "
          f"(all threads), wall {wall / pages:.2f} s/page")
    for name, level, lines in samples:
        print(f"  {name} ({level}): {lines}")


if __name__ == "__main__":
    main()

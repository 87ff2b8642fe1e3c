"""Generate the scan corpus: real office files written by LibreOffice (Debian's, headless) with
planted secrecy marks and decoys, plus zip archives and e-mails holding some of them, and the
ground truth of every file (`truth.json`).

Sources are flat OpenDocument files (bench/scan/odf.py); LibreOffice converts each into two to four
formats (.docx .doc .odt .rtf .pdf .html .txt .docm .dotx, .xlsx .xls .ods, .pptx .odp), two
converters at a time, batch by batch until the corpus reaches --size bytes. Needs
`apt install libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui`.

Example:
  .venv/bin/python -m bench.scan.generate --size 2.2e9      # ≈ 2 GB in bench/out/scan/corpus
  .venv/bin/python -m bench.scan.generate --size 5e7 --out /tmp/small
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bench.scan import containers, odf
from bench.scan.plant import Spec, choose_decoys, choose_marks, truth

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "out" / "scan"
BATCH = 60  # sources per round
PER_CALL = 30  # files per soffice call
CONVERTERS = 2
# (format, probability) beside the one format every source of the family gets
EXTRA_FORMATS = {
    "text": [
        ("pdf", 0.6),
        ("doc", 0.5),
        ("odt", 0.2),
        ("rtf", 0.15),
        ("html", 0.1),
        ("txt", 0.1),
        ("docm", 0.05),
        ("dotx", 0.05),
    ],
    "sheet": [("xls", 0.5), ("ods", 0.25), ("pdf", 0.15)],
    "slides": [("odp", 0.25), ("pdf", 0.5)],
}
MAIN_FORMAT = {"text": "docx", "sheet": "xlsx", "slides": "pptx"}
FILTERS = {"txt": "txt:Text (encoded):UTF8", "html": "html:HTML (StarWriter)"}


def make_spec(number: int, rng: random.Random) -> Spec:
    family = rng.choices(["text", "sheet", "slides"], weights=[70, 18, 12])[0]
    size = _size(family, rng)
    formats = [MAIN_FORMAT[family]] + [fmt for fmt, p in EXTRA_FORMATS[family] if rng.random() < p]
    if family == "sheet" and size > 3000:
        formats = [f for f in formats if f != "pdf"]  # a printed 100-page sheet is not what clerks keep
    images = rng.choices([0, rng.randint(1, 2), rng.randint(3, 6)], weights=[60, 30, 10])[0]
    marks = choose_marks(rng, family)
    spec = Spec(
        f"{family}-{number:05d}",
        family,
        tuple(formats),
        rng.randrange(1 << 30),
        size,
        min(images, size) if family == "slides" else images,
        marks,
    )
    spec.decoys = choose_decoys(rng, marks)
    return spec


def _size(family: str, rng: random.Random) -> int:
    if family == "text":
        return rng.choices(
            [rng.randint(1, 3), rng.randint(4, 15), rng.randint(16, 60)], weights=[40, 40, 20]
        )[0]
    if family == "sheet":
        return rng.choices(
            [rng.randint(20, 500), rng.randint(500, 5000), rng.randint(5000, 30000)], weights=[60, 30, 10]
        )[0]
    return rng.choices([rng.randint(3, 12), rng.randint(13, 40)], weights=[70, 30])[0]


def convert(sources: list[Path], fmt: str, outdir: Path, profile: Path) -> None:
    """One soffice call converting `sources` into `fmt` in `outdir`."""
    outdir.mkdir(parents=True, exist_ok=True)
    args = [
        "soffice",
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        FILTERS.get(fmt, fmt),
        "--outdir",
        str(outdir),
        *map(str, sources),
    ]
    subprocess.run(args, capture_output=True, timeout=3600, check=False)


def run_batch(specs: list[Spec], src: Path, corpus: Path, profiles: list[Path]) -> dict[str, Any]:
    """Write the batch's sources, convert them, return the truth of the files that came out."""
    jobs: dict[str, list[Path]] = defaultdict(list)
    for spec in specs:
        path = src / (spec.name + odf.suffix(spec.family))
        path.write_text(odf.source(spec), encoding="utf-8")
        for fmt in spec.formats:
            jobs[fmt].append(path)
    calls = [
        (fmt, paths[i : i + PER_CALL]) for fmt, paths in jobs.items() for i in range(0, len(paths), PER_CALL)
    ]
    with ThreadPoolExecutor(CONVERTERS) as pool:
        for index, (fmt, paths) in enumerate(calls):
            pool.submit(convert, paths, fmt, corpus / fmt, profiles[index % CONVERTERS])
    records: dict[str, Any] = {}
    for spec in specs:
        for fmt in spec.formats:
            out = corpus / fmt / f"{spec.name}.{fmt}"
            if out.exists() and out.stat().st_size > 0:
                records[f"{fmt}/{out.name}"] = _record(spec, fmt)
    return records


def _record(spec: Spec, fmt: str) -> dict[str, Any]:
    return {
        "family": spec.family,
        "format": fmt,
        "source": spec.name,
        "marks": sorted([kind, level] for kind, level in truth(spec, fmt)),
        "planted": [[m.zone, m.kind, m.level, m.text] for m in spec.marks],
        "decoys": spec.decoys,
    }


def corpus_bytes(corpus: Path) -> int:
    return sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--size", type=float, default=2.2e9, help="bytes of corpus to reach")
    parser.add_argument("--seed", type=int, default=20261202)
    args = parser.parse_args(argv)
    if shutil.which("soffice") is None:
        print(
            "cần LibreOffice: apt install libreoffice-writer-nogui libreoffice-calc-nogui "
            "libreoffice-impress-nogui",
            file=sys.stderr,
        )
        return 2
    corpus, src = args.out / "corpus", args.out / "src"
    if corpus.exists():
        shutil.rmtree(corpus)
    shutil.rmtree(src, ignore_errors=True)
    corpus.mkdir(parents=True)
    src.mkdir(parents=True)
    rng = random.Random(args.seed)
    truths: dict[str, Any] = {}
    started, number = time.monotonic(), 0
    with tempfile.TemporaryDirectory(prefix="bmnn-lo-") as tmp:
        profiles = [Path(tmp) / f"profile{i}" for i in range(CONVERTERS)]
        while (total := corpus_bytes(corpus)) < args.size * 0.97:
            specs = [make_spec(number + i, rng) for i in range(BATCH)]
            number += BATCH
            truths.update(run_batch(specs, src, corpus, profiles))
            print(f"{len(truths)} tệp, {total / 1e6:.0f} MB, {time.monotonic() - started:.0f} s", flush=True)
    truths.update(containers.build(corpus, truths, random.Random(args.seed + 1)))
    (args.out / "truth.json").write_text(json.dumps(truths, ensure_ascii=False, indent=0), encoding="utf-8")
    shutil.rmtree(src)
    total = corpus_bytes(corpus)
    print(f"xong: {len(truths)} tệp, {total / 1e6:.0f} MB trong {corpus}, {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""PDF readers side by side (issue 15), in one run, one process each, on the same files:

- the scanner's reader: PDFium in process (pypdfium2), pdftotext only for pages whose PDFium text
  is unreadable;
- the reader it replaces: `pdftotext -layout -htmlmeta` as a subprocess for every file;
- PDFium alone (no fallback), to show what the fallback costs and recovers.

Each reader's text goes through the scanner's matcher; marks are scored against the corpus truth
(PDFs only). A second set, made here, holds PDFs whose Vietnamese is set in odd fonts: TCVN3 and
VNI fonts (LibreOffice, the font missing so a fallback draws it), the same with their ToUnicode maps
removed (subset fonts whose codes are glyph numbers), and hand-written PDFs whose font maps codes
by glyph name or not at all. For those the question is whether the stamp is found, or the file is
said to be unreadable — never passed as clean.

Example:
  nice .venv/bin/python -m bench.scan.pdf_run --corpus bench/out/scan
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench.scan.score import report_lines, score
from bmnn.scanner.extract import ExtractError, TextPart, extract
from bmnn.scanner.extract.base import Blob
from bmnn.scanner.extract.pdf import _page_text, _properties, readable, split_htmlmeta
from bmnn.scanner.extract.tools import run_tool
from bmnn.scanner.marks import find_marks

MB = 1e6


def scanner_reader(path: Path) -> list[TextPart]:
    return list(extract(path, "pdf"))


def pdftotext_reader(path: Path) -> list[TextPart]:
    """The reader before issue 15: one pdftotext per file."""
    blob = Blob(name=path.name, path=path)
    out, _ = run_tool(["pdftotext", "-layout", "-htmlmeta", "-enc", "UTF-8", "-", "-"], blob)
    properties, pages = split_htmlmeta(out)
    parts = [blob.part("properties", properties)] if properties.strip() else []
    return parts + [blob.part(f"page {n}", t, laid_out=True) for n, t in enumerate(pages, 1) if t.strip()]


def pdfium_reader(path: Path) -> list[TextPart]:
    """PDFium only, whatever its text looks like."""
    import pypdfium2  # type: ignore[import-not-found,unused-ignore]

    blob = Blob(name=path.name, path=path)
    document = pypdfium2.PdfDocument(str(path))
    try:
        parts = [blob.part("properties", _properties(document))]
        parts += [blob.part(f"page {i + 1}", _page_text(document, i), laid_out=True)
                  for i in range(len(document))]
    finally:
        document.close()
    return [p for p in parts if p.text.strip()]


READERS: dict[str, Callable[[Path], list[TextPart]]] = {
    "scanner (PDFium, pdftotext where unreadable)": scanner_reader,
    "pdftotext -layout (before)": pdftotext_reader,
    "PDFium alone": pdfium_reader,
}


def run_reader(reader: Callable[[Path], list[TextPart]], files: list[Path]) -> dict[str, Any]:
    marks: dict[str, list[dict[str, Any]]] = {}
    errors: dict[str, str] = {}
    unreadable: list[str] = []
    started = time.perf_counter()
    for path in files:
        try:
            parts = reader(path)
        except ExtractError as error:
            errors[path.name] = str(error)
            continue
        if any(not readable(p.text) for p in parts):
            unreadable.append(path.name)
        marks[str(path)] = [{"kind": m.kind, "level": m.level, "location": m.location, "evidence": m.evidence}
                            for m in find_marks(parts)]
    return {"seconds": time.perf_counter() - started, "marks": marks, "errors": errors,
            "garbage": unreadable}


def odd_fonts(out: Path) -> dict[str, dict[str, Any]]:
    """The odd-font PDFs and what each should give: its stamp level, or "unreadable"."""
    from tests.scanner.pages import text_pdf

    made: dict[str, dict[str, Any]] = {}
    stamped = ["UBND TỈNH LÀO CAI", "TỐI MẬT", "Báo cáo tình hình an ninh trật tự trên địa bàn xã."]
    for font, expect in (("names", "toi_mat"), ("opaque", "unreadable")):
        (out / f"hand-{font}.pdf").write_bytes(text_pdf(stamped, font=font))
        made[f"hand-{font}.pdf"] = {"expect": expect}
    tcvn3 = ["Bé C«ng an tØnh", "TèI MËT", "Tµi liÖu b¸o c¸o t×nh h×nh an ninh trËt tù trªn ®Þa bµn x·"]
    (out / "hand-tcvn3.pdf").write_bytes(text_pdf(tcvn3, font="latin1"))
    made["hand-tcvn3.pdf"] = {"expect": "toi_mat"}
    if shutil.which("soffice"):
        for name, font, lines in (
            ("lo-tcvn3", ".VnTime", tcvn3),
            ("lo-vni", "VNI-Times", ["UBND TÆNH LAØO CAI", "TOÁI MAÄT",
                                     "Baùo caùo tình hình an ninh traät töï treân ñòa baøn xaõ"]),
            ("lo-unicode", "DejaVu Serif", stamped),
        ):
            pdf = _libreoffice_pdf(out, name, font, lines)
            if pdf is None:
                continue
            made[pdf.name] = {"expect": "toi_mat"}
            stripped = out / f"{name}-nomap.pdf"
            stripped.write_bytes(pdf.read_bytes().replace(b"/ToUnicode", b"/ToUnicodX"))
            made[stripped.name] = {"expect": "unreadable"}
    return made


def _libreoffice_pdf(out: Path, name: str, font: str, lines: list[str]) -> Path | None:
    from xml.sax.saxutils import escape

    head = ('<?xml version="1.0" encoding="UTF-8"?><office:document '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
            'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" '
            'office:mimetype="application/vnd.oasis.opendocument.text"><office:automatic-styles>'
            f'<style:style style:name="P1" style:family="paragraph"><style:text-properties '
            f'style:font-name="{font}" fo:font-family="{font}"/></style:style></office:automatic-styles>'
            "<office:body><office:text>")
    body = "".join(f'<text:p text:style-name="P1">{escape(line)}</text:p>' for line in lines)
    source = out / f"{name}.fodt"
    source.write_text(head + body + "</office:text></office:body></office:document>", encoding="utf-8")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{out}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(source)], capture_output=True, timeout=300, check=False)
    pdf = out / f"{name}.pdf"
    return pdf if pdf.is_file() else None


def judge(made: dict[str, dict[str, Any]], result: dict[str, Any], folder: Path) -> Iterator[str]:
    for name, record in sorted(made.items()):
        marks = result["marks"].get(str(folder / name))
        error = result["errors"].get(name)
        levels = sorted({m["level"] for m in marks or [] if m["kind"] == "level"})
        if error:
            said = f"unread ({error})"
        elif name in result["garbage"]:
            said = f"garbage text passed as read, marks {levels}"
        else:
            said = f"read, marks {levels}"
        good = (record["expect"] == "unreadable" and error is not None) or levels == [record["expect"]]
        yield f"  {name:24} expect {record['expect']:10} → {said} {'ok' if good else 'WRONG'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1] / "out" / "scan")
    parser.add_argument("--rounds", type=int, default=2, help="readers take turns; the best round counts")
    args = parser.parse_args()
    truths_all = json.loads((args.corpus / "truth.json").read_text("utf-8"))
    root = args.corpus / "corpus"
    files = sorted(p for p in root.rglob("*.pdf") if p.is_file())
    truths = {name: t for name, t in truths_all.items()
              if name.endswith(".pdf") and (root / name).is_file()}
    size = sum(p.stat().st_size for p in files)
    print(f"{len(files)} PDFs of the corpus, {size / MB:.1f} MB ({len(truths)} with a truth); "
          "one process each")
    for path in files:  # warm the page cache
        path.read_bytes()
    print("| reader | seconds | MB/s | recall | precision | read errors | garbage text passed |")
    print("|---|---|---|---|---|---|---|")
    results: dict[str, dict[str, Any]] = {}
    readers = {n: r for n, r in READERS.items() if "pdftotext" not in n or shutil.which("pdftotext")}
    for _ in range(args.rounds):  # in turns, so a busy minute on a shared machine hits every reader
        for name, reader in readers.items():
            result = run_reader(reader, files)
            if name not in results or result["seconds"] < results[name]["seconds"]:
                results[name] = result
    for name, result in results.items():
        marks = {str(Path(k).relative_to(root)): v for k, v in result["marks"].items()}
        scored = score(truths, marks)
        print(f"| {name} | {result['seconds']:.1f} | {size / MB / result['seconds']:.2f} | "
              f"{100 * scored.recall:.2f} % ({scored.found}/{scored.planted}) | "
              f"{100 * scored.precision:.2f} % ({scored.found}/{scored.reported}) | "
              f"{len(result['errors'])} | {len(result['garbage'])} |")
        for line in report_lines(scored, limit=5)[1:]:
            print(f"    {line}")
    with tempfile.TemporaryDirectory(prefix="bmnn-oddpdf-") as tmp:
        folder = Path(tmp)
        made = odd_fonts(folder)
        odd = sorted(folder / name for name in made)
        print(f"\nodd fonts: {len(odd)} PDFs")
        for name, reader in READERS.items():
            if "pdftotext" in name and shutil.which("pdftotext") is None:
                continue
            print(name)
            print("\n".join(judge(made, run_reader(reader, odd), folder)))
    print(f"python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()

"""Self-inspection report benchmark: "Báo cáo kết quả tự kiểm tra công tác bảo vệ BMNN" for a unit
with 5,000 findings, rendered to .docx (and to .pdf where LibreOffice is installed), each timed
beside a reference measured in the same run: the same rows written as a python-docx table the
plain way (`add_row`, cell by cell).

Target (issue): the report of a unit with 5,000 findings renders in under 10 s.

The findings are real: the self-inspection of the province and every unit below it on the
generated registry (bench.generate), its records taken in findings.yaml's order until there are
`--findings` of them. Two readers: the province's head (records of the units below masked by
need-to-know, as the report they sign reads) and a reader cleared for every record (full labels,
the longest rows).

  .venv/bin/python -m bench.report_bench [--data bench/out] [--findings 5000] [--out DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from bench.generate import DEFAULT_OUT, configure_django

TARGET_S = 10.0


def trimmed(result: dict[str, Any], findings: int) -> dict[str, Any]:
    """The result with its first `findings` records, category by category, counts to match."""
    left, categories = findings, []
    for c in result["categories"]:
        records = c["records"][:left]
        left -= len(records)
        categories.append({**c, "records": records, "count": len(records),
                           "quantity": sum(r.get("quantity", 1) for r in records),
                           "status": c["status"] if records or c["status"] != "found" else "none"})
    return {**result, "categories": categories}


def plain_table(rows: list[tuple[str, ...]]) -> bytes:
    """The reference: the annex's rows as a python-docx table, one `add_row` and five cells a row."""
    from docx import Document

    doc = Document()
    table = doc.add_table(rows=1, cols=5)
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def timed(fn: Any, *args: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    value = fn(*args)
    return value, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_OUT, help="folder made by bench.generate")
    parser.add_argument("--findings", type=int, default=5000)
    parser.add_argument("--out", type=Path, default=None, help="keep the .docx/.pdf here (default: --data)")
    args = parser.parse_args(argv)
    data = args.data.resolve()
    out = (args.out or data).resolve()
    meta = json.loads((data / "generate.json").read_text(encoding="utf-8"))
    configure_django(data)

    from bench import corpus
    from bmnn.inspection.engine import inspect
    from bmnn.inspection.report import live_report
    from bmnn.inspection.scope import build_scope
    from bmnn.inspection.shown import Viewer
    from bmnn.law.levels import Level
    from bmnn.org.models import Unit
    from bmnn.reports.writers.pdf import PdfUnavailable, docx_to_pdf
    from bmnn.reports.writers.self_inspection_docx import render_self_inspection_docx

    today = dt.date.fromisoformat(meta["today"])
    first = dt.date(int(meta["first_year"]), 1, 1)
    province = Unit.objects.get(code=corpus.PROVINCE[0])
    print(f"Report benchmark on {data}; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    whole, took = timed(inspect, build_scope(province, first, today, today, include_subunits=True))
    total = sum(c["count"] for c in whole["categories"])
    print(f"Self-inspection of {province.name} and the units below: {total:,} findings in {took:.2f} s")
    if total < args.findings:
        print(f"Only {total:,} findings in these data; the report is measured with all of them")
    result = trimmed(whole, args.findings)
    found = sum(c["count"] for c in result["categories"])
    every_level = frozenset(lv.value for lv in Level)
    readers = {
        "the province's head (units below masked)": Viewer(every_level, province.pk, True),
        "a reader cleared for every record": Viewer(every_level, None, True),
    }
    report: dict[str, Any] = {"measured_on": dt.datetime.now().isoformat(timespec="seconds"),
                              "findings": found, "target_s": TARGET_S, "readers": {}}
    for name, viewer in readers.items():
        if viewer.unit_id is None:  # sees every record as its own: no unit is another's
            result_for = {**result, "categories": [
                {**c, "records": [{**r, "unit_id": None} for r in c["records"]]}
                for c in result["categories"]]}
        else:
            result_for = result
        paper, build_s = timed(live_report, result_for, province, today, viewer)
        content, docx_s = timed(render_self_inspection_docx, paper)
        rows = [(title, label, evidence, since) for title, records in paper.annex
                for label, evidence, since in records]
        rows = [(str(n), *row) for n, row in enumerate(rows, 1)]
        reference, ref_s = timed(plain_table, rows)
        slug = "masked" if viewer.unit_id else "full"
        (out / f"report_bench_{slug}.docx").write_bytes(content)
        line = (f"{name}: {found:,} findings ({len(rows):,} annex rows) — report built {build_s:.2f} s, "
                f".docx {docx_s:.2f} s ({len(content) / 1e6:.1f} MB), together {build_s + docx_s:.2f} s "
                f"(target < {TARGET_S:.0f} s: {'met' if build_s + docx_s < TARGET_S else 'NOT met'}); "
                f"reference plain python-docx table of the same rows {ref_s:.2f} s "
                f"({len(reference) / 1e6:.1f} MB)")
        entry: dict[str, Any] = {"build_s": build_s, "docx_s": docx_s, "docx_bytes": len(content),
                                 "annex_rows": len(rows), "reference_s": ref_s}
        try:
            pdf, pdf_s = timed(docx_to_pdf, content)
            (out / f"report_bench_{slug}.pdf").write_bytes(pdf)
            line += f"; .pdf by LibreOffice {pdf_s:.1f} s ({len(pdf) / 1e6:.1f} MB)"
            entry["pdf_s"] = pdf_s
        except PdfUnavailable as missing:
            line += f"; no .pdf ({missing})"
        print(line)
        report["readers"][name] = entry
    (out / "report_bench.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"Written {out / 'report_bench.json'} and the papers beside it")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Legacy binary Office (.doc, .xls) through catdoc and xls2csv (Debian package catdoc)."""

from __future__ import annotations

from collections.abc import Iterator

from bmnn.scanner.extract.base import Blob, TextPart
from bmnn.scanner.extract.tools import run_tool


def extract_doc(blob: Blob, kind: str) -> Iterator[TextPart]:
    """Whole text of a Word 97–2003 file; catdoc keeps headers and footers (antiword drops them)."""
    out, _ = run_tool(["catdoc", "-d", "utf-8", "-w"], blob)
    if out.strip():
        yield blob.part("text", out)


def extract_xls(blob: Blob, kind: str) -> Iterator[TextPart]:
    """One part per sheet: "sheet 1", "sheet 2", …; cells become tab-separated columns.

    xls2csv crashes reading stdin itself, so it is given /dev/fd/0 (Linux; on Windows .xls
    needs a catdoc build and is reported "unsupported" without one)."""
    out, _ = run_tool(["xls2csv", "-d", "utf-8", "-c", "\t", "-q", "0", "/dev/fd/0"], blob)
    for number, text in enumerate(out.split("\f"), start=1):
        if text.strip():
            yield blob.part(f"sheet {number}", text)

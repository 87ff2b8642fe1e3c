"""PDF: poppler `pdftotext -layout` (recovers Vietnamese set in fallback fonts), else pypdfium2.

`-htmlmeta` makes the same single pass also give the document information (title, subject,
keywords, author): a stamp typed into a Word file's properties travels into its PDF there.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator

from bmnn.scanner.extract.base import Blob, ExtractError, TextPart
from bmnn.scanner.extract.tools import run_tool

_META = re.compile(r'<meta name="([^"]*)" content="([^"]*)"/>')
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_TOOL_META = {"Creator", "Producer", "CreationDate", "ModDate"}  # written by software, not people


def extract_pdf(blob: Blob, kind: str) -> Iterator[TextPart]:
    """Parts "properties", then one per page: "page 1", "page 2", …"""
    if shutil.which("pdftotext"):
        out, _ = run_tool(["pdftotext", "-layout", "-htmlmeta", "-enc", "UTF-8", "-", "-"], blob)
        properties, pages = split_htmlmeta(out)
        if properties.strip():
            yield blob.part("properties", properties)
    else:
        pages = _pdfium_pages(blob)
    for number, text in enumerate(pages, start=1):
        if text.strip():
            yield blob.part(f"page {number}", text, laid_out=True)


def split_htmlmeta(out: str) -> tuple[str, list[str]]:
    """(document information as lines, page texts) of `pdftotext -htmlmeta` output."""
    head_end = out.find("</head>")
    head = out[:head_end] if head_end >= 0 else ""
    lines = [html.unescape(match.group(1)) for match in _TITLE.finditer(head)]
    lines += [html.unescape(value) for name, value in _META.findall(head) if name not in _TOOL_META]
    start = out.find("<pre>", max(head_end, 0))
    end = out.rfind("</pre>")
    body = out[start + 5 : end] if 0 <= start < end else ""
    return "\n".join(lines), [html.unescape(page) for page in body.split("\f")]


def _pdfium_pages(blob: Blob) -> list[str]:
    try:
        import pypdfium2  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        raise ExtractError("unsupported", "no PDF reader: install poppler-utils") from exc
    data = blob.read_all(blob.limits.max_file_bytes)
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        reason = "encrypted" if "password" in str(exc).lower() else "corrupt"
        raise ExtractError(reason) from exc
    return [page.get_textpage().get_text_range() for page in document]

"""PDF: poppler `pdftotext -layout` (recovers Vietnamese set in fallback fonts), else pypdfium2."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

from bmnn.scanner.extract.base import Blob, ExtractError, TextPart
from bmnn.scanner.extract.tools import run_tool


def extract_pdf(blob: Blob, kind: str) -> Iterator[TextPart]:
    """One part per page: "page 1", "page 2", …"""
    if shutil.which("pdftotext"):
        out, _ = run_tool(["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], blob)
        pages = out.split("\f")
    else:
        pages = _pdfium_pages(blob)
    for number, text in enumerate(pages, start=1):
        if text.strip():
            yield blob.part(f"page {number}", text)


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

"""PDF: PDFium in process (pypdfium2, whose wheels carry the engine for Windows and Linux), with
poppler's `pdftotext` only for pages whose PDFium text is unreadable.

A font without a Unicode map (a subset font whose codes are glyph numbers) gives text that is
control characters or punctuation, not words. Such a page is read again with `pdftotext -layout`
when the program is present; when neither reader recovers words, the file's result says so
("unreadable text" with the pages) instead of passing as clean. Text typed in the legacy TCVN3 or
VNI encodings comes out as Latin-1 letters and is converted by `normalize` like any other text.

The document information (title, subject, keywords, author) is read too: a stamp typed into a Word
file's properties travels into its PDF there.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from typing import Any

from bmnn.scanner.extract.base import Blob, ExtractError, TextPart
from bmnn.scanner.extract.tools import run_tool

_META = re.compile(r'<meta name="([^"]*)" content="([^"]*)"/>')
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_TOOL_META = {"Creator", "Producer", "CreationDate", "ModDate", "Trapped"}  # written by software
# Characters no readable text is made of: C0 controls (a glyph number read as a code), private use,
# the replacement character.
_BAD = re.compile("[\x00-\x08\x0e-\x1f\ue000-\uf8ff\ufffd]")
_WORDISH = re.compile(r"\w")
MIN_LETTER_SHARE = 0.5  # letters and digits among visible characters; prose and stamps are ≈ 0.8
MAX_BAD_SHARE = 0.02
UNREADABLE = "unreadable text"


def extract_pdf(blob: Blob, kind: str) -> Iterator[TextPart]:
    """Parts "properties", then one per page: "page 1", "page 2", …; ExtractError("unreadable
    text", "page 2, 3") after the readable pages when some pages' text could not be recovered."""
    try:
        import pypdfium2  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        yield from _poppler_only(blob)
        return
    with blob.open() as handle:
        document = _open(pypdfium2, handle, blob)
        try:
            properties = _properties(document)
            if properties.strip():
                yield blob.part("properties", properties)
            unreadable: list[int] = []
            for number in range(1, len(document) + 1):
                text = _page_text(document, number - 1)
                if readable(text):
                    if text.strip():
                        yield blob.part(f"page {number}", text, laid_out=True)
                else:
                    unreadable.append(number)
        finally:
            document.close()
    if unreadable:
        yield from _recover(blob, unreadable)


def readable(text: str) -> bool:
    """Does `text` hold words, not glyph numbers? (Empty text is readable: a page of pictures.)"""
    visible = len(text) - text.count(" ") - text.count("\n") - text.count("\r") - text.count("\t")
    if visible == 0:
        return True
    if visible < 8:  # a page number, a stamp alone: no glyph numbers, at least one letter or digit
        return not _BAD.search(text) and _WORDISH.search(text) is not None
    bad = len(_BAD.findall(text))
    return bad <= MAX_BAD_SHARE * visible and len(_WORDISH.findall(text)) >= MIN_LETTER_SHARE * visible


def page_count(blob: Blob) -> int:
    """Pages of the PDF (0 when PDFium is missing or the file cannot be opened)."""
    try:
        import pypdfium2
    except ImportError:
        return 0
    with blob.open() as handle:
        try:
            document = pypdfium2.PdfDocument(handle)
        except pypdfium2.PdfiumError:
            return 0
        try:
            return len(document)
        finally:
            document.close()


def _open(pypdfium2: Any, handle: Any, blob: Blob) -> Any:
    if blob.size() > blob.limits.max_file_bytes:
        raise ExtractError("too large")
    try:
        return pypdfium2.PdfDocument(handle)
    except pypdfium2.PdfiumError as exc:
        reason = "encrypted" if "password" in str(exc).lower() else "corrupt"
        raise ExtractError(reason) from exc


def _properties(document: Any) -> str:
    try:
        meta = document.get_metadata_dict(skip_empty=True)
    except Exception:  # a broken information dictionary leaves the pages readable
        return ""
    return "\n".join(value for name, value in meta.items() if name not in _TOOL_META and value)


def _page_text(document: Any, index: int) -> str:
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            text: str = textpage.get_text_range()
        finally:
            textpage.close()
    finally:
        page.close()
    return text


def _recover(blob: Blob, pages: list[int]) -> Iterator[TextPart]:
    """The unreadable pages through pdftotext, when present; what stays unreadable is an error."""
    lost = pages
    if shutil.which("pdftotext"):
        out, _ = run_tool(["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], blob)
        texts = out.split("\f")
        lost = []
        for number in pages:
            text = texts[number - 1] if number <= len(texts) else ""
            if readable(text) and text.strip():
                yield blob.part(f"page {number}", text, laid_out=True)
            else:
                lost.append(number)
    if lost:
        raise ExtractError(UNREADABLE, "page " + ", ".join(str(n) for n in lost))


def _poppler_only(blob: Blob) -> Iterator[TextPart]:
    """Without pypdfium2 (the scanner's one-file form): pdftotext if present, else unread."""
    if shutil.which("pdftotext") is None:
        raise ExtractError("unsupported", "no PDF reader")
    out, _ = run_tool(["pdftotext", "-layout", "-htmlmeta", "-enc", "UTF-8", "-", "-"], blob)
    properties, pages = split_htmlmeta(out)
    if properties.strip():
        yield blob.part("properties", properties)
    lost = []
    for number, text in enumerate(pages, start=1):
        if not readable(text):
            lost.append(number)
        elif text.strip():
            yield blob.part(f"page {number}", text, laid_out=True)
    if lost:
        raise ExtractError(UNREADABLE, "page " + ", ".join(str(n) for n in lost))


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

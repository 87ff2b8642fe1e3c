"""File type by magic bytes first, extension second."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from typing import BinaryIO

from bmnn.scanner.extract.zipread import OLE_MAGIC

Opener = Callable[[], BinaryIO]

BY_EXTENSION = {
    ".docx": "docx",
    ".docm": "docm",
    ".dotx": "dotx",
    ".dotm": "docm",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".pptx": "pptx",
    ".pptm": "pptx",
    ".odt": "odt",
    ".ods": "ods",
    ".odp": "odp",
    ".pdf": "pdf",
    ".doc": "doc",
    ".dot": "doc",
    ".xls": "xls",
    ".xlt": "xls",
    ".rtf": "rtf",
    ".txt": "txt",
    ".csv": "txt",
    ".md": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".eml": "eml",
    ".zip": "zip",
}
_ODF = {"text": "odt", "spreadsheet": "ods", "presentation": "odp"}
_MAIL = re.compile(rb"^(?:Received|Return-Path|From|MIME-Version|Message-ID|Delivered-To|X-[\w-]+):", re.I)
_HTML = re.compile(rb"^\s*<(?:!doctype html|html)\b", re.I)


def sniff(name: str, head: bytes, opener: Opener | None) -> str | None:
    """The document kind of a file called `name` starting with `head`, or None."""
    ext = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    by_ext = BY_EXTENSION.get(ext)
    if head.lstrip()[:5] == b"%PDF-" or (b"%PDF-" in head[:1024] and by_ext == "pdf"):
        return "pdf"
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return _zip_kind(opener, by_ext)
    if head[:8] == OLE_MAGIC:
        return _ole_kind(opener, by_ext)
    if head.lstrip(b"\xef\xbb\xbf \r\n\t")[:5] == b"{\\rtf":
        return "rtf"
    if by_ext == "eml" or (by_ext is None and _MAIL.match(head) and b"\nSubject:" in head):
        return "eml"
    if by_ext == "html" or _HTML.match(head.lstrip(b"\xef\xbb\xbf")):
        return "html"
    if by_ext == "txt":
        return "txt" if b"\x00" not in head or head[:2] in (b"\xff\xfe", b"\xfe\xff") else None
    return by_ext


def _zip_kind(opener: Opener | None, by_ext: str | None) -> str:
    fallback = by_ext if by_ext in ("docx", "docm", "dotx", "xlsx", "pptx", "odt", "ods", "odp") else "zip"
    if opener is None:
        return fallback
    try:
        with opener() as handle, zipfile.ZipFile(handle) as archive:
            return _members_kind(archive, by_ext)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError):
        return fallback


def _members_kind(archive: zipfile.ZipFile, by_ext: str | None) -> str:
    names = set(archive.namelist())
    if "word/document.xml" in names:
        if by_ext in ("docm", "dotx"):
            return by_ext
        types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
        return "docm" if b"macroEnabled" in types else "dotx" if b"template.main" in types else "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    if "mimetype" in names:
        mime = archive.read("mimetype")[:100].decode("ascii", errors="replace")
        for word, kind in _ODF.items():
            if mime.startswith("application/vnd.oasis.opendocument." + word):
                return kind
    return "zip"


def _ole_kind(opener: Opener | None, by_ext: str | None) -> str | None:
    if by_ext in ("doc", "xls", "docx", "docm", "dotx", "xlsx", "pptx"):
        return by_ext  # OOXML in an OLE container is an encrypted document
    if opener is None:
        return None
    with opener() as handle:
        sample = handle.read(4 * 1024 * 1024)
    if "WordDocument".encode("utf-16-le") in sample:
        return "doc"
    if "Workbook".encode("utf-16-le") in sample or "Book".encode("utf-16-le") in sample:
        return "xls"
    return None

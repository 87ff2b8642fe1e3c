"""Text extraction for the scanner: one module per family of formats, no Django.

`file_type` sniffs a file, `extract` yields its text parts (NFC) or raises ExtractError. Reads
never write and open files with O_NOATIME where the OS allows it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

from bmnn.scanner.extract.archive import extract_zip
from bmnn.scanner.extract.base import Blob, Budget, ExtractError, Limits, TextPart, open_noatime
from bmnn.scanner.extract.eml import extract_eml
from bmnn.scanner.extract.mailstore import extract_mbox, extract_pst, mail_store_kind
from bmnn.scanner.extract.odf import extract_odf
from bmnn.scanner.extract.ooxml import extract_ooxml
from bmnn.scanner.extract.pdf import extract_pdf
from bmnn.scanner.extract.plain import extract_html, extract_txt
from bmnn.scanner.extract.rtf import extract_rtf
from bmnn.scanner.extract.sniff import sniff
from bmnn.scanner.extract.worddoc import extract_doc
from bmnn.scanner.extract.xlsbiff import extract_xls

__all__ = ["ExtractError", "Limits", "TextPart", "extract", "file_type"]

KINDS = (
    "docx",
    "docm",
    "dotx",
    "xlsx",
    "pptx",
    "odt",
    "ods",
    "odp",
    "pdf",
    "doc",
    "xls",
    "rtf",
    "txt",
    "html",
    "eml",
    "mbox",
    "pst",
    "zip",
)
DEFAULT_LIMITS = Limits()
Reader = Callable[[Blob, str], Iterator[TextPart]]


def file_type(path: Path, head: bytes) -> str | None:
    """Document kind of `path` (see KINDS) by first bytes, then extension; None: not a document.

    What no document sniffing claims may still be mail: an Outlook data file anywhere, an mbox
    named "….mbox", and, inside a mail client's folders, mailboxes and messages without extension."""
    kind = sniff(path.name, head, lambda: open_noatime(path))
    return kind if kind is not None else mail_store_kind(str(path), path.name, head)


def extract(path: Path, kind: str, limits: Limits = DEFAULT_LIMITS) -> Iterator[TextPart]:
    """Text parts of the file at `path` read as `kind`; raises ExtractError."""
    blob = Blob(name=path.name, path=path, budget=Budget(limits))
    try:
        yield from _dispatch(blob, kind)
    except PermissionError as exc:
        raise ExtractError("permission denied") from exc
    except OSError as exc:
        raise ExtractError("unreadable", exc.strerror or "") from exc


def _dispatch(blob: Blob, kind: str) -> Iterator[TextPart]:
    reader = _READERS.get(kind)
    if reader is None:
        raise ExtractError("unsupported", kind)
    yield from reader(blob, kind)


def _nested(parent: Blob, name: str, data: bytes) -> Iterator[TextPart]:
    """A file found inside an archive or e-mail, read as its own kind; locations join with "!"."""
    kind = sniff(name, data[:8192], lambda: io.BytesIO(data))
    if kind is None:
        return
    if parent.depth + 1 > parent.limits.max_depth:
        raise ExtractError("too deep", parent.loc(name))
    child = Blob(
        name=name, data=data, prefix=parent.loc(name + "!"), depth=parent.depth + 1, budget=parent.budget
    )
    yield from _dispatch(child, kind)


def _zip(blob: Blob, kind: str) -> Iterator[TextPart]:
    return extract_zip(blob, kind, _nested, lambda name, head: sniff(name, head, None))


def _eml(blob: Blob, kind: str) -> Iterator[TextPart]:
    return extract_eml(blob, kind, _nested)


def _mbox(blob: Blob, kind: str) -> Iterator[TextPart]:
    return extract_mbox(blob, kind, _nested)


_READERS: dict[str, Reader] = {
    **dict.fromkeys(("docx", "docm", "dotx", "xlsx", "pptx"), extract_ooxml),
    **dict.fromkeys(("odt", "ods", "odp"), extract_odf),
    "pdf": extract_pdf,
    "doc": extract_doc,
    "xls": extract_xls,
    "rtf": extract_rtf,
    "txt": extract_txt,
    "html": extract_html,
    "eml": _eml,
    "mbox": _mbox,
    "pst": extract_pst,
    "zip": _zip,
}

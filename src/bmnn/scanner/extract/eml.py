"""E-mail (.eml): Subject, text and HTML bodies, and attachments read as nested files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser

from bmnn.scanner.extract.base import Blob, ExtractError, TextPart
from bmnn.scanner.extract.plain import html_parts

Nested = Callable[[Blob, str, bytes], Iterator[TextPart]]


def extract_eml(blob: Blob, kind: str, nested: Nested) -> Iterator[TextPart]:
    """Parts "Subject", "body", "body.html" and "<attachment name>!…" for each attachment."""
    data = blob.read_all(blob.limits.max_part_bytes)
    message = BytesParser(policy=policy.default).parsebytes(data)
    subject = str(message.get("Subject", "") or "")
    if subject:
        yield blob.part("Subject", subject)
    for number, part in enumerate(message.walk(), start=1):
        if not part.is_multipart():
            yield from _leaf(blob, part, number, nested)


def _leaf(blob: Blob, part: Message, number: int, nested: Nested) -> Iterator[TextPart]:
    name = part.get_filename()
    ctype = part.get_content_type()
    if name is None and ctype in ("text/plain", "text/html") and isinstance(part, EmailMessage):
        try:
            text = part.get_content()
        except (LookupError, UnicodeError, AssertionError) as exc:
            raise ExtractError("corrupt", blob.loc("body")) from exc
        if ctype == "text/html":
            yield from html_parts(blob, text, ("html title", "html body"))
        elif text.strip():
            yield blob.part("body", text)
        return
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes) and payload:
        blob.budget.take(len(payload))
        yield from nested(blob, name or f"part{number}", payload)

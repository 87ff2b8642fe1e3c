"""Mail stores: mbox mailboxes read one message at a time, Outlook data files named but not read.

Thunderbird, old Evolution and /var/mail keep a folder of mail as one mbox file without an
extension ("Mail/Local Folders/Inbox", "ImapMail/imap.x/INBOX"); Google Takeout exports "….mbox".
Each message is scanned as an .eml is (Subject, bodies, attachments as nested files), with its
locations under "message N!". The file is streamed: one message at most (the part limit) is in
memory, whatever the mailbox size. Deleted messages that Thunderbird has not yet compacted away
are still in the file, and are read like the others: they are still on the disk.

Outlook .pst/.ost are a binary format with no reader here: they are reported as unsupported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from bmnn.scanner.channels import in_mail_store
from bmnn.scanner.extract.base import Blob, Budget, ExtractError, TextPart
from bmnn.scanner.extract.eml import Nested, extract_eml

PST_MAGIC = b"!BDN"  # Outlook personal folders (.pst) and offline folders (.ost), ANSI and Unicode
_LINE = 64 * 1024  # longest line read at once; a longer one is read in pieces
# "From sender Wed Jan  3 01:05:34 2024", Thunderbird's "From - Wed Jan …",
# Google Takeout's "From 1790…@xxx Tue Mar 12 10:00:00 +0000 2024"
_SEPARATOR = re.compile(rb"From \S+ +[A-Za-z]{3} +[A-Za-z]{3} +\d{1,2} +\d{1,2}:\d\d")
_QUOTED_FROM = re.compile(rb">+From ")
_HEADER = re.compile(rb"[!-9;-~]+:[ \t]")
_MESSAGE_HEADERS = re.compile(rb"^(?:From|Subject|Date|Message-ID|Received|Return-Path|To):", re.I | re.M)


def looks_like_mbox(head: bytes) -> bool:
    """An mbox starts with a "From " line followed by a header line."""
    if not head.startswith(b"From "):
        return False
    first, _, rest = head.partition(b"\n")
    return len(first) < 1000 and _HEADER.match(rest) is not None


def looks_like_message(head: bytes) -> bool:
    """A single RFC 822 message (a Maildir or MH file): header lines, one of them a message header."""
    if _HEADER.match(head) is None:
        return False
    headers = head.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    return _MESSAGE_HEADERS.search(headers) is not None


def mail_store_kind(path: str, name: str, head: bytes) -> str | None:
    """"pst", "mbox" or "eml" for a file that is no known document, or None.

    Only inside a mail client's folders (or /var/mail) is a file without a document extension
    taken for a mailbox or a message, so that a stray text file starting with "From " elsewhere
    is left alone; a "….mbox" file is a mailbox anywhere. The path is looked at last: most files
    that reach here (programs, pictures) fail on their first bytes."""
    if head.startswith(PST_MAGIC):
        return "pst"
    if looks_like_mbox(head):
        return "mbox" if name.lower().endswith(".mbox") or in_mail_store(path) else None
    if looks_like_message(head) and in_mail_store(path):
        return "eml"
    return None


def extract_pst(blob: Blob, kind: str) -> Iterator[TextPart]:
    """Outlook data files are not read: say so, rather than pass them as clean files."""
    raise ExtractError("unsupported", blob.loc("Outlook data file"))


def extract_mbox(blob: Blob, kind: str, nested: Nested) -> Iterator[TextPart]:
    """Every message as an .eml under "message N!"; a bad or oversize message is reported after the
    others were read. A mailbox on disk gives each message its own decompression budget (they are
    separate mails); one found inside an archive shares the archive's."""
    failure: ExtractError | None = None
    with blob.open() as handle:
        for number, data in _messages(handle, blob.limits.max_part_bytes):
            where = f"message {number}"
            try:
                yield from _message(blob, where, data, nested)
            except ExtractError as exc:
                failure = failure or exc
    if failure is not None:
        raise failure


def _message(blob: Blob, where: str, data: bytes | None, nested: Nested) -> Iterator[TextPart]:
    if data is None:
        raise ExtractError("too large", blob.loc(where))
    budget = Budget(blob.limits) if blob.data is None else blob.budget
    child = Blob(name=where, data=data, prefix=blob.loc(where + "!"), depth=blob.depth, budget=budget)
    try:
        yield from extract_eml(child, "eml", nested)
    except ExtractError:
        raise
    except Exception as exc:  # the email package fails in assorted ways on broken mail: not the rest
        raise ExtractError("corrupt", blob.loc(where)) from exc


def _messages(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(number from 1, message bytes or None when past `limit`), reading at most _LINE at a time."""
    reader = _MessageReader(limit)
    at_line_start = True
    while line := handle.readline(_LINE):
        if at_line_start and line.startswith(b"From ") and reader.is_separator(line):
            yield from reader.finish()
            reader.start()
            _skip_rest_of_line(handle, line)
            at_line_start = True
            continue
        reader.add(line, at_line_start)
        at_line_start = line.endswith(b"\n")
    yield from reader.finish()


def _skip_rest_of_line(handle: BinaryIO, line: bytes) -> None:
    while line and not line.endswith(b"\n"):
        line = handle.readline(_LINE)


class _MessageReader:
    """The message being gathered: its lines, kept only while under the size limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.number = 0
        self.chunks: list[bytes] = []
        self.size = 0
        self.open = False
        self.over = False
        self.previous_blank = True

    def is_separator(self, line: bytes) -> bool:
        """mboxo/mboxrd: a "From " line that opens the file, follows a blank line or carries a date."""
        return not self.open or self.previous_blank or _SEPARATOR.match(line) is not None

    def start(self) -> None:
        self.number += 1
        self.chunks, self.size, self.open, self.over, self.previous_blank = [], 0, True, False, False

    def add(self, line: bytes, at_line_start: bool) -> None:
        if not self.open:
            self.start()  # text before the first separator is read as a message too
        self.previous_blank = at_line_start and line in (b"\n", b"\r\n")
        if self.over:
            return
        if at_line_start and _QUOTED_FROM.match(line):
            line = line[1:]  # mboxrd: ">From " in a body was "From "
        self.size += len(line)
        if self.size > self.limit:
            self.over, self.chunks = True, []
        else:
            self.chunks.append(line)

    def finish(self) -> Iterator[tuple[int, bytes | None]]:
        if self.open:
            yield self.number, None if self.over else b"".join(self.chunks)
            self.open, self.chunks = False, []


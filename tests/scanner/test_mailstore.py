"""Mail stores: mbox mailboxes read message by message with bounded memory, Outlook files named."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest

from bmnn.scanner.extract import ExtractError, Limits, TextPart, extract, file_type
from bmnn.scanner.marks import find_marks
from tests.scanner import corpus

STAMPED = corpus.docx_bytes(["Nội dung kế hoạch"], header=["TỐI MẬT"])
INBOX = ".thunderbird/ab12.default-release/Mail/Local Folders/Inbox"


def kind_of(path: Path) -> str | None:
    with path.open("rb") as handle:
        return file_type(path, handle.read(8192))


def read_all(path: Path, limits: Limits | None = None) -> tuple[list[TextPart], ExtractError | None]:
    """Every part, and the error raised after them (if any)."""
    parts: list[TextPart] = []
    kind = kind_of(path)
    assert kind is not None
    try:
        for part in extract(path, kind, limits or Limits()):
            parts.append(part)
    except ExtractError as error:
        return parts, error
    return parts, None


def messages() -> list[bytes]:
    return [
        corpus.eml_bytes("Lịch họp", "Chào anh.\nFrom now on we meet on Monday.", {}),
        corpus.eml_bytes("Gửi báo cáo", "Gửi kèm báo cáo.", {"bc.docx": STAMPED}),
        corpus.eml_bytes("Trả lời", "Đã nhận.\n\nFrom the office: thanks.", {}),
    ]


def test_mbox_in_thunderbird_profile_is_read_message_by_message(tmp_path: Path) -> None:
    path = corpus.write(tmp_path / INBOX, corpus.mbox_bytes(messages()))
    assert kind_of(path) == "mbox"
    parts, error = read_all(path)
    assert error is None
    texts = {part.location: part.text for part in parts}
    assert texts["message 1!Subject"] == "Lịch họp"
    assert texts["message 1!body"] == "Chào anh.\nFrom now on we meet on Monday."  # ">From " unquoted
    assert texts["message 3!body"] == "Đã nhận.\n\nFrom the office: thanks."  # not split there
    assert texts["message 2!bc.docx!word/header1.xml"] == "TỐI MẬT"
    assert [(m.level, m.location) for m in find_marks(parts)] == [
        ("toi_mat", "message 2!bc.docx!word/header1.xml")]


def test_separators_of_other_writers_and_crlf(tmp_path: Path) -> None:
    body = corpus.mbox_bytes(messages()[1:2], separator=b"From 1790123@xxx Tue Mar 12 10:00:00 +0000 2026")
    takeout = corpus.write(tmp_path / "Takeout" / "Mail" / "Tất cả thư.mbox", body)
    assert kind_of(takeout) == "mbox"
    assert find_marks(read_all(takeout)[0])[0].location == "message 1!bc.docx!word/header1.xml"
    crlf = corpus.write(tmp_path / ".thunderbird" / "p" / "Mail" / "Sent",
                        corpus.mbox_bytes(messages()).replace(b"\n", b"\r\n"))
    parts, error = read_all(crlf)
    assert error is None
    assert {p.location.split("!")[0] for p in parts} == {"message 1", "message 2", "message 3"}


def test_mailbox_detection_needs_a_mail_store_or_the_mbox_extension(tmp_path: Path) -> None:
    data = corpus.mbox_bytes(messages())
    assert kind_of(corpus.write(tmp_path / "notes" / "Inbox", data)) is None  # a stray file elsewhere
    assert kind_of(corpus.write(tmp_path / "var" / "mail" / "vanthu", data)) == "mbox"
    plain = b"From the desk of the director\nnot a mailbox\n"
    assert kind_of(corpus.write(tmp_path / INBOX.replace("Inbox", "Notes"), plain)) is None
    index = b"// <!-- <mdb:mork:z v=1.4/> -->"
    assert kind_of(corpus.write(tmp_path / INBOX.replace("Inbox", "Inbox.msf"), index)) is None


def test_single_message_without_extension_in_a_mail_store_is_an_eml(tmp_path: Path) -> None:
    mail = corpus.eml_bytes("Kế hoạch", "Xem tệp.", {"kh.docx": STAMPED})
    message = b"Date: Mon, 05 Jan 2026 09:00:00 +0700\n" + mail  # a first header sniffing does not know
    maildir = tmp_path / ".local/share/evolution/mail/local/cur/1767578400.12_3.may:2,S"
    assert kind_of(corpus.write(maildir, message)) == "eml"
    assert kind_of(corpus.write(tmp_path / "notes" / "1767578400.12_3.may:2,S", message)) is None
    assert find_marks(read_all(maildir)[0])[0].location == "kh.docx!word/header1.xml"


def test_oversize_message_is_reported_after_the_others_with_memory_bounded(tmp_path: Path) -> None:
    path = tmp_path / INBOX
    path.parent.mkdir(parents=True)
    first = last = messages()[1]
    with path.open("wb") as out:
        out.write(corpus.mbox_bytes([first]))
        out.write(b"From - Mon Jan  5 09:00:00 2026\nSubject: big\n\n")
        for _ in range(120):  # 120 MB on one line: read in pieces, never held whole
            out.write(b"x" * 1024 * 1024)
        out.write(b"\n\n")
        out.write(corpus.mbox_bytes([last]))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    parts, error = read_all(path, Limits(max_part_bytes=8 * 1024**2))
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before < 60 * 1024  # KiB on Linux
    assert error is not None and str(error) == "too large: message 2"
    assert [m.location for m in find_marks(parts)] == ["message 1!bc.docx!word/header1.xml",
                                                       "message 3!bc.docx!word/header1.xml"]


def test_a_message_with_a_broken_attachment_does_not_hide_the_next(tmp_path: Path) -> None:
    broken = corpus.eml_bytes("Hỏng", "x", {"cut.docx": STAMPED[:700]})
    path = corpus.write(tmp_path / INBOX, corpus.mbox_bytes([broken, messages()[1]]))
    parts, error = read_all(path)
    assert error is not None and error.reason == "truncated"
    assert [m.location for m in find_marks(parts)] == ["message 2!bc.docx!word/header1.xml"]


@pytest.mark.parametrize("name", ["vanthu@example.vn.ost", "Lưu trữ 2025.pst", "archive"])
def test_outlook_data_files_are_named_unsupported(tmp_path: Path, name: str) -> None:
    path = corpus.write(tmp_path / "Outlook Files" / name, b"!BDN" + bytes(4096))
    assert kind_of(path) == "pst"
    with pytest.raises(ExtractError) as error:
        list(extract(path, "pst"))
    assert str(error.value) == "unsupported: Outlook data file"

"""OpenDocument (.odt .ods .odp): content.xml, styles.xml (page headers/footers live there), meta.xml."""

from __future__ import annotations

from collections.abc import Iterator

from bmnn.scanner.extract.base import Blob, TextPart
from bmnn.scanner.extract.xmltext import xml_texts
from bmnn.scanner.extract.zipread import open_zip, read_member

_PARTS = ("content.xml", "styles.xml", "meta.xml")


def extract_odf(blob: Blob, kind: str) -> Iterator[TextPart]:
    """Text parts of an OpenDocument file, including embedded objects' content.xml."""
    with open_zip(blob) as archive:
        for info in archive.infolist():
            if info.filename.rsplit("/", 1)[-1] in _PARTS:
                for text in xml_texts(read_member(archive, info, blob)):
                    if text.strip():
                        yield blob.part(info.filename, text)

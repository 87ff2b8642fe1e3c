"""Text normalisation shared by the extractors, the mark finder and the catalog matcher.

`normalize` makes text NFC (Vietnamese typed with combining marks becomes precomposed; text typed
in the legacy TCVN3 or VNI encodings is converted first, see legacy.py), drops
invisible characters, and collapses whitespace within a line. A tab — or a run of three or more
spaces, as `pdftotext -layout` writes between columns — is kept as one tab: a column separator,
so a stamp in a header column does not join the text of the next column.
`fold` is for catalog phrases only: lowercase, no diacritics, đ → d, one character per character.
"""

from __future__ import annotations

import re
import unicodedata

from bmnn.scanner.legacy import convert, looks_legacy

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_ODD_NEWLINE = re.compile("[\r\u2028\u2029\x0b\x0c\x85]")
_ODD = re.compile(
    "[\u00ad\u200b\u200c\u200d\u2060\ufeff\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\r\u2028\u2029\x0b\x0c\x85]"
)
# Spaces and tabs around a tab, and runs of 3+ spaces: one tab. Two patterns, each run only when
# a substring test finds work: one pattern starting with " *" would try every position of the text.
_TAB_RUN = re.compile(r"(?: +\t|\t)[ \t]*")
_WIDE_GAP = re.compile(r"    *")  # written so, the regex engine searches for its literal prefix
_DOUBLE = re.compile(r"   *")


def normalize(text: str) -> str:
    """NFC, invisible characters removed, whitespace collapsed within each line.

    Each regex runs only when a cheap substring test says it has work: text arrives at 100+ MB/s.
    """
    legacy = looks_legacy(text)  # first: TCVN3 writes "ư" as the soft hyphen dropped below
    if legacy:
        text = convert(text, legacy)
    if _ODD.search(text):
        text = _INVISIBLE.sub("", text.replace("\r\n", "\n"))
        text = _ODD_NEWLINE.sub("\n", _ODD_SPACE.sub(" ", text))
    text = unicodedata.normalize("NFC", text)
    if "   " in text:
        text = _WIDE_GAP.sub("\t", text)
    if "\t" in text and ("\t " in text or " \t" in text or "\t\t" in text):
        text = _TAB_RUN.sub("\t", text)
    if "  " in text:
        text = _DOUBLE.sub(" ", text)
    # Line edges stripped line by line: far faster than a multi-line regex on long text.
    text = "\n".join([line.strip(" \t") for line in text.split("\n")])
    return text.strip("\n")


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base[0] if base else char


_FOLD_CACHE: dict[str, str] = {}


def fold(text: str) -> str:
    """Lowercase without diacritics; the result has exactly one character per input character."""
    out = []
    for char in text:
        folded = _FOLD_CACHE.get(char)
        if folded is None:
            folded = _fold_char(char) if ord(char) > 127 else char.lower()
            _FOLD_CACHE[char] = folded
        out.append(folded)
    return "".join(out)

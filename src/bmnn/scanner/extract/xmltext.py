"""Fast text out of document XML: paragraph ends become newlines, text nodes are kept, entities
unescape.

Text is taken as the text nodes (`>…<`) in one findall, not by deleting tags: most of an office
XML part is tags back to back, and a findall that keeps only what lies between them runs about
three times faster than a substitution that removes each of them (measured on LibreOffice .docx
bodies: 130–160 against 40–45 MB/s of XML)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from xml.etree import ElementTree

_TEXT_NODE = re.compile(r">([^<]+)<")
_NUMREF = re.compile(r"&#([0-9]{1,7}|[xX][0-9a-fA-F]{1,6});")
_OTHER_REF = re.compile(r"&(?!lt;|gt;|quot;|apos;|amp;)[A-Za-z]")
_REF_CACHE: dict[str, str] = {}
# Ends of paragraphs, cells' shared strings, comment authors and texts, properties; and both edges
# of a Word text box, whose paragraphs sit inside the paragraph that anchors it.
_PARA_END = re.compile(
    r"</(?:w:p|a:p|text:p|text:h|si|x:si|author|text|dc:[a-z]+|cp:[a-z]+|dcterms:[a-z]+|vt:lpwstr"
    r"|vt:lpstr|meta:[a-z-]+|w:txbxContent)>|<(?:w:br|w:cr|a:br|text:line-break)\b[^>]*>|<w:txbxContent>"
)
_TAB = re.compile(r"<(?:w:tab|text:tab)\b[^>]*/>|</w:tc>|</a:tc>|</table:table-cell>")
_TAB_PROBES = ("<w:tab", "<text:tab", "</w:tc>", "</a:tc>", "</table:table-cell>")
_SPACE = re.compile(r"<text:s\b[^>]*/>")
# Field codes, fallback copies of drawings, and the numbers and words that place a drawing on
# the page or the grid (they would glue onto the text beside it: "MẬT" + "center" + "1234"); and
# comments. Each is cut out by str.find, only where present: a regex trying every "<" of a large
# part cost more than all the rest of the extraction.
_DROPPED = ("w:instrText", "w:delInstrText", "mc:Fallback", "wp:posOffset", "wp:align", "wp14:pctWidth",
            "wp14:pctHeight", "xdr:from", "xdr:to", "anchor")


CHUNK_BYTES = 4 * 1024 * 1024
_CUTS = (b"</w:p>", b"</a:p>", b"</text:p>", b"</text:h>", b"</si>", b"</table:table-row>", b"</w:tr>")


# A Word part (document, header, footer, notes, comments) keeps its text in a handful of elements:
# one findall takes those and the breaks between them, twice as fast as the general passes and
# with the same text (checked on every Word part of the scan bench). Field codes, drawing positions
# and the like are never among them; only a drawing's fallback copy must go first.
_WORD_TOKEN = re.compile(
    r"<(?:w:t|w:delText|m:t|a:t)(?:\s[^>]*)?>([^<]*)</(?:w:t|w:delText|m:t|a:t)>"
    r"|<(/w:p|/a:p|w:br|a:br|w:cr|/w:tc|w:tab|w:txbxContent|/w:txbxContent)\b[^>]*>"
)
_WORD_MARKS = {"/w:p": "\n", "/a:p": "\n", "w:br": "\n", "a:br": "\n", "w:cr": "\n", "/w:tc": "\t",
               "w:tab": "\t", "w:txbxContent": "\n", "/w:txbxContent": "\n"}


def xml_text(data: bytes) -> str:
    """Visible text of one XML part, paragraphs on their own lines, cells separated by tabs."""
    text = data.decode("utf-8", errors="replace")
    if b"<w:" in data[:4096]:
        return word_text(text)
    return markup_text(text)


def word_text(text: str) -> str:
    """`markup_text` of WordprocessingML, by its text elements."""
    if "<mc:Fallback" in text:
        text = _drop(text, "<mc:Fallback", "</mc:Fallback>")
    if "<!--" in text:
        text = _drop(text, "<!--", "-->")
    pieces = [_WORD_MARKS[mark] if mark else node for node, mark in _WORD_TOKEN.findall(text)]
    return unescape("".join(pieces))


def xml_texts(data: bytes) -> Iterator[str]:
    """`xml_text` of a part in pieces of about CHUNK_BYTES cut after a paragraph, so a 60 MB body
    never sits in memory as text several times over (decoded, substituted, joined)."""
    start = 0
    while len(data) - start > CHUNK_BYTES:
        ends = [at + len(end) for end in _CUTS if (at := data.rfind(end, start, start + CHUNK_BYTES)) >= 0]
        cut = max(ends, default=data.rfind(b">", start, start + CHUNK_BYTES) + 1)  # else after a tag
        if cut <= start:
            cut = start + CHUNK_BYTES
        yield xml_text(data[start:cut])
        start = cut
    yield xml_text(data[start:])


def markup_text(text: str) -> str:
    """`xml_text` of already decoded XML (a whole part, or fragments that end with a tag).

    Each pass runs only when a substring test (C speed) says it has work: most parts hold no field
    codes, comments, tabs or ODF spaces. Breaks and tabs replace their tags, so they stand as text
    nodes of their own between two tags.
    """
    for name in _DROPPED:
        if "<" + name in text:
            text = _drop(text, "<" + name, "</" + name + ">")
    if "<!--" in text:
        text = _drop(text, "<!--", "-->")
    text = _PARA_END.sub("\n", text)
    if any(probe in text for probe in _TAB_PROBES):
        text = _TAB.sub("\t", text)
    if "<text:s" in text:
        text = _SPACE.sub(" ", text)
    return unescape("".join(_TEXT_NODE.findall(f">{text}<")))  # text at either edge counts too


def _drop(text: str, opening: str, closing: str) -> str:
    """`text` without each element from `opening` (a whole tag name) to its `closing`."""
    kept, position = [], 0
    while (start := text.find(opening, position)) >= 0:
        after = text[start + len(opening) : start + len(opening) + 1]
        if opening[1].isalpha() and after not in (" ", ">", "/"):  # a longer name: not this element
            kept.append(text[position : start + 1])
            position = start + 1
            continue
        tag_end = text.find(">", start)
        if tag_end > 0 and text[tag_end - 1] == "/" and opening[1].isalpha():  # <name …/>: empty
            kept.append(text[position:start])
            position = tag_end + 1
            continue
        end = text.find(closing, start)
        if end < 0:
            break
        kept.append(text[position:start])
        position = end + len(closing)
    kept.append(text[position:])
    return "".join(kept)


def unescape(text: str) -> str:
    """XML entities and character references; numeric ones cached (sheets may hold millions)."""
    if "&" not in text:
        return text
    if text.count("&#", 0, 100_000) > 1000:  # many references: let expat (C) decode them
        try:
            return ElementTree.fromstring(f"<r>{text}</r>").text or ""
        except ElementTree.ParseError:
            pass
    if "&#" in text:
        text = _NUMREF.sub(_numref, text)
    if "&" in text:
        if text.count("&") == text.count("&amp;"):  # the usual case: one replace, not five
            return text.replace("&amp;", "&")
        text = html.unescape(text) if _OTHER_REF.search(text) else _named(text)
    return text


def _numref(match: re.Match[str]) -> str:
    ref = match.group(0)
    char = _REF_CACHE.get(ref)
    if char is None:
        digits = match.group(1)
        code = int(digits[1:], 16) if digits[0] in "xX" else int(digits)
        char = chr(code) if 0 < code < 0x110000 else "\ufffd"
        _REF_CACHE[ref] = char
    return char


def _named(text: str) -> str:
    for ref, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(ref, char)
    return text

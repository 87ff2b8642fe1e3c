"""Plain text (.txt) and HTML: BOM, then UTF-8, then cp1258 (Vietnamese Windows code page)."""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Iterator

from bmnn.scanner.extract.base import Blob, TextPart
from bmnn.scanner.legacy import single_byte_codec

_CHUNK = 8 * 1024 * 1024
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_DROP = re.compile(r"<(script|style|head|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.S | re.I)
_BLOCK = re.compile(
    r"<(?:br|/p|/div|/h[1-6]|/li|/tr|/table|/blockquote|/pre|/section|/header|/footer)\b[^>]*>", re.I
)
_CELL = re.compile(r"</t[dh]\s*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_PRE = re.compile(r"(<pre\b[^>]*>.*?</pre\s*>)", re.S | re.I)
_SPACES = re.compile(r"\s+")
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_META_TAG = re.compile(r"<meta\b[^>]*>", re.I)
_NAME = re.compile(r"""\bname\s*=\s*(["'])(.*?)\1""", re.I | re.S)
_CONTENT = re.compile(r"""\bcontent\s*=\s*(["'])(.*?)\1""", re.I | re.S)
_TOOL_META = {"generator", "created", "changed", "viewport", "robots", "referrer", "theme-color", "progid",
              "originator", "color-scheme", "format-detection"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)


def guess_encoding(head: bytes) -> str:
    """BOM first; UTF-8 if the sample decodes (a cut multibyte tail is allowed); bytes of a legacy
    Vietnamese font encoding (TCVN3, VNI) as Latin-1, for normalize to convert; else cp1258."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return single_byte_codec(head)
    return "utf-8"


def extract_txt(blob: Blob, kind: str) -> Iterator[TextPart]:
    """Read in 8 MB chunks cut at line ends, so a huge log stays in bounded memory."""
    with blob.open() as handle:
        chunk = handle.read(_CHUNK)
        decoder = codecs.getincrementaldecoder(guess_encoding(chunk))(errors="replace")
        carry = ""
        while chunk:
            following = handle.read(_CHUNK)
            text = carry + decoder.decode(chunk, final=not following)
            cut = text.rfind("\n") + 1 if following else len(text)
            if text[:cut].strip():
                yield blob.part("text", text[:cut])
            carry, chunk = text[cut:], following


def extract_html(blob: Blob, kind: str) -> Iterator[TextPart]:
    """Visible text and title; scripts, styles and comments dropped, entities unescaped."""
    data = blob.read_all(blob.limits.max_part_bytes)
    declared = _CHARSET.search(data[:4096])
    encoding = declared.group(1).decode("ascii").lower() if declared else guess_encoding(data)
    try:
        text = data.decode(encoding, errors="replace")
    except LookupError:
        text = data.decode(guess_encoding(data), errors="replace")
    yield from html_parts(blob, text)


def html_parts(blob: Blob, text: str, names: tuple[str, str] = ("title", "body")) -> Iterator[TextPart]:
    """Parts `names` (title, body), "properties" (meta tags people fill in) and "comments".

    Whitespace collapses as a browser shows it (a word processor's export wraps lines anywhere,
    even inside a stamp), except in <pre>. Office suites write document comments as HTML
    comments and document properties as meta tags, so both are read."""
    title = _TITLE.search(text)
    if title:
        yield blob.part(names[0], html.unescape(_TAG.sub("", title.group(1))))
    properties = [html.unescape(value) for name, value in _meta(text) if name.lower() not in _TOOL_META]
    if properties:
        yield blob.part("properties", "\n".join(properties))
    comments = [c for c in _COMMENT.findall(text) if not c.startswith("[")]  # [if IE] is code
    if any(comment.strip() for comment in comments):
        yield blob.part("comments", "\n".join(html.unescape(" ".join(c.split())) for c in comments))
    body = _CELL.sub("\t", _BLOCK.sub("\n", _collapse(_DROP.sub("", text))))
    body = html.unescape(_TAG.sub("", body))
    if body.strip():
        yield blob.part(names[1], body)


def _collapse(text: str) -> str:
    """Runs of whitespace become one space, outside <pre> blocks."""
    pieces = _PRE.split(text)
    return "".join(piece if index % 2 else _SPACES.sub(" ", piece) for index, piece in enumerate(pieces))


def _meta(text: str) -> Iterator[tuple[str, str]]:
    for tag in _META_TAG.findall(text[: text.find("</head>") if "</head>" in text else 65536]):
        name, content = _NAME.search(tag), _CONTENT.search(tag)
        if name and content:
            yield name.group(2), content.group(2)

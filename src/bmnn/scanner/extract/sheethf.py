"""Excel page header and footer codes (&L &C &R sections, &P page, &"font" …) to plain lines;
the same codes in .xlsx (oddHeader…) and .xls (HEADER/FOOTER records)."""

from __future__ import annotations

import re

# &K is a colour: six hex digits (&KFF0000, red, a stamp's usual colour) or a theme colour (&K01+000).
_CODE = re.compile(r'&K(?:[0-9A-Fa-f]{6}|\d\d[+-]\d{3})|&"[^"]*"|&\d+|&[PNDTZFAGKBISUXYEH]')
_SECTION = re.compile(r"&[LCR]")


def header_footer_text(code: str) -> str:
    """Each of the left, centre and right sections on its own line; "&&" is a literal "&"."""
    return _SECTION.sub("\n", _CODE.sub("", code.replace("&&", "\x00"))).replace("\x00", "&")

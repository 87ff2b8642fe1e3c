"""Vietnamese typed before Unicode: TCVN3 (ABC, ".VnTime" fonts) and VNI-Windows ("VNI-Times").

Such a document stores one byte per glyph and leaves the font to draw Vietnamese, so a reader
sees "B¶o c¸o" for "Báo cáo" (TCVN3) or "Baùo caùo" (VNI). Text that holds no Vietnamese letter
yet shows many of these signatures is converted; a stamp typed that way is then found like any
other. In TCVN3 capitals come from a separate font (".VnTimeH") drawing the lower-case codes, so a
converted word whose plain letters are all capitals ("MËT" → "MậT") is put in capitals ("MẬT").

Sources: the TCVN3 table is glibc's TCVN5712-1 for bytes 0xA0–0xFF (`iconv -f TCVN5712-1`), which
agrees with the ABC font layout; VNI-Windows composes a base letter with one or two following
marks, after the VNI font layout. Both are checked in tests against known words.
"""

from __future__ import annotations

import re

_TCVN3_HIGH = (
    "\xa0\u0102\xc2\xca\xd4\u01a0\u01af\u0110\u0103\xe2\xea\xf4\u01a1\u01b0\u0111\u1eb0\u0300\u0309"
    "\u0303\u0301\u0323\xe0\u1ea3\xe3\xe1\u1ea1\u1eb2\u1eb1\u1eb3\u1eb5\u1eaf\u1eb4\u1eae\u1ea6\u1ea8"
    "\u1eaa\u1ea4\u1ec0\u1eb7\u1ea7\u1ea9\u1eab\u1ea5\u1ead\xe8\u1ec2\u1ebb\u1ebd\xe9\u1eb9\u1ec1\u1ec3"
    "\u1ec5\u1ebf\u1ec7\xec\u1ec9\u1ec4\u1ebe\u1ed2\u0129\xed\u1ecb\xf2\u1ed4\u1ecf\xf5\xf3\u1ecd\u1ed3"
    "\u1ed5\u1ed7\u1ed1\u1ed9\u1edd\u1edf\u1ee1\u1edb\u1ee3\xf9\u1ed6\u1ee7\u0169\xfa\u1ee5\u1eeb\u1eed"
    "\u1eef\u1ee9\u1ef1\u1ef3\u1ef7\u1ef9\xfd\u1ef5\u1ed0"
)
TCVN3 = str.maketrans({chr(0xA0 + index): char for index, char in enumerate(_TCVN3_HIGH)})

# VNI: a vowel, then its marks as Latin-1 letters (lower / upper case alike).
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_HAT_TONES = {"á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}  # â ê ô
_VNI_BREVE_TONES = {"é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}  # ă
_VNI_SINGLE = {"ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "í": "í", "Í": "Í", "ì": "ì",
               "Ì": "Ì", "æ": "ỉ", "Æ": "Ỉ", "ó": "ĩ", "Ó": "Ĩ", "ò": "ị", "Ò": "Ị", "î": "ỵ", "Î": "Ỵ"}
_VNI_SINGLE_TABLE = str.maketrans(_VNI_SINGLE)
_VNI_PAIR = re.compile("([aeoAEOuUyYơƠưƯ])([ùøûõïÙØÛÕÏ])|([aeoAEO])([áàåãäÁÀÅÃÄâÂ])|([aA])([éèúüëÉÈÚÜËêÊ])")
# Unicode Vietnamese, precomposed or with combining tone marks (as Windows-1258 writes it).
_VIET = re.compile("[\u1ea0-\u1ef9ăĂơƠưƯđĐ\u0300\u0301\u0303\u0309\u0323]")
_HIGH = re.compile("[\xa0-\xff]")
# Signatures: TCVN3 draws à á ả ã ạ ă â ê ô ơ ư đ ằ ắ ẳ ẵ ì ữ with codes that are symbols in Latin-1
# ("c¸c", "®Ò", "t×nh"), which VNI never uses; VNI puts its marks after a vowel ("caùc", "ñeà").
_TCVN3_ONLY = "[\xa8-\xae\xb5-\xbe\xd7\xf7]"
_TCVN3_SIGNS = re.compile(f"(?<=[a-zA-Z]){_TCVN3_ONLY}|{_TCVN3_ONLY}(?=[a-zA-Z])")
_VNI_SIGNS = re.compile("[aeiouyAEIOUY][ùøûõïáàåãäéèúüëâêÙØÛÕÏÁÀÅÃÄÉÈÚÜËÂÊ]|[ñÑ][a-zA-Z]")
# A stamp alone (a header, a text box) is too short for the counts: known spellings decide.
_TCVN3_STAMP = re.compile("(?<!\\w)(?:(?:TUYÖT|tuyÖt|TèI|tèi) )?(?:MËT|mËt)(?!\\w)")
_VNI_STAMP = re.compile("(?<!\\w)(?:(?:TUYEÄT|TOÁI) )?MAÄT(?!\\w)")
_CP1258_TONES = re.compile("[\u0300\u0301\u0303\u0309\u0323]")
_WORD = re.compile(r"\w+")
MIN_SIGNS = 4
MIN_SHARE = 0.25  # signs per word: most Vietnamese syllables carry a mark; French or German few


def looks_legacy(text: str) -> str | None:
    """"tcvn3" or "vni" when `text` is Vietnamese in a legacy encoding, else None."""
    if _VIET.search(text) or not _HIGH.search(text):
        return None
    if _TCVN3_STAMP.search(text):
        return "tcvn3"
    if _VNI_STAMP.search(text):
        return "vni"
    tcvn3, vni = len(_TCVN3_SIGNS.findall(text)), len(_VNI_SIGNS.findall(text))
    signs = max(tcvn3, vni)
    if signs < MIN_SIGNS or signs < MIN_SHARE * len(_WORD.findall(text)):
        return None
    return "tcvn3" if tcvn3 > vni else "vni"


def single_byte_codec(raw: bytes) -> str:
    """How to decode bytes that are not UTF-8: "latin-1" for TCVN3 or VNI (normalize converts them),
    else "cp1258". Windows-1258 also shows vowels before ê/â/á, like VNI, but writes its tones as
    combining marks: VNI wins only with more marks after vowels than Windows-1258 has tones."""
    latin = raw.decode("latin-1")
    kind = looks_legacy(latin)
    if kind == "tcvn3":
        return "latin-1"
    if kind == "vni":
        tones = len(_CP1258_TONES.findall(raw.decode("cp1258", errors="replace")))
        return "latin-1" if len(_VNI_SIGNS.findall(latin)) > tones else "cp1258"
    return "cp1258"


def convert(text: str, kind: str) -> str:
    """Unicode (precomposed after the caller's NFC) of legacy text."""
    if kind == "tcvn3":
        return _WORD.sub(_capitals, text.translate(TCVN3))
    return _vni(text)


def _capitals(match: re.Match[str]) -> str:
    """A ".VnTimeH" word: plain letters typed as capitals, marked letters drawn as capitals."""
    word = match.group(0)
    plain = [char for char in word if "a" <= char.lower() <= "z"]
    if plain and all(char.isupper() for char in plain) and not word.isupper():
        return word.upper()
    return word


def _vni(text: str) -> str:
    def pair(match: re.Match[str]) -> str:
        vowel, tone, hat_vowel, hat_mark, breve_vowel, breve_mark = match.groups()
        if vowel is not None:
            return vowel + _VNI_TONES[tone.lower()]
        if hat_vowel is not None:
            mark = hat_mark.lower()
            return hat_vowel + "\u0302" + _VNI_HAT_TONES.get(mark, "")
        mark = breve_mark.lower()
        return breve_vowel + "\u0306" + _VNI_BREVE_TONES.get(mark, "")

    return _VNI_PAIR.sub(pair, text.translate(_VNI_SINGLE_TABLE))

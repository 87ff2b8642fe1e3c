"""Phrases of catalog items (danh mục bí mật nhà nước) matched in extracted text.

Unlike secrecy marks, catalog phrases are matched diacritic-folded and case-insensitively, on
whole words: "de thi" typed without accents still hits "đề thi". A phrase index keyed by its first
word keeps matching linear in the text for thousands of phrases.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bmnn.scanner.extract.base import TextPart
from bmnn.scanner.textnorm import fold, normalize

EVIDENCE_CHARS = 80
_WORD = re.compile(r"\w+")


class CatalogFileInvalid(ValueError):
    """The catalog file is not a list of {item, phrases} nor bmnn's catalog format."""


@dataclass(frozen=True)
class _Phrase:
    item: str
    phrase: str
    words: tuple[str, ...]


class CatalogMatcher:
    """Finds the phrases of catalog items in text parts."""

    def __init__(self, items: Iterable[tuple[str, Iterable[str]]]) -> None:
        self._index: dict[str, list[_Phrase]] = {}
        for item, phrases in items:
            for phrase in phrases:
                words = tuple(_WORD.findall(fold(normalize(phrase))))
                if words:
                    entry = _Phrase(item, normalize(phrase), words)
                    self._index.setdefault(words[0], []).append(entry)

    @classmethod
    def from_file(cls, path: Path) -> CatalogMatcher:
        """Load YAML or JSON: [{item, phrases}], or bmnn's catalogs: [{decision, items: [...]}]."""
        text = path.read_text(encoding="utf-8-sig")
        data = json.loads(text) if path.suffix.lower() == ".json" else _yaml(text)
        return cls(_items(data))

    def find(self, parts: Iterable[TextPart]) -> list[dict[str, str]]:
        """Hits {"item","phrase","location","evidence"}, one per (item, phrase, location)."""
        hits: list[dict[str, str]] = []
        seen: set[tuple[str, str, str]] = set()
        for part in parts:
            for line in part.text.split("\n"):
                for entry, start, end in self._line_hits(line):
                    key = (entry.item, entry.phrase, part.location)
                    if key not in seen:
                        seen.add(key)
                        hits.append(_hit(entry, part.location, line, start, end))
        return hits

    def _line_hits(self, line: str) -> Iterable[tuple[_Phrase, int, int]]:
        tokens = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(fold(line))]
        for index, (word, start, _) in enumerate(tokens):
            for entry in self._index.get(word, ()):
                stop = index + len(entry.words)
                if stop <= len(tokens) and tuple(t[0] for t in tokens[index:stop]) == entry.words:
                    yield entry, start, tokens[stop - 1][2]


def _hit(entry: _Phrase, location: str, line: str, start: int, end: int) -> dict[str, str]:
    margin = max(0, (EVIDENCE_CHARS - (end - start)) // 2)
    left, right = max(0, start - margin), min(len(line), end + margin)
    evidence = line[left:right].replace("\t", " ").strip()
    evidence = ("…" if left else "") + evidence + ("…" if right < len(line) else "")
    return {"item": entry.item, "phrase": entry.phrase, "location": location, "evidence": evidence}


def _yaml(text: str) -> Any:
    import yaml

    return yaml.safe_load(text)


def _items(data: Any) -> list[tuple[str, list[str]]]:
    if isinstance(data, dict) and isinstance(data.get("catalogs"), list):
        return [pair for catalog in data["catalogs"] for pair in _catalog_items(catalog)]
    if not isinstance(data, list):
        raise CatalogFileInvalid("expected a list of {item, phrases}")
    items = []
    for entry in data:
        if not isinstance(entry, dict) or not isinstance(entry.get("phrases"), list):
            raise CatalogFileInvalid(f"bad entry: {entry!r}"[:200])
        items.append((str(entry.get("item", "")), [str(p) for p in entry["phrases"]]))
    return items


def _catalog_items(catalog: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """bmnn's catalog format; items without a `phrases` list have nothing to match and are left out."""
    pairs = []
    for item in catalog.get("items") or []:
        phrases = item.get("phrases") or []
        name = f"{catalog.get('decision', '')} Điều {item.get('article', '')} khoản {item.get('clause', '')}"
        if phrases:
            pairs.append((name, [str(p) for p in phrases]))
    return pairs

"""A tiny stand-in for extract/marks/catalog so runner tests do not depend on the real extractors.

`.txt` files are text; `.bad` files raise ExtractError; `.boom` files raise a plain exception;
`.hang` files never finish; `.die` files end their process, as a crashing decoder would;
a line "TỐI MẬT" is a mark; the phrase "đề thi" is a catalog hit.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class TextPart:
    location: str
    text: str
    laid_out: bool = False


class ExtractError(Exception):
    pass


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 1 << 20


@dataclass(frozen=True)
class Mark:
    kind: str
    level: str | None
    text: str
    location: str
    evidence: str


def file_type(path: Path, head: bytes) -> str | None:
    return {".txt": "txt", ".bad": "bad", ".boom": "boom", ".hang": "hang", ".die": "die"}.get(path.suffix)


def extract(path: Path, kind: str, limits: Limits) -> Iterator[TextPart]:
    if kind == "bad":
        raise ExtractError("corrupt")
    if kind == "boom":
        raise RuntimeError("extractor bug")
    if kind == "hang":
        time.sleep(3600)
    if kind == "die":
        os._exit(3)
    yield TextPart("text", path.read_text(encoding="utf-8"))


def find_marks(parts: Iterable[TextPart]) -> list[Mark]:
    return [
        Mark("level", "toi_mat", "TỐI MẬT", p.location, line)
        for p in parts
        for line in p.text.splitlines()
        if line.strip() == "TỐI MẬT"
    ]


class CatalogMatcher:
    def __init__(self, phrase: str) -> None:
        self.phrase = phrase

    @classmethod
    def from_file(cls, path: str) -> CatalogMatcher:
        return cls(Path(path).read_text(encoding="utf-8").strip())

    def find(self, parts: Iterable[TextPart]) -> list[dict[str, str]]:
        return [
            {"item": "mục 1", "phrase": self.phrase, "location": p.location, "evidence": self.phrase}
            for p in parts
            if self.phrase in p.text
        ]

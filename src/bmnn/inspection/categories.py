"""The finding categories of `data/findings.yaml`, loaded once: the one vocabulary that
detectors, checklists, incidents, pages, exports, reports and imports share."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

import yaml


class Detect(StrEnum):
    REGISTRY = "registry"
    SCAN = "scan"
    CHECKLIST = "checklist"
    INCIDENT = "incident"

    @property
    def label(self) -> str:
        return {
            "registry": "Từ dữ liệu của đơn vị",
            "scan": "Từ kết quả quét máy tính",
            "checklist": "Bảng kiểm (trả lời kèm bằng chứng)",
            "incident": "Sự cố được ghi nhận",
        }[self.value]


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    group: str
    counted: str
    detect: Detect
    remedy: str
    basis: str = ""
    ref261: int | None = None

    @property
    def group_title(self) -> str:
        return vocabulary().groups[self.group]


@dataclass(frozen=True)
class Section:
    """A section of letter 261/X05-P5, in its order, with the categories it reports."""

    number: int
    title: str
    category_ids: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    groups: dict[str, str]
    categories: tuple[Category, ...]
    sections: tuple[Section, ...]

    def by_id(self) -> dict[str, Category]:
        return {c.id: c for c in self.categories}


def _category(raw: dict[str, Any]) -> Category:
    detect = str(raw["detect"]).split("#")[0].strip()
    return Category(
        id=str(raw["id"]),
        title=str(raw["title"]),
        group=str(raw["id"]).split("-")[0],
        counted=str(raw["counted"]),
        detect=Detect(detect),
        remedy=str(raw["remedy"]),
        basis=str(raw.get("basis", "")),
        ref261=raw.get("ref261"),
    )


@cache
def vocabulary() -> Vocabulary:
    text = resources.files("bmnn.inspection.data").joinpath("findings.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    categories = tuple(_category(c) for c in data["categories"])
    sections = tuple(
        Section(i, str(s["title"]), tuple(s["categories"])) for i, s in enumerate(data["sections"], start=1)
    )
    return Vocabulary(dict(data["groups"]), categories, sections)


def categories() -> tuple[Category, ...]:
    return vocabulary().categories


def category(category_id: str) -> Category:
    """The category with this id; KeyError for an id findings.yaml does not define."""
    return vocabulary().by_id()[category_id]


def title(category_id: str) -> str:
    return category(category_id).title

"""The summary of an inspection from its imported rows: per category (findings.yaml order) the
total, the units, the localities and the footnote "Locality: count; …" in the letter's style."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from bmnn.inspection.categories import categories, category
from bmnn.lib.text import fold


class By(StrEnum):
    OLD_PROVINCE = "old-province"  # the names the rows gave
    PROVINCE = "province"  # the 34 provinces after the 2025 merger


class Order(StrEnum):
    APPEARANCE = "appearance"
    ALPHABET = "alphabet"


class Fact(NamedTuple):
    """One imported row, as plain data (a named tuple: a summary reads hundreds of thousands)."""

    locality: str
    province_new: str
    unit_code: str
    category: str
    count: int  # type: ignore[assignment]  # shadows tuple.count, which nothing here calls


@dataclass(frozen=True)
class Line:
    id: str
    title: str
    total: int
    units: int
    localities: tuple[tuple[str, int], ...]

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "title": self.title, "total": self.total, "units": self.units,
                "localities": [{"name": n, "count": c} for n, c in self.localities]}


def number(value: int) -> str:
    """A count as the letter writes it: "04" below 10, "1.576" with a dot for thousands."""
    return f"{value:02d}" if 0 <= value < 10 else f"{value:,}".replace(",", ".")


def footnote(line: Line) -> str:
    """ "Hà Nội: 04; Cần Thơ: 1.576" """
    return "; ".join(f"{name}: {number(count)}" for name, count in line.localities)


def sentence(line: Line) -> str:
    """ "1.576 văn bản thuộc 12 địa phương, 40 đơn vị", counting what the category counts
    (findings.yaml `counted`: văn bản, máy tính, đơn vị…); units are not counted twice."""
    noun = category(line.id).counted
    text = f"{number(line.total)} {noun} thuộc {number(len(line.localities))} địa phương"
    return text if noun == "đơn vị" else f"{text}, {number(line.units)} đơn vị"


def _ordered(counts: dict[str, int], order: Order) -> tuple[tuple[str, int], ...]:
    items = list(counts.items())  # in order of first appearance
    if order is Order.ALPHABET:
        items.sort(key=lambda item: (fold(item[0]), item[0]))
    return tuple(items)


@dataclass(slots=True)
class _Tally:
    total: int = 0
    units: set[str] = field(default_factory=set)
    places: dict[str, int] = field(default_factory=dict)  # in order of first appearance


def build(facts: Iterable[Fact], *, by: By = By.OLD_PROVINCE, order: Order = Order.APPEARANCE) -> list[Line]:
    """Per category that has rows, in findings.yaml order."""
    # One pass over the rows (a summary may read hundreds of thousands).
    tallies: dict[str, _Tally] = {}
    as_written = by is By.OLD_PROVINCE
    for fact in facts:
        tally = tallies.get(fact.category)
        if tally is None:
            tally = tallies[fact.category] = _Tally()
        tally.total += fact.count
        tally.units.add(fact.unit_code)
        name = fact.locality if as_written else fact.province_new
        tally.places[name] = tally.places.get(name, 0) + fact.count
    return [
        Line(c.id, c.title, t.total, len(t.units), _ordered(t.places, order))
        for c in categories() if (t := tallies.get(c.id)) is not None
    ]


def facts_of_period(period: str) -> list[Fact]:
    """The imported rows of a period, in import order."""
    from bmnn.summaries.models import FindingRow

    rows = FindingRow.objects.filter(period=period).order_by("id")
    values = rows.values_list("locality", "province_new", "unit_code", "category", "count")
    return list(map(Fact._make, values))


def as_json(lines: list[Line]) -> dict[str, object]:
    return {"categories": [line.as_dict() for line in lines]}


def as_markdown(lines: list[Line], period: str) -> str:
    out = [f"# Tổng hợp kết quả kiểm tra kỳ {period}", ""]
    for i, line in enumerate(lines, 1):
        out += [f"## {line.title} ({line.id})", "",
                f"{sentence(line)}[^{i}].", "", f"[^{i}]: {footnote(line)}", ""]
    if not lines:
        out.append("Không có dữ liệu của kỳ này.")
    return "\n".join(out).rstrip() + "\n"


def as_docx(lines: list[Line], period: str) -> bytes:
    import io

    from docx import Document

    from bmnn.reports.writers.docx_parts import base_font

    doc = Document()
    base_font(doc)
    doc.add_heading(f"Tổng hợp kết quả kiểm tra kỳ {period}", level=1)
    for line in lines:
        doc.add_heading(f"{line.title} ({line.id})", level=2)
        doc.add_paragraph(f"{sentence(line)}.")
        doc.add_paragraph().add_run(footnote(line)).italic = True
    if not lines:
        doc.add_paragraph("Không có dữ liệu của kỳ này.")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()

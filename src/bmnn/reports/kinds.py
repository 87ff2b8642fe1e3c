"""Report kinds as data (data/calendar.yaml): the one list pages, packages and the self-inspection
read. The law's own yearly deadline lives here; a receiving body's deadlines are rows (Deadline)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Yearly:
    data_from: tuple[int, int]  # month, day of the previous year
    data_to: tuple[int, int]
    due: tuple[int, int]

    def window(self, year: int) -> tuple[dt.date, dt.date, dt.date]:
        """Data from, data to and due date of the report for `year`."""
        return (dt.date(year - 1, *self.data_from), dt.date(year, *self.data_to), dt.date(year, *self.due))


@dataclass(frozen=True)
class ReportKind:
    id: str
    title: str
    basis: str
    confident: bool
    paper: tuple[str, str]  # the printed paper's name (BÁO CÁO, KẾ HOẠCH) and subject
    yearly: Yearly | None = None
    after_loss_days: int | None = None
    after_loss_confident: bool = True


def _month_day(text: str) -> tuple[int, int]:
    month, day = (int(part) for part in str(text).split("-"))
    dt.date(2024, month, day)  # a leap year: refuses a day no year has
    return month, day


@cache
def kinds() -> tuple[ReportKind, ...]:
    raw = yaml.safe_load(resources.files("bmnn.reports").joinpath("data/calendar.yaml").read_text("utf-8"))
    out = []
    for item in raw["kinds"]:
        yearly = item.get("yearly")
        out.append(
            ReportKind(
                id=item["id"],
                title=item["title"],
                basis=item["basis"],
                confident=item.get("confidence") == "confirmed",
            paper=(str(item["paper"][0]), str(item["paper"][1])),
                yearly=Yearly(
                    _month_day(yearly["data_from"]), _month_day(yearly["data_to"]), _month_day(yearly["due"])
                )
                if yearly
                else None,
                after_loss_days=item.get("after_loss_days"),
                after_loss_confident=item.get("after_loss_confidence", "confirmed") == "confirmed",
            )
        )
    return tuple(out)


def kind(kind_id: str) -> ReportKind:
    for item in kinds():
        if item.id == kind_id:
            return item
    raise KeyError(kind_id)


def choices() -> list[tuple[str, str]]:
    return [(k.id, k.title) for k in kinds()]


ANNUAL, FIVE_YEAR, ADHOC, REMEDIATION, PLAN = "annual", "five_year", "adhoc", "remediation", "plan"

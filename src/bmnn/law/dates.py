"""Calendar arithmetic the law needs (years counted from a day; deadlines in days)."""

from __future__ import annotations

import datetime as dt


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later; 29 February falls back to 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_days(day: dt.date, days: int) -> dt.date:
    return day + dt.timedelta(days=days)

"""Date arithmetic inside queries, the same on SQLite and PostgreSQL: a date column plus a whole
number of days or years (years keep the calendar day, as bmnn.law.dates.add_years does, except
that SQLite rolls 29 February over to 1 March where Python falls back to 28 February)."""

from __future__ import annotations

from typing import Any

from django.db.models import DateField, Func


class _Shift(Func):
    output_field = DateField()
    unit = "days"

    def __init__(self, expression: Any, amount: int) -> None:
        super().__init__(expression)
        self.amount = int(amount)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date({sql}, %s)", [*params, f"{self.amount:+d} {self.unit}"]

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql}) + make_interval({self.unit} => %s))::date", [*params, self.amount]


class AddDays(_Shift):
    unit = "days"


class AddYears(_Shift):
    unit = "years"

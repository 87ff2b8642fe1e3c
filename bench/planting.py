"""What the row planters share (bench/plant_docs.py, plant_moves.py, plant_life.py): the bulk
connection, a deterministic sampler that never hands the same record to two plants, the people
and their authority, the law's rules asked one record at a time (to write the truth), and
rewriting a register line's columns the way the action would have written them.

Planting runs after the bulk load, on the same plain sqlite3 connection. It changes legacy
rows in place (as a bulk load made before the rules were enforced would have left them) and
adds a few rows; it never touches register numbers, counters or audit events.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from bench.org import Org, UnitInfo
from bench.plant_org import OrgPlants
from bench.rows import fold_values, pack_for
from bench.truth import Truth
from bmnn.law.authority import copy_classes, delegable_classes
from bmnn.law.levels import Level

T = TypeVar("T")


@dataclass
class Planter:
    con: sqlite3.Connection
    org: Org
    plants: OrgPlants
    truth: Truth
    rng: random.Random
    today: dt.date
    first_year: int
    used: set[int] = field(default_factory=set)  # documents already given a violation
    units: dict[int, UnitInfo] = field(init=False)
    people: dict[int, tuple[UnitInfo, str]] = field(init=False)  # person → unit, authority class

    def __post_init__(self) -> None:
        self.units = {u.id: u for u in self.org.units}
        self.people = {}
        for unit in self.org.units:
            for person, _ in unit.people:
                self.people[person] = (unit, unit.authority if person == unit.head_id else "")

    @property
    def period_start(self) -> dt.date:
        return dt.date(self.first_year, 1, 1)

    @property
    def province(self) -> UnitInfo:
        return self.org.units[0]

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        return self.con.execute(sql, params).fetchall()

    def sample(self, rows: Sequence[T], share: float, minimum: int = 3, doc: int | None = 1) -> list[T]:
        """`share` of `rows` (at least `minimum`), none whose document (column `doc`) another plant
        already took; marks the documents taken."""
        free = [r for r in rows if doc is None or r[doc] not in self.used]  # type: ignore[index]
        chosen = self.rng.sample(free, min(len(free), max(minimum, round(len(rows) * share))))
        if doc is not None:
            self.used.update(r[doc] for r in chosen)  # type: ignore[index]
        return chosen

    def chain(self, unit_id: int) -> list[int]:
        """The unit and the units above it (generated units sit under the province)."""
        top = self.province.id
        return [unit_id] if unit_id == top else [unit_id, top]

    # -- the law, one record at a time -------------------------------------------------------------
    def may_copy(self, person: int, unit_id: int, day: dt.date, level: str) -> int | None:
        """0 when `person` may permit copying by their own title, the delegation id when by a
        delegation, None when not at all (Art 11; khoản 5 Điều 11)."""
        pack = pack_for(day)
        allowed = copy_classes(pack, Level(level))
        home, authority = self.people[person]
        if home.id in self.chain(unit_id) and authority in allowed:
            return 0
        grant = self.plants.grant(person, unit_id, day, "copy", allowed & delegable_classes(pack))
        return grant.id if grant else None

    def may_destroy(self, person: int, unit_id: int, day: dt.date) -> bool:
        """Art 23: whoever may permit copying the levels the pack lists, in the unit or above it."""
        pack = pack_for(day)
        classes = {
            c for lv in pack.value("destruction_authority_levels") for c in copy_classes(pack, Level(lv))
        }
        home, authority = self.people[person]
        if home.id in self.chain(unit_id) and authority in classes:
            return True
        return (
            bool(pack.value("destruction_delegable"))
            and self.plants.grant(person, unit_id, day, "destroy", classes) is not None
        )

    # -- writing ------------------------------------------------------------------------------------
    def rewrite_entry(self, entry_id: int, changes: dict[str, str]) -> None:
        """Change some columns of a bmnn-written line and its search text (fold of the values, as
        the generator computed it; an incoming line's arrival number is not part of it)."""
        (raw,) = self.con.execute(
            "SELECT columns FROM registry_registerentry WHERE id = ?", (entry_id,)
        ).fetchone()
        columns = json.loads(raw)
        columns.update(changes)
        searched = [v for k, v in columns.items() if k != "arrival_number"]
        self.con.execute(
            "UPDATE registry_registerentry SET columns = ?, search_text = ? WHERE id = ?",
            (json.dumps(columns), fold_values(searched), entry_id),
        )

    def many(self, sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
        self.con.executemany(sql, list(rows))

    def next_id(self, table: str) -> int:
        return int(self.con.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])

    def day_between(self, first: dt.date, last: dt.date) -> dt.date:
        return first + dt.timedelta(days=self.rng.randint(0, max((last - first).days, 0)))


def iso(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None

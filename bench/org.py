"""The generated province: units, people, accounts and catalogs, written through the ORM.

Small (a few hundred rows), so the ORM is fine here; the millions of rows go through plain
sqlite3 in bench/rows.py.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bench import corpus

if TYPE_CHECKING:
    from bmnn.org.models import Person, Unit


@dataclass
class UnitInfo:
    id: int
    code: str
    name: str
    abbr: str
    weight: float
    head_id: int
    head_name: str
    clerk_id: int
    clerk_name: str
    clerk_account: int
    drafters: list[tuple[int, str]] = field(default_factory=list)
    kind: str = "department"
    authority: str = ""  # the head's authority class (Art 11 lists of the rule packs)
    deputy_id: int = 0
    deputy_name: str = ""

    @property
    def people(self) -> list[tuple[int, str]]:
        return [(self.head_id, self.head_name), (self.deputy_id, self.deputy_name),
                (self.clerk_id, self.clerk_name), *self.drafters]


@dataclass
class Org:
    units: list[UnitInfo]
    # Catalog item ids by level, for the proposals' basis.
    items: dict[str, int]


# Staff assignments and commitments of the clerks date from before the generated years.
STAFF_SINCE = dt.date(2019, 6, 1)

# (authority class of the head, relative register volume) by unit kind
_UNIT_PROFILE = {"province": ("provincial_leader", 40.0), "department": ("provincial_department_head", 10.0),
                 "police": ("police_unit_head", 12.0), "commune": ("commune_leader", 1.5)}


def build_org(rng: random.Random, communes: int) -> Org:
    """Create 1 province, 30 departments and `communes` communes, each with a head, a deputy,
    a clerk and three drafters (names unique within a unit, so a name on a paper register line
    points at one person); accounts for all but the deputy; the clerk assigned to
    secret-protection work with a signed commitment (what the self-inspection asks for)."""
    from bmnn.org.models import Unit

    province = Unit.objects.create(code=corpus.PROVINCE[0], name=corpus.PROVINCE[1], kind="province")
    specs = [(province, corpus.PROVINCE[2], "province")]
    for code, name, abbr, kind in corpus.DEPARTMENTS:
        unit = Unit.objects.create(code=code, name=name, kind=kind, parent=province)
        specs.append((unit, abbr, kind))
    for i, name in enumerate(corpus.commune_names(communes, rng), start=1):
        unit = Unit.objects.create(code=f"X{i:03d}", name=name, kind="commune", parent=province)
        specs.append((unit, "UBND", "commune"))
    password = _password_hash()
    units = [_staff(unit, abbr, kind, rng, password) for unit, abbr, kind in specs]
    return Org(units, _catalogs())


def _password_hash() -> str:
    from django.contrib.auth.hashers import make_password

    return make_password("bench-mat-khau-khong-dung")


def _staff(unit: Unit, abbr: str, kind: str, rng: random.Random, password: str) -> UnitInfo:
    from bmnn.org.models import Account, Person, Position

    authority, weight = _UNIT_PROFILE[kind if kind in _UNIT_PROFILE else "department"]
    head_title = "Chủ tịch" if kind in {"province", "commune"} else "Giám đốc"
    boss = Position.objects.create(unit=unit, title=head_title, is_head=True, authority_class=authority)
    vice = Position.objects.create(unit=unit, title=f"Phó {head_title}", is_deputy=True)
    names = _unique_names(rng, 6)
    head = Person.objects.create(full_name=names[0], unit=unit, position=boss, clearance="tuyet_mat")
    deputy = Person.objects.create(full_name=names[1], unit=unit, position=vice, clearance="toi_mat")
    clerk = Person.objects.create(full_name=names[2], unit=unit, clearance="tuyet_mat")
    drafters = [Person.objects.create(full_name=name, unit=unit, clearance="toi_mat") for name in names[3:]]
    _assign_clerk(unit, clerk)
    code = unit.code.lower()
    accounts = [Account(username=f"{code}-thutruong", person=head, roles=["head"], password=password),
                Account(username=f"{code}-vanthu", person=clerk, roles=["clerk"], password=password)]
    accounts += [Account(username=f"{code}-chuyenvien{i}", person=p, roles=["drafter"], password=password)
                 for i, p in enumerate(drafters, start=1)]
    Account.objects.bulk_create(accounts)
    clerk_account = Account.objects.get(person=clerk)
    return UnitInfo(
        id=unit.pk, code=unit.code, name=unit.name, abbr=abbr,
        weight=weight * rng.uniform(0.5, 1.6), head_id=head.pk, head_name=head.full_name,
        clerk_id=clerk.pk, clerk_name=clerk.full_name, clerk_account=clerk_account.pk,
        drafters=[(p.pk, p.full_name) for p in drafters], kind=kind, authority=authority,
        deputy_id=deputy.pk, deputy_name=deputy.full_name,
    )


def _unique_names(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        name = corpus.person_name(rng)
        if name not in names:
            names.append(name)
    return names


def _assign_clerk(unit: Unit, clerk: Person) -> None:
    """Điều 7 NĐ 26/2020 (staff assigned) and Điều 26 Luật (commitment signed)."""
    from bmnn.org.models import Commitment, StaffAssignment

    StaffAssignment.objects.create(unit=unit, person=clerk, kind="part_time",
                                   decision_number=f"01/QĐ-{unit.code}", decision_date=STAFF_SINCE,
                                   start_on=STAFF_SINCE)
    Commitment.objects.create(person=clerk, unit=unit, signed_on=STAFF_SINCE, reference=f"CK-{unit.code}-01")


def _catalogs() -> dict[str, int]:
    from bmnn.catalog.models import Catalog, CatalogItem
    from bmnn.lib.text import fold

    catalog = Catalog.objects.create(decision_number="1722/QĐ-TTg", decision_date=dt.date(2020, 11, 3),
                                     sector="Quốc phòng, an ninh và đối ngoại (tổng hợp)")
    texts = {
        "tuyet_mat": ("1", "1", "Kế hoạch, phương án tác chiến bảo vệ biên giới chưa công khai"),
        "toi_mat": ("2", "3", "Đề thi, đáp án kỳ thi tốt nghiệp trung học phổ thông chưa công khai"),
        "mat": ("3", "2", "Báo cáo tình hình an ninh chính trị nội bộ chưa công khai"),
    }
    items = {}
    for level, (article, clause, text) in texts.items():
        item = CatalogItem.objects.create(catalog=catalog, article=article, clause=clause, level=level,
                                          text=text, search_text=fold(text))
        items[level] = item.pk
    return items

"""The demo's units, positions, people, accounts, delegation, staff assignments and commitments.

The organisation is written straight through the ORM (it is the stage, not the story); each
clearance stands on a recorded decision of the unit's head, or for a head, of the provincial
chairman. Names are invented; the merger of xã Tân Phong
into xã Hoàng Sơn on 01/7/2025 is fictional and only shows a handover between merged units.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from bmnn.law.levels import Level
from bmnn.org.models import (
    Account,
    AssignmentKind,
    ClearanceDecision,
    Commitment,
    Delegation,
    DelegationScope,
    Person,
    Position,
    Role,
    StaffAssignment,
    Unit,
    UnitKind,
)

PROVINCE, DEPT, COMMUNE, OLD_COMMUNE = "T-LC", "S-GDDT", "X-HOANGSON", "X-TANPHONG"
MERGED_ON = dt.date(2025, 7, 1)

# code, name, kind, parent code
UNITS: tuple[tuple[str, str, str, str | None], ...] = (
    (PROVINCE, "UBND tỉnh Lào Cai", UnitKind.PROVINCE, None),
    (DEPT, "Sở Giáo dục và Đào tạo", UnitKind.DEPARTMENT, PROVINCE),
    (COMMUNE, "UBND xã Hoàng Sơn", UnitKind.COMMUNE, PROVINCE),
    (OLD_COMMUNE, "UBND xã Tân Phong", UnitKind.COMMUNE, PROVINCE),
)

# key, unit code, title, is_head, is_deputy, authority class (rule pack key, Điều 11)
POSITIONS: tuple[tuple[str, str, str, bool, bool, str], ...] = (
    ("ct_tinh", PROVINCE, "Chủ tịch UBND tỉnh", True, False, "provincial_leader"),
    ("vt_tinh", PROVINCE, "Chuyên viên Văn phòng UBND tỉnh (văn thư mật)", False, False, ""),
    ("gd", DEPT, "Giám đốc", True, False, "provincial_department_head"),
    ("pgd", DEPT, "Phó Giám đốc", False, True, ""),
    ("vt", DEPT, "Văn thư", False, False, ""),
    ("cv", DEPT, "Chuyên viên Phòng Quản lý chất lượng", False, False, ""),
    ("cntt", DEPT, "Chuyên viên công nghệ thông tin", False, False, ""),
    ("tt", DEPT, "Chánh Thanh tra Sở", False, False, ""),
    ("ct_xa", COMMUNE, "Chủ tịch UBND xã", True, False, "commune_leader"),
    ("pct_xa", COMMUNE, "Phó Chủ tịch UBND xã", False, True, ""),
    ("vt_xa", COMMUNE, "Công chức Văn phòng - Thống kê (văn thư)", False, False, ""),
    ("ct_cu", OLD_COMMUNE, "Chủ tịch UBND xã", True, False, "commune_leader"),
    ("vt_cu", OLD_COMMUNE, "Công chức Văn phòng - Thống kê (văn thư)", False, False, ""),
)


@dataclass(frozen=True)
class Member:
    username: str
    full_name: str
    position: str
    clearance: Level
    roles: tuple[str, ...]
    active: bool = True


# The first six are the accounts a newcomer tries; the others act in the story.
MEMBERS: tuple[Member, ...] = (
    Member("vanthu", "Bùi Thị Ngọc", "vt", Level.TOI_MAT, (Role.CLERK,)),
    Member("giamdoc", "Đỗ Minh Tuấn", "gd", Level.TUYET_MAT, (Role.HEAD,)),
    Member("phogiamdoc", "Lương Thị Hạnh", "pgd", Level.TOI_MAT, (Role.DEPUTY,)),
    Member("chuyenvien", "Hoàng Văn Phúc", "cv", Level.TOI_MAT, (Role.DRAFTER,)),
    Member("cntt", "Lý Văn Đức", "cntt", Level.MAT, (Role.IT_OFFICER,)),
    Member("thanhtra", "Phạm Quang Vinh", "tt", Level.TOI_MAT, (Role.INSPECTOR,)),
    Member("chutichtinh", "Trịnh Quốc Khánh", "ct_tinh", Level.TUYET_MAT, (Role.HEAD,)),
    Member("vanthutinh", "Nông Thị Mai", "vt_tinh", Level.TOI_MAT, (Role.CLERK, Role.DRAFTER)),
    Member("chutichxa", "Sùng A Páo", "ct_xa", Level.TOI_MAT, (Role.HEAD,)),
    Member("phochutichxa", "Lò Thị Xuân", "pct_xa", Level.MAT, (Role.DEPUTY,)),
    Member("vanthuxa", "Hà Thị Yến", "vt_xa", Level.TOI_MAT, (Role.CLERK, Role.DRAFTER)),
    Member("tanphong.ct", "Vàng Văn Chư", "ct_cu", Level.TOI_MAT, (Role.HEAD,), active=False),
    Member("tanphong.vt", "Tẩn Thị Mây", "vt_cu", Level.MAT, (Role.CLERK,), active=False),
)

# username, kind, decision number, decision date, start, end
ASSIGNMENTS: tuple[tuple[str, str, str, dt.date, dt.date | None], ...] = (
    ("vanthu", AssignmentKind.FULL_TIME, "45/QĐ-SGDĐT", dt.date(2025, 2, 10), None),
    ("chuyenvien", AssignmentKind.PART_TIME, "45/QĐ-SGDĐT", dt.date(2025, 2, 10), None),
    ("cntt", AssignmentKind.PART_TIME, "45/QĐ-SGDĐT", dt.date(2025, 2, 10), None),
    ("vanthutinh", AssignmentKind.FULL_TIME, "112/QĐ-UBND", dt.date(2025, 1, 15), None),
    ("vanthuxa", AssignmentKind.PART_TIME, "18/QĐ-UBND", dt.date(2025, 7, 5), None),
    ("tanphong.vt", AssignmentKind.PART_TIME, "07/QĐ-UBND", dt.date(2025, 1, 6), dt.date(2025, 6, 30)),
)

DELEGATION_SCOPES = [DelegationScope.CLASSIFY.value, DelegationScope.COPY.value]


@dataclass
class Cast:
    """Everyone in the story, by unit code and by username."""

    units: dict[str, Unit]
    accounts: dict[str, Account]
    delegation: Delegation

    def unit(self, code: str) -> Unit:
        return self.units[code]

    def account(self, username: str) -> Account:
        return self.accounts[username]

    def person(self, username: str) -> Person:
        person = self.accounts[username].person
        assert person is not None
        return person

    def retire_former_staff(self) -> None:
        """The dissolved commune's staff kept its registers until the merger; afterwards their
        people and logins are inactive (only active staff may record a step)."""
        for member in MEMBERS:
            if member.active:
                continue
            account = self.accounts[member.username]
            assert account.person is not None
            account.person.active = False
            account.person.save(update_fields=["active"])
            account.is_active = False
            account.set_unusable_password()
            account.save(update_fields=["is_active", "password"])


def _units() -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for code, name, kind, parent in UNITS:
        units[code] = Unit.objects.create(
            code=code, name=name, kind=kind, parent=units[parent] if parent else None,
        )
    old = units[OLD_COMMUNE]
    old.active, old.merged_into, old.ended_on = False, units[COMMUNE], MERGED_ON - dt.timedelta(days=1)
    old.save(update_fields=["active", "merged_into", "ended_on"])
    return units


def _positions(units: dict[str, Unit]) -> dict[str, Position]:
    return {
        key: Position.objects.create(unit=units[code], title=title, is_head=head, is_deputy=deputy,
                                     authority_class=authority)
        for key, code, title, head, deputy, authority in POSITIONS
    }


def _account(member: Member, position: Position, password_hash: str) -> Account:
    person = Person.objects.create(
        full_name=member.full_name, unit=position.unit, position=position,
        clearance=member.clearance.value,
    )
    account = Account(username=member.username, person=person, roles=list(member.roles),
                      password=password_hash)
    account.save()
    return account


def _duties(accounts: dict[str, Account]) -> None:
    """Staff assignments (chuyên trách / kiêm nhiệm) and signed commitments (Điều 26)."""
    for username, kind, number, day, end in ASSIGNMENTS:
        person = accounts[username].person
        assert person is not None
        StaffAssignment.objects.create(unit=person.unit, person=person, kind=kind,
                                       decision_number=number, decision_date=day,
                                       start_on=day, end_on=end)
    for order, account in enumerate(accounts.values(), start=1):
        person = account.person
        assert person is not None
        signed = dt.date(2025, 7, 10) if person.unit.code == COMMUNE else dt.date(2025, 1, 20)
        Commitment.objects.create(person=person, unit=person.unit, signed_on=signed,
                                  reference=f"{order:02d}/CK-BMNN")


def _clearances(accounts: dict[str, Account]) -> None:
    """The head's decision behind each person's clearance (a head's: the provincial chairman's)."""
    people = [a.person for a in accounts.values() if a.person is not None]
    heads = {p.unit_id: p for p in people if p.is_head}
    chairman = heads[next(p.unit_id for p in people if p.unit.code == PROVINCE)]
    for order, person in enumerate(people, start=1):
        decider = chairman if person.is_head or person.unit.code == PROVINCE else heads[person.unit_id]
        ClearanceDecision.objects.create(
            person=person, level=person.clearance, decided_by=None if decider == person else decider,
            decided_by_name="Theo chức danh (quy chế bảo vệ BMNN của tỉnh)" if decider == person else "",
            decision_number=f"{order:02d}/QĐ-TCBM", decided_on=dt.date(2025, 1, 3))


def _delegation(accounts: dict[str, Account], dept: Unit) -> Delegation:
    head, deputy = accounts["giamdoc"].person, accounts["phogiamdoc"].person
    assert head is not None and deputy is not None
    return Delegation.objects.create(
        unit=dept, from_person=head, to_person=deputy, scopes=DELEGATION_SCOPES,
        doc_number="12/QĐ-SGDĐT", doc_date=dt.date(2025, 1, 2), valid_from=dt.date(2025, 1, 3),
        from_authority_class="provincial_department_head",
    )


def build_cast(password: str) -> Cast:
    """Create the units, positions, people with accounts, delegation and duties."""
    units = _units()
    positions = _positions(units)
    # One hash for the shared demo password: argon2 is slow on purpose, and the accounts share
    # the password anyway.
    password_hash = make_password(password)
    accounts = {m.username: _account(m, positions[m.position], password_hash) for m in MEMBERS}
    _duties(accounts)
    _clearances(accounts)
    return Cast(units, accounts, _delegation(accounts, units[DEPT]))

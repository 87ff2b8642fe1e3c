"""The receiving side of tests/world.py: the province's secrets clerk and its chairman, and the
keys both sides need before a package can travel."""

from __future__ import annotations

from dataclasses import dataclass

from bmnn.org.models import Account, Person, Position, Role
from bmnn.reports.actions import do_create_package_key
from bmnn.reports.models import KeyPurpose
from tests.world import World


@dataclass(frozen=True)
class Province:
    clerk: Account
    head: Account


def _account(username: str, name: str, world: World, position: Position | None, roles: list[str]) -> Account:
    person = Person.objects.create(
        full_name=name, unit=world.province, position=position, clearance="toi_mat"
    )
    account = Account(username=username, person=person, roles=roles)
    account.set_password("mat-khau-thu-nghiem")
    account.save()
    return account


def province_staff(world: World) -> Province:
    chair = Position.objects.create(
        unit=world.province, title="Chủ tịch UBND tỉnh", is_head=True, authority_class="provincial_leader"
    )
    return Province(
        clerk=_account("vanthutinh", "Đỗ Thị Mai", world, None, [Role.CLERK]),
        head=_account("chutichtinh", "Bùi Văn Sơn", world, chair, [Role.HEAD]),
    )


def keys(world: World, province: Province, *, encrypt: bool = True) -> None:
    """The department's signing key and (when asked) the province's encryption key, made here;
    in tests one database plays both installations."""
    do_create_package_key(world.dept, purpose=KeyPurpose.SIGN, actor=world.clerk)
    do_create_package_key(world.province, purpose=KeyPurpose.SIGN, actor=province.clerk)
    if encrypt:
        do_create_package_key(world.province, purpose=KeyPurpose.ENCRYPT, actor=province.clerk)

"""A small world with named people whose rights are stated, shared by the tests.

Sở Giáo dục và Đào tạo (S01) of Tỉnh Lào Cai (T01):
- head:        Giám đốc, head of S01, class provincial_department_head (copy up to Tối mật,
               may delegate, may decide destruction), clearance Tuyệt mật.
- deputy:      Phó Giám đốc WITH a delegation (classify, copy, take out, extend) 01/01–31/12/2026.
- deputy_nodel Phó Giám đốc WITHOUT any delegation.
- clerk:       văn thư, clearance Tối mật, no authority.
- drafter:     chuyên viên, clearance Mật, drafts proposals.
- outsider:    an officer of Xã Cốc San (X01), clearance Tối mật.
Catalog 531/QĐ-TTg (education): Điều 1 khoản 1 Tối mật (exam papers), Điều 2 khoản 2 Mật.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.test import Client

from bmnn.catalog.models import Catalog, CatalogItem
from bmnn.org.models import Account, Delegation, Person, Position, Role, Unit, UnitKind

PASSWORD = "mat-khau-thu-nghiem"  # every account of the test world


def client_for(username: str) -> Client:
    """A browser-less client logged in as one of the world's accounts."""
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


@dataclass
class World:
    province: Unit
    dept: Unit
    commune: Unit
    head: Account
    deputy: Account
    deputy_nodel: Account
    clerk: Account
    drafter: Account
    outsider: Account
    admin: Account
    exam_item: CatalogItem
    staff_item: CatalogItem
    delegation: Delegation


def _account(username: str, name: str, unit: Unit, position: Position | None, clearance: str,
             roles: list[str]) -> Account:
    person = Person.objects.create(full_name=name, unit=unit, position=position, clearance=clearance)
    account = Account(username=username, person=person, roles=roles)
    account.set_password(PASSWORD)
    account.save()
    return account


def build_world() -> World:
    province = Unit.objects.create(code="T01", name="UBND tỉnh Lào Cai", kind=UnitKind.PROVINCE)
    dept = Unit.objects.create(code="S01", name="Sở Giáo dục và Đào tạo", kind=UnitKind.DEPARTMENT,
                               parent=province)
    commune = Unit.objects.create(code="X01", name="UBND xã Cốc San", kind=UnitKind.COMMUNE,
                                  parent=province)
    director = Position.objects.create(unit=dept, title="Giám đốc", is_head=True,
                                       authority_class="provincial_department_head")
    vice = Position.objects.create(unit=dept, title="Phó Giám đốc", is_deputy=True)
    head = _account("giamdoc", "Nguyễn Văn Hùng", dept, director, "tuyet_mat", [Role.HEAD])
    deputy = _account("phogd", "Trần Thị Lan", dept, vice, "toi_mat", [Role.DEPUTY])
    deputy_nodel = _account("phogd2", "Lê Văn Nam", dept, vice, "toi_mat", [Role.DEPUTY])
    clerk = _account("vanthu", "Phạm Thị Hoa", dept, None, "toi_mat", [Role.CLERK])
    drafter = _account("chuyenvien", "Hoàng Văn Minh", dept, None, "mat", [Role.DRAFTER])
    outsider = _account("canboxa", "Vũ Thị Thu", commune, None, "toi_mat", [Role.CLERK])
    admin = Account(username="quantri", roles=[Role.ADMIN])
    admin.set_password(PASSWORD)
    admin.save()
    assert head.person and deputy.person
    delegation = Delegation.objects.create(
        unit=dept, from_person=head.person, to_person=deputy.person,
        scopes=["classify", "copy", "take_out", "extend"], doc_number="05/QĐ-SGDĐT",
        doc_date=dt.date(2025, 12, 30), valid_from=dt.date(2026, 1, 1),
        valid_to=dt.date(2026, 12, 31), from_authority_class="provincial_department_head",
    )
    catalog = Catalog.objects.create(decision_number="531/QĐ-TTg", decision_date=dt.date(2023, 5, 19),
                                     sector="Giáo dục và đào tạo")
    exam = CatalogItem.objects.create(catalog=catalog, article="1", clause="1", level="toi_mat",
                                      text="Đề thi, đáp án kỳ thi tốt nghiệp THPT chưa công khai")
    staff = CatalogItem.objects.create(catalog=catalog, article="2", clause="2", level="mat",
                                       text="Địa điểm làm đề thi, in sao đề thi chưa công khai")
    return World(province, dept, commune, head, deputy, deputy_nodel, clerk, drafter, outsider,
                 admin, exam, staff, delegation)

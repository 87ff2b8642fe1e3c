"""Units (a tree with merges), positions, people, accounts, delegations, staff assignments."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractUser
from django.db import models

from bmnn.law.levels import Level
from bmnn.lib.choices import LEVEL_CHOICES


class UnitKind(models.TextChoices):
    MINISTRY = "ministry", "Bộ, ngành Trung ương"
    PROVINCE = "province", "Tỉnh, thành phố"
    DEPARTMENT = "department", "Sở, ban, ngành"
    DISTRICT = "district", "Huyện (trước sắp xếp)"
    COMMUNE = "commune", "Xã, phường, đặc khu"
    POLICE = "police", "Đơn vị Công an"
    OTHER = "other", "Khác"


class Unit(models.Model):
    code = models.CharField("mã đơn vị", max_length=40, unique=True)
    name = models.CharField("tên đơn vị", max_length=255)
    kind = models.CharField("loại", max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name="cơ quan cấp trên",
    )
    active = models.BooleanField("đang hoạt động", default=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from",
        verbose_name="sáp nhập vào",
    )
    ended_on = models.DateField("ngày kết thúc hoạt động", null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "đơn vị"

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list[Unit]:
        chain: list[Unit] = []
        node = self.parent
        while node is not None and node not in chain:
            chain.append(node)
            node = node.parent
        return chain


class Position(models.Model):
    """A post in a unit; `authority_class` links it to the rule pack's authority lists."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="positions")
    title = models.CharField("chức danh", max_length=255)
    is_head = models.BooleanField("người đứng đầu", default=False)
    is_deputy = models.BooleanField("cấp phó", default=False)
    authority_class = models.CharField(
        "nhóm thẩm quyền (Điều 11)", max_length=60, blank=True,
        help_text="Khóa trong gói quy định (ví dụ commune_leader); để trống nếu không có.",
    )

    class Meta:
        ordering = ["unit__code", "-is_head", "-is_deputy", "title"]
        verbose_name = "chức vụ"

    def __str__(self) -> str:
        return f"{self.title}, {self.unit.name}"


class Person(models.Model):
    full_name = models.CharField("họ và tên", max_length=255)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="people")
    position = models.ForeignKey(
        Position, null=True, blank=True, on_delete=models.SET_NULL, related_name="holders"
    )
    clearance = models.CharField(
        "được tiếp cận đến độ", max_length=20, choices=LEVEL_CHOICES, blank=True,
    )
    active = models.BooleanField("đang công tác", default=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name = "cán bộ"

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_head(self) -> bool:
        return bool(self.position and self.position.is_head and self.position.unit_id == self.unit_id)

    def cleared_for(self, level: str) -> bool:
        return bool(self.clearance) and Level(self.clearance).rank >= Level(level).rank


class ClearanceDecision(models.Model):
    """The decision that sets how far a person may access state secrets (mức được tiếp cận):
    the head of the person's unit (or, for the head, of a superior body) decides in writing; the
    person's `clearance` is only ever changed through one of these. An empty `level` withdraws it."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="clearance_decisions")
    level = models.CharField("được tiếp cận đến độ", max_length=20, choices=LEVEL_CHOICES, blank=True)
    previous = models.CharField("mức trước đó", max_length=20, choices=LEVEL_CHOICES, blank=True)
    decided_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_by_name = models.CharField("người quyết định (ngoài hệ thống)", max_length=255, blank=True)
    decision_number = models.CharField("số quyết định", max_length=80)
    decided_on = models.DateField("ngày quyết định")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = "quyết định mức được tiếp cận"

    def __str__(self) -> str:
        return f"{self.decision_number} ngày {self.decided_on:%d/%m/%Y}"

    @property
    def decider(self) -> str:
        return self.decided_by.full_name if self.decided_by else self.decided_by_name


class Role(models.TextChoices):
    CLERK = "clerk", "Văn thư, cán bộ bảo vệ BMNN"
    DRAFTER = "drafter", "Người soạn thảo"
    HEAD = "head", "Thủ trưởng"
    DEPUTY = "deputy", "Cấp phó"
    IT_OFFICER = "it_officer", "Cán bộ CNTT"
    INSPECTOR = "inspector", "Thanh tra, kiểm tra"
    ADMIN = "admin", "Quản trị hệ thống"


class Account(AbstractUser):
    """A login. The person behind it (unit, position, clearance) is `person`."""

    person = models.OneToOneField(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="account"
    )
    roles = models.JSONField("vai trò", default=list)
    failed_logins = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "tài khoản"

    def has_role(self, *roles: str) -> bool:
        return any(r in self.roles for r in roles)

    @property
    def display_name(self) -> str:
        return self.person.full_name if self.person else self.username


class DelegationScope(models.TextChoices):
    CLASSIFY = "classify", "Xác định độ mật, ký ban hành"
    COPY = "copy", "Cho phép sao, chụp"
    TAKE_OUT = "take_out", "Cho phép mang ra khỏi nơi lưu giữ"
    EXTEND = "extend", "Gia hạn thời hạn bảo vệ"
    CHANGE_LEVEL = "change_level", "Điều chỉnh độ mật"
    DECLASSIFY = "declassify", "Giải mật"
    DESTROY = "destroy", "Tiêu hủy"


class Delegation(models.Model):
    """A written delegation (ủy quyền) from a head to a deputy, with scope and validity."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="delegations")
    from_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="delegated")
    to_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="delegations")
    scopes = models.JSONField("phạm vi", default=list)
    doc_number = models.CharField("số văn bản ủy quyền", max_length=80)
    doc_date = models.DateField("ngày văn bản")
    valid_from = models.DateField("hiệu lực từ")
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    revoked_on = models.DateField("ngày thu hồi", null=True, blank=True)
    from_authority_class = models.CharField(max_length=60, blank=True)
    from_was_head = models.BooleanField(default=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = "ủy quyền"

    def __str__(self) -> str:
        return f"{self.doc_number} ngày {self.doc_date:%d/%m/%Y}"

    def valid_on(self, day: dt.date) -> bool:
        return (
            self.revoked_on is None or day < self.revoked_on
        ) and self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class AssignmentKind(models.TextChoices):
    FULL_TIME = "full_time", "Chuyên trách"
    PART_TIME = "part_time", "Kiêm nhiệm"


class StaffAssignment(models.Model):
    """A person assigned to secret-protection work (Điều 7 Nghị định 26/2020/NĐ-CP)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="staff_assignments")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="assignments")
    kind = models.CharField("hình thức", max_length=20, choices=AssignmentKind.choices)
    decision_number = models.CharField("số quyết định", max_length=80)
    decision_date = models.DateField("ngày quyết định")
    start_on = models.DateField("từ ngày")
    end_on = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "phân công bảo vệ BMNN"


class Commitment(models.Model):
    """A signed commitment to protect state secrets (Điều 26 Luật Bảo vệ BMNN 2018)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="commitments")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="commitments")
    signed_on = models.DateField("ngày ký cam kết")
    reference = models.CharField("số, ký hiệu bản cam kết", max_length=120, blank=True)

    class Meta:
        verbose_name = "cam kết bảo vệ BMNN"


class ApiToken(models.Model):
    """A per-user API token; only its SHA-256 is stored."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

"""Who may decide what: a position's own authority, or a deputy's valid delegation (ủy quyền)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from bmnn.law.errors import CopyAuthorityMissing, DestructionNotAllowed, SignerNotAuthorized
from bmnn.law.levels import Level, at_least
from bmnn.law.pack import RulePack


class Power(StrEnum):
    CLASSIFY = "classify"
    COPY = "copy"
    TAKE_OUT = "take_out"
    TAKE_ABROAD = "take_abroad"
    EXTEND = "extend"
    CHANGE_LEVEL = "change_level"
    DECLASSIFY = "declassify"
    DESTROY = "destroy"

    @property
    def label(self) -> str:
        return _POWER_LABEL[self]


_POWER_LABEL = {
    Power.CLASSIFY: "xác định độ mật, ký ban hành",
    Power.COPY: "cho phép sao, chụp",
    Power.TAKE_OUT: "cho phép mang tài liệu ra khỏi nơi lưu giữ",
    Power.TAKE_ABROAD: "cho phép mang tài liệu ra nước ngoài",
    Power.EXTEND: "gia hạn thời hạn bảo vệ",
    Power.CHANGE_LEVEL: "điều chỉnh độ mật",
    Power.DECLASSIFY: "giải mật",
    Power.DESTROY: "quyết định tiêu hủy",
}

# Powers held by the head of the body that determined the secret, or a deputy it delegated to.
_HEAD_POWERS = {
    Power.CLASSIFY: "classify_authority",
    Power.TAKE_OUT: "take_out_authority",
    Power.EXTEND: "classify_authority",
    Power.CHANGE_LEVEL: "classify_authority",
    Power.DECLASSIFY: "classify_authority",
}


@dataclass(frozen=True)
class DelegationFact:
    """A written delegation from a head to a deputy, as the law layer needs to see it."""

    ref: str
    scopes: frozenset[str]
    unit_id: int
    from_is_head: bool
    from_authority_class: str | None
    valid_from: dt.date
    valid_to: dt.date | None = None
    revoked_on: dt.date | None = None
    id: int | None = None

    def covers(self, power: Power, unit_id: int, day: dt.date) -> bool:
        """In force on `day` (a revocation applies from its date on) for this unit and power."""
        in_time = self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)
        not_revoked = self.revoked_on is None or day < self.revoked_on
        return not_revoked and in_time and self.unit_id == unit_id and power.value in self.scopes


@dataclass(frozen=True)
class Actor:
    """A person acting for a unit: whether they head it, their position's class, delegations."""

    person_id: int
    name: str
    unit_id: int
    is_head: bool
    authority_class: str | None = None
    delegations: tuple[DelegationFact, ...] = field(default_factory=tuple)
    in_post: bool = True  # still working, in a unit that still exists


@dataclass(frozen=True)
class Authority:
    """Why an actor may act; `delegation` is set when the authority is borrowed."""

    power: Power
    own: bool
    delegation: DelegationFact | None = None

    def describe(self) -> str:
        if self.delegation is None:
            return "theo thẩm quyền"
        return f"theo ủy quyền ({self.delegation.ref})"


def copy_classes(pack: RulePack, level: Level) -> set[str]:
    """Authority classes that may permit copying `level` (higher clauses include lower ones)."""
    lists: dict[str, list[str]] = pack.value("copy_authority")
    return {c for lv in at_least(level) for c in lists.get(lv.value, [])}


def delegable_classes(pack: RulePack) -> set[str]:
    """Authority classes whose holders may delegate copy authority (khoản 5 Điều 11)."""
    lists: dict[str, list[str]] = pack.value("copy_authority")
    return {c for lv in pack.value("copy_delegable_levels") for c in lists.get(lv, [])}


def _by_delegation(actor: Actor, power: Power, unit_id: int, day: dt.date) -> list[DelegationFact]:
    return [d for d in actor.delegations if d.covers(power, unit_id, day)]


def authorize(
    pack: RulePack, power: Power, actor: Actor, unit_id: int, day: dt.date,
    level: Level | None = None, superiors: frozenset[int] = frozenset(),
) -> Authority:
    """Return why `actor` may use `power` for `unit_id` on `day`, or raise a refusal.
    `superiors` are the units above `unit_id`: an Art 11 title held there (a minister, a
    provincial chairman) also covers copying and destruction in the units below."""
    if not actor.in_post:
        raise SignerNotAuthorized(
            f"{actor.name} đã thôi công tác hoặc đơn vị đã kết thúc hoạt động, không còn thẩm quyền",
            pack.rule("classify_authority").source, confidence=pack.rule("classify_authority").confidence,
        )
    if power == Power.COPY:
        assert level is not None
        return _authorize_copy(pack, actor, unit_id, day, level, superiors)
    if power == Power.DESTROY:
        return _authorize_destroy(pack, actor, unit_id, day, superiors)
    if power == Power.TAKE_ABROAD:
        return _authorize_abroad(pack, actor, unit_id, day)
    rule = pack.rule(_HEAD_POWERS[power])
    if actor.is_head and actor.unit_id == unit_id:
        return Authority(power, own=True)
    for delegation in _by_delegation(actor, power, unit_id, day):
        if delegation.from_is_head:
            return Authority(power, own=False, delegation=delegation)
    raise SignerNotAuthorized(
        f"{actor.name} không phải người đứng đầu đơn vị và không có văn bản ủy quyền còn hiệu lực "
        f"để {power.label}",
        rule.source,
        confidence=rule.confidence,
    )


def _governs(actor: Actor, unit_id: int, superiors: frozenset[int]) -> bool:
    return actor.unit_id == unit_id or actor.unit_id in superiors


def _authorize_copy(
    pack: RulePack, actor: Actor, unit_id: int, day: dt.date, level: Level, superiors: frozenset[int]
) -> Authority:
    rule = pack.rule("copy_authority")
    if _governs(actor, unit_id, superiors) and actor.authority_class in copy_classes(pack, level):
        return Authority(Power.COPY, own=True)
    delegable = delegable_classes(pack) & copy_classes(pack, level)
    for delegation in _by_delegation(actor, Power.COPY, unit_id, day):
        if delegation.from_authority_class in delegable:
            return Authority(Power.COPY, own=False, delegation=delegation)
    raise CopyAuthorityMissing(
        f"{actor.name} không có thẩm quyền cho phép sao, chụp tài liệu độ {level.label}, "
        "trực tiếp hoặc theo ủy quyền",
        f"{rule.source}; {pack.rule('copy_delegable_levels').source}",
        confidence=rule.confidence,
    )


def _authorize_destroy(
    pack: RulePack, actor: Actor, unit_id: int, day: dt.date, superiors: frozenset[int]
) -> Authority:
    rule = pack.rule("destruction_authority_levels")
    allowed: set[str] = set()
    for lv in rule.value:
        allowed |= copy_classes(pack, Level(lv))
    if _governs(actor, unit_id, superiors) and actor.authority_class in allowed:
        return Authority(Power.DESTROY, own=True)
    if pack.value("destruction_delegable"):
        for delegation in _by_delegation(actor, Power.DESTROY, unit_id, day):
            if delegation.from_authority_class in allowed:
                return Authority(Power.DESTROY, own=False, delegation=delegation)
    raise DestructionNotAllowed(
        f"{actor.name} không có thẩm quyền quyết định tiêu hủy tài liệu bí mật nhà nước",
        rule.source,
        confidence=rule.confidence,
    )


def _authorize_abroad(pack: RulePack, actor: Actor, unit_id: int, day: dt.date) -> Authority:
    """Khoản 2 Điều 14: only the listed leaders, or their deputy by delegation (take-out scope)."""
    rule = pack.rule("take_out_abroad_authority")
    allowed = set(rule.value)
    if actor.authority_class in allowed:
        return Authority(Power.TAKE_ABROAD, own=True)
    for delegation in _by_delegation(actor, Power.TAKE_OUT, unit_id, day):
        if delegation.from_authority_class in allowed:
            return Authority(Power.TAKE_ABROAD, own=False, delegation=delegation)
    raise SignerNotAuthorized(
        f"{actor.name} không có thẩm quyền cho phép mang tài liệu bí mật nhà nước ra nước ngoài",
        rule.source, confidence=rule.confidence,
    )

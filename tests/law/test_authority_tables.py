"""Who may decide what, class by class, power by power, level by level, under both regimes
(Điều 10, 11, 14, 23 Luật Bảo vệ BMNN; issue 14).

The tables are written by hand from shared/domain/LAW.md §1.3, §1.5, §1.8, §1.15 and §4.1, not
read from the packs: a holder's own authority, the same through a deputy's written delegation,
the delegation's first and last day, and the provision and confidence of every refusal.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bmnn.law.authority import Actor, Authority, DelegationFact, Power, authorize
from bmnn.law.errors import CopyAuthorityMissing, DestructionNotAllowed, LawRefusal, SignerNotAuthorized
from bmnn.law.levels import Level
from bmnn.law.pack import Regime, load_pack

P18 = load_pack(Regime.R2018)
P25 = load_pack(Regime.R2025)
BOTH = [P18, P25]
IDS = ["2018", "2025"]
DAY = dt.date(2026, 5, 4)
ONE = dt.timedelta(days=1)
UNIT, OTHER, ABOVE = 7, 8, 1
TM, TOI, MAT = Level.TUYET_MAT, Level.TOI_MAT, Level.MAT
INHERITED = "điều khoản tương ứng của Luật Bảo vệ BMNN 2025 chưa được xác nhận"

CLAUSE_1 = ["central_party_head", "na_agency_head", "president_office_head", "supreme_court_procuracy",
            "state_auditor", "provincial_court_procuracy", "socio_political_central", "minister",
            "gov_agency_head", "provincial_leader"]
# The highest level each class may permit copying of (Điều 11): clause 1 Tuyệt mật, clause 2
# Tối mật (district level under 2018; commune level instead under 2025), clause 3 Mật (only the
# 2025 commune divisions are named). None: no copy authority of its own.
COPY_MAX: dict[Regime, dict[str, Level | None]] = {
    Regime.R2018: {**{c: TM for c in CLAUSE_1},
                   "central_department_head": TOI, "public_service_unit_head": TOI,
                   "provincial_department_head": TOI, "district_court_procuracy": TOI, "district_leader": TOI,
                   "division_head": None, "commune_leader": None, "commune_division_head": None,
                   "police_unit_head": None},
    Regime.R2025: {**{c: TM for c in CLAUSE_1},
                   "central_department_head": TOI, "public_service_unit_head": TOI,
                   "provincial_department_head": TOI, "commune_leader": TOI,
                   "commune_division_head": MAT,
                   "district_court_procuracy": None, "district_leader": None, "division_head": None,
                   "police_unit_head": None},
}
# Khoản 2 Điều 14: Art 11.1 points a, b, c, d, đ, g, h, i, k — not e (courts and procuracies).
ABROAD = set(CLAUSE_1) - {"provincial_court_procuracy"}
CLASSES = sorted(COPY_MAX[Regime.R2018])

COPY_WHERE = {
    Regime.R2018: ("Khoản 1, 2, 3 Điều 11 Luật Bảo vệ BMNN 2018; Khoản 5 Điều 11 Luật Bảo vệ BMNN 2018",
                   "partial"),
    Regime.R2025: ("Điều 11 Luật Bảo vệ BMNN 2025", "partial"),
}
DESTROY_WHERE = {Regime.R2018: ("Khoản 3 Điều 23 Luật Bảo vệ BMNN 2018", "confirmed"),
                 Regime.R2025: (INHERITED, "not_confirmed")}
ABROAD_WHERE = {Regime.R2018: ("Khoản 2 Điều 14 Luật Bảo vệ BMNN 2018", "confirmed"),
                Regime.R2025: (INHERITED, "not_confirmed")}
CLASSIFY_WHERE = {Regime.R2018: ("Khoản 2 Điều 10 Luật Bảo vệ BMNN 2018; Hướng dẫn 4114/BCA-ANCTNB",
                                 "partial"),
                  Regime.R2025: ("Điều 10 Luật Bảo vệ BMNN 2025", "partial")}
TAKE_OUT_WHERE = {Regime.R2018: ("Khoản 1 Điều 14 Luật Bảo vệ BMNN 2018", "confirmed"),
                  Regime.R2025: ("Khoản 1 Điều 14 Luật Bảo vệ BMNN 2018; " + INHERITED, "not_confirmed")}
# The powers of the head of the body that determined the secret (or a delegated deputy), and the
# provision a refusal of each names: taking out is Điều 14; the others follow the classifier.
HEAD_POWERS = {Power.CLASSIFY: CLASSIFY_WHERE, Power.TAKE_OUT: TAKE_OUT_WHERE, Power.EXTEND: CLASSIFY_WHERE,
               Power.CHANGE_LEVEL: CLASSIFY_WHERE, Power.DECLASSIFY: CLASSIFY_WHERE}
POWER_LABELS = {
    Power.CLASSIFY: "xác định độ mật, ký ban hành", Power.COPY: "cho phép sao, chụp",
    Power.TAKE_OUT: "cho phép mang tài liệu ra khỏi nơi lưu giữ",
    Power.TAKE_ABROAD: "cho phép mang tài liệu ra nước ngoài", Power.EXTEND: "gia hạn thời hạn bảo vệ",
    Power.CHANGE_LEVEL: "điều chỉnh độ mật", Power.DECLASSIFY: "giải mật",
    Power.DESTROY: "quyết định tiêu hủy",
}

FROM, TO = dt.date(2026, 1, 2), dt.date(2026, 12, 31)
COPY_REFUSED = "{} không có thẩm quyền cho phép sao, chụp tài liệu độ {}, trực tiếp hoặc theo ủy quyền"


def delegation(scopes: set[str], cls: str | None = "provincial_department_head", *, from_is_head: bool = True,
               valid_to: dt.date | None = TO, revoked_on: dt.date | None = None,
               unit: int = UNIT) -> DelegationFact:
    return DelegationFact("15/QĐ-SGD", frozenset(scopes), unit, from_is_head, cls, FROM, valid_to, revoked_on)


def holder(cls: str | None, unit: int = UNIT, *, head: bool = True) -> Actor:
    return Actor(1, "Bà Hoa", unit, head, cls)


def deputy(*delegations: DelegationFact) -> Actor:
    return Actor(2, "Ông Nam", UNIT, False, None, tuple(delegations))


def refused(kind: type[LawRefusal], act, where: tuple[str, str], message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(kind) as caught:
        act()
    err = caught.value
    assert where[0] in err.provision, err.provision
    assert err.confidence == where[1]
    assert err.message == message


def test_power_labels() -> None:
    assert {p: p.label for p in Power} == POWER_LABELS


@pytest.mark.parametrize("pack", BOTH, ids=IDS)
@pytest.mark.parametrize("cls", CLASSES)
@pytest.mark.parametrize("level", list(Level))
def test_copy_by_own_authority(pack, cls: str, level: Level) -> None:  # type: ignore[no-untyped-def]
    top = COPY_MAX[pack.regime][cls]
    if top is not None and level.rank <= top.rank:
        assert authorize(pack, Power.COPY, holder(cls), UNIT, DAY, level) == Authority(Power.COPY, own=True)
        # An Art 11 title held in a unit above covers the units below it, and no others.
        assert authorize(pack, Power.COPY, holder(cls, ABOVE), UNIT, DAY, level,
                         superiors=frozenset({ABOVE})).own
        elsewhere = holder(cls, OTHER)
        refused(CopyAuthorityMissing, lambda: authorize(pack, Power.COPY, elsewhere, UNIT, DAY, level,
                                                        superiors=frozenset({ABOVE})),
                COPY_WHERE[pack.regime], COPY_REFUSED.format("Bà Hoa", level.label))
        return
    refused(CopyAuthorityMissing, lambda: authorize(pack, Power.COPY, holder(cls), UNIT, DAY, level),
            COPY_WHERE[pack.regime],
            COPY_REFUSED.format("Bà Hoa", level.label))


@pytest.mark.parametrize("pack", BOTH, ids=IDS)
@pytest.mark.parametrize("cls", CLASSES)
@pytest.mark.parametrize("level", list(Level))
def test_copy_by_delegation(pack, cls: str, level: Level) -> None:  # type: ignore[no-untyped-def]
    """Khoản 5 Điều 11: holders under clauses 1 and 2 may delegate to a deputy what they hold
    themselves; a clause-3 (Mật) holder is given no such power [INFERENCE, LAW.md §1.5]."""
    top = COPY_MAX[pack.regime][cls]
    fact = delegation({"copy"}, cls)
    if top is not None and top.rank >= TOI.rank and level.rank <= top.rank:
        authority = authorize(pack, Power.COPY, deputy(fact), UNIT, DAY, level)
        assert authority == Authority(Power.COPY, own=False, delegation=fact)
        assert authority.describe() == "theo ủy quyền (15/QĐ-SGD)"
        return
    refused(CopyAuthorityMissing, lambda: authorize(pack, Power.COPY, deputy(fact), UNIT, DAY, level),
            COPY_WHERE[pack.regime],
            COPY_REFUSED.format("Ông Nam", level.label))


@pytest.mark.parametrize("pack", BOTH, ids=IDS)
def test_copy_delegation_needs_the_copy_scope_and_the_unit(pack) -> None:  # type: ignore[no-untyped-def]
    for fact in (delegation({"classify", "take_out", "extend", "destroy"}, "minister"),
                 delegation({"copy"}, "minister", unit=OTHER)):
        with pytest.raises(CopyAuthorityMissing):
            authorize(pack, Power.COPY, deputy(fact), UNIT, DAY, MAT)


@pytest.mark.parametrize("pack", BOTH, ids=IDS)
@pytest.mark.parametrize("cls", CLASSES)
def test_destruction(pack, cls: str) -> None:  # type: ignore[no-untyped-def]
    """Khoản 3 Điều 23: whoever may permit copying Tuyệt mật or Tối mật decides destruction; the
    law gives no delegation of it, so a deputy's delegation never suffices [INFERENCE]."""
    top = COPY_MAX[pack.regime][cls]
    message = "{} không có thẩm quyền quyết định tiêu hủy tài liệu bí mật nhà nước"
    if top is not None and top.rank >= TOI.rank:
        assert authorize(pack, Power.DESTROY, holder(cls), UNIT, DAY) == Authority(Power.DESTROY, own=True)
        assert authorize(pack, Power.DESTROY, holder(cls, ABOVE), UNIT, DAY, superiors=frozenset({ABOVE})).own
        refused(DestructionNotAllowed, lambda: authorize(pack, Power.DESTROY, holder(cls, OTHER), UNIT, DAY,
                                                         superiors=frozenset({ABOVE})),
                DESTROY_WHERE[pack.regime], message.format("Bà Hoa"))
    else:
        refused(DestructionNotAllowed, lambda: authorize(pack, Power.DESTROY, holder(cls), UNIT, DAY),
                DESTROY_WHERE[pack.regime], message.format("Bà Hoa"))
    refused(DestructionNotAllowed,
            lambda: authorize(pack, Power.DESTROY, deputy(delegation({"destroy", "copy"}, cls)), UNIT, DAY),
            DESTROY_WHERE[pack.regime], message.format("Ông Nam"))


@pytest.mark.parametrize("pack", BOTH, ids=IDS)
@pytest.mark.parametrize("cls", CLASSES)
def test_taking_secrets_abroad(pack, cls: str) -> None:  # type: ignore[no-untyped-def]
    """Khoản 2 Điều 14: the leaders of Art 11.1 a, b, c, d, đ, g, h, i, k, or their deputy by
    delegation (the take-out scope); nobody else, whatever their copy authority."""
    message = "{} không có thẩm quyền cho phép mang tài liệu bí mật nhà nước ra nước ngoài"
    fact = delegation({"take_out"}, cls)
    if cls in ABROAD:
        assert authorize(pack, Power.TAKE_ABROAD, holder(cls), UNIT, DAY) == \
            Authority(Power.TAKE_ABROAD, own=True)
        assert authorize(pack, Power.TAKE_ABROAD, deputy(fact), UNIT, DAY) == \
            Authority(Power.TAKE_ABROAD, own=False, delegation=fact)
        other_scopes = deputy(delegation({"copy", "classify"}, cls))  # not the take-out scope
        refused(SignerNotAuthorized, lambda: authorize(pack, Power.TAKE_ABROAD, other_scopes, UNIT, DAY),
                ABROAD_WHERE[pack.regime], message.format("Ông Nam"))
        return
    refused(SignerNotAuthorized, lambda: authorize(pack, Power.TAKE_ABROAD, holder(cls), UNIT, DAY),
            ABROAD_WHERE[pack.regime], message.format("Bà Hoa"))
    refused(SignerNotAuthorized, lambda: authorize(pack, Power.TAKE_ABROAD, deputy(fact), UNIT, DAY),
            ABROAD_WHERE[pack.regime], message.format("Ông Nam"))


@pytest.mark.parametrize("pack", BOTH, ids=IDS)
@pytest.mark.parametrize("power", list(HEAD_POWERS))
def test_head_powers(pack, power: Power) -> None:  # type: ignore[no-untyped-def]
    """Khoản 2 Điều 10 (and Điều 20–22 for the same classifier), khoản 1 Điều 14: the head of the
    unit, or a deputy whose written delegation from the head names this power."""
    where = HEAD_POWERS[power][pack.regime]
    assert authorize(pack, power, holder(None), UNIT, DAY) == Authority(power, own=True)
    fact = delegation({power.value})
    assert authorize(pack, power, deputy(fact), UNIT, DAY) == Authority(power, own=False, delegation=fact)
    message = ("{} không phải người đứng đầu đơn vị và không có văn bản ủy quyền còn hiệu lực để "
               + POWER_LABELS[power])
    others = {p.value for p in Power} - {power.value}
    for actor, name in ((holder(None, OTHER), "Bà Hoa"), (holder("minister", head=False), "Bà Hoa"),
                        (deputy(), "Ông Nam"), (deputy(delegation(others, "minister")), "Ông Nam"),
                        (deputy(delegation({power.value}, from_is_head=False)), "Ông Nam"),
                        (deputy(delegation({power.value}, unit=OTHER)), "Ông Nam")):
        refused(SignerNotAuthorized, lambda a=actor: authorize(pack, power, a, UNIT, DAY), where,
                message.format(name))


@pytest.mark.parametrize("pack", BOTH, ids=IDS)
def test_take_out_refusal_names_article_14_not_article_10(pack) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SignerNotAuthorized) as take_out:
        authorize(pack, Power.TAKE_OUT, deputy(), UNIT, DAY)
    with pytest.raises(SignerNotAuthorized) as extend:
        authorize(pack, Power.EXTEND, deputy(), UNIT, DAY)
    assert "Điều 14" in take_out.value.provision and "Điều 10" not in take_out.value.provision
    assert "Điều 10" in extend.value.provision and "Điều 14" not in extend.value.provision


@pytest.mark.parametrize("pack", BOTH, ids=IDS)
@pytest.mark.parametrize(("day", "valid"), [
    (FROM - ONE, False), (FROM, True), (FROM + ONE, True), (TO - ONE, True), (TO, True), (TO + ONE, False)])
def test_delegation_valid_from_its_first_to_its_last_day(pack, day: dt.date, valid: bool) -> None:  # type: ignore[no-untyped-def]
    for power, level in ((Power.CLASSIFY, None), (Power.COPY, TOI)):
        fact = delegation({power.value})
        assert fact.covers(power, UNIT, day) is valid
        if valid:
            assert authorize(pack, power, deputy(fact), UNIT, day, level).delegation == fact
        else:
            with pytest.raises(LawRefusal):
                authorize(pack, power, deputy(fact), UNIT, day, level)


def test_open_ended_and_revoked_delegations() -> None:
    open_ended = delegation({"classify"}, valid_to=None)
    assert open_ended.covers(Power.CLASSIFY, UNIT, dt.date(2099, 12, 31))
    assert not open_ended.covers(Power.CLASSIFY, UNIT, FROM - ONE)
    revoked = delegation({"classify"}, revoked_on=dt.date(2026, 6, 1))
    assert revoked.covers(Power.CLASSIFY, UNIT, dt.date(2026, 5, 31))
    assert not revoked.covers(Power.CLASSIFY, UNIT, dt.date(2026, 6, 1))  # from its date on
    assert not revoked.covers(Power.CLASSIFY, UNIT, dt.date(2026, 6, 2))
    assert not revoked.covers(Power.CLASSIFY, OTHER, dt.date(2026, 5, 31))
    assert not revoked.covers(Power.COPY, UNIT, dt.date(2026, 5, 31))


@pytest.mark.parametrize("pack", BOTH, ids=IDS)
@pytest.mark.parametrize("power", list(Power))
def test_nobody_out_of_post_holds_any_power(pack, power: Power) -> None:  # type: ignore[no-untyped-def]
    gone = Actor(1, "Bà Hoa", UNIT, True, "minister", (delegation({p.value for p in Power}, "minister"),),
                 in_post=False)
    refused(SignerNotAuthorized, lambda: authorize(pack, power, gone, UNIT, DAY, MAT),
            CLASSIFY_WHERE[pack.regime],
            "Bà Hoa đã thôi công tác hoặc đơn vị đã kết thúc hoạt động, không còn thẩm quyền")


def test_own_authority_described() -> None:
    assert Authority(Power.CLASSIFY, own=True).describe() == "theo thẩm quyền"

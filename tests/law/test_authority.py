"""Authority: the head, a deputy with a valid delegation, and the copy-authority ladder."""

from __future__ import annotations

import datetime as dt

import pytest

from bmnn.law.authority import Actor, DelegationFact, Power, authorize
from bmnn.law.errors import CopyAuthorityMissing, DestructionNotAllowed, SignerNotAuthorized
from bmnn.law.levels import Level
from bmnn.law.pack import Regime, load_pack

P18 = load_pack(Regime.R2018)
P25 = load_pack(Regime.R2025)
DAY = dt.date(2026, 5, 4)
UNIT = 7


def delegation(scopes: set[str], *, cls: str | None = "provincial_department_head",
               valid_to: dt.date | None = None, revoked_on: dt.date | None = None) -> DelegationFact:
    return DelegationFact("15/QĐ-SGD ngày 02/01/2026", frozenset(scopes), UNIT, True, cls,
                          dt.date(2026, 1, 2), valid_to, revoked_on)


HEAD = Actor(1, "Giám đốc", UNIT, True, "provincial_department_head")
DEPUTY = Actor(2, "Phó Giám đốc", UNIT, False, None)


def test_head_classifies_by_own_authority() -> None:
    # Khoản 2 Điều 10 Luật 2018: the head determines the secret and its level.
    assert authorize(P18, Power.CLASSIFY, HEAD, UNIT, DAY).own


def test_deputy_without_delegation_is_refused() -> None:
    # HD 4114/BCA-ANCTNB: a deputy signs only when assigned/delegated in writing.
    with pytest.raises(SignerNotAuthorized):
        authorize(P18, Power.CLASSIFY, DEPUTY, UNIT, DAY)


def test_deputy_with_valid_delegation_is_allowed_and_cites_it() -> None:
    actor = Actor(2, "Phó Giám đốc", UNIT, False, None, (delegation({"classify"}),))
    authority = authorize(P18, Power.CLASSIFY, actor, UNIT, DAY)
    assert not authority.own and "15/QĐ-SGD" in authority.describe()


@pytest.mark.parametrize(
    "fact",
    [
        delegation({"copy"}),  # wrong scope
        delegation({"classify"}, valid_to=dt.date(2026, 3, 1)),  # expired
        delegation({"classify"}, revoked_on=dt.date(2026, 5, 1)),
    ],
)
def test_delegation_out_of_scope_expired_or_revoked_is_refused(fact: DelegationFact) -> None:
    actor = Actor(2, "Phó Giám đốc", UNIT, False, None, (fact,))
    with pytest.raises(SignerNotAuthorized):
        authorize(P18, Power.CLASSIFY, actor, UNIT, DAY)


def test_copy_authority_follows_the_level_ladder() -> None:
    # Khoản 2 Điều 11 Luật 2018: a provincial department head permits Tối mật, not Tuyệt mật.
    assert authorize(P18, Power.COPY, HEAD, UNIT, DAY, Level.TOI_MAT).own
    assert authorize(P18, Power.COPY, HEAD, UNIT, DAY, Level.MAT).own
    with pytest.raises(CopyAuthorityMissing, match="Tuyệt mật"):
        authorize(P18, Power.COPY, HEAD, UNIT, DAY, Level.TUYET_MAT)


def test_copy_delegation_from_clause_2_holder_is_valid() -> None:
    # Khoản 5 Điều 11 Luật 2018: holders under clauses 1 and 2 may delegate to a deputy.
    actor = Actor(2, "Phó Giám đốc", UNIT, False, None, (delegation({"copy"}),))
    assert authorize(P18, Power.COPY, actor, UNIT, DAY, Level.TOI_MAT).delegation is not None


def test_copy_delegation_from_mat_only_holder_is_refused() -> None:
    # Khoản 5 Điều 11: clause-3 (Mật) holders are not given a power to delegate [INFERENCE].
    actor = Actor(2, "Phó phòng", UNIT, False, None, (delegation({"copy"}, cls="division_head"),))
    with pytest.raises(CopyAuthorityMissing):
        authorize(P18, Power.COPY, actor, UNIT, DAY, Level.MAT)


def test_commune_chair_permits_toi_mat_copies_only_under_2025_law() -> None:
    # Điều 11 Luật 2025: commune level added for Tối mật; not in the 2018 lists.
    chair = Actor(3, "Chủ tịch UBND xã", UNIT, True, "commune_leader")
    assert authorize(P25, Power.COPY, chair, UNIT, DAY, Level.TOI_MAT).own
    with pytest.raises(CopyAuthorityMissing):
        authorize(P18, Power.COPY, chair, UNIT, DAY, Level.TOI_MAT)


def test_destruction_needs_toi_mat_copy_authority() -> None:
    # Khoản 3 Điều 23 Luật 2018: who may permit copying Tuyệt mật/Tối mật decides destruction.
    assert authorize(P18, Power.DESTROY, HEAD, UNIT, DAY).own
    division = Actor(4, "Trưởng phòng", UNIT, True, "division_head")
    with pytest.raises(DestructionNotAllowed):
        authorize(P18, Power.DESTROY, division, UNIT, DAY)


def test_authority_in_another_unit_does_not_count() -> None:
    with pytest.raises(SignerNotAuthorized):
        authorize(P18, Power.CLASSIFY, HEAD, UNIT + 1, DAY)
    with pytest.raises(CopyAuthorityMissing):
        authorize(P18, Power.COPY, HEAD, UNIT + 1, DAY, Level.MAT)


def test_revocation_applies_from_its_date_only() -> None:
    revoked = delegation({"classify"}, revoked_on=dt.date(2026, 12, 1))
    actor = Actor(2, "Phó Giám đốc", UNIT, False, None, (revoked,))
    assert authorize(P18, Power.CLASSIFY, actor, UNIT, DAY).delegation is not None
    with pytest.raises(SignerNotAuthorized):
        authorize(P18, Power.CLASSIFY, actor, UNIT, dt.date(2026, 12, 1))


def test_head_no_longer_in_post_has_no_authority() -> None:
    former = Actor(1, "Giám đốc", UNIT, True, "provincial_department_head", in_post=False)
    with pytest.raises(SignerNotAuthorized, match="thôi công tác"):
        authorize(P18, Power.CLASSIFY, former, UNIT, DAY)
    with pytest.raises(SignerNotAuthorized):
        authorize(P18, Power.COPY, former, UNIT, DAY, Level.MAT)


def test_police_unit_head_holds_no_copy_authority_until_configured() -> None:
    # Khoản 4 Điều 11: authority inside the police is set by the Minister; no list is confirmed.
    police = Actor(5, "Trưởng Công an xã", UNIT, True, "police_unit_head")
    with pytest.raises(CopyAuthorityMissing):
        authorize(P25, Power.COPY, police, UNIT, DAY, Level.MAT)


def test_superior_leader_permits_copying_in_a_unit_below() -> None:
    # Khoản 1 Điều 11: a provincial chairman (điểm k) permits copying within the province.
    chair = Actor(6, "Chủ tịch UBND tỉnh", 1, True, "provincial_leader")
    assert authorize(P25, Power.COPY, chair, UNIT, DAY, Level.TUYET_MAT, superiors=frozenset({1})).own
    with pytest.raises(CopyAuthorityMissing):  # not above this unit
        authorize(P25, Power.COPY, chair, UNIT, DAY, Level.TUYET_MAT, superiors=frozenset({2}))

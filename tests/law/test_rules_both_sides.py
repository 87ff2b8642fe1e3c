"""The law functions on both sides of every rule, under both regimes (issue 14).

Each rule is tried at its boundary and one step past it: the day before, the day, the day after;
0, 1, the permitted number and one more. Every refusal is checked for the provision it names and
the confidence it shows. The expected answers are written by hand from shared/domain/LAW.md;
none is computed from a pack.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bmnn.law.classification import BasisItem, check_basis, check_recipients_block, check_summary
from bmnn.law.copying import CopyForm, check_copy
from bmnn.law.errors import (
    ChannelNotAllowed,
    CopyNotPermitted,
    CopyOverCount,
    ExtensionNotAllowed,
    LawRefusal,
    LevelMismatch,
    ProposalWithoutBasis,
    RecipientsIncomplete,
    SummaryForbidden,
)
from bmnn.law.levels import Level, at_least, highest
from bmnn.law.pack import Regime, load_pack, regime_for
from bmnn.law.periods import base_years, check_extension, is_due, notice_due, protection_until
from bmnn.law.transfer import Channel, Envelope, check_channel, copy_numbers, envelope_for, is_electronic

P18 = load_pack(Regime.R2018)
P25 = load_pack(Regime.R2025)
BOTH = [P18, P25]
ONE = dt.timedelta(days=1)
TM, TOI, MAT = Level.TUYET_MAT, Level.TOI_MAT, Level.MAT
# An inherited 2018 rule cited under the 2025 law says the new law's provision is not confirmed.
INHERITED = "điều khoản tương ứng của Luật Bảo vệ BMNN 2025 chưa được xác nhận"


def refused(kind: type[LawRefusal], act, provision: str, confidence: str) -> LawRefusal:  # type: ignore[no-untyped-def]
    """Run `act`, expect the refusal `kind` naming `provision` with `confidence`; return it."""
    with pytest.raises(kind) as caught:
        act()
    err = caught.value
    assert provision in err.provision, err.provision
    assert err.confidence == confidence
    shown = str(err)
    assert shown.startswith(f"{err.message} — {err.provision}")
    assert shown.endswith("(quy định chưa được xác nhận đầy đủ)") is (confidence != "confirmed")
    return err


def where(pack, provision_2018: str, confidence_2018: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """A rule the 2025 pack inherits: its 2018 provision and confidence, or the 2025 doubt."""
    return (provision_2018, confidence_2018) if pack is P18 else (INHERITED, "not_confirmed")


# --- Levels (Điều 8) and the regime in force (LAW.md §0) ------------------------------------------

def test_levels_rank_labels_stamps_letters() -> None:
    assert [(lv.rank, lv.label, lv.stamp, lv.envelope_letter) for lv in (TM, TOI, MAT)] == [
        (3, "Tuyệt mật", "TUYỆT MẬT", "A"), (2, "Tối mật", "TỐI MẬT", "B"), (1, "Mật", "MẬT", "C")]
    assert highest([MAT, TM, TOI]) == TM and highest([MAT, TOI]) == TOI and highest([MAT]) == MAT
    assert highest([]) is None
    assert at_least(MAT) == [TM, TOI, MAT] and at_least(TOI) == [TM, TOI] and at_least(TM) == [TM]


def test_regime_changes_on_1_march_2026_exactly() -> None:
    assert regime_for(dt.date(2026, 2, 28)) == Regime.R2018
    assert regime_for(dt.date(2026, 3, 1)) == Regime.R2025
    assert regime_for(dt.date(2026, 3, 2)) == Regime.R2025
    assert regime_for(dt.date(2020, 7, 1)) == Regime.R2018


# --- Channels (Điều 13; khoản 5, 6 Điều 5; Văn bản 261/X05-P5; Luật 2025: mạng LAN độc lập) -------

ALL = {TM, TOI, MAT}
CHANNELS = {  # channel: (levels allowed under 2018, under 2025)
    Channel.BY_HAND: (ALL, ALL),
    Channel.KT1_POST: (ALL, ALL),
    Channel.NETWORK_COYEU: ({TOI, MAT}, {TOI, MAT}),
    Channel.INDEPENDENT_LAN: (set(), {TOI, MAT}),
    Channel.ORDINARY_POST: (set(), set()),
    Channel.INTERNET: (set(), set()),
}
CHANNEL_LABELS = {
    Channel.BY_HAND: "Trực tiếp qua văn thư, giao liên", Channel.KT1_POST: "Mạng bưu chính KT1",
    Channel.NETWORK_COYEU: "Mạng có mã hóa cơ yếu", Channel.INDEPENDENT_LAN: "Mạng LAN độc lập",
    Channel.ORDINARY_POST: "Bưu chính thông thường", Channel.INTERNET: "Internet, thư điện tử công cộng",
}


@pytest.mark.parametrize("pack", BOTH, ids=["2018", "2025"])
@pytest.mark.parametrize("channel", list(Channel))
@pytest.mark.parametrize("level", list(Level))
def test_channel_by_level(pack, channel: Channel, level: Level) -> None:  # type: ignore[no-untyped-def]
    allowed = CHANNELS[channel][0 if pack is P18 else 1]
    if level in allowed:
        check_channel(pack, level, channel)
        return
    provision = ("Điều 13, khoản 5, 6 Điều 5 Luật Bảo vệ BMNN 2018" if pack is P18
                 else "Luật Bảo vệ BMNN 2025 (cho phép mạng LAN độc lập)")
    err = refused(ChannelNotAllowed, lambda: check_channel(pack, level, channel), provision, "partial")
    assert err.message == f"Không được chuyển tài liệu độ {level.label} qua kênh: {CHANNEL_LABELS[channel]}"
    assert err.code == "channel_not_allowed"


@pytest.mark.parametrize("pack", BOTH, ids=["2018", "2025"])
def test_electronic_channels_carry_no_envelope(pack) -> None:  # type: ignore[no-untyped-def]
    # Điều 4 NĐ 26/2020 packs paper; a transmission is not packed.
    electronic = {c for c in Channel if is_electronic(pack, c)}
    assert electronic == {Channel.NETWORK_COYEU, Channel.INDEPENDENT_LAN, Channel.INTERNET}


# --- Envelopes (khoản 1 Điều 4 NĐ 26/2020) ---------------------------------------------------------

ENVELOPES = {  # level: (envelopes, outer letter, inner stamp)
    TM: (2, "A", "TUYỆT MẬT"),
    TOI: (1, "B", None),
    MAT: (1, "C", None),
}


@pytest.mark.parametrize("pack", BOTH, ids=["2018", "2025"])
@pytest.mark.parametrize("level", list(Level))
@pytest.mark.parametrize("named", [True, False])
def test_envelope_by_level(pack, level: Level, named: bool) -> None:  # type: ignore[no-untyped-def]
    count, letter, inner = ENVELOPES[level]
    stamp = "Chỉ người có tên mới được bóc bì" if named else None
    assert envelope_for(pack, level, named) == Envelope(count, letter, inner, stamp)


def test_envelope_described_as_the_clerk_reads_it() -> None:
    assert envelope_for(P18, TM, True).describe() == (
        '2 lớp bì, dấu "A" ngoài bì, bì trong đóng dấu "TUYỆT MẬT", dấu "Chỉ người có tên mới được bóc bì"')
    assert envelope_for(P25, TOI, False).describe() == '1 lớp bì, dấu "B" ngoài bì'
    assert envelope_for(P25, MAT, False).describe() == '1 lớp bì, dấu "C" ngoài bì'


@pytest.mark.parametrize(("text", "numbers"), [
    ("bản số 01–03, 05", {1, 2, 3, 5}),
    ("01-02", {1, 2}),
    ("1 — 1", {1}),
    ("07", {7}),
    ("05, 07-08", {5, 7, 8}),  # a range after a single number adds to it
    ("03–01", set()),  # backwards: no copies named
    ("1-10001", set(range(1, 10002))),  # a span of 10 000 is the most a line may name
    ("1-10002", set()),
    ("", set()),
])
def test_copy_numbers_of_a_transfer_line(text: str, numbers: set[int]) -> None:
    assert copy_numbers(text) == numbers


# --- Protection periods (khoản 1, 2 Điều 19) --------------------------------------------------------

PERIODS = {TM: 30, TOI: 20, MAT: 10}
DETERMINED = dt.date(2026, 3, 15)


@pytest.mark.parametrize("pack", BOTH, ids=["2018", "2025"])
@pytest.mark.parametrize("level", list(Level))
def test_protection_period_by_level(pack, level: Level) -> None:  # type: ignore[no-untyped-def]
    years = PERIODS[level]
    assert base_years(pack, level) == years
    assert protection_until(pack, level, DETERMINED) == dt.date(2026 + years, 3, 15)
    leap = dt.date(2024 + years, 2, 29 if years % 4 == 0 else 28)  # 29/2 falls back to 28/2
    assert protection_until(pack, level, dt.date(2024, 2, 29)) == leap


@pytest.mark.parametrize("pack", BOTH, ids=["2018", "2025"])
def test_shorter_period_must_end_after_the_day_the_level_was_determined(pack) -> None:  # type: ignore[no-untyped-def]
    # Khoản 2 Điều 19: an activity's secret may carry a shorter period, stated when classifying.
    provision, confidence = where(pack, "Khoản 1 Điều 19 Luật Bảo vệ BMNN 2018", "confirmed")
    for shorter in (DETERMINED - ONE, DETERMINED):
        err = refused(ExtensionNotAllowed, lambda s=shorter: protection_until(pack, MAT, DETERMINED, s),
                      provision, confidence)
        assert err.message == "Thời hạn bảo vệ ngắn hơn phải kết thúc sau ngày xác định độ mật"
    assert protection_until(pack, MAT, DETERMINED, DETERMINED + ONE) == DETERMINED + ONE
    full = dt.date(2036, 3, 15)
    assert protection_until(pack, MAT, DETERMINED, full - ONE) == full - ONE
    assert protection_until(pack, MAT, DETERMINED, full) == full
    assert protection_until(pack, MAT, DETERMINED, full + ONE) == full  # never longer than the law's


# --- Extension (khoản 1, 2 Điều 20) and notices (khoản 3 Điều 20, khoản 3 Điều 21) -----------------

UNTIL = dt.date(2036, 6, 30)
LAST_DAY_TO_DECIDE = dt.date(2036, 5, 1)  # 60 days before 30/6/2036


@pytest.mark.parametrize("pack", BOTH, ids=["2018", "2025"])
@pytest.mark.parametrize("level", list(Level))
def test_extension_decided_at_least_60_days_before_expiry(pack, level: Level) -> None:  # type: ignore[no-untyped-def]
    new = dt.date(2040, 6, 30)
    check_extension(pack, level, UNTIL, new, LAST_DAY_TO_DECIDE - ONE)
    check_extension(pack, level, UNTIL, new, LAST_DAY_TO_DECIDE)
    provision, confidence = where(pack, "Khoản 1 Điều 20 Luật Bảo vệ BMNN 2018", "confirmed")
    late = LAST_DAY_TO_DECIDE + ONE
    err = refused(ExtensionNotAllowed, lambda: check_extension(pack, level, UNTIL, new, late),
                  provision, confidence)
    assert err.message == ("Gia hạn phải quyết định trước khi hết thời hạn bảo vệ ít nhất 60 ngày "
                           "(hết hạn 30/06/2036)")


@pytest.mark.parametrize("pack", BOTH, ids=["2018", "2025"])
@pytest.mark.parametrize("level", list(Level))
def test_extension_moves_the_date_forward_by_at_most_the_base_period(pack, level: Level) -> None:  # type: ignore[no-untyped-def]
    years = PERIODS[level]
    cap = dt.date(2036 + years, 6, 30)
    decided = dt.date(2030, 1, 1)
    check_extension(pack, level, UNTIL, UNTIL + ONE, decided)
    check_extension(pack, level, UNTIL, cap, decided)
    provision, confidence = where(pack, "Khoản 2 Điều 20 Luật Bảo vệ BMNN 2018", "confirmed")
    for same_or_earlier in (UNTIL, UNTIL - ONE):
        err = refused(ExtensionNotAllowed,
                      lambda d=same_or_earlier: check_extension(pack, level, UNTIL, d, decided),
                      provision, confidence)
        assert err.message == "Thời hạn gia hạn phải sau thời hạn hiện tại"
    err = refused(ExtensionNotAllowed, lambda: check_extension(pack, level, UNTIL, cap + ONE, decided),
                  provision, confidence)
    assert err.message == f"Mỗi lần gia hạn không quá {years} năm đối với độ {level.label}"


@pytest.mark.parametrize("pack", BOTH, ids=["2018", "2025"])
def test_notice_due_within_15_days(pack) -> None:  # type: ignore[no-untyped-def]
    assert notice_due(pack, dt.date(2026, 1, 20)) == dt.date(2026, 2, 4)
    assert notice_due(pack, dt.date(2026, 12, 31)) == dt.date(2027, 1, 15)


def test_due_list_window_both_ends() -> None:
    today = dt.date(2026, 1, 1)
    assert not is_due(today - ONE, today, 60)
    assert is_due(today, today, 60)
    assert is_due(dt.date(2026, 3, 2), today, 60)  # the 60th day
    assert not is_due(dt.date(2026, 3, 3), today, 60)


# --- The classification proposal (Điều 10 Luật; Điều 2 NĐ 26/2020) --------------------------------

EXAM = BasisItem("531/QĐ-TTg", "1", "1", "", TOI)
STAFF = BasisItem("531/QĐ-TTg", "2", "2", "a", MAT)
TOP = BasisItem("2500/QĐ-TTg", "1", "1", "", TM)


@pytest.mark.parametrize("pack", BOTH, ids=["2018", "2025"])
def test_basis_required(pack) -> None:  # type: ignore[no-untyped-def]
    provision, confidence = (("Khoản 1 Điều 10 Luật Bảo vệ BMNN 2018", "confirmed") if pack is P18
                             else ("Khoản 1 Điều 10 Luật Bảo vệ BMNN 2025", "partial"))
    err = refused(ProposalWithoutBasis, lambda: check_basis(pack, MAT, [], "lý do"), provision, confidence)
    assert err.message == "Đề xuất độ mật phải nêu căn cứ danh mục bí mật nhà nước"
    check_basis(pack, MAT, [STAFF], "")


@pytest.mark.parametrize("pack", BOTH, ids=["2018", "2025"])
def test_basis_names_its_article(pack) -> None:  # type: ignore[no-untyped-def]
    no_article = BasisItem("531/QĐ-TTg", "", "1", "a", MAT)
    provision, confidence = where(pack, "261/X05-P5", "not_confirmed")
    for basis in ([no_article], [STAFF, no_article]):
        err = refused(ProposalWithoutBasis, lambda b=basis: check_basis(pack, MAT, b, ""),
                      provision, confidence)
        assert err.message == "Căn cứ phải ghi rõ điểm, khoản, điều của danh mục bí mật nhà nước"
    assert STAFF.citation == "điểm a, khoản 2, Điều 2 531/QĐ-TTg"
    assert EXAM.citation == "khoản 1, Điều 1 531/QĐ-TTg"


@pytest.mark.parametrize("pack", BOTH, ids=["2018", "2025"])
def test_level_is_the_highest_of_the_basis_unless_a_reason_is_written(pack) -> None:  # type: ignore[no-untyped-def]
    # Khoản 2 Điều 10: a document holding items of several levels takes the highest.
    provision, confidence = where(pack, "Khoản 2 Điều 10 Luật Bảo vệ BMNN 2018", "confirmed")
    err = refused(LevelMismatch, lambda: check_basis(pack, MAT, [EXAM, STAFF], "  "), provision, confidence)
    assert err.message == ("Độ mật đề xuất (Mật) thấp hơn độ mật cao nhất của căn cứ (Tối mật); "
                           "phải ghi lý do")
    err = refused(LevelMismatch, lambda: check_basis(pack, TM, [EXAM, STAFF], ""), provision, confidence)
    assert err.message == ("Độ mật đề xuất (Tuyệt mật) cao hơn độ mật cao nhất của căn cứ (Tối mật); "
                           "phải ghi lý do")
    refused(LevelMismatch, lambda: check_basis(pack, TOI, [STAFF, TOP, EXAM], ""), provision, confidence)
    check_basis(pack, TOI, [STAFF, EXAM], "")
    check_basis(pack, TM, [STAFF, TOP], "")
    check_basis(pack, MAT, [EXAM, STAFF], "Chỉ trích phần không thuộc đề thi")


@pytest.mark.parametrize("pack", BOTH, ids=["2018", "2025"])
def test_no_summary_for_tuyet_mat(pack) -> None:  # type: ignore[no-untyped-def]
    # Khoản 1 Điều 4 NĐ 26/2020 (bmnn keeps the stricter reading); Phụ lục III NĐ 63/2026.
    provision, confidence = (("Khoản 1 Điều 4 Nghị định 26/2020/NĐ-CP", "inference") if pack is P18
                             else ("Nghị định 63/2026/NĐ-CP, Phụ lục III", "partial"))
    err = refused(SummaryForbidden, lambda: check_summary(pack, TM, "Phương án nhân sự"),
                  provision, confidence)
    assert err.message == "Không ghi trích yếu nội dung đối với tài liệu độ Tuyệt mật"
    check_summary(pack, TM, "  ")
    check_summary(pack, TOI, "Đề thi")
    check_summary(pack, MAT, "Địa điểm in sao đề thi")


RECIPIENTS_BLOCK = [  # recipients, drafter, copy permission, what is missing ("" = complete)
    ([("UBND tỉnh", 1)], "Nguyễn Văn A", True, ""),
    ([("UBND tỉnh", 2), ("Lưu: VT", 1)], "Nguyễn Văn A", False, ""),
    ([], "Nguyễn Văn A", True, "nơi nhận"),
    ([(" ", 1)], "Nguyễn Văn A", True, "nơi nhận"),
    ([("UBND tỉnh", 0)], "Nguyễn Văn A", True, "số lượng bản cho từng nơi nhận"),
    ([("UBND tỉnh", 2), ("Lưu: VT", 0)], "Nguyễn Văn A", True, "số lượng bản cho từng nơi nhận"),
    ([("UBND tỉnh", -1)], "Nguyễn Văn A", True, "số lượng bản cho từng nơi nhận"),
    ([("UBND tỉnh", 1)], " ", True, "tên người soạn thảo"),
    ([("UBND tỉnh", 1)], "Nguyễn Văn A", None, "được phép hay không được phép sao, chụp"),
    ([], "", None, "nơi nhận, tên người soạn thảo, được phép hay không được phép sao, chụp"),
    ([("", 0)], "A", True, "nơi nhận, số lượng bản cho từng nơi nhận"),
]


@pytest.mark.parametrize("pack", BOTH, ids=["2018", "2025"])
@pytest.mark.parametrize(("recipients", "drafter", "permitted", "missing"), RECIPIENTS_BLOCK)
def test_recipients_block(pack, recipients, drafter: str, permitted: bool | None, missing: str) -> None:  # type: ignore[no-untyped-def]
    # Khoản 2 Điều 2 NĐ 26/2020: recipients, the number of copies, the drafter, copy permission.
    if not missing:
        check_recipients_block(pack, recipients, drafter, permitted)
        return
    provision, confidence = where(pack, "Khoản 2 Điều 2 Nghị định 26/2020/NĐ-CP", "confirmed")
    err = refused(RecipientsIncomplete, lambda: check_recipients_block(pack, recipients, drafter, permitted),
                  provision, confidence)
    assert err.message == f'Thiếu thông tin tại "Nơi nhận": {missing}'


# --- Copying (Điều 11 Luật; Điều 3 NĐ 26/2020) -----------------------------------------------------

def test_copy_forms() -> None:
    assert [(f.value, f.label) for f in CopyForm] == [
        ("sao_y", "Sao y bản chính"), ("sao_luc", "Sao lục"), ("trich_sao", "Trích sao"), ("chup", "Chụp")]


@pytest.mark.parametrize("pack", BOTH, ids=["2018", "2025"])
def test_copy_only_of_an_original_that_permits_it(pack) -> None:  # type: ignore[no-untyped-def]
    provision, confidence = (
        ("Khoản 2 Điều 10, Điều 11 Luật Bảo vệ BMNN 2018; Điều 2 Nghị định 26/2020/NĐ-CP", "confirmed")
        if pack is P18 else
        ("Khoản 2 Điều 10, Điều 11 Luật Bảo vệ BMNN 2025 (số điều theo Luật 2018, chưa xác nhận); "
         "Nghị định 63/2026/NĐ-CP (quy định tương ứng Điều 2 Nghị định 26/2020/NĐ-CP)", "not_confirmed"))
    err = refused(CopyNotPermitted, lambda: check_copy(pack, False, 1, 1), provision, confidence)
    assert err.message == 'Tài liệu gốc ghi "không được phép sao, chụp"'
    err = refused(CopyNotPermitted, lambda: check_copy(pack, None, 1, 1), provision, confidence)
    assert err.message == "Tài liệu chưa ghi rõ được phép sao, chụp; phải có ý kiến của người xác định độ mật"
    check_copy(pack, True, 1, 1)


@pytest.mark.parametrize("pack", BOTH, ids=["2018", "2025"])
@pytest.mark.parametrize(("permitted", "made", "message"), [
    (1, 1, ""),
    (3, 1, ""),
    (3, 3, ""),
    (3, 4, "Số bản sao (4) vượt số lượng được phép (3)"),
    (1, 2, "Số bản sao (2) vượt số lượng được phép (1)"),
    (1, 0, "Số bản sao phải từ 1 trở lên"),
    (0, 0, "Số bản sao phải từ 1 trở lên"),
    (0, 1, "Số bản sao phải từ 1 trở lên"),
    (2, -1, "Số bản sao phải từ 1 trở lên"),
])
def test_copies_from_one_to_the_permitted_number(pack, permitted: int, made: int, message: str) -> None:  # type: ignore[no-untyped-def]
    if not message:
        check_copy(pack, True, permitted, made)
        return
    if message.startswith("Số bản sao phải"):
        provision, confidence = (("Điều 3 Nghị định 26/2020/NĐ-CP", "confirmed") if pack is P18 else
                                 ("Nghị định 63/2026/NĐ-CP (quy định tương ứng Điều 3", "not_confirmed"))
    else:
        provision, confidence = where(pack, "Điều 3 Nghị định 26/2020/NĐ-CP (chỉ sao đúng số lượng",
                                      "confirmed")
    err = refused(CopyOverCount, lambda: check_copy(pack, True, permitted, made), provision, confidence)
    assert err.message == message

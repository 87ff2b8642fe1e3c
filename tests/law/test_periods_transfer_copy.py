"""Protection periods, extension, channels, envelopes and copy limits."""

from __future__ import annotations

import datetime as dt

import pytest

from bmnn.law.copying import check_copy
from bmnn.law.errors import ChannelNotAllowed, CopyNotPermitted, CopyOverCount, ExtensionNotAllowed
from bmnn.law.levels import Level
from bmnn.law.pack import Regime, load_pack
from bmnn.law.periods import check_extension, is_due, notice_due, protection_until
from bmnn.law.transfer import Channel, check_channel, envelope_for

P18 = load_pack(Regime.R2018)
P25 = load_pack(Regime.R2025)


@pytest.mark.parametrize(("level", "years"), [(Level.TUYET_MAT, 30), (Level.TOI_MAT, 20),
                                              (Level.MAT, 10)])
def test_protection_period_by_level(level: Level, years: int) -> None:
    # Khoản 1 Điều 19 Luật 2018: 30/20/10 years from the day the level was determined.
    assert protection_until(P18, level, dt.date(2025, 3, 15)) == dt.date(2025 + years, 3, 15)


def test_period_from_29_february_ends_28_february_in_a_common_year() -> None:
    assert protection_until(P18, Level.MAT, dt.date(2024, 2, 29)) == dt.date(2034, 2, 28)


def test_shorter_stated_period_wins() -> None:
    # Khoản 2 Điều 19: an activity's secret may carry a shorter period.
    assert protection_until(P18, Level.MAT, dt.date(2025, 1, 1), dt.date(2026, 6, 30)) == \
        dt.date(2026, 6, 30)


def test_extension_later_than_60_days_before_expiry_is_refused() -> None:
    # Khoản 1 Điều 20 Luật 2018.
    until = dt.date(2030, 6, 30)
    check_extension(P18, Level.MAT, until, dt.date(2040, 6, 30), dt.date(2030, 5, 1))
    with pytest.raises(ExtensionNotAllowed, match="60 ngày"):
        check_extension(P18, Level.MAT, until, dt.date(2035, 6, 30), dt.date(2030, 5, 2))


def test_extension_longer_than_base_period_is_refused() -> None:
    # Khoản 2 Điều 20 Luật 2018: each extension at most the level's base period.
    with pytest.raises(ExtensionNotAllowed, match="10 năm"):
        check_extension(P18, Level.MAT, dt.date(2030, 6, 30), dt.date(2040, 7, 1),
                        dt.date(2029, 1, 1))


def test_notice_due_in_15_days_and_due_list() -> None:
    # Khoản 3 Điều 20, khoản 3 Điều 21 Luật 2018.
    assert notice_due(P18, dt.date(2026, 1, 20)) == dt.date(2026, 2, 4)
    assert is_due(dt.date(2026, 3, 1), dt.date(2026, 1, 1), 60)
    assert not is_due(dt.date(2026, 3, 3), dt.date(2026, 1, 1), 60)


def test_ordinary_post_and_internet_are_refused_for_every_level() -> None:
    # Điều 13, khoản 6 Điều 5 Luật 2018.
    for level in Level:
        for channel in (Channel.ORDINARY_POST, Channel.INTERNET):
            with pytest.raises(ChannelNotAllowed):
                check_channel(P18, level, channel)
        check_channel(P18, level, Channel.KT1_POST)


def test_independent_lan_allowed_only_from_2025_law() -> None:
    # Khoản 5 Điều 5 Luật 2018 forbids networks; Luật 2025 allows an independent LAN.
    with pytest.raises(ChannelNotAllowed):
        check_channel(P18, Level.MAT, Channel.INDEPENDENT_LAN)
    check_channel(P25, Level.MAT, Channel.INDEPENDENT_LAN)


def test_top_secret_never_over_a_network() -> None:
    # Khoản 6 Điều 5; Văn bản 261/X05-P5: networks carry Tối mật and below (cơ yếu or independent LAN).
    for pack in (P18, P25):
        with pytest.raises(ChannelNotAllowed):
            check_channel(pack, Level.TUYET_MAT, Channel.NETWORK_COYEU)
        check_channel(pack, Level.TOI_MAT, Channel.NETWORK_COYEU)
    with pytest.raises(ChannelNotAllowed):
        check_channel(P25, Level.TUYET_MAT, Channel.INDEPENDENT_LAN)
    check_channel(P25, Level.TOI_MAT, Channel.INDEPENDENT_LAN)


def test_envelopes_by_level() -> None:
    # Khoản 1 Điều 4 NĐ 26/2020: two envelopes and "A" for Tuyệt mật; "B", "C" otherwise.
    top = envelope_for(P18, Level.TUYET_MAT, named_person=True)
    assert (top.count, top.outer_mark, top.inner_stamp) == (2, "A", "TUYỆT MẬT")
    assert top.named_person_stamp == "Chỉ người có tên mới được bóc bì"
    assert envelope_for(P18, Level.TOI_MAT, False).outer_mark == "B"
    assert envelope_for(P18, Level.MAT, False).named_person_stamp is None


def test_copy_of_original_marked_no_copy_is_refused() -> None:
    # Khoản 2 Điều 10, Điều 11 Luật 2018.
    with pytest.raises(CopyNotPermitted):
        check_copy(P18, False, 2, 2)


def test_copy_over_permitted_count_is_refused() -> None:
    # Điều 3 NĐ 26/2020: only the permitted number of copies.
    with pytest.raises(CopyOverCount):
        check_copy(P18, True, 2, 3)
    check_copy(P18, True, 3, 3)

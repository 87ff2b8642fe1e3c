"""What a paper register's channel cell is read as (RegisterEntry.facts): only "cơ yếu" makes a
network lawful for secrets; the Internet and messaging apps are named as such whatever encryption
the line claims."""

from __future__ import annotations

import pytest

from bmnn.registry.importing.facts import MESSAGING, NETWORK, TELECOM, UNKNOWN, channel_code, person_name


@pytest.mark.parametrize(("cell", "code"), [
    ("Mạng cơ yếu", "network_coyeu"),
    ("Truyền qua mạng có mã hóa cơ yếu", "network_coyeu"),
    ("Mạng TSLCD có mã hóa", NETWORK),  # encrypted, but not said to be cơ yếu
    ("VPN mã hóa", NETWORK),
    ("Internet (đã mã hóa)", MESSAGING),
    ("Internet có mã hóa cơ yếu", MESSAGING),  # the Internet is never a channel for secrets
    ("Gửi qua Zalo", MESSAGING),
    ("Email", MESSAGING),
    ("Fax", TELECOM),
    ("BĐ KT1", "kt1_post"),
    ("Bưu điện", "ordinary_post"),
    ("Giao liên", "by_hand"),
    ("", UNKNOWN),
    ("xem sổ khác", UNKNOWN),
])
def test_channel_cells(cell: str, code: str) -> None:
    assert channel_code(cell) == code


@pytest.mark.parametrize(("cell", "name"), [
    ("nguyễn  văn hùng", "Nguyễn Văn Hùng"),
    ("-", ""), ("—", ""), ("...", ""), ("", ""), ("Chưa ký", ""), ("(không rõ)", ""), ("x", ""),
])
def test_a_placeholder_is_no_signer(cell: str, name: str) -> None:
    assert person_name(cell) == name

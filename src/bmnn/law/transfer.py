"""Channels and envelopes for moving secrets (Điều 13, khoản 5-6 Điều 5; Điều 4 NĐ 26/2020)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bmnn.law.errors import ChannelNotAllowed
from bmnn.law.levels import Level
from bmnn.law.pack import RulePack


class Channel(StrEnum):
    BY_HAND = "by_hand"
    KT1_POST = "kt1_post"
    NETWORK_COYEU = "network_coyeu"
    INDEPENDENT_LAN = "independent_lan"
    ORDINARY_POST = "ordinary_post"
    INTERNET = "internet"

    @property
    def label(self) -> str:
        return _CHANNEL_LABEL[self]


_CHANNEL_LABEL = {
    Channel.BY_HAND: "Trực tiếp qua văn thư, giao liên",
    Channel.KT1_POST: "Mạng bưu chính KT1",
    Channel.NETWORK_COYEU: "Mạng có mã hóa cơ yếu",
    Channel.INDEPENDENT_LAN: "Mạng LAN độc lập",
    Channel.ORDINARY_POST: "Bưu chính thông thường",
    Channel.INTERNET: "Internet, thư điện tử công cộng",
}


@dataclass(frozen=True)
class Envelope:
    count: int
    outer_mark: str
    inner_stamp: str | None
    named_person_stamp: str | None

    def describe(self) -> str:
        parts = [f"{self.count} lớp bì", f"dấu \"{self.outer_mark}\" ngoài bì"]
        if self.inner_stamp:
            parts.append(f"bì trong đóng dấu \"{self.inner_stamp}\"")
        if self.named_person_stamp:
            parts.append(f"dấu \"{self.named_person_stamp}\"")
        return ", ".join(parts)


_NUMBERS = re.compile(r"(\d+)\s*[–—-]\s*(\d+)|(\d+)")
MAX_SPAN = 10_000


def copy_numbers(text: str) -> frozenset[int]:
    """The copy numbers (bản số) a transfer line names: "bản số 01–03, 05" → {1, 2, 3, 5}."""
    found: set[int] = set()
    for first, last, single in _NUMBERS.findall(text):
        if single:
            found.add(int(single))
        elif int(first) <= int(last) <= int(first) + MAX_SPAN:
            found |= set(range(int(first), int(last) + 1))
    return frozenset(found)


def check_channel(pack: RulePack, level: Level, channel: Channel) -> None:
    rule = pack.rule("channels")
    allowed: dict[str, list[str]] = rule.value
    if level.value not in allowed.get(channel.value, []):
        raise ChannelNotAllowed(
            f"Không được chuyển tài liệu độ {level.label} qua kênh: {channel.label}",
            rule.source, confidence=rule.confidence,
        )


def is_electronic(pack: RulePack, channel: Channel) -> bool:
    """A channel that transmits rather than carries: nothing is packed, no envelope is marked."""
    return channel.value in pack.value("electronic_channels")


def envelope_for(pack: RulePack, level: Level, named_person: bool) -> Envelope:
    """How the package must be made: envelopes, outer letter, inner stamp, named-person stamp."""
    rules = pack.value("envelopes")
    spec = rules[level.value]
    return Envelope(
        count=int(spec["count"]),
        outer_mark=str(spec["outer_mark"]),
        inner_stamp=spec.get("inner_stamp"),
        named_person_stamp=rules["named_person_stamp"] if named_person else None,
    )

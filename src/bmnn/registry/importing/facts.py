"""What an imported register line shows beyond its text, kept as `RegisterEntry.facts` so the
self-inspection can ask it with plain queries: the channel a transfer line names, the envelope
letter it records, that a Tuyệt mật line carried a summary on paper (the summary itself is not
kept), and the names of the signer or permitting person as written.

The channel words are those registers actually use ("Giao liên", "BĐ KT1", "Bưu điện",
"Email", "Zalo", "Mạng cơ yếu", "Fax"…); text that names none of them is "unknown", and the
self-inspection then says it cannot tell (no_data) rather than guessing.
"""

from __future__ import annotations

import re

from bmnn.law.transfer import Channel
from bmnn.lib.text import fold, nfc

# Codes beyond the channels bmnn itself records.
MESSAGING = "messaging"  # e-mail, social networks, messaging apps
TELECOM = "telecom"  # fax, telephone, telegram lines of the telecom network
NETWORK = "network"  # a computer network not said to be cơ yếu-encrypted or independent
UNKNOWN = "unknown"

# Checked in order: the first group with a matching word wins (KT1 before "bưu điện").
_CHANNEL_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        MESSAGING,
        (
            "zalo",
            "viber",
            "telegram",
            "messenger",
            "facebook",
            "wechat",
            "skype",
            "whatsapp",
            "email",
            "e-mail",
            "thu dien tu",
            "gmail",
            "yahoo",
            "outlook",
            "mang xa hoi",
            "tin nhan",
            "internet",
        ),
    ),
    (Channel.KT1_POST.value, ("kt1", "kt 1", "buu chinh kt", "buu dien kt")),
    # Only the word cơ yếu makes a network lawful for secrets: "mã hóa" alone (an app's or a VPN's
    # encryption) does not, and the Internet is the Internet whatever it is wrapped in.
    (Channel.NETWORK_COYEU.value, ("co yeu",)),
    (Channel.INDEPENDENT_LAN.value, ("lan doc lap", "mang lan doc lap")),
    (TELECOM, ("fax", "dien thoai", "dien bao")),
    (
        NETWORK,
        (
            "mang wan",
            "mang lan",
            "mang noi bo",
            "mang may tinh",
            "qua mang",
            "he thong quan ly van ban",
            "qlvb",
            "mang tslcd",
            "truyen so lieu",
            "ma hoa",
            "mat ma",
        ),
    ),
    (
        Channel.ORDINARY_POST.value,
        ("buu dien", "buu chinh", "chuyen phat", "ems", "viettel post", "vnpost", "gui thu"),
    ),
    (
        Channel.BY_HAND.value,
        ("truc tiep", "tan tay", "giao lien", "van thu", "can bo", "nguoi mang", "giao nhan", "ban giao"),
    ),
)
_ENVELOPE_LETTER = re.compile(r"(?<![\w])([ABC])(?![\w])")
_WORD_START = r"(?<![a-z0-9])"


def channel_code(text: str) -> str:
    """The channel a register cell names, as a code (see the module docstring)."""
    folded = fold(text)
    if not folded:
        return UNKNOWN
    for code, words in _CHANNEL_WORDS:
        if any(re.search(_WORD_START + re.escape(w) + r"(?![a-z0-9])", folded) for w in words):
            return code
    return UNKNOWN


def envelope_letters(text: str) -> str:
    """The envelope letters (A, B, C) a cell records, in order, e.g. "A"; "" when none."""
    return "".join(dict.fromkeys(_ENVELOPE_LETTER.findall(nfc(text))))


# What registers write where nobody's name stands: read as no name (not shown), never as a person.
_NO_NAME = frozenset({"x", "chua ky", "khong ky", "khong", "khong co", "khong ro", "chua ro", "chua co",
                      "n/a", "na"})


def person_name(text: str) -> str:
    """A name as written, in the form people's names are kept ("Nguyễn Văn Hùng"); "" for a
    blank, a dash or a placeholder ("Chưa ký", "x", "không rõ")."""
    name = " ".join(nfc(text).split())
    folded = fold(name).strip(" .()-–—/")
    if not any(ch.isalpha() for ch in name) or folded in _NO_NAME:
        return ""
    return name.title()

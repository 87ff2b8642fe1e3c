"""Copying and photographing secrets (Điều 11 Luật; the decree article comes from the pack)."""

from __future__ import annotations

from enum import StrEnum

from bmnn.law.errors import CopyNotPermitted, CopyOverCount
from bmnn.law.pack import RulePack


class CopyForm(StrEnum):
    SAO_Y = "sao_y"
    SAO_LUC = "sao_luc"
    TRICH_SAO = "trich_sao"
    CHUP = "chup"

    @property
    def label(self) -> str:
        return {
            "sao_y": "Sao y bản chính",
            "sao_luc": "Sao lục",
            "trich_sao": "Trích sao",
            "chup": "Chụp",
        }[self.value]


def check_copy(
    pack: RulePack, original_permits_copy: bool | None, permitted_count: int, made_count: int
) -> None:
    """Refuse copying an original marked "không được phép sao, chụp", or beyond the permit."""
    if not original_permits_copy:
        message = ("Tài liệu gốc ghi \"không được phép sao, chụp\"" if original_permits_copy is False
                   else "Tài liệu chưa ghi rõ được phép sao, chụp; phải có ý kiến của người xác định độ mật")
        where, confidence = pack.article("Khoản 2 Điều 10, Điều 11")
        raise CopyNotPermitted(message, f"{where}; {pack.cite('proposal')[0]}", confidence=confidence)
    if made_count < 1 or permitted_count < 1:
        provision, confidence = pack.cite("copying")
        raise CopyOverCount("Số bản sao phải từ 1 trở lên", provision, confidence=confidence)
    if made_count > permitted_count:
        rule = pack.rule("copy_excess_destroyed")
        raise CopyOverCount(
            f"Số bản sao ({made_count}) vượt số lượng được phép ({permitted_count})",
            rule.source, confidence=rule.confidence,
        )

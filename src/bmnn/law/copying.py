"""Copying and photographing secrets (Điều 11 Luật 2018; Điều 3 NĐ 26/2020)."""

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
    pack: RulePack, original_permits_copy: bool, permitted_count: int, made_count: int
) -> None:
    """Refuse copying an original marked "không được phép sao, chụp", or beyond the permit."""
    if not original_permits_copy:
        rule = pack.rule("recipients_block_required")
        raise CopyNotPermitted(
            "Tài liệu gốc ghi \"không được phép sao, chụp\"",
            f"Khoản 2 Điều 10, Điều 11 {pack.law_short}; {rule.source}",
        )
    if made_count < 1 or permitted_count < 1:
        raise CopyOverCount(
            "Số bản sao phải từ 1 trở lên", f"Điều 3 Nghị định 26/2020/NĐ-CP ({pack.law_short})"
        )
    if made_count > permitted_count:
        rule = pack.rule("copy_excess_destroyed")
        raise CopyOverCount(
            f"Số bản sao ({made_count}) vượt số lượng được phép ({permitted_count})",
            rule.source, confidence=rule.confidence,
        )

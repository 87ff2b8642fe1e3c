"""Rules for a classification proposal and for what the register may record."""

from __future__ import annotations

from dataclasses import dataclass

from bmnn.law.errors import (
    LevelMismatch,
    ProposalWithoutBasis,
    RecipientsIncomplete,
    SummaryForbidden,
)
from bmnn.law.levels import Level, highest
from bmnn.law.pack import RulePack


@dataclass(frozen=True)
class BasisItem:
    """A catalog item cited as the basis: decision, article/clause/point, level."""

    decision: str
    article: str
    clause: str
    point: str
    level: Level

    @property
    def citation(self) -> str:
        parts = [f"điểm {self.point}" if self.point else "", f"khoản {self.clause}" if self.clause
                 else "", f"Điều {self.article}" if self.article else ""]
        return ", ".join(p for p in parts if p) + f" {self.decision}"


def check_basis(pack: RulePack, level: Level, basis: list[BasisItem], reason: str) -> None:
    """Refuse a proposal without catalog basis, or whose level departs from it without reason."""
    rule = pack.rule("classification_basis_required")
    if rule.value and not basis:
        raise ProposalWithoutBasis(
            "Đề xuất độ mật phải nêu căn cứ danh mục bí mật nhà nước", rule.source,
            confidence=rule.confidence,
        )
    cite_rule = pack.rule("basis_cites_article_clause_point")
    if cite_rule.value and any(not b.article for b in basis):
        raise ProposalWithoutBasis(
            "Căn cứ phải ghi rõ điểm, khoản, điều của danh mục bí mật nhà nước",
            cite_rule.source, confidence=cite_rule.confidence,
        )
    top = highest([b.level for b in basis])
    level_rule = pack.rule("level_is_highest_of_basis")
    if top is not None and level != top and not reason.strip():
        direction = "thấp hơn" if level.rank < top.rank else "cao hơn"
        raise LevelMismatch(
            f"Độ mật đề xuất ({level.label}) {direction} độ mật cao nhất của căn cứ "
            f"({top.label}); phải ghi lý do",
            level_rule.source, confidence=level_rule.confidence,
        )


def check_summary(pack: RulePack, level: Level, summary: str) -> None:
    """Refuse a summary (trích yếu) for a Tuyệt mật document."""
    rule = pack.rule("top_secret_summary_forbidden")
    if rule.value and level == Level.TUYET_MAT and summary.strip():
        raise SummaryForbidden(
            "Không ghi trích yếu nội dung đối với tài liệu độ Tuyệt mật", rule.source,
            confidence=rule.confidence,
        )


def check_recipients_block(
    pack: RulePack, recipients: list[tuple[str, int]], drafter_name: str,
    copy_permitted: bool | None,
) -> None:
    """The "Nơi nhận" block needs recipients with copy counts, the drafter, copy permission."""
    rule = pack.rule("recipients_block_required")
    missing = []
    if not recipients or any(not name.strip() for name, _ in recipients):
        missing.append("nơi nhận")
    if any(count < 1 for _, count in recipients):
        missing.append("số lượng bản cho từng nơi nhận")
    if not drafter_name.strip():
        missing.append("tên người soạn thảo")
    if copy_permitted is None:
        missing.append("được phép hay không được phép sao, chụp")
    if missing:
        raise RecipientsIncomplete(
            "Thiếu thông tin tại \"Nơi nhận\": " + ", ".join(missing), rule.source,
            confidence=rule.confidence,
        )

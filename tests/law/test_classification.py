"""Classification proposal rules: catalog basis, level, "Nơi nhận" block, Tuyệt mật summary."""

from __future__ import annotations

import pytest

from bmnn.law.classification import (
    BasisItem,
    check_basis,
    check_recipients_block,
    check_summary,
)
from bmnn.law.errors import (
    LevelMismatch,
    ProposalWithoutBasis,
    RecipientsIncomplete,
    SummaryForbidden,
)
from bmnn.law.levels import Level
from bmnn.law.pack import Regime, load_pack

P18 = load_pack(Regime.R2018)
EXAM = BasisItem("531/QĐ-TTg", "1", "1", "", Level.TOI_MAT)
STAFF = BasisItem("531/QĐ-TTg", "2", "1", "", Level.MAT)


def test_proposal_without_catalog_basis_is_refused() -> None:
    # Khoản 1 Điều 10 Luật 2018: determination must rest on the catalog.
    with pytest.raises(ProposalWithoutBasis) as err:
        check_basis(P18, Level.MAT, [], "")
    assert "Điều 10" in err.value.provision


def test_basis_without_article_is_refused() -> None:
    # 261/X05-P5: the basis must name point, clause and article of the catalog.
    with pytest.raises(ProposalWithoutBasis, match="điểm, khoản, điều"):
        check_basis(P18, Level.MAT, [BasisItem("531/QĐ-TTg", "", "", "", Level.MAT)], "")


def test_level_below_highest_basis_needs_a_reason() -> None:
    # Khoản 2 Điều 10: a document with items of several levels takes the highest.
    with pytest.raises(LevelMismatch, match="thấp hơn"):
        check_basis(P18, Level.MAT, [EXAM, STAFF], "")
    check_basis(P18, Level.MAT, [EXAM, STAFF], "Chỉ trích phần không thuộc đề thi")
    check_basis(P18, Level.TOI_MAT, [EXAM, STAFF], "")


def test_top_secret_summary_is_refused() -> None:
    # Khoản 1 Điều 4 NĐ 26/2020; Phụ lục III NĐ 63/2026: no trích yếu for Tuyệt mật.
    with pytest.raises(SummaryForbidden):
        check_summary(P18, Level.TUYET_MAT, "Phương án nhân sự")
    check_summary(P18, Level.TUYET_MAT, "")
    check_summary(P18, Level.TOI_MAT, "Đề thi")


@pytest.mark.parametrize(
    ("recipients", "drafter", "permitted", "missing"),
    [
        ([], "Nguyễn Văn A", True, "nơi nhận"),
        ([("UBND tỉnh", 0)], "Nguyễn Văn A", True, "số lượng bản"),
        ([("UBND tỉnh", 1)], "", True, "người soạn thảo"),
        ([("UBND tỉnh", 1)], "Nguyễn Văn A", None, "sao, chụp"),
    ],
)
def test_recipients_block_must_be_complete(
    recipients: list[tuple[str, int]], drafter: str, permitted: bool | None, missing: str
) -> None:
    # Khoản 2 Điều 2 NĐ 26/2020: recipients, copies, drafter's name, copy permission.
    with pytest.raises(RecipientsIncomplete, match=missing):
        check_recipients_block(P18, recipients, drafter, permitted)

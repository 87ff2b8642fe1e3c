"""Refusals of self-inspection steps, each naming the rule it enforces."""

from __future__ import annotations

from bmnn.law.errors import LawRefusal

SELF_INSPECTION = (
    "Khoản 2 Điều 25 Luật Bảo vệ BMNN (tự kiểm tra, theo Văn bản 261/X05-P5 của Thanh tra Bộ Công an)"
)
FOUR_CLEAR = (
    'Phương châm "4 rõ": rõ người, rõ việc, rõ trách nhiệm, rõ thời gian hoàn thành '
    "(Kế hoạch năm 2026 của UBND tỉnh Lào Cai, mục I.4)"
)
EVIDENCE_RULE = "Yêu cầu của bmnn: trả lời bảng kiểm, đối chiếu hồ sơ, khắc phục phải có bằng chứng"


class EvidenceRequired(LawRefusal):
    """An answer, check or closing lacks the evidence it requires."""

    code = "evidence_required"


class EvidenceRejected(LawRefusal):
    """The attached file is of a type not accepted, too large, or empty."""

    code = "evidence_rejected"


class FindingStillPresent(LawRefusal):
    """A remediation item cannot be closed as fixed while its finding is still detected."""

    code = "finding_still_present"


class RunStateNotAllowed(LawRefusal):
    code = "run_state_not_allowed"

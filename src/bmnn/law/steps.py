"""Who may record which step: the one table every channel (pages, API, command line, imports)
reads through the actions. Whether the *person* named as deciding, signing or permitting holds
the authority is a separate question the law answers (bmnn.law.authority: Điều 10, 11, 14, 23,
delegations); this table says which roles may put a step into the registry at all.

| step                                              | roles                         |
|---------------------------------------------------|-------------------------------|
| propose a classification                          | drafter, head, deputy         |
| decide a proposal (for oneself only)              | head, deputy                  |
| issue, register incoming, copy, send, receipt,    | clerk                         |
| return, notice, expiry, hand over,                |                               |
| cancel a register line, close a volume            |                               |
| permission to take out, extension, level change,  | clerk (from the signed paper),|
| declassification, destruction                     | head, deputy (their own)      |
| loss, declassification at the end of the period   | clerk, head, deputy           |
| import a paper register                           | clerk, head                   |
| keep the computer inventory, import scans         | IT officer                    |
| plan and run a self-inspection, check records,    | clerk, head                   |
| assign remediation                                |                               |
| conclude a self-inspection                        | head                          |
| record a clearance decision, a delegation         | clerk (from the signed paper),|
|                                                   | head (her own decisions)      |
| record staff assignments and commitments          | clerk, head                   |
| make and send a report, keep the unit's own keys  | clerk, head                   |
| receive reports, register senders' keys, set the  | clerk, head                   |
| deadlines of the units below                      |                               |
| approve the figures received before they go up    | head                          |

The administrator manages accounts and the unit tree; he takes none of these steps (no person,
no secrets), so no one both creates an account and clears it.

Roles are the codes of bmnn.org.models.Role; the law layer imports nothing of ours.
"""

from __future__ import annotations

from enum import StrEnum

CLERK, DRAFTER, HEAD, DEPUTY, IT_OFFICER = "clerk", "drafter", "head", "deputy", "it_officer"


class Step(StrEnum):
    PROPOSE = "propose_classification"
    DECIDE_PROPOSAL = "decide_proposal"
    ISSUE = "issue_document"
    REGISTER_INCOMING = "register_incoming"
    COPY = "copy_document"
    SEND = "send_document"
    RECORD_RECEIPT = "record_receipt"
    TAKE_OUT = "take_out_document"
    RETURN = "return_document"
    EXTEND = "extend_protection"
    CHANGE_LEVEL = "change_level"
    DECLASSIFY = "declassify"
    DECLASSIFY_EXPIRED = "declassify_expired"
    DECLASSIFY_CATALOG = "declassify_removed_from_catalog"
    RECORD_NOTICE = "record_notice"
    DESTROY = "destroy_documents"
    REPORT_LOSS = "report_loss"
    HAND_OVER = "hand_over_documents"
    CANCEL_ENTRY = "cancel_entry"
    CLOSE_VOLUME = "close_volume"
    IMPORT_REGISTER = "import_register_entries"
    KEEP_INVENTORY = "keep_inventory"
    KEEP_INSPECTION = "keep_self_inspection"
    CONCLUDE_INSPECTION = "conclude_self_inspection"
    GRANT_CLEARANCE = "grant_clearance"
    RECORD_DELEGATION = "record_delegation"
    RECORD_STAFF = "record_staff_papers"
    SEND_REPORT = "send_report"
    RECEIVE_REPORT = "receive_report"
    APPROVE_REPORT = "approve_report"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def roles(self) -> frozenset[str]:
        return ROLES[self]

    @property
    def decision(self) -> bool:
        """A decision recorded either by its decider or, from the signed paper, by the clerk."""
        return self in DECISIONS


_RECORDING = frozenset({CLERK})
_DECIDING = frozenset({CLERK, HEAD, DEPUTY})
ROLES: dict[Step, frozenset[str]] = {
    Step.PROPOSE: frozenset({DRAFTER, HEAD, DEPUTY}),
    Step.DECIDE_PROPOSAL: frozenset({HEAD, DEPUTY}),
    Step.ISSUE: _RECORDING,
    Step.REGISTER_INCOMING: _RECORDING,
    Step.COPY: _RECORDING,
    Step.SEND: _RECORDING,
    Step.RECORD_RECEIPT: _RECORDING,
    Step.TAKE_OUT: _DECIDING,
    Step.RETURN: _RECORDING,
    Step.EXTEND: _DECIDING,
    Step.CHANGE_LEVEL: _DECIDING,
    Step.DECLASSIFY: _DECIDING,
    Step.DECLASSIFY_EXPIRED: _DECIDING,
    Step.DECLASSIFY_CATALOG: _DECIDING,
    Step.RECORD_NOTICE: _RECORDING,
    Step.DESTROY: _DECIDING,
    Step.REPORT_LOSS: _DECIDING,
    Step.HAND_OVER: _RECORDING,
    Step.CANCEL_ENTRY: _RECORDING,
    Step.CLOSE_VOLUME: _RECORDING,
    Step.IMPORT_REGISTER: frozenset({CLERK, HEAD}),
    Step.KEEP_INVENTORY: frozenset({IT_OFFICER}),
    Step.KEEP_INSPECTION: frozenset({CLERK, HEAD}),
    Step.CONCLUDE_INSPECTION: frozenset({HEAD}),
    Step.GRANT_CLEARANCE: frozenset({CLERK, HEAD}),
    Step.RECORD_DELEGATION: frozenset({CLERK, HEAD}),
    Step.RECORD_STAFF: frozenset({CLERK, HEAD}),
    Step.SEND_REPORT: frozenset({CLERK, HEAD}),
    Step.RECEIVE_REPORT: frozenset({CLERK, HEAD}),
    Step.APPROVE_REPORT: frozenset({HEAD}),
}
# Decisions: a head or deputy records their own; the clerk records anyone's from the paper.
DECISIONS = frozenset({Step.DECIDE_PROPOSAL, Step.TAKE_OUT, Step.EXTEND, Step.CHANGE_LEVEL, Step.DECLASSIFY,
                       Step.DECLASSIFY_CATALOG, Step.DESTROY, Step.GRANT_CLEARANCE,
                       Step.RECORD_DELEGATION})

_LABELS = {
    Step.PROPOSE: "đề xuất độ mật",
    Step.DECIDE_PROPOSAL: "duyệt đề xuất độ mật",
    Step.ISSUE: "ban hành, vào sổ đi",
    Step.REGISTER_INCOMING: "vào sổ tài liệu đến",
    Step.COPY: "ghi nhận sao, chụp",
    Step.SEND: "chuyển giao tài liệu",
    Step.RECORD_RECEIPT: "ghi ký nhận",
    Step.TAKE_OUT: "ghi nhận mang tài liệu ra khỏi nơi lưu giữ",
    Step.RETURN: "ghi nhận trả tài liệu",
    Step.EXTEND: "gia hạn thời hạn bảo vệ",
    Step.CHANGE_LEVEL: "điều chỉnh độ mật",
    Step.DECLASSIFY: "giải mật",
    Step.DECLASSIFY_EXPIRED: "ghi nhận giải mật do hết thời hạn",
    Step.DECLASSIFY_CATALOG: "giải mật do không còn trong danh mục",
    Step.RECORD_NOTICE: "ghi nhận thông báo",
    Step.DESTROY: "tiêu hủy tài liệu",
    Step.REPORT_LOSS: "báo mất tài liệu",
    Step.HAND_OVER: "bàn giao tài liệu",
    Step.CANCEL_ENTRY: "hủy dòng sổ",
    Step.CLOSE_VOLUME: "khóa sổ",
    Step.IMPORT_REGISTER: "nhập sổ giấy",
    Step.KEEP_INVENTORY: "cập nhật danh mục máy tính, hệ thống thông tin",
    Step.KEEP_INSPECTION: "lập kế hoạch, tiến hành tự kiểm tra",
    Step.CONCLUDE_INSPECTION: "kết luận tự kiểm tra",
    Step.GRANT_CLEARANCE: "ghi quyết định mức được tiếp cận bí mật nhà nước",
    Step.RECORD_DELEGATION: "ghi văn bản ủy quyền",
    Step.RECORD_STAFF: "ghi phân công cán bộ, cam kết bảo vệ bí mật nhà nước",
    Step.SEND_REPORT: "lập, gửi báo cáo và giữ khóa của đơn vị",
    Step.RECEIVE_REPORT: "nhận báo cáo, đăng ký khóa của đơn vị gửi, đặt hạn báo cáo cho đơn vị cấp dưới",
    Step.APPROVE_REPORT: "duyệt số liệu báo cáo của đơn vị cấp dưới trước khi gửi lên",
}

"""Who may record which step (bmnn.law.steps), written out by hand; how a pack is read and
corrected by an administrator; the refusal as the user reads it; calendar arithmetic (issue 14).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from bmnn.law import errors
from bmnn.law.authority import Actor, Authority, DelegationFact, Power, authorize
from bmnn.law.dates import add_days, add_years
from bmnn.law.levels import Level
from bmnn.law.pack import Confidence, Regime, load_pack
from bmnn.law.steps import DECISIONS, ROLES, Step
from bmnn.law.transfer import Channel, check_channel

CLERK, DRAFTER, HEAD, DEPUTY, IT = "clerk", "drafter", "head", "deputy", "it_officer"
# The design's table (bmnn.law.steps docstring): the clerk records, the head and deputy decide
# (the clerk records their decisions from the signed paper), the drafter proposes, the IT
# officer keeps the computers; the administrator and the inspector take no step at all.
WHO = {
    Step.PROPOSE: ({DRAFTER, HEAD, DEPUTY}, False, "đề xuất độ mật"),
    Step.DECIDE_PROPOSAL: ({HEAD, DEPUTY}, True, "duyệt đề xuất độ mật"),
    Step.ISSUE: ({CLERK}, False, "ban hành, vào sổ đi"),
    Step.REGISTER_INCOMING: ({CLERK}, False, "vào sổ tài liệu đến"),
    Step.COPY: ({CLERK}, False, "ghi nhận sao, chụp"),
    Step.SEND: ({CLERK}, False, "chuyển giao tài liệu"),
    Step.RECORD_RECEIPT: ({CLERK}, False, "ghi ký nhận"),
    Step.TAKE_OUT: ({CLERK, HEAD, DEPUTY}, True, "ghi nhận mang tài liệu ra khỏi nơi lưu giữ"),
    Step.RETURN: ({CLERK}, False, "ghi nhận trả tài liệu"),
    Step.EXTEND: ({CLERK, HEAD, DEPUTY}, True, "gia hạn thời hạn bảo vệ"),
    Step.CHANGE_LEVEL: ({CLERK, HEAD, DEPUTY}, True, "điều chỉnh độ mật"),
    Step.DECLASSIFY: ({CLERK, HEAD, DEPUTY}, True, "giải mật"),
    Step.DECLASSIFY_EXPIRED: ({CLERK, HEAD, DEPUTY}, False, "ghi nhận giải mật do hết thời hạn"),
    Step.DECLASSIFY_CATALOG: ({CLERK, HEAD, DEPUTY}, True, "giải mật do không còn trong danh mục"),
    Step.RECORD_NOTICE: ({CLERK}, False, "ghi nhận thông báo"),
    Step.DESTROY: ({CLERK, HEAD, DEPUTY}, True, "tiêu hủy tài liệu"),
    Step.REPORT_LOSS: ({CLERK, HEAD, DEPUTY}, False, "báo mất tài liệu"),
    Step.HAND_OVER: ({CLERK}, False, "bàn giao tài liệu"),
    Step.CANCEL_ENTRY: ({CLERK}, False, "hủy dòng sổ"),
    Step.CLOSE_VOLUME: ({CLERK}, False, "khóa sổ"),
    Step.IMPORT_REGISTER: ({CLERK, HEAD}, False, "nhập sổ giấy"),
    Step.KEEP_INVENTORY: ({IT}, False, "cập nhật danh mục máy tính, hệ thống thông tin"),
    Step.KEEP_INSPECTION: ({CLERK, HEAD}, False, "lập kế hoạch, tiến hành tự kiểm tra"),
    Step.CONCLUDE_INSPECTION: ({HEAD}, False, "kết luận tự kiểm tra"),
    Step.GRANT_CLEARANCE: ({CLERK, HEAD}, True, "ghi quyết định mức được tiếp cận bí mật nhà nước"),
    Step.RECORD_DELEGATION: ({CLERK, HEAD}, True, "ghi văn bản ủy quyền"),
    Step.RECORD_STAFF: ({CLERK, HEAD}, False, "ghi phân công cán bộ, cam kết bảo vệ bí mật nhà nước"),
    # Reports up the chain (issue 8): the unit makes and sends; the body above receives; its head
    # approves the figures before they go further up.
    Step.SEND_REPORT: ({CLERK, HEAD}, False, "lập, gửi báo cáo và giữ khóa của đơn vị"),
    Step.RECEIVE_REPORT: ({CLERK, HEAD}, False,
                          "nhận báo cáo, đăng ký khóa của đơn vị gửi, đặt hạn báo cáo cho đơn vị cấp dưới"),
    Step.APPROVE_REPORT: ({HEAD}, False, "duyệt số liệu báo cáo của đơn vị cấp dưới trước khi gửi lên"),
}


@pytest.mark.parametrize("step", list(Step))
def test_who_may_record_each_step(step: Step) -> None:
    roles, decision, label = WHO[step]
    assert step.roles == roles and ROLES[step] == roles
    assert step.decision is decision and (step in DECISIONS) is decision
    assert step.label == label


def test_no_step_is_left_out_and_nobody_else_takes_one() -> None:
    assert set(Step) == set(WHO) == set(ROLES)
    assert set().union(*ROLES.values()) == {CLERK, DRAFTER, HEAD, DEPUTY, IT}  # not admin, not inspector


# --- Reading a pack and an administrator's correction (LAW.md §9) ----------------------------------

def _override(folder: Path, regime: str, text: str) -> bytes:
    raw = text.encode("utf-8")
    (folder / f"r{regime}.yaml").write_bytes(raw)
    return raw


def test_a_correction_of_the_value_alone_keeps_source_and_confidence(tmp_path: Path) -> None:
    raw = _override(tmp_path, "2018", "rules:\n  notice_within_days:\n    value: 10\n")
    pack = load_pack(Regime.R2018, tmp_path)
    rule = pack.rule("notice_within_days")
    assert (rule.key, rule.value, rule.overridden) == ("notice_within_days", 10, True)
    assert rule.note == "Giá trị do quản trị viên điều chỉnh."
    assert rule.source == "Khoản 3 Điều 20, khoản 3 Điều 21 Luật Bảo vệ BMNN 2018"
    assert rule.confidence == Confidence.CONFIRMED
    assert pack.version == "2018.1+" + hashlib.sha256(raw).hexdigest()[:8]
    assert not pack.rule("protection_period_years").overridden


def test_a_correction_with_its_own_source_opens_a_channel(tmp_path: Path) -> None:
    _override(tmp_path, "2018", "rules:\n  channels:\n    value: {independent_lan: [mat]}\n"
                                "    source: 'Văn bản gốc'\n    confidence: confirmed\n"
                                "    note: 'Đã đối chiếu'\n")
    pack = load_pack(Regime.R2018, tmp_path)
    rule = pack.rule("channels")
    assert (rule.source, rule.confidence, rule.note) == ("Văn bản gốc", "confirmed", "Đã đối chiếu")
    check_channel(pack, Level.MAT, Channel.INDEPENDENT_LAN)
    with pytest.raises(errors.ChannelNotAllowed):
        check_channel(pack, Level.MAT, Channel.BY_HAND)  # the corrected table is the whole table


def test_a_correction_applies_to_its_own_regime_only(tmp_path: Path) -> None:
    _override(tmp_path, "2025", "rules:\n  notice_within_days: {value: 20}\n")
    assert load_pack(Regime.R2018, tmp_path).version == "2018.1"
    assert load_pack(Regime.R2018, tmp_path).rule("notice_within_days").value == 15
    pack = load_pack(Regime.R2025, tmp_path)
    assert pack.rule("notice_within_days").value == 20 and pack.version.startswith("2025.1+")


def test_destruction_delegable_once_an_administrator_says_so(tmp_path: Path) -> None:
    """Điều 23 gives no delegation of destruction [INFERENCE]; if the official text says otherwise,
    the administrator's correction opens it, to deputies of the same holders only."""
    _override(tmp_path, "2018", "rules:\n  destruction_delegable: {value: true, source: 'Văn bản gốc'}\n")
    pack = load_pack(Regime.R2018, tmp_path)
    day, unit = dt.date(2026, 1, 10), 7

    def deputy(cls: str, scopes: set[str], *, unit_of: int = unit, until: dt.date | None = None) -> Actor:
        fact = DelegationFact("9/QĐ", frozenset(scopes), unit_of, True, cls, day, until)
        return Actor(2, "Ông Nam", unit, False, None, (fact,))

    allowed = deputy("provincial_department_head", {"destroy"})
    assert authorize(pack, Power.DESTROY, allowed, unit, day) == \
        Authority(Power.DESTROY, own=False, delegation=allowed.delegations[0])
    for actor in (deputy("division_head", {"destroy"}), deputy("provincial_department_head", {"copy"}),
                  deputy("minister", {"destroy"}, unit_of=unit + 1),
                  deputy("minister", {"destroy"}, until=day - dt.timedelta(days=1))):
        with pytest.raises(errors.DestructionNotAllowed) as err:
            authorize(pack, Power.DESTROY, actor, unit, day)
        assert err.value.provision == "Khoản 3 Điều 23 Luật Bảo vệ BMNN 2018"


def test_a_copy_list_without_a_level_means_nobody_named_for_it(tmp_path: Path) -> None:
    _override(tmp_path, "2018", "rules:\n  copy_authority: {value: {tuyet_mat: [minister]}}\n")
    pack = load_pack(Regime.R2018, tmp_path)
    day = dt.date(2026, 1, 10)
    minister = Actor(1, "Bộ trưởng", 7, True, "minister")
    assert authorize(pack, Power.COPY, minister, 7, day, Level.MAT).own
    fact = DelegationFact("9/QĐ", frozenset({"copy"}), 7, True, "minister", day)
    vice = Actor(2, "Thứ trưởng", 7, False, None, (fact,))
    assert authorize(pack, Power.COPY, vice, 7, day, Level.MAT).delegation
    with pytest.raises(errors.CopyAuthorityMissing):
        authorize(pack, Power.COPY, Actor(3, "Giám đốc sở", 7, True, "provincial_department_head"), 7, day,
                  Level.MAT)


def test_an_empty_correction_file_changes_no_rule(tmp_path: Path) -> None:
    raw = _override(tmp_path, "2018", "")
    pack = load_pack(Regime.R2018, tmp_path)
    assert pack.version == "2018.1+" + hashlib.sha256(raw).hexdigest()[:8]
    assert not any(r.overridden for r in pack.rules.values())


def test_a_correction_of_an_unknown_rule_is_refused(tmp_path: Path) -> None:
    _override(tmp_path, "2018", "rules:\n  no_such_rule: {value: 1}\n")
    with pytest.raises(ValueError) as err:
        load_pack(Regime.R2018, tmp_path)
    assert str(err.value) == f"Tệp sửa quy định {tmp_path / 'r2018.yaml'}: không có quy định 'no_such_rule'"


@pytest.mark.parametrize(("regime", "text", "confidence"), [
    (Regime.R2018, "Điều 13 Luật Bảo vệ BMNN 2018", Confidence.CONFIRMED),
    (Regime.R2025, "Điều 13 Luật Bảo vệ BMNN 2025 (số điều theo Luật 2018, chưa xác nhận)",
     Confidence.NOT_CONFIRMED),
])
def test_an_article_of_the_law_in_force(regime: Regime, text: str, confidence: Confidence) -> None:
    assert load_pack(regime).article("Điều 13") == (text, confidence)


# --- The refusal as the user reads it ---------------------------------------------------------------

def test_refusal_text_says_when_its_rule_is_not_confirmed() -> None:
    sure = errors.CopyOverCount("Số bản sao (3) vượt", "Điều 3 Nghị định 26/2020/NĐ-CP")
    assert sure.confidence == "confirmed"
    assert str(sure) == "Số bản sao (3) vượt — Điều 3 Nghị định 26/2020/NĐ-CP"
    for confidence in ("partial", "not_confirmed", "inference"):
        unsure = errors.ChannelNotAllowed("Không được", "Điều 13", confidence=confidence)
        assert str(unsure) == "Không được — Điều 13 (quy định chưa được xác nhận đầy đủ)"
        assert (unsure.message, unsure.provision, unsure.args) == ("Không được", "Điều 13", ("Không được",))


def test_refusal_codes() -> None:
    codes = {cls.__name__: cls.code for cls in vars(errors).values()
             if isinstance(cls, type) and issubclass(cls, errors.LawRefusal)}
    assert codes == {
        "LawRefusal": "refused", "ProposalWithoutBasis": "proposal_without_basis",
        "LevelMismatch": "level_mismatch", "SignerNotAuthorized": "signer_not_authorized",
        "CopyNotPermitted": "copy_not_permitted", "CopyAuthorityMissing": "copy_authority_missing",
        "CopyOverCount": "copy_over_count", "ChannelNotAllowed": "channel_not_allowed",
        "SummaryForbidden": "summary_forbidden", "RecipientsIncomplete": "recipients_incomplete",
        "ExtensionNotAllowed": "extension_not_allowed", "DestructionNotAllowed": "destruction_not_allowed",
        "StateNotAllowed": "state_not_allowed", "DelegationInvalid": "delegation_invalid",
        "InputTooLong": "input_too_long",
    }


# --- Calendar arithmetic (periods counted in years, deadlines in days) -----------------------------

def test_years_and_days() -> None:
    assert add_years(dt.date(2026, 3, 15), 30) == dt.date(2056, 3, 15)
    assert add_years(dt.date(2024, 2, 29), 10) == dt.date(2034, 2, 28)
    assert add_years(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)
    assert add_years(dt.date(2024, 2, 28), 1) == dt.date(2025, 2, 28)
    assert add_days(dt.date(2026, 12, 25), 15) == dt.date(2027, 1, 9)
    assert add_days(dt.date(2026, 3, 1), -60) == dt.date(2025, 12, 31)

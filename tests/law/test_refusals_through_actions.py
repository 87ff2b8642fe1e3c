"""Each refusal the law demands, tried once through its `do_*` action under each regime
(issue 14): refused with the provision of the regime in force and the confidence shown to the
user, recorded as a refusal event carrying both, and nothing else written. Beside it, the
allowed boundary passes.

The world is built on 20/02/2026 (Law 29/2018 and Decree 26/2020 in force) or on 04/5/2026
(Law 117/2025 and Decree 63/2026, from 01/3/2026); the expected provisions are written by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine

from bmnn.audit.models import Event
from bmnn.law.copying import CopyForm
from bmnn.law.errors import (
    ChannelNotAllowed,
    CopyAuthorityMissing,
    CopyOverCount,
    DestructionNotAllowed,
    ExtensionNotAllowed,
    LawRefusal,
    LevelMismatch,
    ProposalWithoutBasis,
    RecipientsIncomplete,
    SignerNotAuthorized,
    SummaryForbidden,
)
from bmnn.law.levels import Level
from bmnn.law.pack import Regime
from bmnn.law.transfer import Channel
from bmnn.org.models import Delegation, Person
from bmnn.registry.actions import copies, disposal, issuance, lifecycle, proposals, storage, transfers
from bmnn.registry.models import (
    CopyRecord,
    Destruction,
    Document,
    LifeDecision,
    Proposal,
    RegisterEntry,
    TakeOut,
    Transfer,
)
from tests.world import World, build_world

# khoản 3 Điều 23 Luật 2018 (LAW.md §1.15): the papers a destruction dossier keeps.
DOSSIER = ("council_decision", "item_list", "council_minutes", "destruction_decision", "destruction_minutes")

DAYS = {Regime.R2018: dt.date(2026, 2, 20), Regime.R2025: dt.date(2026, 5, 4)}
INHERITED = "điều khoản tương ứng của Luật Bảo vệ BMNN 2025 chưa được xác nhận"
MODELS = (Document, Proposal, RegisterEntry, CopyRecord, Transfer, TakeOut, LifeDecision, Destruction)


class On:
    """The world on one day of one regime."""

    def __init__(self, w: World, day: dt.date, regime: Regime) -> None:
        self.w, self.day, self.regime = w, day, regime

    def where(self, provision_2018: str, confidence_2018: str, provision_2025: str = INHERITED,
              confidence_2025: str = "not_confirmed") -> tuple[str, str]:
        if self.regime == Regime.R2018:
            return provision_2018, confidence_2018
        return provision_2025, confidence_2025


@pytest.fixture(params=list(Regime), ids=["2018", "2025"])
def on(request: pytest.FixtureRequest, db: None) -> Iterator[On]:
    day = DAYS[request.param]
    moment = dt.datetime.combine(day, dt.time(9), tzinfo=dt.timezone(dt.timedelta(hours=7)))
    with time_machine.travel(moment, tick=False):
        yield On(build_world(), day, request.param)


def person(account: Any) -> Person:
    assert account.person is not None
    return account.person


def propose(on: On, *, level: Level = Level.TOI_MAT, summary: str = "Đề thi tốt nghiệp THPT năm 2026",
            basis: list[Any] | None = None, reason: str = "", copies_each: int = 2,
            shorter_until: dt.date | None = None) -> Proposal:
    w = on.w
    return proposals.do_propose_classification(
        unit=w.dept, doc_type="Báo cáo", summary=summary, level=level,
        basis=[w.exam_item] if basis is None else basis, level_reason=reason,
        recipients=[proposals.RecipientInput("UBND tỉnh Lào Cai", copies_each),
                    proposals.RecipientInput("Lưu: VT", 1)],
        copy_permitted=True, drafter=person(w.drafter), shorter_until=shorter_until, actor=w.drafter)


def issue(on: On, level: Level = Level.TOI_MAT, **kw: Any) -> Document:
    proposal = propose(on, level=level, summary="" if level == Level.TUYET_MAT else "Đề thi",
                       reason="" if level == Level.TOI_MAT else "lý do", **kw)
    proposals.do_decide_proposal(proposal, approve=True, decided_by=person(on.w.head), actor=on.w.head)
    document = proposal.document
    document.refresh_from_db()
    issuance.do_issue_document(document, number_symbol="12/BC-SGDĐT", issued_on=on.day,
                               signer=person(on.w.head), actor=on.w.clerk)
    document.refresh_from_db()
    return document


def refused(kind: type[LawRefusal], act: Callable[[], object], where: tuple[str, str]) -> LawRefusal:
    """`act` is refused with `kind`, naming `where`; one refusal event, nothing else written."""
    counts = [m.objects.count() for m in MODELS]
    events = Event.objects.count()
    with pytest.raises(kind) as caught:
        act()
    err = caught.value
    assert where[0] in err.provision, err.provision
    assert err.confidence == where[1]
    assert [m.objects.count() for m in MODELS] == counts
    assert Event.objects.count() == events + 1
    event = Event.objects.order_by("-seq").first()
    assert event is not None and event.kind == "refusal"
    assert event.changes["provision"] == err.provision and event.changes["confidence"] == where[1]
    assert event.changes["code"] == err.code
    return err


def test_proposal_without_catalog_basis(on: On) -> None:
    # Khoản 1 Điều 10 Luật 2018; Luật 2025 forbids classifying what is not in a catalog.
    refused(ProposalWithoutBasis, lambda: propose(on, basis=[], reason="lý do"),
            on.where("Khoản 1 Điều 10 Luật Bảo vệ BMNN 2018", "confirmed",
                     "Khoản 1 Điều 10 Luật Bảo vệ BMNN 2025", "partial"))
    assert propose(on).document.level == "toi_mat"


def test_level_below_the_highest_basis_without_reason(on: On) -> None:
    # Khoản 2 Điều 10: a document takes the highest level of what it holds.
    both = [on.w.exam_item, on.w.staff_item]
    refused(LevelMismatch, lambda: propose(on, level=Level.MAT, basis=both),
            on.where("Khoản 2 Điều 10 Luật Bảo vệ BMNN 2018", "confirmed"))
    assert propose(on, level=Level.TOI_MAT, basis=both).document.level == "toi_mat"


def test_recipients_block_without_copy_count(on: On) -> None:
    # Khoản 2 Điều 2 NĐ 26/2020: each recipient with its number of copies.
    err = refused(RecipientsIncomplete, lambda: propose(on, copies_each=0),
                  on.where("Khoản 2 Điều 2 Nghị định 26/2020/NĐ-CP", "confirmed"))
    assert "số lượng bản cho từng nơi nhận" in err.message
    assert propose(on, copies_each=1).document.copies_issued == 2


def test_tuyet_mat_summary(on: On) -> None:
    refused(SummaryForbidden, lambda: propose(on, level=Level.TUYET_MAT, summary="Phương án nhân sự",
                                              reason="lý do"),
            on.where("Khoản 1 Điều 4 Nghị định 26/2020/NĐ-CP", "inference",
                     "Nghị định 63/2026/NĐ-CP, Phụ lục III", "partial"))


def test_shorter_period_ending_on_the_day_of_determination(on: On) -> None:
    # Khoản 2 Điều 19: a shorter period must end after the day the level is determined.
    proposal = propose(on, shorter_until=on.day)
    proposals.do_decide_proposal(proposal, approve=True, decided_by=person(on.w.head), actor=on.w.head)
    document = proposal.document
    refused(ExtensionNotAllowed, lambda: issuance.do_issue_document(
        document, number_symbol="13/BC", issued_on=on.day, signer=person(on.w.head), actor=on.w.clerk),
        on.where("Khoản 1 Điều 19 Luật Bảo vệ BMNN 2018", "confirmed"))
    next_day = on.day + dt.timedelta(days=1)
    assert issue(on, shorter_until=next_day).protected_until == next_day


def copy(on: On, document: Document, permitted_by: Any, permitted: int, made: int) -> CopyRecord:
    return copies.do_copy_document(
        document, form=CopyForm.SAO_Y, permitted_count=permitted, made_count=made,
        permitted_by=person(permitted_by), copied_by=person(on.w.clerk), copied_on=on.day,
        recipients="Phòng Khảo thí", actor=on.w.clerk)


def test_copies_from_one_to_the_permitted_number(on: On) -> None:
    # Điều 3 NĐ 26/2020 (Decree 63/2026 from 01/3/2026): only the permitted number.
    document = issue(on)
    refused(CopyOverCount, lambda: copy(on, document, on.w.head, 2, 3),
            on.where("Điều 3 Nghị định 26/2020/NĐ-CP", "confirmed"))
    refused(CopyOverCount, lambda: copy(on, document, on.w.head, 1, 0),
            on.where("Điều 3 Nghị định 26/2020/NĐ-CP", "confirmed",
                     "Nghị định 63/2026/NĐ-CP (quy định tương ứng Điều 3", "not_confirmed"))
    made = copy(on, document, on.w.head, 2, 2)
    assert (made.copy_from, made.copy_to) == (1, 2)


def test_tuyet_mat_copy_by_a_deputy_whose_head_permits_only_toi_mat(on: On) -> None:
    # Khoản 5 Điều 11: a deputy holds by delegation only what the delegating holder may permit.
    document = issue(on, Level.TUYET_MAT)
    where = on.where("Khoản 1, 2, 3 Điều 11 Luật Bảo vệ BMNN 2018", "partial",
                     "Điều 11 Luật Bảo vệ BMNN 2025", "partial")
    refused(CopyAuthorityMissing, lambda: copy(on, document, on.w.deputy, 1, 1), where)
    refused(CopyAuthorityMissing, lambda: copy(on, document, on.w.head, 1, 1), where)
    assert copy(on, issue(on, Level.TOI_MAT), on.w.deputy, 1, 1).permitted_delegation is not None


def test_channels(on: On) -> None:
    # Khoản 6 Điều 5; 261/X05-P5: no network carries Tuyệt mật; the independent LAN only from 2025.
    def send(document: Document, channel: Channel) -> Transfer:
        return transfers.do_send_document(document, recipient_name="UBND tỉnh Lào Cai", channel=channel,
                                          sent_on=on.day, sent_by=person(on.w.clerk), actor=on.w.clerk)

    where = on.where("Điều 13, khoản 5, 6 Điều 5 Luật Bảo vệ BMNN 2018", "partial",
                     "Luật Bảo vệ BMNN 2025 (cho phép mạng LAN độc lập)", "partial")
    top = issue(on, Level.TUYET_MAT)
    refused(ChannelNotAllowed, lambda: send(top, Channel.NETWORK_COYEU), where)
    assert send(top, Channel.BY_HAND).envelope.startswith('2 lớp bì, dấu "A"')
    secret = issue(on, Level.TOI_MAT)
    if on.regime == Regime.R2018:
        refused(ChannelNotAllowed, lambda: send(secret, Channel.INDEPENDENT_LAN), where)
    else:
        assert send(secret, Channel.INDEPENDENT_LAN).envelope == ""


def test_extension_must_move_the_date_forward(on: On) -> None:
    # Khoản 2 Điều 20: each extension adds at most the base period, and an extension adds time.
    document = issue(on)
    until = document.protected_until
    assert until is not None

    def extend(new_until: dt.date) -> LifeDecision:
        return lifecycle.do_extend_protection(
            document, new_until=new_until, decided_on=on.day, decided_by=person(on.w.head),
            decision_number="1/QĐ", reason="Còn giá trị", actor=on.w.head)

    where = on.where("Khoản 2 Điều 20 Luật Bảo vệ BMNN 2018", "confirmed")
    refused(ExtensionNotAllowed, lambda: extend(until), where)
    cap = until.replace(year=until.year + 20)  # Tối mật: 20 years (khoản 1 Điều 19)
    refused(ExtensionNotAllowed, lambda: extend(cap + dt.timedelta(days=1)), where)
    extend(cap)
    document.refresh_from_db()
    assert document.protected_until == cap


def test_destruction_is_not_delegated(on: On) -> None:
    # Khoản 3 Điều 23: the holder of Tuyệt mật/Tối mật copy authority decides; no delegation.
    w = on.w
    Delegation.objects.create(unit=w.dept, from_person=person(w.head), to_person=person(w.deputy_nodel),
                              scopes=["destroy"], doc_number="9/QĐ", doc_date=dt.date(2026, 1, 1),
                              valid_from=dt.date(2026, 1, 1), valid_to=dt.date(2026, 12, 31),
                              from_authority_class="provincial_department_head")
    document = issue(on)

    def destroy(by: Any) -> Destruction:
        return disposal.do_destroy_documents(
            [document], unit=w.dept, decided_by=person(by), decision_number="5/QĐ", decided_on=on.day,
            council="Hội đồng tiêu hủy", minutes_ref="1/BB", dossier=list(DOSSIER),
            destroyed_on=on.day, actor=w.clerk)

    refused(DestructionNotAllowed, lambda: destroy(w.deputy_nodel),
            on.where("Khoản 3 Điều 23 Luật Bảo vệ BMNN 2018", "confirmed"))
    destroy(w.head)
    assert Destruction.objects.count() == 1


def test_taking_abroad_needs_a_leader_of_khoan_2_dieu_14(on: On) -> None:
    # A provincial department head permits taking out (khoản 1), not abroad (khoản 2 Điều 14).
    w = on.w
    document = issue(on)

    def take_out(abroad: bool) -> TakeOut:
        return storage.do_take_out_document(
            document, person=person(w.clerk), purpose="Hội nghị", place="Viêng Chăn",
            protection="Cặp có khóa", permitted_by=person(w.head), out_on=on.day,
            due_on=on.day + dt.timedelta(days=5), abroad=abroad, actor=w.clerk)

    refused(SignerNotAuthorized, lambda: take_out(True),
            on.where("Khoản 2 Điều 14 Luật Bảo vệ BMNN 2018", "confirmed"))
    assert not take_out(False).abroad


def test_deputy_without_delegation_decides_nothing(on: On) -> None:
    # Khoản 2 Điều 10; HD 4114/BCA-ANCTNB: a deputy decides only under a written delegation.
    w = on.w
    proposal = propose(on)
    refused(SignerNotAuthorized, lambda: proposals.do_decide_proposal(
        proposal, approve=True, decided_by=person(w.deputy_nodel), actor=w.deputy_nodel),
        on.where("Khoản 2 Điều 10 Luật Bảo vệ BMNN 2018", "partial",
                 "Điều 10 Luật Bảo vệ BMNN 2025", "partial"))
    proposals.do_decide_proposal(proposal, approve=True, decided_by=person(w.deputy), actor=w.deputy)

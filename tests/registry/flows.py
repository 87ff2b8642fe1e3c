"""Short paths through the actions, used by several tests."""

from __future__ import annotations

import datetime as dt

from bmnn.law.levels import Level
from bmnn.registry.actions.issuance import do_issue_document
from bmnn.registry.actions.proposals import RecipientInput, do_decide_proposal, do_propose_classification
from bmnn.registry.models import Document, Proposal
from tests.world import World

DAY = dt.date(2026, 5, 4)


def propose(w: World, *, level: Level = Level.TOI_MAT, copy_permitted: bool = True,
            summary: str = "Đề thi tốt nghiệp THPT năm 2026") -> Proposal:
    assert w.drafter.person
    return do_propose_classification(
        unit=w.dept, doc_type="Báo cáo", summary=summary if level != Level.TUYET_MAT else "",
        level=level, basis=[w.exam_item], level_reason="" if level == Level.TOI_MAT else "lý do",
        recipients=[RecipientInput("UBND tỉnh Lào Cai", 2), RecipientInput("Lưu: VT", 1)],
        copy_permitted=copy_permitted, drafter=w.drafter.person, actor=w.drafter,
    )


def issue(w: World, number: str = "12/BC-SGDĐT", **kw: object) -> Document:
    proposal = propose(w, **kw)  # type: ignore[arg-type]
    assert w.head.person
    do_decide_proposal(proposal, approve=True, decided_by=w.head.person, actor=w.head)
    document = proposal.document
    document.refresh_from_db()
    do_issue_document(document, number_symbol=number, issued_on=DAY, signer=w.head.person,
                      actor=w.clerk)
    document.refresh_from_db()
    return document

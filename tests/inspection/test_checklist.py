"""The checklist: answers need the evidence the question asks for, expire, and say found or
none per category; evidence files are checked by content and size. Refusals write nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from bmnn.audit.models import Event, EventKind
from bmnn.inspection.actions import do_answer_question, do_upload_evidence
from bmnn.inspection.checklist import items_of, question
from bmnn.inspection.detectors import Status
from bmnn.inspection.errors import EvidenceRejected, EvidenceRequired
from bmnn.inspection.models import ChecklistAnswer, Evidence
from bmnn.org.models import Account, Person, Role
from bmnn.registry.rules import pack_for
from tests.inspection.plant import TODAY, judge
from tests.world import World

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def refused(kind: type[Exception], act: Callable[[], Any]) -> Exception:
    """The step is refused and nothing but the refusal event is written."""
    answers, evidence = ChecklistAnswer.objects.count(), Evidence.objects.count()
    actions = Event.objects.exclude(kind=EventKind.REFUSAL).count()
    with pytest.raises(kind) as caught:
        act()
    assert (ChecklistAnswer.objects.count(), Evidence.objects.count()) == (answers, evidence)
    assert Event.objects.exclude(kind=EventKind.REFUSAL).count() == actions
    return caught.value


def test_unanswered_then_yes_with_evidence_then_no(world: World) -> None:
    assert judge(world, "ORG-NO-BMNN-RULES").status == Status.UNANSWERED
    refused(
        EvidenceRequired,
        lambda: do_answer_question(world.dept, question_id="bmnn-rules", answer="yes", actor=world.clerk),
    )
    do_answer_question(
        world.dept,
        question_id="bmnn-rules",
        answer="yes",
        doc_number="15/QĐ-SGDĐT",
        doc_date=dt.date(2026, 3, 10),
        actor=world.clerk,
    )
    assert judge(world, "ORG-NO-BMNN-RULES").status == Status.NONE
    refused(
        EvidenceRequired,
        lambda: do_answer_question(world.dept, question_id="bmnn-rules", answer="no", actor=world.clerk),
    )
    do_answer_question(
        world.dept,
        question_id="bmnn-rules",
        answer="no",
        note="Nội quy 2019 chưa sửa theo Luật 2025",
        actor=world.clerk,
    )
    result = judge(world, "ORG-NO-BMNN-RULES")
    assert result.status == Status.FOUND and "Luật 2025" in result.records[0].evidence


def test_an_answer_expires_and_comes_back(world: World) -> None:
    do_answer_question(world.dept, question_id="ai-tools", answer="yes", actor=world.clerk)
    assert judge(world, "DOC-AI-TOOL").status == Status.NONE
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC), tick=False):
        later = judge(world, "DOC-AI-TOOL")
    assert (later.status, later.pending) == (Status.UNANSWERED, 1)


def test_stamps_answered_per_form(world: World) -> None:
    q = question("stamps")
    forms, note = items_of(q, pack_for(TODAY))
    assert len(forms) == 15 and "chưa xác nhận" in note  # Nghị định 63/2026's list is not confirmed
    states = {f.id: "ok" for f in forms}
    refused(
        EvidenceRequired,
        lambda: do_answer_question(
            world.dept,
            question_id="stamps",
            items={k: v for k, v in list(states.items())[1:]},
            actor=world.clerk,
        ),
    )
    states |= {"letter_a": "missing", "declassified": "wrong"}
    do_answer_question(world.dept, question_id="stamps", items=states, actor=world.clerk)
    missing, wrong = judge(world, "KEEP-STAMPS-MISSING"), judge(world, "KEEP-STAMPS-WRONG")
    assert missing.status == wrong.status == Status.FOUND
    assert "Dấu ký hiệu A" in missing.records[0].evidence and "GIẢI MẬT" in wrong.records[0].evidence


def test_evidence_by_content_and_size(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    item = do_upload_evidence(world.dept, name="quyet-dinh.pdf", data=PDF, actor=world.clerk)
    stored = Path(pytest.importorskip("django.conf").settings.DATA_DIR) / item.path
    assert stored.read_bytes() == PDF and item.content_type == "application/pdf" and len(item.sha256) == 64
    refused(
        EvidenceRejected,
        lambda: do_upload_evidence(world.dept, name="x.pdf", data=b"MZ\x90\x00", actor=world.clerk),
    )
    refused(
        EvidenceRejected, lambda: do_upload_evidence(world.dept, name="anh.png", data=PDF, actor=world.clerk)
    )
    refused(
        EvidenceRejected, lambda: do_upload_evidence(world.dept, name="x.pdf", data=b"", actor=world.clerk)
    )
    monkeypatch.setenv("BMNN_EVIDENCE_MAX_MB", "1")
    refused(
        EvidenceRejected,
        lambda: do_upload_evidence(
            world.dept, name="big.pdf", data=PDF + b"0" * (1024 * 1024), actor=world.clerk
        ),
    )


def test_who_may_answer(world: World) -> None:
    refused(
        PermissionDenied,
        lambda: do_answer_question(world.dept, question_id="ai-tools", answer="yes", actor=world.drafter),
    )
    refused(
        PermissionDenied,
        lambda: do_answer_question(world.dept, question_id="ai-tools", answer="yes", actor=world.outsider),
    )
    it = Account.objects.create(
        username="cntt",
        roles=[Role.IT_OFFICER],
        person=Person.objects.create(full_name="Đỗ Quang Vinh", unit=world.dept, clearance="mat"),
    )
    refused(
        PermissionDenied,
        lambda: do_answer_question(world.dept, question_id="bmnn-rules", answer="no", note="x", actor=it),
    )
    do_answer_question(
        world.dept, question_id="web-vulnerabilities", answer="no", note="Cổng chưa rà soát", actor=it
    )


def test_stamp_answers_do_not_outlive_the_change_of_regime(world: World) -> None:
    """Found by a hostile review: stamps answered against Circular 24/2020 in February 2026 stayed
    current after Decree 63/2026's forms applied on 01/3/2026."""
    with time_machine.travel(dt.datetime(2026, 2, 20, 9, tzinfo=dt.UTC), tick=False):
        forms = items_of(question("stamps"), pack_for(dt.date(2026, 2, 20)))[0]
        do_answer_question(
            world.dept, question_id="stamps", items={f.id: "ok" for f in forms}, actor=world.clerk
        )
        do_answer_question(world.dept, question_id="ai-tools", answer="yes", actor=world.clerk)
        assert judge(world, "KEEP-STAMPS-MISSING").status == Status.NONE
    assert judge(world, "KEEP-STAMPS-MISSING").status == Status.UNANSWERED
    assert judge(world, "DOC-AI-TOOL").status == Status.NONE  # a yes/no answer is not about forms

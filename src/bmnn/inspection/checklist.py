"""The self-inspection checklist: questions as data (data/checklist.yaml), the current answer of
each unit, and what the answers say for each `detect: checklist` category."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

import yaml
from django.db.models import QuerySet
from django.utils import timezone

from bmnn.inspection.detectors.base import Outcome, Record, Scope, outcome
from bmnn.inspection.detectors.organisation import live_units
from bmnn.inspection.models import Answer, ChecklistAnswer
from bmnn.law.pack import Confidence, RulePack, regime_for
from bmnn.registry.rules import pack_for


class ItemState(StrEnum):
    OK = "ok"
    WRONG = "wrong"
    MISSING = "missing"

    @property
    def label(self) -> str:
        return {"ok": "Có, đúng mẫu", "wrong": "Có nhưng sai mẫu", "missing": "Chưa có"}[self.value]


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    note: str


@dataclass(frozen=True)
class Question:
    id: str
    categories: tuple[str, ...]
    text: str
    help: str
    evidence: str
    attachment: str
    valid_months: int
    items: str = ""

    @property
    def needs_document(self) -> bool:
        return self.evidence == "document"

    @property
    def needs_attachment(self) -> bool:
        return self.attachment == "required"


@cache
def questions() -> tuple[Question, ...]:
    text = resources.files("bmnn.inspection.data").joinpath("checklist.yaml").read_text("utf-8")
    return tuple(
        Question(
            id=str(q["id"]),
            categories=tuple(q["categories"]),
            text=str(q["text"]),
            help=str(q.get("help", "")),
            evidence=str(q["evidence"]),
            attachment=str(q["attachment"]),
            valid_months=int(q["valid_months"]),
            items=str(q.get("items", "")),
        )
        for q in yaml.safe_load(text)["questions"]
    )


def question(question_id: str) -> Question:
    for q in questions():
        if q.id == question_id:
            return q
    raise KeyError(question_id)


def questions_for(category_id: str) -> list[Question]:
    return [q for q in questions() if category_id in q.categories]


def items_of(q: Question, pack: RulePack) -> tuple[list[Item], str]:
    """The items of a per-item question under a regime, and a note when that list is not confirmed."""
    if q.items == "stamps":
        rule = pack.rule("stamp_forms")
        found = [Item(s["id"], f"{s['name']} ({s['form']})", s.get("spec", "")) for s in rule.value]
        note = "" if rule.confidence == Confidence.CONFIRMED else f"{rule.note} ({rule.source})"
        return found, note
    if q.items == "registers":
        layouts = pack.registers.values()
        found = [Item(r.kind, f"{r.title.capitalize()} ({r.form})", "") for r in layouts]
        unsure = [r for r in layouts if r.confidence != Confidence.CONFIRMED]
        note = (
            "Mẫu sổ theo " + ", ".join(sorted({r.form for r in unsure})) + " chưa được xác nhận đầy đủ"
            if unsure
            else ""
        )
        return found, note
    return [], ""


def valid_until(q: Question, day: dt.date) -> dt.date:
    months = day.month - 1 + q.valid_months
    year, month = day.year + months // 12, months % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def current_answers(
    unit_ids: list[int] | tuple[int, ...], on: dt.date
) -> dict[tuple[int, str], ChecklistAnswer]:
    """The newest answer of each (unit, question) still valid on `on`. A per-item answer (stamps,
    registers) given under another legal regime is not: the forms it was answered against have
    changed (Thông tư 24/2020 → Nghị định 63/2026 on 01/3/2026)."""
    found: dict[tuple[int, str], ChecklistAnswer] = {}
    rows: QuerySet[ChecklistAnswer] = ChecklistAnswer.objects.filter(unit_id__in=unit_ids).order_by(
        "unit_id", "question", "-answered_at", "-id"
    )
    for answer in rows.select_related("unit"):
        key = (answer.unit_id, answer.question)
        if key not in found:
            found[key] = answer
    per_item = {q.id for q in questions() if q.items}
    regime = regime_for(on)
    return {
        k: a
        for k, a in found.items()
        if a.current_on(on)
        and (a.question not in per_item or regime_for(timezone.localtime(a.answered_at).date()) == regime)
    }


def offends(q: Question, category_id: str, answer: ChecklistAnswer) -> list[str]:
    """Why the answer is a finding for the category ([] when it is not)."""
    if not q.items:
        return [answer.note or "Trả lời: chưa thực hiện, chưa đúng"] if answer.answer == Answer.NO else []
    states: dict[str, Any] = answer.items or {}
    if category_id == "KEEP-STAMPS-WRONG":
        bad = [k for k, v in states.items() if v == ItemState.WRONG]
    elif category_id == "KEEP-STAMPS-MISSING":
        bad = [k for k, v in states.items() if v == ItemState.MISSING]
    else:
        bad = [k for k, v in states.items() if v != ItemState.OK]
    names = {i.id: i.text for i in items_of(q, pack_for(answer.answered_at.date()))[0]}
    return [f"{names.get(k, k)}: {ItemState(states[k]).label.lower()}" for k in bad]


def evaluate(category_id: str, scope: Scope) -> Outcome:
    """Found where a current answer says no; unanswered where a working unit of the scope has no
    current answer (never answered, or its answer expired)."""
    units = list(live_units(scope).values_list("pk", "name"))
    answers = current_answers([pk for pk, _ in units], scope.today)
    found: list[Record] = []
    pending = 0
    for q in questions_for(category_id):
        for unit_id, name in units:
            answer = answers.get((unit_id, q.id))
            if answer is None:
                pending += 1
                continue
            why = offends(q, category_id, answer)
            if why:
                found.append(
                    Record(
                        "answer",
                        answer.pk,
                        f"{name}: {q.text}",
                        unit_id,
                        "; ".join(why),
                        since=answer.answered_at.date(),
                    )
                )
    note = f"{pending} câu hỏi bảng kiểm chưa được trả lời hoặc trả lời đã hết hạn" if pending else ""
    return outcome(found, pending=pending, note=note)

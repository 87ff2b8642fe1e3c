"""One vocabulary: the shipped findings.yaml is the one source, every category has a way to be
judged, the report's sections cover each category once, every id the code writes exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bmnn.inspection import checklist
from bmnn.inspection.actions.answers import INCIDENT_CATEGORIES
from bmnn.inspection.categories import Detect, categories, category, vocabulary
from bmnn.inspection.detectors import DETECTORS

SRC = Path(__file__).resolve().parents[2] / "src" / "bmnn"


def test_every_category_has_a_detector_a_question_or_an_incident_record() -> None:
    for cat in categories():
        if cat.detect in (Detect.REGISTRY, Detect.SCAN):
            assert cat.id in DETECTORS, cat.id
        elif cat.detect == Detect.CHECKLIST:
            assert checklist.questions_for(cat.id), cat.id
        else:
            assert cat.id in INCIDENT_CATEGORIES, cat.id
    assert set(DETECTORS) <= {c.id for c in categories()}


def test_sections_cover_each_category_once() -> None:
    listed = [i for s in vocabulary().sections for i in s.category_ids]
    assert sorted(listed) == sorted(c.id for c in categories())


def test_questions_name_known_categories_and_require_evidence_where_a_paper_exists() -> None:
    for q in checklist.questions():
        assert all(category(c) for c in q.categories)
        assert q.evidence in ("document", "none") and q.attachment in ("required", "optional", "none")
        assert q.valid_months >= 1


def test_every_finding_id_in_the_code_is_defined() -> None:
    pattern = re.compile(r"[\"'](?:DOC|COPY|MOVE|KEEP|LIFE|ORG|NET|PC|DATA)-[A-Z0-9]+(?:-[A-Z0-9]+)*[\"']")
    used = {m.strip("\"'") for path in SRC.rglob("*.py") if "migrations" not in path.parts
            for m in pattern.findall(path.read_text("utf-8"))}
    unknown = {i for i in used if i not in {c.id for c in categories()}}
    assert not unknown


@pytest.mark.parametrize("cat", categories(), ids=lambda c: c.id)
def test_titles_and_remedies_are_vietnamese_sentences(cat: object) -> None:
    assert cat.title[0].isupper() and cat.remedy and cat.counted  # type: ignore[attr-defined]

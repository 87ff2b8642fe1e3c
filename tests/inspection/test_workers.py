"""Categories judged several at a time (each worker on its own database connection) give the
same result as one by one; a worker's failure reaches the caller; inside a transaction the
categories are judged one by one (another connection would not see what it wrote)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.db import connection, transaction

from bmnn.inspection.categories import categories
from bmnn.inspection.detectors import DETECTORS
from bmnn.inspection.engine import MAX_WORKERS, default_workers, judge_all
from tests.inspection.plant import import_lines, legacy_document, outgoing_row_2018, scope
from tests.world import build_world


@pytest.mark.django_db(transaction=True)
def test_two_workers_find_what_one_finds(frozen: None, tmp_path: Path) -> None:
    world = build_world()
    bad = legacy_document(world, "05/KH", proposal=False)
    import_lines(world, tmp_path, "outgoing", [outgoing_row_2018(101), outgoing_row_2018(102)])
    ids = [c.id for c in categories()]
    alone = judge_all(ids, scope(world), workers=1)
    together = judge_all(ids, scope(world), workers=2)
    assert together == alone and [c["id"] for c in together] == ids
    no_proposal = next(c for c in together if c["id"] == "DOC-NO-PROPOSAL")
    assert no_proposal["records"][0]["id"] == bad.pk and no_proposal["unchecked"] == 2


@pytest.mark.django_db(transaction=True)
def test_a_worker_that_fails_fails_the_whole(frozen: None, monkeypatch: pytest.MonkeyPatch) -> None:
    world = build_world()

    def broken(_scope: object) -> None:
        raise RuntimeError("detector broke")

    monkeypatch.setitem(DETECTORS, "DOC-NO-PROPOSAL", broken)
    with pytest.raises(RuntimeError, match="detector broke"):
        judge_all([c.id for c in categories()], scope(world), workers=2)


@pytest.mark.django_db(transaction=True)
def test_one_by_one_inside_a_transaction() -> None:
    name = str(connection.settings_dict["NAME"])
    in_memory = connection.vendor == "sqlite" and (name == ":memory:" or "mode=memory" in name)
    assert default_workers() == (1 if in_memory else max(1, min(os.cpu_count() or 1, MAX_WORKERS)))
    with transaction.atomic():
        assert default_workers() == 1

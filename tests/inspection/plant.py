"""Planting history the way it reaches a unit's database: documents loaded in bulk before the
rules were enforced, and paper registers imported. bmnn's actions refuse each violation, so
these write rows directly — as a bulk load or a legacy migration would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from bmnn.catalog.models import CatalogItem
from bmnn.inspection.categories import category
from bmnn.inspection.detectors import Outcome
from bmnn.inspection.detectors.base import Scope
from bmnn.inspection.engine import evaluate
from bmnn.inspection.scope import build_scope
from bmnn.law.levels import Level
from bmnn.law.periods import protection_until
from bmnn.org.models import Account, Person, Unit
from bmnn.registry.actions.imports import do_import_register_entries
from bmnn.registry.importing.parse import parse_register_file
from bmnn.registry.models import Document, Proposal, Recipient, RegisterEntry, RegisterKind
from bmnn.registry.numbering import add_entry
from bmnn.registry.rules import pack_for, pack_of
from tests.imports.files import write_xlsx
from tests.world import World

TODAY = dt.date(2026, 5, 4)
PERIOD = (dt.date(2025, 1, 1), TODAY)


def scope(w: World, unit: Unit | None = None, *, subunits: bool = False) -> Scope:
    """The 2025–today period, judged today (the frozen clock, or a test's own travel)."""
    today = timezone.localdate()
    return build_scope(unit or w.dept, PERIOD[0], max(today, PERIOD[1]), today, include_subunits=subunits)


def judge(w: World, category_id: str, unit: Unit | None = None, **kw: Any) -> Outcome:
    return evaluate(category(category_id), scope(w, unit, **kw))


def found(w: World, category_id: str, **kw: Any) -> set[tuple[str, int]]:
    return {(r.kind, r.id) for r in judge(w, category_id, **kw).records}


def legacy_document(
    w: World,
    number: str,
    *,
    day: dt.date = dt.date(2025, 6, 2),
    level: Level = Level.TOI_MAT,
    signer: Account | None = None,
    proposal: bool = True,
    basis: list[CatalogItem] | None = None,
    level_reason: str = "",
    recipients: list[tuple[str, int]] | None = None,
    numbered: bool = True,
    copy_permitted: bool | None = True,
    drafter_name: str = "Hoàng Văn Minh",
    registered: bool = True,
    summary: str = "Kế hoạch tổ chức kỳ thi",
    state: str = "issued",
    unit: Unit | None = None,
) -> Document:
    """An issued document as a bulk load writes it, with whatever it lacks."""
    unit = unit or w.dept
    pack = pack_for(day)
    signer_person = (signer or w.head).person
    assert signer_person is not None and w.drafter.person is not None
    doc = Document.objects.create(
        unit=unit,
        origin="outgoing",
        state=state,
        doc_type="Kế hoạch",
        number_symbol=number,
        summary=summary,
        level=level.value,
        regime=pack.regime.value,
        rulepack_version=pack.version,
        determined_on=day,
        drafter=w.drafter.person,
        drafter_name=drafter_name,
        signer=signer_person,
        signer_name=signer_person.full_name,
        copy_permitted=copy_permitted,
        protected_until=protection_until(pack, level, day),
        copies_issued=3,
    )
    start = 1
    for order, (name, copies) in enumerate(
        recipients if recipients is not None else [("UBND tỉnh", 2), ("Lưu: VT", 1)], 1
    ):
        Recipient.objects.create(
            document=doc,
            order=order,
            name=name,
            copies=copies,
            copy_from=start if numbered else None,
            copy_to=start + copies - 1 if numbered else None,
        )
        start += copies
    if proposal:
        p = Proposal.objects.create(
            document=doc,
            drafter=w.drafter.person,
            level=level.value,
            level_reason=level_reason,
            copy_permitted=bool(copy_permitted),
            status="approved",
            submitted_at=dt.datetime(day.year, day.month, day.day, 8, tzinfo=dt.UTC),
            decided_by=w.head.person,
        )
        p.basis.set(basis if basis is not None else [w.exam_item])
    if registered:
        with transaction.atomic():
            add_entry(
                unit,
                RegisterKind.OUTGOING,
                day,
                {"number_symbol": number, "type_summary": doc.title, "level": level.label},
                document=doc,
                level=level.value,
            )
    return doc


def import_lines(
    w: World,
    tmp_path: Path,
    kind: str,
    rows: list[list[object]],
    *,
    unit: Unit | None = None,
    actor: Account | None = None,
) -> list[RegisterEntry]:
    """Import rows (in the 2018 forms, for dates before 01/3/2026) through `bmnn import registers`."""
    path = write_xlsx(tmp_path / f"{kind}-{len(rows)}-{rows[0][0]}.xlsx", rows)
    parsed = parse_register_file(path, kind, today=TODAY, packs=lambda r: pack_of(r.value))
    assert parsed.errors == [], [str(e) for e in parsed.errors]
    do_import_register_entries(unit or w.dept, parsed, actor=actor or w.head)
    return list(RegisterEntry.objects.filter(kind=kind, source__startswith="import:").order_by("number"))


def transfer_row(
    number: int,
    *,
    level: str = "Mật",
    envelope: str = "C",
    channel: str = "Giao liên",
    signature: str = "Trần Văn Nhận",
    received: str = "05/03/2025",
) -> list[object]:
    """A line of Mẫu số 16 (sổ chuyển giao), sent 03/03/2025."""
    return [
        number,
        "03/03/2025",
        f"{number}/BC-SGDĐT",
        level,
        envelope,
        "UBND tỉnh Lào Cai",
        channel,
        signature,
        received,
        "",
    ]


def copy_row(number: int, *, permitted_by: str = "Nguyễn Văn Hùng", level: str = "Mật") -> list[object]:
    """A line of Mẫu số 12 (sổ quản lý sao, chụp), copied 04/03/2025."""
    return [
        number,
        "04/03/2025",
        f"Kế hoạch số {number}/KH-SGDĐT",
        level,
        "Sao y",
        2,
        "01-02",
        permitted_by,
        "Phạm Thị Hoa",
        "Phòng Tổng hợp",
        "",
    ]


def outgoing_row_2018(
    number: int,
    *,
    level: str = "Mật",
    summary: str = "Kế hoạch: thi tốt nghiệp",
    signer: str = "Nguyễn Văn Hùng",
    recipients: str = "UBND tỉnh (02)",
    copies: object = 2,
) -> list[object]:
    """A line of Mẫu số 14 (sổ đăng ký đi), 02/06/2025."""
    return [number, "02/06/2025", f"{number}/KH-SGDĐT", summary, level, signer, recipients, copies, ""]


def person(account: Account) -> Person:
    assert account.person is not None
    return account.person

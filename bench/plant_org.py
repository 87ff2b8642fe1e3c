"""Planted organisation facts (through the ORM, before the bulk load): deputies' written
delegations (with validity windows, some revoked, some from a non-head), units without staff
assigned, managing staff without a commitment, units merged away with or without minuted
handovers, closed self-inspections for most units, catalog items cited without their article.

Each planted violation goes into the truth with the record the detector must report.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from bench.org import Org, UnitInfo
from bench.truth import Truth


@dataclass(frozen=True)
class Grant:
    """A delegation as the planting code needs it to tell what the detectors must find."""

    unit_id: int
    to_person: int
    scopes: tuple[str, ...]
    valid_from: dt.date
    valid_to: dt.date | None
    revoked_on: dt.date | None
    from_class: str
    from_was_head: bool
    id: int = 0

    def valid(self, day: dt.date, scope: str) -> bool:
        """Mirrors Delegation.valid_on (a revocation applies from its date on)."""
        return (
            scope in self.scopes
            and self.valid_from <= day
            and (self.valid_to is None or day <= self.valid_to)
            and (self.revoked_on is None or day < self.revoked_on)
        )


@dataclass
class OrgPlants:
    grants: list[Grant] = field(default_factory=list)
    loose_items: dict[str, int] = field(default_factory=dict)  # level → item without article
    merged: dict[str, int] = field(default_factory=dict)  # variant → unit id
    receiving: dict[int, UnitInfo] = field(default_factory=dict)  # merged unit id → receiver

    def grant(
        self, person: int, unit_id: int, day: dt.date, scope: str, classes: set[str] | None = None
    ) -> Grant | None:
        """A delegation to `person` for `unit_id` valid on `day` for `scope` (from a head, and
        from one of `classes` when given)."""
        for g in self.grants:
            mine = g.to_person == person and g.unit_id == unit_id and g.valid(day, scope)
            from_whom = (
                g.from_was_head if scope == "classify" else classes is not None and g.from_class in classes
            )
            if mine and from_whom:
                return g
        return None


def pick(rng: random.Random, items: list[UnitInfo], share: float, minimum: int) -> list[UnitInfo]:
    return rng.sample(items, min(len(items), max(minimum, round(len(items) * share))))


def plant_org(org: Org, rng: random.Random, truth: Truth, today: dt.date, first_year: int) -> OrgPlants:
    plants = OrgPlants()
    _delegations(org, rng, plants, first_year, today)
    busy = _no_staff(org, rng, truth, today)
    _no_commitment(org, rng, truth, today, busy)
    _merged_units(org, plants, truth)
    _self_inspections(org, rng, truth, today)
    _incident_plans(org, rng, truth, today)
    _reports(org, truth)
    plants.loose_items = _loose_items()
    return plants


def _delegations(org: Org, rng: random.Random, plants: OrgPlants, first_year: int, today: dt.date) -> None:
    """Half the deputies hold a written delegation, for a window somewhere in the generated
    years; a few are revoked early, a few come from someone who was not the head."""
    from bmnn.org.models import Delegation

    start = dt.date(first_year, 1, 1)
    span = (today - start).days
    for unit in org.units:
        if rng.random() >= 0.5:
            continue
        valid_from = start + dt.timedelta(days=rng.randint(-120, max(span - 200, 0)))
        valid_to = None if rng.random() < 0.2 else valid_from + dt.timedelta(days=rng.randint(180, 720))
        end = valid_to or today
        revoked = valid_from + dt.timedelta(days=rng.randint(30, 150)) if rng.random() < 0.15 else None
        revoked = revoked if revoked and revoked < end else None
        scopes = rng.choice([("classify", "copy"), ("classify", "copy", "extend"), ("copy",), ("classify",)])
        from_was_head = rng.random() >= 0.08
        row = Delegation.objects.create(
            unit_id=unit.id,
            from_person_id=unit.head_id,
            to_person_id=unit.deputy_id,
            scopes=list(scopes),
            doc_number=f"{rng.randint(1, 99):02d}/QĐ-{unit.abbr}",
            doc_date=valid_from - dt.timedelta(days=3),
            valid_from=valid_from,
            valid_to=valid_to,
            revoked_on=revoked,
            from_authority_class=unit.authority,
            from_was_head=from_was_head,
        )
        plants.grants.append(
            Grant(
                unit.id,
                unit.deputy_id,
                scopes,
                valid_from,
                valid_to,
                revoked,
                unit.authority,
                from_was_head,
                row.pk,
            )
        )


def _no_staff(org: Org, rng: random.Random, truth: Truth, today: dt.date) -> set[int]:
    """ORG-NO-STAFF: no assignment in force on the day (none, ended, not yet begun). Decoy: a
    unit whose first assignment ended and a new one runs."""
    from bmnn.org.models import StaffAssignment

    chosen = pick(rng, org.units[1:], 0.04, 3)
    for i, unit in enumerate(chosen):
        rows = StaffAssignment.objects.filter(unit_id=unit.id)
        variant = ("none", "ended", "future", "renewed")[i % 4]
        if variant == "none":
            rows.delete()
        elif variant == "ended":
            rows.update(end_on=today - dt.timedelta(days=rng.randint(1, 400)))
        elif variant == "future":
            rows.update(start_on=today + dt.timedelta(days=rng.randint(1, 30)))
        else:
            ended = today - dt.timedelta(days=200)
            rows.update(end_on=ended)
            StaffAssignment.objects.create(
                unit_id=unit.id,
                person_id=unit.clerk_id,
                kind="full_time",
                decision_number=f"02/QĐ-{unit.code}",
                decision_date=ended,
                start_on=ended + dt.timedelta(days=1),
            )
        truth.note(f"ORG-NO-STAFF/{variant}")
        if variant != "renewed":
            truth.add("ORG-NO-STAFF", "unit", unit.id, unit.id)
    return {u.id for u in chosen}


def _no_commitment(org: Org, rng: random.Random, truth: Truth, today: dt.date, busy: set[int]) -> None:
    """ORG-NO-COMMITMENT: a clerk's commitment missing or signed after the day; a drafter
    assigned to the work without one. Decoys: a drafter whose assignment ended, one who signed."""
    from bmnn.org.models import Commitment, StaffAssignment

    for i, unit in enumerate(pick(rng, org.units, 0.04, 3)):
        rows = Commitment.objects.filter(person_id=unit.clerk_id)
        if i % 2:
            rows.update(signed_on=today + dt.timedelta(days=rng.randint(1, 20)))
            truth.note("ORG-NO-COMMITMENT/clerk signs later")
        else:
            rows.delete()
            truth.note("ORG-NO-COMMITMENT/clerk never signed")
        truth.add("ORG-NO-COMMITMENT", "person", unit.clerk_id, unit.id)
    others = [u for u in org.units if u.id not in busy]
    for i, unit in enumerate(pick(rng, others, 0.06, 4)):
        person, _ = unit.drafters[0]
        variant = ("unsigned", "signed", "ended")[i % 3]
        end = today - dt.timedelta(days=90) if variant == "ended" else None
        StaffAssignment.objects.create(
            unit_id=unit.id,
            person_id=person,
            kind="part_time",
            decision_number=f"03/QĐ-{unit.code}",
            decision_date=dt.date(2023, 3, 1),
            start_on=dt.date(2023, 3, 1),
            end_on=end,
        )
        if variant == "signed":
            Commitment.objects.create(person_id=person, unit_id=unit.id, signed_on=dt.date(2023, 3, 2))
        truth.note(f"ORG-NO-COMMITMENT/assigned drafter {variant}")
        if variant == "unsigned":
            truth.add("ORG-NO-COMMITMENT", "person", person, unit.id)


_DISTRICTS = (
    "UBND huyện Bảo Thắng (cũ)",
    "UBND huyện Văn Bàn (cũ)",
    "UBND huyện Bát Xát (cũ)",
    "UBND huyện Mường Khương (cũ)",
)


def _merged_units(org: Org, plants: OrgPlants, truth: Truth) -> None:
    """KEEP-HANDOVER: four former districts merged into communes on 01/7/2025: one handed over
    with minutes (clean), one without a handover, one whose handover has no minutes, one handed
    over but still holding a document (made after the bulk load)."""
    from bmnn.org.models import Unit
    from bmnn.registry.models import Handover

    province = org.units[0]
    communes = [u for u in org.units if u.kind == "commune"][: len(_DISTRICTS)]
    ended = dt.date(2025, 6, 30)
    for name, variant, receiver in zip(
        _DISTRICTS, ("minuted", "none", "no_minutes", "holding"), communes, strict=False
    ):
        unit = Unit.objects.create(
            code=f"H{len(plants.merged) + 1:02d}",
            name=name,
            kind="district",
            parent_id=province.id,
            active=False,
            merged_into_id=receiver.id,
            ended_on=ended,
        )
        plants.merged[variant] = unit.pk
        plants.receiving[unit.pk] = receiver
        if variant != "none":
            Handover.objects.create(
                from_unit=unit,
                to_unit_id=receiver.id,
                reason="merge",
                handed_by_id=receiver.clerk_id,
                received_by_id=receiver.head_id,
                handed_on=ended,
                minutes_ref="" if variant == "no_minutes" else f"BB-{unit.code}/2025",
            )
        truth.note(f"KEEP-HANDOVER/{variant}")
        if variant != "minuted":
            truth.add("KEEP-HANDOVER", "unit", unit.pk, unit.pk)


def _self_inspections(org: Org, rng: random.Random, truth: Truth, today: dt.date) -> None:
    """ORG-NO-SELF-INSPECTION: most units concluded one for last year; some never did, one is
    still running, one looked at a period before the generated years."""
    from django.utils import timezone

    from bmnn.inspection.models import Plan, Run

    missing = {u.id: i for i, u in enumerate(pick(rng, org.units, 0.05, 3))}
    year = today.year - 1
    for unit in org.units:
        variant = ("none", "running", "old period")[missing[unit.id] % 3] if unit.id in missing else "closed"
        truth.note(f"ORG-NO-SELF-INSPECTION/{variant}")
        if variant != "closed":
            truth.add("ORG-NO-SELF-INSPECTION", "unit", unit.id, unit.id)
        if variant == "none":
            continue
        first = dt.date(2015 if variant == "old period" else year, 1, 1)
        plan = Plan.objects.create(
            unit_id=unit.id,
            period_from=first,
            period_to=dt.date(first.year, 12, 31),
            title=f"Tự kiểm tra công tác bảo vệ BMNN năm {first.year}",
            starts_on=dt.date(first.year + 1, 1, 10),
            ends_on=dt.date(first.year + 1, 1, 20),
            created_by_id=unit.clerk_id,
        )
        started = timezone.make_aware(dt.datetime(first.year + 1, 1, 10, 8))
        closed = variant != "running"
        Run.objects.create(
            plan=plan,
            status="closed" if closed else "running",
            as_of=dt.date(first.year, 12, 31),
            started_by_id=unit.clerk_id,
            started_at=started,
            finished_at=started + dt.timedelta(days=9) if closed else None,
            closed_by_id=unit.head_id if closed else None,
            closed_at=started + dt.timedelta(days=10) if closed else None,
            conclusion="Đã kết luận" if closed else "",
        )


def _reports(org: Org, truth: Truth) -> None:
    """ORG-NO-REPORT: the registry holds no report sent, so every unit under the province owes
    the yearly reports of the generated years (Điều 8 NĐ 26/2020; bmnn.reports.calendar) and sent
    none. The province, the top of the tree, reports outside it (units merged away are not asked)."""
    for unit in org.units[1:]:
        truth.note("ORG-NO-REPORT/none sent")
        truth.add("ORG-NO-REPORT", "unit", unit.id, unit.id)


def _incident_plans(org: Org, rng: random.Random, truth: Truth, today: dt.date) -> None:
    """NET-NO-INCIDENT-PLAN: most units have an approved cybersecurity incident plan; some none,
    one only a draft, one approved after the day. (Units merged away are not asked.)"""
    from bmnn.netsec.models import IncidentPlan

    missing = {u.id: i for i, u in enumerate(pick(rng, org.units, 0.05, 3))}
    for unit in org.units:
        variant = (
            ("none", "draft", "approved later")[missing[unit.id] % 3] if unit.id in missing else "approved"
        )
        truth.note(f"NET-NO-INCIDENT-PLAN/{variant}")
        if variant != "approved":
            truth.add("NET-NO-INCIDENT-PLAN", "unit", unit.id, unit.id)
        if variant == "none":
            continue
        approved = {"draft": None, "approved later": today + dt.timedelta(days=10)}.get(
            variant, dt.date(2023, 5, 1)
        )
        IncidentPlan.objects.create(
            unit_id=unit.id,
            title="Phương án ứng phó sự cố an ninh mạng",
            approved_by=unit.head_name if approved else "",
            approved_on=approved,
        )


def _loose_items() -> dict[str, int]:
    """A catalog item for each level whose article (điều) was never entered."""
    from bmnn.catalog.models import Catalog, CatalogItem
    from bmnn.lib.text import fold

    catalog = Catalog.objects.get()
    items = {}
    for clause, level, text in (
        ("1", "tuyet_mat", "Tài liệu về phương án bảo vệ mục tiêu trọng yếu"),
        ("2", "toi_mat", "Tài liệu về kế hoạch tuyển chọn công dân nhập ngũ chưa công khai"),
        ("3", "mat", "Tài liệu về tình hình khiếu nại, tố cáo phức tạp chưa công khai"),
    ):
        item = CatalogItem.objects.create(
            catalog=catalog, article="", clause=clause, level=level, text=text, search_text=fold(text)
        )
        items[level] = item.pk
    return items

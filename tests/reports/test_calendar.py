"""What a unit owes and when (Điều 8 NĐ 26/2020; the deadlines of the bodies above it), which
reports were sent on time, late or not at all — and the self-inspection's ORG-NO-REPORT, which
reads the same calendar."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from bmnn.inspection.categories import category
from bmnn.inspection.detectors import Status
from bmnn.inspection.engine import evaluate
from bmnn.inspection.scope import build_scope
from bmnn.registry.actions.disposal import do_report_loss
from bmnn.reports.actions import do_export_report_package, do_set_report_deadline, do_withdraw_report_deadline
from bmnn.reports.calendar import State, obligations, standings
from bmnn.reports.models import Deadline
from tests.registry.flows import issue
from tests.reports.people import Province, keys, province_staff
from tests.world import World

YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
LETTER = dt.date(2026, 2, 10)  # the province's plan


@pytest.fixture
def province(world: World) -> Province:
    staff = province_staff(world)
    keys(world, staff, encrypt=False)
    return staff


def owed(world: World, *units: object) -> list[tuple[str, str, str, dt.date]]:
    return [(o.kind, o.period, o.basis, o.due_on) for o in obligations(units or [world.dept], *YEAR)]


def no_report(world: World, today: dt.date) -> tuple[Status, str]:
    outcome = evaluate(category("ORG-NO-REPORT"), build_scope(world.dept, YEAR[0], YEAR[1], today))
    return outcome.status, "; ".join(r.evidence for r in outcome.records)


def send(world: World, kind_id: str, period: str) -> None:
    do_export_report_package(
        world.dept,
        kind_id=kind_id,
        period=period,
        data_from=YEAR[0],
        data_to=timezone.localdate(),
        actor=world.clerk,
    )


def test_the_law_alone_asks_the_annual_report_by_20_december(world: World) -> None:
    [(kind_id, period, basis, due)] = owed(world)
    assert (kind_id, period, due) == ("annual", "2026", dt.date(2026, 12, 20))
    assert basis == "Điều 8 Nghị định 26/2020/NĐ-CP"
    [annual] = obligations([world.dept], *YEAR)
    assert (annual.data_from, annual.data_to) == (dt.date(2025, 12, 15), dt.date(2026, 12, 14))
    assert owed(world, world.province) == []  # the top of the tree reports outside bmnn


def test_the_province_sets_its_own_days(world: World, province: Province) -> None:
    """Lào Cai: the plan before 27/02/2026; the annual report before 30/10 every year."""
    do_set_report_deadline(
        world.province,
        kind_id="annual",
        due_on=dt.date(2026, 10, 30),
        yearly=True,
        basis="Kế hoạch 38/KH-UBND",
        issued_on=LETTER,
        actor=province.clerk,
    )
    do_set_report_deadline(
        world.province,
        kind_id="plan",
        due_on=dt.date(2026, 2, 27),
        period="2026",
        basis="Kế hoạch 38/KH-UBND",
        units=[world.dept],
        issued_on=LETTER,
        actor=province.clerk,
    )
    assert owed(world) == [
        ("plan", "2026", "Kế hoạch 38/KH-UBND", dt.date(2026, 2, 27)),
        ("annual", "2026", "Kế hoạch 38/KH-UBND", dt.date(2026, 10, 30)),
    ]
    assert owed(world, world.commune) == [("annual", "2026", "Kế hoạch 38/KH-UBND", dt.date(2026, 10, 30))]
    deadline = Deadline.objects.get(kind="annual")
    do_withdraw_report_deadline(deadline, actor=province.clerk)
    assert owed(world, world.commune) == [
        ("annual", "2026", "Điều 8 Nghị định 26/2020/NĐ-CP", dt.date(2026, 12, 20))
    ]


def test_only_the_body_above_sets_deadlines_and_only_for_its_units(world: World, province: Province) -> None:
    with pytest.raises(PermissionDenied):
        do_set_report_deadline(
            world.province,
            kind_id="plan",
            due_on=dt.date(2026, 5, 27),
            basis="Kế hoạch 38/KH-UBND",
            actor=world.clerk,
        )
    with pytest.raises(ValueError, match="không thuộc"):
        do_set_report_deadline(
            world.dept,
            kind_id="plan",
            due_on=dt.date(2026, 5, 27),
            basis="KH 2",
            units=[world.commune],
            actor=world.clerk,
        )
    with pytest.raises(ValueError, match="văn bản yêu cầu"):
        do_set_report_deadline(
            world.province, kind_id="plan", due_on=dt.date(2026, 5, 27), basis=" ", actor=province.clerk
        )
    with pytest.raises(ValueError, match="hạn không tính ngược"):
        do_set_report_deadline(
            world.province, kind_id="plan", due_on=dt.date(2026, 3, 1), basis="KH 38", actor=province.clerk
        )  # set today, due two months ago
    assert not Deadline.objects.exists()


def test_a_loss_calls_for_an_adhoc_report_the_next_day(world: World, province: Province) -> None:
    document = issue(world)
    assert world.clerk.person
    do_report_loss(
        document,
        discovered_on=dt.date(2026, 5, 2),
        description="Không tìm thấy",
        reported_to="Giám đốc",
        reported_by=world.clerk.person,
        actor=world.clerk,
    )
    adhoc = [o for o in obligations([world.dept], *YEAR) if o.kind == "adhoc"]
    assert [(o.period, o.due_on) for o in adhoc] == [("02/05/2026", dt.date(2026, 5, 3))]
    [standing] = standings(adhoc, dt.date(2026, 5, 4))
    assert standing.state == State.MISSING
    status, evidence = no_report(world, dt.date(2026, 5, 4))
    assert status == Status.FOUND and "chưa gửi, hạn 03/05/2026" in evidence
    send(world, "adhoc", "02/05/2026")  # today is 04/05: a day late
    [standing] = standings(adhoc, dt.date(2026, 5, 4))
    assert (standing.state, standing.sent_on) == (State.LATE, dt.date(2026, 5, 4))
    status, evidence = no_report(world, dt.date(2026, 5, 4))
    assert status == Status.FOUND and "gửi muộn ngày 04/05/2026, hạn 03/05/2026" in evidence


def test_org_no_report_is_found_when_due_and_cleared_when_sent_on_time(
    world: World, province: Province
) -> None:
    do_set_report_deadline(
        world.province,
        kind_id="remediation",
        due_on=dt.date(2026, 5, 31),
        period="2025",
        basis="Công văn 261/X05-P5",
        actor=province.clerk,
    )
    assert no_report(world, dt.date(2026, 5, 4)) == (Status.NONE, "")  # not due yet
    with time_machine.travel(dt.datetime(2026, 6, 2, 9, 0), tick=False):
        status, evidence = no_report(world, dt.date(2026, 6, 2))
    assert status == Status.FOUND
    assert (
        evidence
        == "Báo cáo kết quả khắc phục tồn tại, hạn chế sau kiểm tra kỳ 2025: chưa gửi, hạn 31/05/2026"
    )
    send(world, "remediation", "2025")  # sent 04/05, before the deadline
    assert no_report(world, dt.date(2026, 6, 2)) == (Status.NONE, "")
    assert no_report(world, dt.date(2026, 12, 31))[1].startswith("Báo cáo định kỳ hằng năm")  # annual missed


def test_a_unit_with_no_body_above_it_here_is_no_data_not_clear(world: World) -> None:
    outcome = evaluate(category("ORG-NO-REPORT"), build_scope(world.province, *YEAR, dt.date(2026, 12, 31)))
    assert outcome.status == Status.NO_DATA and "UBND tỉnh Lào Cai không có cơ quan cấp trên" in outcome.note


def test_the_body_set_last_decides_and_a_withdrawn_deadline_still_judges_its_past(
    world: World, province: Province
) -> None:
    first = do_set_report_deadline(
        world.province,
        kind_id="annual",
        due_on=dt.date(2026, 3, 31),
        yearly=True,
        basis="KH 38",
        issued_on=LETTER,
        actor=province.clerk,
    )
    do_set_report_deadline(
        world.province,
        kind_id="annual",
        due_on=dt.date(2026, 9, 15),
        yearly=True,
        basis="KH 99",
        actor=province.clerk,
    )  # today, 04/05/2026

    def annual(year: int) -> tuple[str, dt.date]:
        [o] = [
            o
            for o in obligations([world.dept], dt.date(year, 1, 1), dt.date(year, 12, 31))
            if o.kind == "annual"
        ]
        return o.basis, o.due_on

    assert annual(2026) == ("KH 38", dt.date(2026, 3, 31))  # already due when KH 99 came
    assert annual(2027) == ("KH 99", dt.date(2027, 9, 15))  # the newer plan from then on
    do_withdraw_report_deadline(first, actor=province.clerk)
    assert annual(2026) == ("KH 38", dt.date(2026, 3, 31))  # withdrawn today: its past still stands
    status, evidence = no_report(world, dt.date(2026, 5, 4))
    assert status == Status.FOUND and "hạn 31/03/2026" in evidence


def test_two_calls_of_the_same_kind_in_a_year_are_two_reports(world: World, province: Province) -> None:
    for due in (dt.date(2026, 5, 31), dt.date(2026, 9, 30)):
        do_set_report_deadline(
            world.province, kind_id="remediation", due_on=due, basis="CV 261", actor=province.clerk
        )
    assert [(o.period, o.due_on) for o in obligations([world.dept], *YEAR) if o.kind == "remediation"] == [
        ("31/05/2026", dt.date(2026, 5, 31)),
        ("30/09/2026", dt.date(2026, 9, 30)),
    ]
    send(world, "remediation", "31/05/2026")
    owed_ = [o for o in obligations([world.dept], *YEAR) if o.kind == "remediation"]
    assert [s.state for s in standings(owed_, dt.date(2026, 10, 1))] == [State.ON_TIME, State.MISSING]


def test_an_annual_report_made_months_early_does_not_answer_the_year(
    world: World, province: Province
) -> None:
    send(world, "annual", "2026")  # 04/05/2026, data to 04/05
    [annual] = [o for o in obligations([world.dept], *YEAR) if o.kind == "annual"]
    [standing] = standings([annual], dt.date(2026, 12, 21))
    assert standing.state == State.MISSING


def test_a_merged_unit_reports_to_the_body_its_successor_reports_to(world: World, province: Province) -> None:
    from bmnn.org.models import Unit, UnitKind

    school = Unit.objects.create(code="P01", name="Phòng Khảo thí", kind=UnitKind.OTHER, parent=world.dept)
    successor = Unit.objects.create(
        code="S02", name="Sở Giáo dục, Khoa học", kind=UnitKind.DEPARTMENT, parent=world.province
    )
    Unit.objects.filter(pk=world.dept.pk).update(active=False, merged_into=successor)
    do_set_report_deadline(
        world.province, kind_id="plan", due_on=dt.date(2026, 5, 27), basis="KH 40", actor=province.clerk
    )
    owed_ = obligations([school], *YEAR)
    assert {(o.kind, o.receiver_id) for o in owed_} == {("plan", world.province.pk), ("annual", successor.pk)}


def test_above_a_unit_only_what_arrived_answers_for_it(world: World, province: Province) -> None:
    from bmnn.reports.receiving import receive

    do_set_report_deadline(
        world.province,
        kind_id="remediation",
        due_on=dt.date(2026, 5, 31),
        period="2025",
        basis="CV 261",
        units=[world.dept],
        actor=province.clerk,
    )
    send(world, "remediation", "2025")
    _, raw, name = do_export_report_package(
        world.dept,
        kind_id="remediation",
        period="2025",
        data_from=YEAR[0],
        data_to=timezone.localdate(),
        actor=world.clerk,
    )

    def dept_found() -> bool:
        scope = build_scope(world.province, *YEAR, dt.date(2026, 6, 2), include_subunits=True)
        return ("unit", world.dept.pk) in {
            (r.kind, r.id) for r in evaluate(category("ORG-NO-REPORT"), scope).records
        }

    with time_machine.travel(dt.datetime(2026, 6, 2, 9, 0), tick=False):
        assert dept_found()  # made twice at the department, never carried to the province
    assert no_report(world, dt.date(2026, 6, 2)) == (Status.NONE, "")  # the department's own view: sent
    assert receive(name, raw, actor=province.clerk).filing is not None
    with time_machine.travel(dt.datetime(2026, 6, 2, 9, 0), tick=False):
        assert not dept_found()

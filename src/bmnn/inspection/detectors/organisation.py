"""ORG-*: staff, commitments, self-inspection and reports (Điều 7, 8 NĐ 26/2020; Điều 25, 26 Luật)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet

from bmnn.inspection.detectors.base import Outcome, Record, Scope, detector, outcome
from bmnn.inspection.models import Run, RunStatus
from bmnn.org.models import Commitment, Person, Role, StaffAssignment, Unit


def live_units(scope: Scope) -> QuerySet[Unit]:
    """The scope's units still working (merged and ended units have no staff to assign)."""
    return Unit.objects.filter(pk__in=scope.unit_ids, active=True, merged_into__isnull=True)


def _assignment(scope: Scope, **link: object) -> QuerySet[StaffAssignment]:
    return StaffAssignment.objects.filter(start_on__lte=scope.as_of, **link).filter(
        Q(end_on__isnull=True) | Q(end_on__gte=scope.as_of)
    )


@detector("ORG-NO-STAFF")
def no_staff(scope: Scope) -> Outcome:
    """No one assigned (full or part time) to secret-protection work on the day (Điều 7)."""
    units = live_units(scope).filter(~Exists(_assignment(scope, unit_id=OuterRef("pk"))))
    return outcome(
        Record(
            "unit",
            u.pk,
            u.name,
            u.pk,
            f"Không có quyết định phân công cán bộ bảo vệ BMNN còn hiệu lực ngày {scope.as_of:%d/%m/%Y}",
        )
        for u in units.order_by("code")
    )


@detector("ORG-NO-COMMITMENT")
def no_commitment(scope: Scope) -> Outcome:
    """People who directly manage secrets — assigned to the work, or keeping the registers as
    clerks — with no signed commitment (Điều 26)."""
    managing = Q(Exists(_assignment(scope, person_id=OuterRef("pk")))) | Q(
        account__roles__icontains=f'"{Role.CLERK}"'
    )
    signed = Commitment.objects.filter(person_id=OuterRef("pk"), signed_on__lte=scope.as_of)
    people = (
        Person.objects.filter(unit_id__in=scope.unit_ids, active=True)
        .filter(managing)
        .filter(~Exists(signed))
        .select_related("unit")
        .order_by("unit__code", "full_name")
    )
    return outcome(
        Record(
            "person",
            p.pk,
            f"{p.full_name} — {p.unit.name}",
            p.unit_id,
            "Trực tiếp quản lý BMNN nhưng chưa ký cam kết bảo vệ BMNN",
        )
        for p in people
    )


@detector("ORG-NO-SELF-INSPECTION")
def no_self_inspection(scope: Scope) -> Outcome:
    """A unit with no concluded self-inspection of its own covering the period (khoản 2 Điều 25).
    The run under way counts for the unit whose plan it is: it is that unit's self-inspection."""
    covered = Run.objects.filter(
        status=RunStatus.CLOSED,
        plan__unit_id=OuterRef("pk"),
        plan__period_from__lte=scope.period_to,
        plan__period_to__gte=scope.period_from,
    )
    units = live_units(scope).filter(~Exists(covered))
    if scope.run_id is not None:
        units = units.exclude(pk=scope.unit_id)
    return outcome(
        Record(
            "unit",
            u.pk,
            u.name,
            u.pk,
            f"Chưa có lần tự kiểm tra nào đã kết luận cho kỳ {scope.period_from:%d/%m/%Y}–"
            f"{scope.period_to:%d/%m/%Y}",
        )
        for u in units.order_by("code")
    )


@detector("ORG-NO-REPORT")
def no_report(scope: Scope) -> Outcome:
    """Reports due in the period (up to the day judged) not sent, or sent after their deadline
    (Điều 8 NĐ 26/2020; the deadlines of the bodies above: bmnn.reports.calendar). A unit at the
    top of bmnn's tree reports outside it: with no body above it here, whether it reported
    cannot be told from data (no_data, said in the note), never "none"."""
    from bmnn.reports.calendar import State, obligations, standings
    from bmnn.reports.models import Direction

    units = {u.pk: u for u in live_units(scope)}
    owed = obligations(units.values(), scope.period_from, scope.as_of)
    failed: dict[int, list[str]] = {}
    # The unit itself answers with what it sent; a unit below it, only with what arrived.
    day = scope.as_of + dt.timedelta(days=1)
    own = [o for o in owed if o.unit_id == scope.unit_id]
    below = [o for o in owed if o.unit_id != scope.unit_id]
    judged = standings(own, day) + standings(below, day, direction=Direction.RECEIVED)
    for standing in judged:
        o = standing.obligation
        what = f"{o.title} kỳ {o.period}"
        if standing.state == State.MISSING:
            failed.setdefault(o.unit_id, []).append(f"{what}: chưa gửi, hạn {o.due_on:%d/%m/%Y}")
        elif standing.state == State.LATE and standing.sent_on is not None:
            failed.setdefault(o.unit_id, []).append(
                f"{what}: gửi muộn ngày {standing.sent_on:%d/%m/%Y}, hạn {o.due_on:%d/%m/%Y}")
    top = sorted(u.name for u in units.values() if u.parent_id is None)
    return outcome(
        (Record("unit", unit_id, units[unit_id].name, unit_id, "; ".join(lines))
         for unit_id, lines in sorted(failed.items(), key=lambda item: units[item[0]].code)),
        cannot_run=bool(top),
        note=f"{', '.join(top)} không có cơ quan cấp trên trong bmnn: việc gửi báo cáo của đơn vị này "
        "không xét được từ dữ liệu" if top else "",
    )

"""The IT officer's to-do list on the home page: what the cybersecurity detectors find today in
the unit (computers never checked, old systems, antivirus, plans…), grouped by finding category,
and incident plans not exercised within a year. Read from bmnn.netsec, never recomputed here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from bmnn.inspection.categories import category
from bmnn.law.dates import add_days
from bmnn.netsec.detectors import detect_all
from bmnn.netsec.models import Computer, IncidentPlan, InformationSystem
from bmnn.org.models import Unit

EXERCISE_EVERY_DAYS = 365  # a plan not exercised within a year is shown (Điều 23 Luật An ninh mạng)


@dataclass(frozen=True)
class Task:
    text: str
    url: str


@dataclass(frozen=True)
class TaskGroup:
    title: str
    tasks: list[Task]


def _url(subject: object) -> str:
    if isinstance(subject, Computer):
        return reverse("netsec:computer", args=[subject.pk])
    if isinstance(subject, InformationSystem):
        return reverse("netsec:system", args=[subject.pk])
    return reverse("netsec:plans")


def _title(category_id: str) -> str:
    try:
        return category(category_id).title
    except KeyError:
        return category_id


def it_tasks(unit: Unit, today: dt.date) -> list[TaskGroup]:
    groups: dict[str, list[Task]] = {}
    for finding in detect_all(unit, today):
        groups.setdefault(finding.category_id, []).append(Task(finding.detail, _url(finding.subject)))
    stale = IncidentPlan.objects.filter(unit=unit, approved_on__isnull=False).filter(
        Q(last_exercise_on__isnull=True) | Q(last_exercise_on__lt=add_days(today, -EXERCISE_EVERY_DAYS)))
    exercises = [Task(f"{plan}: " + (f"diễn tập lần cuối ngày {plan.last_exercise_on:%d/%m/%Y}"
                                     if plan.last_exercise_on else "chưa diễn tập lần nào"),
                      reverse("netsec:plan_exercise", args=[plan.pk])) for plan in stale]
    found = [TaskGroup(_title(cid), tasks) for cid, tasks in groups.items()]
    if exercises:
        found.append(TaskGroup("Phương án ứng phó sự cố chưa diễn tập trong 12 tháng", exercises))
    return found

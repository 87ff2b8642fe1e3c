"""The unit-wide log the inspector and the head read: the unit's events narrowed by person,
kind, dates, record and refusals, a page at a time; the details of an event about a document
above the reader's clearance are withheld (its kind, time and person still show)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils import timezone

from bmnn.audit.models import Event, EventKind
from bmnn.lib.text import fold
from bmnn.registry.models import Document

# Records that belong to a document: their events speak about that document.
DOCUMENT_PARTS = ("registry.copyrecord", "registry.transfer", "registry.lifedecision", "registry.takeout",
                  "registry.loss", "registry.registerentry", "registry.proposal")


@dataclass(frozen=True)
class LogFilter:
    actor_id: int | None = None
    action: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    record: str = ""  # a document's number or words of its summary, without diacritics
    refusals: bool = False


@dataclass(frozen=True)
class LogPage:
    rows: list[tuple[Event, bool]]  # each event, and whether its details are withheld
    page: int
    has_next: bool
    total: int


def _day_bounds(day: dt.date, *, end: bool) -> dt.datetime:
    moment = dt.datetime.combine(day, dt.time.max if end else dt.time.min)
    return timezone.make_aware(moment)


def _document_events(document_ids: list[int]) -> Q:
    """Events about these documents or about their parts (copies, transfers, register lines…)."""
    condition = Q(object_type="registry.document", object_id__in=document_ids)
    for label in DOCUMENT_PARTS:
        model = apps.get_model(label)
        ids = list(model.objects.filter(document_id__in=document_ids).values_list("pk", flat=True))
        if ids:
            condition |= Q(object_type=label, object_id__in=ids)
    return condition


def unit_events(unit_id: int, what: LogFilter, readable: QuerySet[Document]) -> QuerySet[Event]:
    """The unit's events, newest first, narrowed by `what`; a record is looked for only among
    the documents the reader may read."""
    qs = Event.objects.filter(unit_id=unit_id)
    if what.actor_id:
        qs = qs.filter(actor_id=what.actor_id)
    if what.action:
        qs = qs.filter(action=what.action)
    if what.since:
        qs = qs.filter(at__gte=_day_bounds(what.since, end=False))
    if what.until:
        qs = qs.filter(at__lte=_day_bounds(what.until, end=True))
    if what.refusals:
        qs = qs.filter(kind=EventKind.REFUSAL)
    if what.record.strip():
        found = readable.filter(search_text__contains=fold(what.record))
        ids = list(found.values_list("pk", flat=True)[:200])
        qs = qs.filter(_document_events(ids)) if ids else qs.none()
    return qs.order_by("-seq")


def withheld(events: Iterable[Event], cleared: list[str]) -> set[int]:
    """The events (by seq) about a document above the reader's clearance."""
    by_type: dict[str, set[int]] = {}
    for event in events:
        if event.object_id is not None and event.object_type:
            by_type.setdefault(event.object_type, set()).add(event.object_id)
    secret: set[tuple[str, int]] = set()
    for label, ids in by_type.items():
        if label == "registry.document":
            found = Document.objects.filter(pk__in=ids).exclude(level__in=cleared) \
                .values_list("pk", flat=True)
        elif label in DOCUMENT_PARTS:
            found = apps.get_model(label).objects.filter(pk__in=ids).exclude(
                document__level__in=cleared).values_list("pk", flat=True)
        else:
            continue
        secret |= {(label, pk) for pk in found}
    return {e.seq for e in events if (e.object_type, e.object_id) in secret}


def log_page(events: QuerySet[Event], cleared: list[str], *, page: int = 1, per_page: int = 50) -> LogPage:
    page = max(page, 1)
    rows = list(events[(page - 1) * per_page : page * per_page + 1])
    shown = rows[:per_page]
    hidden = withheld(shown, cleared)
    return LogPage([(e, e.seq in hidden) for e in shown], page, len(rows) > per_page, events.count())

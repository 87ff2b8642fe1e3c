"""Read-side queries for register pages, search and the clerk's to-do lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from bmnn.law.dates import add_days
from bmnn.lib.text import fold
from bmnn.org.models import Unit
from bmnn.registry.models import Document, Proposal, ProposalStatus, RegisterEntry, Transfer
from bmnn.registry.models.documents import HELD_STATES
from bmnn.registry.models.lifecycle import LifeDecision


@dataclass(frozen=True)
class EntryPage:
    rows: list[RegisterEntry]
    page: int
    has_next: bool


def register_page(
    unit: Unit, kind: str, year: int, *, q: str = "", page: int = 1, per_page: int = 50,
    searchable_levels: list[str] | None = None, level: str = "", newest_first: bool = True,
    cancelled: bool | None = None,
) -> EntryPage:
    """One page of a register (newest first, or in the paper's order); `q` is matched without
    diacritics, and only against lines the reader is cleared for (a hit must not reveal a masked
    line's content); `level` keeps the lines of one level, `cancelled` the cancelled lines or the
    others."""
    qs = RegisterEntry.objects.filter(unit=unit, kind=kind, year=year).select_related("register")
    if q.strip():
        qs = qs.filter(search_text__contains=fold(q))
        if searchable_levels is not None:
            qs = qs.filter(Q(level__in=searchable_levels) | Q(level=""))
    if level:
        qs = qs.filter(level=level)
    if cancelled is not None:
        qs = qs.filter(cancelled=cancelled)
    start = (max(page, 1) - 1) * per_page
    rows = list(qs.order_by("-number" if newest_first else "number")[start : start + per_page + 1])
    return EntryPage(rows[:per_page], max(page, 1), len(rows) > per_page)


@dataclass(frozen=True)
class DocumentFilter:
    """What a person narrows the documents list by; empty fields do not narrow."""

    q: str = ""
    level: str = ""
    state: str = ""
    origin: str = ""  # outgoing (the unit's own, Sổ đi) or incoming (Sổ đến)
    year: int | None = None

    def apply(self, qs: QuerySet[Document]) -> QuerySet[Document]:
        if self.q.strip():
            qs = qs.filter(search_text__contains=fold(self.q))
        if self.level:
            qs = qs.filter(level=self.level)
        if self.state:
            qs = qs.filter(state=self.state)
        if self.origin:
            qs = qs.filter(origin=self.origin)
        if self.year:  # the document's own date: classified, received, or (a draft) created
            qs = qs.filter(Q(determined_on__year=self.year) | Q(arrival_date__year=self.year)
                           | Q(determined_on__isnull=True, arrival_date__isnull=True,
                               created_at__year=self.year))
        return qs


@dataclass(frozen=True)
class DocumentPage:
    rows: list[Document]
    page: int
    has_next: bool


def document_page(
    sources: list[QuerySet[Document]], what: DocumentFilter, *, page: int = 1, per_page: int = 50,
) -> DocumentPage:
    """One page of the documents a person sees (newest first), narrowed by `what`; each source
    (see access.visible_by_reason) is read only as far as the page needs, then merged."""
    page = max(page, 1)
    need = page * per_page + 1
    found: dict[int, Document] = {}
    for source in sources:
        for document in what.apply(source).select_related("unit").order_by("-id")[:need]:
            found[document.pk] = document
    ordered = sorted(found, reverse=True)[(page - 1) * per_page : need]
    return DocumentPage([found[pk] for pk in ordered[:per_page]], page, len(ordered) > per_page)


def search_documents(sources: list[QuerySet[Document]], q: str, limit: int = 50) -> list[Document]:
    """The newest documents whose number, type or summary contain `q` ("bao cao" finds "Báo
    cáo"), from each source (see access.visible_by_reason) newest first and merged: each source
    stops at `limit` matches instead of sorting all of them."""
    needle = fold(q)
    found: dict[int, Document] = {}
    for source in sources:
        for document in source.filter(search_text__contains=needle).order_by("-id")[:limit]:
            found[document.pk] = document
    return [found[pk] for pk in sorted(found, reverse=True)[:limit]]


def pending_proposals(unit: Unit) -> QuerySet[Proposal]:
    return Proposal.objects.filter(document__unit=unit, status=ProposalStatus.PENDING)


def open_transfers(unit: Unit) -> QuerySet[Transfer]:
    return Transfer.objects.filter(document__unit=unit, received_on__isnull=True).order_by("sent_on")


def periods_ending(unit: Unit, today: dt.date, within_days: int) -> QuerySet[Document]:
    return Document.objects.filter(
        unit=unit, state__in=HELD_STATES, protected_until__gte=today,
        protected_until__lte=add_days(today, within_days),
    ).order_by("protected_until")


def periods_expired(unit: Unit, today: dt.date) -> QuerySet[Document]:
    return Document.objects.filter(unit=unit, state__in=HELD_STATES, protected_until__lt=today)


def notices_due(unit: Unit) -> QuerySet[LifeDecision]:
    return LifeDecision.objects.filter(document__unit=unit, notice_sent_on__isnull=True,
                                       notice_due__isnull=False).order_by("notice_due")


def volumes_to_close(unit: Unit, today: dt.date) -> list[tuple[str, int, int]]:
    """Open volumes of past years: (kind, year, volume)."""
    return list(unit.registers.filter(closed_on__isnull=True, year__lt=today.year)
                .values_list("kind", "year", "volume"))

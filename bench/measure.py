"""Timing helpers for the registry benchmark: paired runs, percentiles, the table, query plans,
and the issuing runs (real actions against the hand-written transactions)."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Case = dict[str, Any]


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


@dataclass
class Figure:
    name: str
    target: str
    stat: str  # "p50", "p95" or "one" (a single run)
    target_ms: float | None
    measured: list[float]  # seconds
    reference: list[float]
    slowest: list[dict[str, Any]] = field(default_factory=list)

    def value(self, times: list[float]) -> float:
        if self.stat == "one":
            return times[0] * 1000
        return percentile(times, 95 if self.stat == "p95" else 50) * 1000

    @property
    def ratio(self) -> float:
        return self.value(self.measured) / max(self.value(self.reference), 1e-9)

    @property
    def met(self) -> bool | None:
        return None if self.target_ms is None else self.value(self.measured) < self.target_ms

    def as_dict(self) -> dict[str, Any]:
        def summary(times: list[float]) -> dict[str, float]:
            return {"p50_ms": round(percentile(times, 50) * 1000, 2),
                    "p95_ms": round(percentile(times, 95) * 1000, 2),
                    "max_ms": round(max(times) * 1000, 2), "runs": len(times)}
        return {"figure": self.name, "target": self.target, "stat": self.stat,
                "measured": summary(self.measured), "hand_sql": summary(self.reference),
                "ratio": round(self.ratio, 2), "target_met": self.met, "slowest_bmnn": self.slowest}


@dataclass
class Paired:
    """Cold: each case's first run (bmnn on even cases, hand SQL on odd ones, so both sample
    the same distribution of never-touched rows). Warm: both on every case right after."""

    bmnn_cold: list[tuple[float, int]] = field(default_factory=list)
    hand_cold: list[tuple[float, int]] = field(default_factory=list)
    bmnn_warm: list[tuple[float, int]] = field(default_factory=list)
    hand_warm: list[tuple[float, int]] = field(default_factory=list)

    def figures(self, name: str, cases: list[Case], keys: tuple[str, ...]) -> list[Figure]:
        def slowest(samples: list[tuple[float, int]]) -> list[dict[str, Any]]:
            top = sorted(samples, reverse=True)[:5]
            return [{"ms": round(t * 1000, 1), **{k: cases[i][k] for k in keys}} for t, i in top]

        return [Figure(f"{name}, cold", "p95 < 150 ms", "p95", 150, [t for t, _ in self.bmnn_cold],
                       [t for t, _ in self.hand_cold], slowest(self.bmnn_cold)),
                Figure(f"{name}, warm", "p95 < 150 ms", "p95", 150, [t for t, _ in self.bmnn_warm],
                       [t for t, _ in self.hand_warm], slowest(self.bmnn_warm))]


def _timed(fn: Callable[[Case], Any], case: Case) -> float:
    started = time.perf_counter()
    fn(case)
    return time.perf_counter() - started


def paired(cases: list[Case], bmnn: Callable[[Case], Any], hand: Callable[[Case], Any]) -> Paired:
    """Per case: the first run is cold (whoever goes first alternates), then the other runs on
    the rows just read, then the first runs again; the last two are the warm pair."""
    for case in cases[:3]:  # imports, statement caches; these cases are not measured
        bmnn(case)
        hand(case)
    result = Paired()
    for i, case in enumerate(cases[3:], start=3):
        if i % 2 == 0:
            result.bmnn_cold.append((_timed(bmnn, case), i))
            result.hand_warm.append((_timed(hand, case), i))
            result.bmnn_warm.append((_timed(bmnn, case), i))
        else:
            result.hand_cold.append((_timed(hand, case), i))
            result.bmnn_warm.append((_timed(bmnn, case), i))
            result.hand_warm.append((_timed(hand, case), i))
    return result


def _fmt(fig: Figure, times: list[float]) -> str:
    if fig.stat == "one":
        return f"{times[0]:.1f} s"
    return f"p50 {percentile(times, 50) * 1000:.1f} / p95 {percentile(times, 95) * 1000:.1f} ms"


def print_table(figures: list[Figure], size: dict[str, Any]) -> None:
    print()
    print(f"Registry benchmark on {size['documents']:,} documents, {size['register_entries']:,} register "
          f"entries, {size['audit_events']:,} audit events (SQLite, {size['database_bytes'] / 1e9:.2f} GB)")
    head = ("figure", "target", "bmnn", "hand SQL", "ratio", "met")
    rows = [(f.name, f.target, _fmt(f, f.measured), _fmt(f, f.reference), f"{f.ratio:.2f}×",
             {True: "yes", False: "NO", None: "–"}[f.met]) for f in figures]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for row in [head, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    print("ratio = bmnn / hand SQL on the figure's statistic (p95 for reads, p50 for issuing).")


def explain(case: Case, con: sqlite3.Connection) -> dict[str, dict[str, list[str]]]:
    """EXPLAIN QUERY PLAN of the SQL bmnn sends and of the hand-written SQL, for one case."""
    from django.db import connection

    from bench import hand
    from bmnn.lib.text import fold
    from bmnn.org.models import Account
    from bmnn.registry.access import cleared_levels, visible_documents
    from bmnn.registry.models import RegisterEntry

    def plan_django(qs: Any) -> list[str]:
        sql, params = qs.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            return [row[-1] for row in cursor.fetchall()]

    def plan_hand(sql: str, params: Any) -> list[str]:
        return [row[-1] for row in con.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()]

    key = (case["unit_id"], case["kind"], case["year"])
    entries = RegisterEntry.objects.filter(unit_id=key[0], kind=key[1], year=key[2]).order_by("-number")
    clerk = Account.objects.select_related("person").filter(username__endswith="-vanthu").first()
    assert clerk is not None and clerk.person is not None
    docs = visible_documents(clerk).filter(search_text__contains=fold(case["q"])).order_by("-id")[:50]
    levels = cleared_levels(clerk.person)
    return {
        "register_page": {"bmnn": plan_django(entries[50:101]),
                          "hand": plan_hand(hand.REGISTER_PAGE, (*key, 51, 50))},
        "register_search": {"bmnn": plan_django(entries.filter(search_text__contains=fold(case["q"]))[:51]),
                            "hand": plan_hand(hand.REGISTER_SEARCH, (*key, hand.like(case["q"]), 51, 0))},
        "document_search": {"bmnn": plan_django(docs), "hand": plan_hand(hand.DOCUMENT_SEARCH, {
            "unit": clerk.person.unit_id, "person": clerk.person.pk,
            "levels": json.dumps(levels), "q": hand.like(case["q"])})},
    }


def issue_cases(db: Path, runs: int) -> tuple[list[float], list[float], list[float], list[float]]:
    """Issue `runs` documents through the real actions and `runs` through hand SQL, interleaved.
    Returns (do_issue_document, whole real path, hand issue, whole hand path) in seconds."""
    from bench import hand

    real, spec = _issue_setup()
    con = hand.connect(db)
    issue_only: list[float] = []
    path: list[float] = []
    hand_issue: list[float] = []
    hand_path: list[float] = []
    for i in range(runs + 3):  # the first three warm up
        a, b = real(f"{i + 1}/BC-BENCH"), _hand_run(con, spec, f"{i + 1}/BC-TAY")
        if i >= 3:
            issue_only.append(a[1])
            path.append(a[0])
            hand_issue.append(b[1])
            hand_path.append(b[0])
    con.close()
    return issue_only, path, hand_issue, hand_path


def _hand_run(con: sqlite3.Connection, spec: dict[str, Any], symbol: str) -> tuple[float, float]:
    from bench import hand

    started = time.perf_counter()
    proposal = hand.propose(con, spec)
    doc = hand.decide(con, proposal, spec)
    issued = time.perf_counter()
    hand.issue(con, doc, symbol, spec["day"], spec)
    done = time.perf_counter()
    return done - started, done - issued


def _issue_setup() -> tuple[Callable[[str], tuple[float, float]], dict[str, Any]]:
    from django.utils import timezone

    from bmnn.catalog.models import CatalogItem
    from bmnn.law.levels import Level
    from bmnn.law.periods import protection_until
    from bmnn.org.models import Account
    from bmnn.registry.actions.issuance import do_issue_document
    from bmnn.registry.actions.proposals import RecipientInput, do_decide_proposal, do_propose_classification
    from bmnn.registry.rules import pack_for

    accounts = {a.username: a for a in Account.objects.select_related("person__unit", "person__position")
                .filter(username__startswith="s09-")}
    head, clerk, drafter = accounts["s09-thutruong"], accounts["s09-vanthu"], accounts["s09-chuyenvien1"]
    assert head.person and clerk.person and drafter.person
    # an item cited in full (bench.plant_org adds some without their article)
    item = CatalogItem.objects.select_related("catalog").exclude(article="").get(level="toi_mat")
    day = timezone.localdate()
    pack = pack_for(day)
    unit = drafter.person.unit
    summary = "phương án bảo vệ kỳ thi tốt nghiệp trung học phổ thông (đo hiệu năng)"
    recipients = [("UBND tỉnh Lào Cai", 2), ("Lưu: VT", 1)]

    def real(symbol: str) -> tuple[float, float]:
        assert head.person and drafter.person
        started = time.perf_counter()
        proposal = do_propose_classification(
            unit=unit, doc_type="Kế hoạch", summary=summary, level=Level.TOI_MAT, basis=[item],
            level_reason="", recipients=[RecipientInput(n, c) for n, c in recipients], copy_permitted=True,
            drafter=drafter.person, actor=drafter)
        do_decide_proposal(proposal, approve=True, decided_by=head.person, actor=head)
        issued = time.perf_counter()
        do_issue_document(proposal.document, number_symbol=symbol, issued_on=day, signer=head.person,
                          actor=clerk)
        done = time.perf_counter()
        return done - started, done - issued

    spec = {"unit_id": unit.pk, "unit_name": unit.name, "doc_type": "Kế hoạch", "summary": summary,
            "level": "toi_mat", "level_label": "Tối mật", "regime": pack.regime.value,
            "version": pack.version, "rulepack": f"{pack.regime.value}/{pack.version}",
            "recipients": recipients, "drafter_id": drafter.person.pk,
            "drafter_name": drafter.person.full_name,
            "drafter_actor": (drafter.pk, drafter.person.full_name), "head_id": head.person.pk,
            "head_name": head.person.full_name, "head_actor": (head.pk, head.person.full_name),
            "clerk_actor": (clerk.pk, clerk.person.full_name), "item_id": item.pk,
            "citation": item.citation, "day": day,
            "until": protection_until(pack, Level.TOI_MAT, day).isoformat()}
    return real, spec

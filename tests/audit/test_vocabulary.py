"""The journal's vocabulary (issue 9, item 8): one typed list of event kinds, each with a
Vietnamese name; actions are durable transactions; every event says through which channel it
came."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client

from bmnn.audit.acts import LABELS, LEGACY, Act, act_label
from bmnn.audit.journal import append_event
from bmnn.audit.models import Event
from bmnn.audit.verify import verify_chain
from bmnn.cli import main
from bmnn.law.errors import LawRefusal
from bmnn.registry.actions.lifecycle import do_declassify_expired
from bmnn.registry.models import Document
from tests.api.client import caller
from tests.registry.flows import issue
from tests.world import World

SRC = Path(__file__).resolve().parents[2] / "src" / "bmnn"
# Every way the code names an event: the action decorator, the registry's record(), the org,
# netsec and inspection _log(), and append_event(action=...).
NAMED = re.compile(r'@action\("([\w.]+)"|kind=[\w."]+,\s*action="([\w.]+)"|record\(\s*"([\w.]+)"'
                   r'|_log\(\s*(?:\w+,\s*)?"([\w.]+)"')


def test_every_event_name_in_the_code_is_in_the_list() -> None:
    written = {name for path in SRC.rglob("*.py") for match in NAMED.finditer(path.read_text())
               for name in match.groups() if name}
    assert len(written) > 60
    assert written <= set(Act), sorted(written - set(Act))


def test_every_kind_has_a_vietnamese_name() -> None:
    assert set(LABELS) == set(Act)
    assert all(LABELS[a] and LABELS[a] != a.value for a in Act)
    assert act_label("declassify_auto") == Act.DECLASSIFY_EXPIRED.label  # events of older versions
    assert all(old not in Act.__members__.values() for old in LEGACY)


def test_an_unknown_kind_is_refused_with_nothing_written(db: None) -> None:
    with transaction.atomic(), pytest.raises(ValueError, match="unknown event kind"):
        append_event(kind="action", action="tu_dat_ra")
    assert not Event.objects.exists()


def test_an_action_cannot_be_nested_in_another_transaction_by_accident(world: World) -> None:
    document = issue(world)
    before = Event.objects.count()
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        do_declassify_expired(document, actor=world.clerk)
    assert Event.objects.count() == before


def test_one_operation_has_one_name_whether_it_succeeds_or_is_refused(world: World) -> None:
    document = issue(world)
    with pytest.raises(LawRefusal):
        do_declassify_expired(document, actor=world.clerk)  # not expired yet
    Document.objects.filter(pk=document.pk).update(protected_until=dt.date(2026, 5, 1))
    do_declassify_expired(Document.objects.get(pk=document.pk), actor=world.clerk)
    names = {(e.kind, e.action) for e in Event.objects.filter(object_id=document.pk,
                                                                kind__in=["action", "refusal"])}
    assert ("refusal", "declassify_expired") in names and ("action", "declassify_expired") in names


def test_events_say_their_channel(world: World) -> None:
    document = issue(world)  # called directly: no channel
    client = Client()
    client.force_login(world.clerk)
    client.get(f"/tai-lieu/{document.pk}/")  # a logged read of a Tối mật document
    caller(world.clerk).get(f"/documents/{document.pk}")
    assert main(["inspect", "--unit", "S01", "--period", "2026"]) == 0
    reads = list(Event.objects.filter(action="read_document").order_by("seq")
                 .values_list("channel", flat=True))
    assert reads == ["web", "api"]
    assert Event.objects.get(action="export_self_inspection").channel == "cli"
    assert Event.objects.get(action="issue_document").channel == ""
    assert verify_chain().ok  # events with and without a channel verify together


def test_an_import_is_an_import_whichever_door_it_came_through(world: World, tmp_path: Path) -> None:
    from tests.imports.files import incoming_2025

    path = incoming_2025(tmp_path / "so.xlsx", 2)
    assert main(["import", "registers", str(path), "--unit", "S01", "--kind", "incoming",
                 "--username", "vanthu"]) == 0
    assert Event.objects.get(action="import_register_entries").channel == "import"

"""Every typed value is bounded in the API, the forms and the models, and every message about
it is Vietnamese (issue 9, item 11)."""

from __future__ import annotations

import importlib
import pkgutil
import types
import typing
from enum import Enum

import annotated_types
import pytest
from django import forms
from django.apps import apps
from django.db import models

import bmnn
from bmnn.api.inputs import CatalogQuery, DocumentQuery, In, RegisterQuery
from bmnn.audit.models import Event
from bmnn.law.levels import Level
from bmnn.registry.models import Document
from tests.api.client import Callers
from tests.api.flows import proposal_body
from tests.world import World


def _all_modules() -> None:
    for info in pkgutil.walk_packages(bmnn.__path__, "bmnn."):
        if ".migrations" not in info.name and not info.name.endswith(("wsgi", "asgi")):
            importlib.import_module(info.name)


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    return found | {s for c in list(found) for s in _subclasses(c)}


def _needs_bound(annotation: object) -> bool:
    args = [a for a in typing.get_args(annotation) if a is not type(None)] \
        if typing.get_origin(annotation) in (typing.Union, types.UnionType) else [annotation]
    return any((a is str) or typing.get_origin(a) is list for a in args
               if not (isinstance(a, type) and issubclass(a, Enum)))


def test_every_text_and_list_a_request_carries_is_bounded() -> None:
    _all_modules()
    schemas = _subclasses(In) | {DocumentQuery, RegisterQuery, CatalogQuery}
    assert len(schemas) >= 25
    loose = [f"{s.__name__}.{name}" for s in schemas for name, field in s.model_fields.items()
             if _needs_bound(field.annotation)
             and not any(isinstance(m, annotated_types.MaxLen) for m in field.metadata)]
    assert loose == []


def test_every_text_field_of_every_form_is_bounded() -> None:
    _all_modules()
    form_classes = [f for f in _subclasses(forms.Form) if f.__module__.startswith("bmnn.")]
    assert len(form_classes) > 30
    loose = [f"{f.__module__}.{f.__name__}.{name}" for f in form_classes
             for name, field in f.base_fields.items()
             if type(field) is forms.CharField and not field.max_length]
    assert loose == []


def test_every_typed_text_column_is_bounded() -> None:
    machine = {"search_text", "raw", "path", "error"}  # written by bmnn itself, from bounded input
    loose = [f"{m._meta.label}.{f.name}" for m in apps.get_models() if m._meta.app_label in
             {"org", "catalog", "registry", "netsec", "inspection", "summaries"}
             for f in m._meta.concrete_fields
             if isinstance(f, models.TextField) and not f.max_length and f.name not in machine]
    assert loose == []


def test_a_five_megabyte_summary_is_refused_with_nothing_written(api: Callers, world: World) -> None:
    before = Event.objects.count()
    response = api.drafter.post("/proposals", proposal_body(world, summary="đề thi " * 800_000))
    assert response.status_code == 422
    assert "quá dài (tối đa 1000 ký tự)" in response.json()["message"]
    assert not Document.objects.exists() and Event.objects.count() == before


def test_a_list_too_long_is_refused_in_vietnamese(api: Callers, world: World) -> None:
    body = proposal_body(world)
    body["recipients"] = [{"name": f"Nơi nhận {i}", "copies": 1} for i in range(1_001)]
    response = api.drafter.post("/proposals", body)
    assert response.status_code == 422
    assert "tối đa 1000 phần tử" in response.json()["message"]


@pytest.mark.parametrize("body", [
    {"approve": "có"},  # bool_parsing
    {"approve": True, "note": 5},  # string_type
    {"approve": True, "decided_by_id": 1.5},  # int_from_float
    {"approve": [True]},  # bool_type
])
def test_messages_are_vietnamese(api: Callers, world: World, body: dict[str, object]) -> None:
    response = api.head.post("/proposals/1/decision", body)
    assert response.status_code == 422
    message = response.json()["message"]
    assert "should" not in message and "Input" not in message and "valid" not in message, message


def test_the_model_refuses_what_slipped_past_a_door(world: World) -> None:
    from bmnn.law.errors import InputTooLong
    from bmnn.registry.actions.proposals import RecipientInput, do_propose_classification

    before = Event.objects.count()
    with pytest.raises(InputTooLong, match="Trích yếu quá dài"):
        do_propose_classification(
            unit=world.dept, doc_type="Báo cáo", summary="x" * 1_001, level=Level(world.staff_item.level),
            basis=[world.staff_item], level_reason="", recipients=[RecipientInput("Lưu: VT", 1)],
            copy_permitted=False, drafter=world.drafter.person, actor=world.drafter)  # type: ignore[arg-type]
    assert not Document.objects.exists()
    assert not Event.objects.filter(kind="action", seq__gt=before).exists()


def test_the_web_form_says_it_in_vietnamese(world: World) -> None:
    from django.test import Client

    client = Client()
    client.force_login(world.clerk)
    response = client.post("/den/moi/", {"issuer_name": "Công an tỉnh", "number_symbol": "1/CAT",
                                         "doc_date": "04/05/2026", "doc_type": "Công văn",
                                         "summary": "x" * 1_001, "level": "mat",
                                         "arrival_date": "04/05/2026"})
    page = response.content.decode()
    assert response.status_code == 200 and "tối đa 1000 kí tự" in page
    assert not Document.objects.exists()

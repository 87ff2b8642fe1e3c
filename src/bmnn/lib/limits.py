"""How long a typed value may be: one set of bounds the models, the forms and the API share, so
no field accepts a 5 MB "summary" through any door. A Vietnamese document's trích yếu runs to a
few hundred characters; reasons and minutes to a few paragraphs."""

from __future__ import annotations

NAME = 255  # a person, a unit, a place, a recipient line
REF = 120  # a number, a symbol, a paper's reference
SUMMARY = 1_000  # a document's summary (trích yếu)
NOTE = 4_000  # a reason, a purpose, a description, a council, a note
LIST = 1_000  # items in one request's list (recipients, dossier papers)
SEARCH = 200  # a search query


BMNN_APPS = frozenset({"org", "catalog", "audit", "registry", "netsec", "inspection", "summaries", "reports"})


def refuse_too_long(sender: type, instance: object, **_: object) -> None:
    """pre_save of every bmnn model: a text longer than its field's max_length is refused before
    the row is written (SQLite would keep it; PostgreSQL would fail without a useful message)."""
    from django.db import models

    from bmnn.law.errors import InputTooLong

    meta = sender._meta  # type: ignore[attr-defined]
    if meta.app_label not in BMNN_APPS:
        return
    for field in meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or not field.max_length:
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str) and len(value) > field.max_length:
            raise InputTooLong(
                f"{str(field.verbose_name).capitalize()} quá dài: {len(value):,} ký tự, tối đa "
                f"{field.max_length:,}".replace(",", "."), "Giới hạn nhập liệu của bmnn")

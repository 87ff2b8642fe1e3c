"""Forms that act on several documents: handover between units and destruction."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from bmnn.org.models import Person, Unit
from bmnn.registry.models import Document, HandoverReason
from bmnn.web.forms.common import date_field
from bmnn.web.forms.lifecycle import DestructionForm


class DocumentsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.number_symbol or '(chưa có số)'} — {obj.title} ({obj.get_level_display()})"


def documents_field() -> DocumentsField:
    return DocumentsField(label="Tài liệu", queryset=Document.objects.none(),
                          widget=forms.SelectMultiple(attrs={"size": 10}))


class PersonAnyUnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} — {obj.unit.name}"


class HandoverForm(forms.Form):
    documents = documents_field()
    to_unit = forms.ModelChoiceField(label="Đơn vị nhận", queryset=Unit.objects.filter(active=True))
    reason = forms.ChoiceField(label="Lý do", choices=HandoverReason.choices)
    handed_by = forms.ModelChoiceField(label="Người giao", queryset=Person.objects.none())
    received_by = PersonAnyUnitField(label="Người nhận (thuộc đơn vị nhận)",
                                     queryset=Person.objects.filter(active=True).select_related("unit"))
    handed_on = date_field("Ngày bàn giao")
    minutes_ref = forms.CharField(label="Biên bản bàn giao có chữ ký hai bên (số, ngày)", max_length=120)

    def __init__(self, *args: Any, unit: Unit, documents: QuerySet[Document], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit("documents", documents)
        self._limit("handed_by", Person.objects.filter(unit=unit, active=True))
        to_unit = self.fields["to_unit"]
        assert isinstance(to_unit, forms.ModelChoiceField)
        to_unit.queryset = Unit.objects.filter(active=True).exclude(pk=unit.pk)

    def _limit(self, name: str, queryset: QuerySet[Any]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = queryset


class BatchDestructionForm(DestructionForm):
    documents = documents_field()
    field_order = ["documents"]

    def __init__(self, *args: Any, documents: QuerySet[Document], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["documents"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = documents


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label="Tôi xác nhận thực hiện", required=True)

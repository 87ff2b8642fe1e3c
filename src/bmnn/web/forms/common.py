"""Fields and base classes the action forms share."""

from __future__ import annotations

from typing import Any

from django import forms

from bmnn.lib import limits
from bmnn.lib.choices import LEVEL_CHOICES
from bmnn.org.models import Person, Unit
from bmnn.registry.actions.common import Late


class DateInput(forms.DateInput):
    """dd/mm/yyyy as Vietnamese documents write dates, whatever the browser's own locale."""

    def __init__(self, **kwargs: Any) -> None:
        attrs = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(format="%d/%m/%Y", attrs=attrs, **kwargs)


def date_field(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), required=required)


def note_field(label: str, *, required: bool = True, rows: int = 2, limit: int = limits.NOTE,
               **kwargs: Any) -> forms.CharField:
    """A few lines of free text (a reason, a purpose, a council), bounded like the model."""
    return forms.CharField(label=label, required=required, max_length=limit,
                           widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


def level_field(label: str = "Độ mật") -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=LEVEL_CHOICES)


class LateFields(forms.Form):
    """For a decision entered days after its date: why, and the paper that carries it."""

    late_reason = forms.CharField(
        label="Lý do ghi nhận muộn", required=False, max_length=limits.NOTE,
        help_text="Chỉ ghi khi ngày quyết định đã qua hơn 3 ngày: phần mềm yêu cầu lý do và văn bản giấy.")
    paper_ref = forms.CharField(label="Số, ngày văn bản giấy của quyết định", required=False, max_length=120)


def split_late(data: dict[str, Any]) -> tuple[dict[str, Any], Late]:
    """The form's values without the late-entry fields, and those fields as `Late`."""
    rest = {k: v for k, v in data.items() if k not in ("late_reason", "paper_ref")}
    return rest, Late(data.get("late_reason") or "", data.get("paper_ref") or "")


class UnitForm(forms.Form):
    """A form whose person choices are the active people of one unit."""

    person_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        people = Person.objects.filter(unit=unit, active=True).select_related("position")
        for name in self.person_fields:
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = people
            field.label_from_instance = _person_label  # type: ignore[method-assign,assignment]


def _person_label(person: Person) -> str:
    return f"{person.full_name} — {person.position.title}" if person.position else person.full_name


def person_field(label: str) -> forms.ModelChoiceField[Person]:
    return forms.ModelChoiceField(label=label, queryset=Person.objects.none())

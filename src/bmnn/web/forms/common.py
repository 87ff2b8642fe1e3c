"""Fields and base classes the action forms share."""

from __future__ import annotations

from typing import Any

from django import forms

from bmnn.law.authority import Power
from bmnn.lib import limits
from bmnn.lib.choices import LEVEL_CHOICES
from bmnn.org.models import Person, Unit
from bmnn.registry.actions.common import Late
from bmnn.web.forms.authority import Holders, candidates, holders

# Accepted as typed: 04/12/2026, 4/12/2026, 4/12/26, 04-12-2026, 04.12.2026 (and ISO from scripts).
DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d-%m-%y", "%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
DATE_HINT = "Ngày/tháng/năm, ví dụ 04/12/2026 hoặc 4/12/26."


class DateInput(forms.DateInput):
    """dd/mm/yyyy as Vietnamese documents write dates, whatever the browser's own locale."""

    def __init__(self, **kwargs: Any) -> None:
        attrs = {"placeholder": "ngày/tháng/năm", "inputmode": "numeric", "autocomplete": "off",
                 "class": "date"}
        super().__init__(format="%d/%m/%Y", attrs=attrs, **kwargs)


class VietnameseDateField(forms.DateField):
    input_formats = DATE_FORMATS
    default_error_messages = {"invalid": "Ngày không hợp lệ. " + DATE_HINT}


def date_field(label: str, required: bool = True) -> forms.DateField:
    return VietnameseDateField(label=label, widget=DateInput(), required=required, help_text=DATE_HINT)


def note_field(label: str, *, required: bool = True, rows: int = 2, limit: int = limits.NOTE,
               **kwargs: Any) -> forms.CharField:
    """A few lines of free text (a reason, a purpose, a council), bounded like the model."""
    return forms.CharField(label=label, required=required, max_length=limit,
                           widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


def level_field(label: str = "Độ mật") -> forms.ChoiceField:
    """No level chosen until the person chooses one: a default would classify by inattention."""
    return forms.ChoiceField(label=label, choices=[("", "— Chọn độ mật —"), *LEVEL_CHOICES],
                             error_messages={"required": "Chọn độ mật."})


class LateFields(forms.Form):
    """For a decision entered days after its date: why, and the paper that carries it."""

    late_reason = forms.CharField(
        label="Lý do ghi nhận muộn", required=False, max_length=limits.NOTE,
        help_text="Chỉ ghi khi ngày quyết định đã qua hơn 3 ngày: phần mềm yêu cầu lý do và văn bản giấy.")
    paper_ref = forms.CharField(label="Số, ngày văn bản giấy của quyết định", required=False, max_length=120)


LATE_FIELDS = ("late_reason", "paper_ref")


def split_late(data: dict[str, Any]) -> tuple[dict[str, Any], Late]:
    """The form's values without the late-entry fields, and those fields as `Late`."""
    rest = {k: v for k, v in data.items() if k not in ("late_reason", "paper_ref")}
    return rest, Late(data.get("late_reason") or "", data.get("paper_ref") or "")


class UnitForm(forms.Form):
    """A form whose person choices are the active people of one unit. A field named in
    `authority_fields` (signer, permitting or deciding person) lists only those who hold the
    power today, with the reason for the others; the action asks the law again on the paper's
    date, so an earlier decision by someone whose delegation has since ended is still accepted."""

    person_fields: tuple[str, ...] = ()
    authority_fields: dict[str, Power] = {}

    def __init__(self, *args: Any, unit: Unit, level: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        people = Person.objects.filter(unit=unit, active=True).select_related("position")
        for name in self.person_fields:
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = people
            field.label_from_instance = person_label  # type: ignore[method-assign,assignment]
            field.empty_label = "— Chọn cán bộ —"
        for name, power in self.authority_fields.items():
            self._limit_to_holders(name, holders(power, unit, level=level))
        if "late_reason" in self.fields:  # the late-entry fields matter only now and then: last
            self.order_fields([k for k in self.fields if k not in LATE_FIELDS] + list(LATE_FIELDS))

    def _limit_to_holders(self, name: str, found: Holders) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = candidates(self.unit, found.power)  # what the form accepts
        field.label_from_instance = self._holder_label  # type: ignore[method-assign,assignment]
        field.widget.choices = [("", "— Chọn người có thẩm quyền —"),
                                *((p.pk, self._holder_label(p)) for p in found.able)]
        field.help_text = found.help_text()

    def _holder_label(self, person: Person) -> str:
        """Someone of a unit above (a provincial chairman permitting a copy) with that unit."""
        label = person_label(person)
        return label if person.unit_id == self.unit.pk else f"{label}, {person.unit.name}"


def person_label(person: Person) -> str:
    return f"{person.full_name} — {person.position.title}" if person.position else person.full_name


def person_field(label: str) -> forms.ModelChoiceField[Person]:
    return forms.ModelChoiceField(label=label, queryset=Person.objects.none())

"""Forms for people, delegations, staff assignments and commitments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms

from bmnn.lib.choices import LEVEL_CHOICES
from bmnn.org.models import AssignmentKind, DelegationScope, Person, Position, Unit, UnitKind
from bmnn.web.forms.common import UnitForm, date_field, person_field, person_label


class PersonForm(UnitForm):
    full_name = forms.CharField(label="Họ và tên", max_length=255)
    position = forms.ModelChoiceField(label="Chức vụ", queryset=Position.objects.none(), required=False,
                                      help_text="Mức được tiếp cận BMNN do người đứng đầu quyết định, "
                                                "ghi sau khi thêm cán bộ.")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        position = self.fields["position"]
        assert isinstance(position, forms.ModelChoiceField)
        position.queryset = Position.objects.filter(unit=self.unit)


class ClearanceForm(forms.Form):
    """The head's written decision on how far a person may access state secrets."""

    level = forms.ChoiceField(label="Được tiếp cận đến độ",
                              choices=[*LEVEL_CHOICES, ("", "Không được tiếp cận (thu hồi)")], required=False)
    decided_by = forms.ModelChoiceField(
        label="Người quyết định", queryset=Person.objects.none(), required=False,
        help_text="Người đứng đầu đơn vị; với người đứng đầu: người đứng đầu cơ quan cấp trên.")
    decided_by_name = forms.CharField(
        label="Hoặc người quyết định của cơ quan cấp trên chưa có trong hệ thống", max_length=255,
        required=False)
    decision_number = forms.CharField(label="Số quyết định", max_length=80)
    decided_on = date_field("Ngày quyết định")

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = [person.unit_id, *(u.pk for u in person.unit.ancestors())]
        field = self.fields["decided_by"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Person.objects.filter(unit_id__in=units, active=True, position__is_head=True) \
            .exclude(pk=person.pk).select_related("position", "unit")
        field.label_from_instance = lambda p: f"{p.full_name} — {p.position.title}, {p.unit.name}"  # type: ignore


class DelegationForm(UnitForm):
    person_fields = ("from_person", "to_person")
    from_person = person_field("Người ủy quyền (người đứng đầu)")
    to_person = person_field("Người được ủy quyền (cấp phó)")
    scopes = forms.MultipleChoiceField(label="Phạm vi ủy quyền", choices=DelegationScope.choices,
                                       widget=forms.CheckboxSelectMultiple)
    doc_number = forms.CharField(label="Số văn bản ủy quyền (quy chế, văn bản phân công, quyết định)",
                                 max_length=80)
    doc_date = date_field("Ngày văn bản")
    valid_from = date_field("Hiệu lực từ ngày")
    valid_to = date_field("Đến ngày (để trống nếu không thời hạn)", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Shown: the head delegates, to a deputy of the same unit (org.actions refuses the rest).
        self._offer("from_person", lambda p: p.is_head, "Chỉ người đứng đầu đơn vị được ủy quyền.")
        self._offer("to_person", lambda p: bool(p.position and p.position.is_deputy),
                    "Chỉ cấp phó của đơn vị được nhận ủy quyền.")

    def _offer(self, name: str, fits: Callable[[Person], bool], why: str) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField) and field.queryset is not None
        people = [p for p in field.queryset.select_related("position") if fits(p)]
        field.widget.choices = [("", "— Chọn cán bộ —"), *((p.pk, person_label(p)) for p in people)]
        field.help_text = why


class RevokeForm(forms.Form):
    on = date_field("Thu hồi từ ngày")


class AssignmentForm(UnitForm):
    person_fields = ("person",)
    person = person_field("Cán bộ")
    kind = forms.ChoiceField(label="Hình thức", choices=AssignmentKind.choices)
    decision_number = forms.CharField(label="Số quyết định phân công", max_length=80)
    decision_date = date_field("Ngày quyết định")
    start_on = date_field("Từ ngày")


class CommitmentForm(UnitForm):
    person_fields = ("person",)
    person = person_field("Cán bộ")
    signed_on = date_field("Ngày ký cam kết")
    reference = forms.CharField(label="Số, ký hiệu bản cam kết", max_length=120, required=False)


class UnitCreateForm(forms.Form):
    code = forms.CharField(label="Mã đơn vị", max_length=40, help_text="Ví dụ: S-GDDT, X-HOANGSON")
    name = forms.CharField(label="Tên đơn vị", max_length=255)
    kind = forms.ChoiceField(label="Loại", choices=UnitKind.choices)
    parent = forms.ModelChoiceField(label="Cơ quan cấp trên", required=False,
                                    queryset=Unit.objects.filter(active=True).order_by("code"))

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"].strip()
        if Unit.objects.filter(code=code).exists():
            raise forms.ValidationError("Mã đơn vị đã có")
        return code


class PositionForm(forms.Form):
    title = forms.CharField(label="Chức danh", max_length=255)
    is_head = forms.BooleanField(label="Người đứng đầu đơn vị", required=False)
    is_deputy = forms.BooleanField(label="Cấp phó", required=False)
    authority_class = forms.ChoiceField(label="Nhóm thẩm quyền sao, chụp, tiêu hủy (Điều 11)", required=False)

    def __init__(self, *args: object, classes: dict[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["authority_class"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Không có"), *sorted(classes.items(), key=lambda kv: kv[1])]

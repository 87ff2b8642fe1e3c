"""Forms for people, delegations, staff assignments and commitments."""

from __future__ import annotations

from django import forms

from bmnn.lib.choices import LEVEL_CHOICES
from bmnn.org.models import AssignmentKind, DelegationScope, Position
from bmnn.web.forms.common import UnitForm, date_field, person_field


class PersonForm(UnitForm):
    full_name = forms.CharField(label="Họ và tên", max_length=255)
    position = forms.ModelChoiceField(label="Chức vụ", queryset=Position.objects.none(), required=False)
    clearance = forms.ChoiceField(label="Được tiếp cận đến độ", required=False,
                                  choices=[("", "Không tiếp cận BMNN"), *LEVEL_CHOICES])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        position = self.fields["position"]
        assert isinstance(position, forms.ModelChoiceField)
        position.queryset = Position.objects.filter(unit=self.unit)


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

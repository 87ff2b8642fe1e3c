"""Forms of the self-inspection pages. Each feeds one action; the action decides."""

from __future__ import annotations

from typing import Any

from django import forms

from bmnn.inspection.actions.answers import INCIDENT_CATEGORIES
from bmnn.inspection.categories import title
from bmnn.inspection.checklist import Item, ItemState
from bmnn.inspection.evidence import max_bytes
from bmnn.inspection.models import Answer, CheckResult
from bmnn.web.forms.common import UnitForm, date_field, person_field


def evidence_field(required: bool = False) -> forms.FileField:
    return forms.FileField(
        label="Bản chụp làm bằng chứng",
        required=required,
        help_text=f"PDF, JPEG hoặc PNG, tối đa {max_bytes() // 1048576} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class PlanForm(forms.Form):
    title = forms.CharField(
        label="Tên kế hoạch", max_length=255, initial="Kế hoạch tự kiểm tra công tác bảo vệ bí mật nhà nước"
    )
    number = forms.CharField(label="Số, ký hiệu kế hoạch", max_length=80, required=False)
    period_from = date_field("Kỳ kiểm tra từ ngày")
    period_to = date_field("Đến ngày")
    include_subunits = forms.BooleanField(label="Gồm các đơn vị trực thuộc", required=False)
    team = forms.CharField(
        label="Tổ kiểm tra (mỗi người một dòng)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    starts_on = date_field("Tiến hành từ ngày")
    ends_on = date_field("Đến ngày")


class ConclusionForm(forms.Form):
    report_number = forms.CharField(label="Số, ký hiệu báo cáo", max_length=80, required=False)
    conclusion = forms.CharField(
        label="Kết luận của thủ trưởng", max_length=10000, widget=forms.Textarea(attrs={"rows": 5})
    )


class AnswerForm(forms.Form):
    """A yes/no question, or one choice per item (stamps, registers)."""

    answer = forms.ChoiceField(
        label="Trả lời", choices=Answer.choices, widget=forms.RadioSelect, required=False
    )
    doc_number = forms.CharField(label="Số văn bản làm bằng chứng", max_length=120, required=False)
    doc_date = date_field("Ngày văn bản", required=False)
    note = forms.CharField(
        label="Ghi chú (thiếu sót nếu chưa thực hiện)",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evidence = evidence_field()

    def __init__(self, *args: Any, items: list[Item], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        if items:
            del self.fields["answer"]
        for item in items:
            self.fields[f"item_{item.id}"] = forms.ChoiceField(
                label=item.text,
                help_text=item.note,
                choices=[(s.value, s.label) for s in ItemState],
                widget=forms.RadioSelect,
                required=False,
            )

    def item_states(self) -> dict[str, str]:
        return {
            i.id: self.cleaned_data[f"item_{i.id}"]
            for i in self.items
            if self.cleaned_data.get(f"item_{i.id}")
        }


class CheckForm(forms.Form):
    result = forms.ChoiceField(
        label="Kết quả đối chiếu", choices=CheckResult.choices, widget=forms.RadioSelect
    )
    reference = forms.CharField(
        label="Văn bản, hồ sơ đã đối chiếu (số, ngày)", max_length=255, required=False
    )
    note = forms.CharField(label="Ghi chú", max_length=2000, required=False)
    evidence = evidence_field()


class IncidentForm(forms.Form):
    category = forms.ChoiceField(label="Loại", choices=[(c, title(c)) for c in INCIDENT_CATEGORIES])
    discovered_on = date_field("Ngày phát hiện")
    occurred_on = date_field("Ngày xảy ra (nếu biết)", required=False)
    count = forms.IntegerField(label="Số lượng (văn bản, tài khoản…)", min_value=1, initial=1)
    description = forms.CharField(label="Mô tả", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    reported_to = forms.CharField(label="Đã báo cáo (người, cơ quan)", max_length=255, required=False)
    reference = forms.CharField(label="Số văn bản báo cáo, biên bản", max_length=120, required=False)


class AssignForm(UnitForm):
    person_fields = ("person",)
    person = person_field("Rõ người: người thực hiện")
    task = forms.CharField(
        label="Rõ việc: nội dung khắc phục", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    responsibility = forms.CharField(label="Rõ trách nhiệm", max_length=255)
    deadline = date_field("Rõ thời gian: hạn hoàn thành")


class CloseForm(forms.Form):
    note = forms.CharField(
        label="Kết quả khắc phục", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    reference = forms.CharField(label="Văn bản, hồ sơ chứng minh (số, ngày)", max_length=255, required=False)
    evidence = evidence_field()

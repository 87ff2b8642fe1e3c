"""Forms of the reports pages: making a package, setting a deadline, keys."""

from __future__ import annotations

from typing import Any

from django import forms

from bmnn.lib import limits
from bmnn.org.models import Unit
from bmnn.reports.kinds import choices as kind_choices
from bmnn.reports.models import KeyPurpose
from bmnn.web.forms.common import date_field, note_field


def _kind_field() -> forms.ChoiceField:
    return forms.ChoiceField(label="Loại báo cáo", choices=[("", "— Chọn loại báo cáo —"), *kind_choices()])


class ExportForm(forms.Form):
    kind = _kind_field()
    period = forms.CharField(
        label="Kỳ báo cáo", max_length=20, help_text="Ví dụ 2026; báo cáo đột xuất: ngày phát hiện"
    )
    data_from = date_field("Số liệu từ ngày")
    data_to = date_field("Số liệu đến ngày")
    narrative = note_field(
        "Phần thuyết minh (tình hình, kết quả, đề xuất)", required=False, rows=6, limit=limits.NOTE * 4
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("data_from") and data.get("data_to") and data["data_from"] > data["data_to"]:
            self.add_error("data_to", "Ngày kết thúc trước ngày bắt đầu.")
        return data


class DeadlineForm(forms.Form):
    kind = _kind_field()
    period = forms.CharField(
        label="Kỳ báo cáo", max_length=20, required=False, help_text="Không ghi: năm của hạn gửi"
    )
    due_on = date_field("Hạn gửi")
    yearly = forms.BooleanField(label="Lặp lại hằng năm cùng ngày", required=False)
    basis = forms.CharField(
        label="Văn bản yêu cầu báo cáo (số, ngày, cơ quan ban hành)", max_length=limits.NAME
    )
    issued_on = date_field("Ngày của văn bản đó")
    units = forms.ModelMultipleChoiceField(
        label="Chỉ các đơn vị (để trống: mọi đơn vị cấp dưới)",
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args: Any, below: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["units"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Unit.objects.filter(pk__in=below, active=True).order_by("code")


class RegisterKeyForm(forms.Form):
    unit = forms.ModelChoiceField(
        label="Đơn vị chủ khóa", queryset=Unit.objects.none(), empty_label="— Chọn đơn vị —"
    )
    purpose = forms.ChoiceField(
        label="Loại khóa",
        choices=[("", "— Chọn loại khóa —"), *KeyPurpose.choices],
        help_text="Khóa ký của đơn vị cấp dưới; khóa mã hóa của cơ quan cấp trên",
    )
    public = forms.CharField(label="Khóa công khai", max_length=200, help_text="Chuỗi ed25519:… hoặc age1…")
    reference = forms.CharField(
        label="Văn bản giao nhận khóa (đã đối chiếu dấu vân tay)", max_length=limits.NAME
    )

    def __init__(self, *args: Any, units: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Unit.objects.filter(pk__in=units).order_by("code")


class RevokeKeyForm(forms.Form):
    reason = forms.CharField(label="Lý do thu hồi", max_length=limits.NAME)


class CreateKeyForm(forms.Form):
    purpose = forms.ChoiceField(label="Loại khóa", choices=[("", "— Chọn loại khóa —"), *KeyPurpose.choices])


class FindingsEntryForm(forms.Form):
    """The findings of one inspection of one unit, typed from the inspection's conclusion: the
    unit and its locality, then a count for each category found (empty: none)."""

    period = forms.CharField(label="Kỳ kiểm tra", max_length=20, help_text="Ví dụ 2025")
    locality = forms.CharField(
        label="Tỉnh, thành phố",
        max_length=limits.NAME,
        help_text="Như văn bản ghi, trước hay sau sắp xếp năm 2025 (ví dụ TP Cần Thơ)",
    )
    unit_code = forms.CharField(label="Mã đơn vị được kiểm tra", max_length=limits.REF)
    unit_name = forms.CharField(label="Tên đơn vị", max_length=limits.NAME, required=False)
    unit_kind = forms.CharField(
        label="Loại đơn vị",
        max_length=limits.NAME,
        required=False,
        help_text="Ví dụ: sở, ban, ngành; xã, phường",
    )
    note = forms.CharField(
        label="Ghi chú (số, ngày kết luận kiểm tra)", max_length=limits.NOTE, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from bmnn.inspection.categories import vocabulary

        super().__init__(*args, **kwargs)
        self.sections: list[tuple[str, list[str]]] = []
        by_id = vocabulary().by_id()
        for section in vocabulary().sections:
            names = []
            for category_id in section.category_ids:
                item = by_id[category_id]
                name = f"c_{category_id}"
                self.fields[name] = forms.IntegerField(
                    label=f"{item.title} ({item.counted})", min_value=1, max_value=1_000_000, required=False
                )
                names.append(name)
            self.sections.append((section.title, names))

    def grouped(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The count fields by section of letter 261, for the page."""
        return [(title, [self[name] for name in names]) for title, names in self.sections]

    def counts(self) -> list[tuple[str, int]]:
        return [
            (name[2:], value) for name, value in self.cleaned_data.items() if name.startswith("c_") and value
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not self.counts():
            raise forms.ValidationError("Ghi số lượng cho ít nhất một loại vi phạm, thiếu sót.")
        return data

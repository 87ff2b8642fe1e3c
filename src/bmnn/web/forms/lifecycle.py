"""Extension, level change, declassification, notices, loss, cancelling and closing."""

from __future__ import annotations

from typing import Any

from django import forms

from bmnn.law.authority import Power
from bmnn.org.models import Person
from bmnn.registry.actions.disposal import DOSSIER_ITEMS
from bmnn.web.forms.common import (
    LateFields,
    UnitForm,
    date_field,
    level_field,
    note_field,
    person_field,
    person_label,
)


class DecisionForm(LateFields, UnitForm):
    """Who decided and when: shared by every decision on a document's protection."""

    person_fields = ("decided_by",)
    decided_on = date_field("Ngày quyết định")
    decided_by = person_field("Người quyết định")


class ExtensionForm(DecisionForm):
    authority_fields = {"decided_by": Power.EXTEND}
    new_until = date_field("Gia hạn đến ngày")
    decision_number = forms.CharField(label="Số quyết định", max_length=80)
    reason = note_field("Lý do")
    field_order = ["new_until", "decided_on", "decided_by"]


class LevelChangeForm(DecisionForm):
    authority_fields = {"decided_by": Power.CHANGE_LEVEL}
    new_level = level_field("Độ mật mới")
    decision_number = forms.CharField(label="Số quyết định", max_length=80)
    reason = note_field("Căn cứ, lý do")
    field_order = ["new_level", "decided_on", "decided_by"]


class DeclassifyForm(DecisionForm):
    authority_fields = {"decided_by": Power.DECLASSIFY}
    decision_number = forms.CharField(label="Số quyết định giải mật", max_length=80)
    council = note_field("Hội đồng giải mật")
    reason = note_field("Lý do")


class CatalogRemovalForm(DecisionForm):
    authority_fields = {"decided_by": Power.DECLASSIFY}
    catalog_ref = forms.CharField(label="Văn bản đưa nội dung ra khỏi danh mục (số, ngày)", max_length=80)


class NoticeForm(forms.Form):
    sent_on = date_field("Ngày gửi thông báo")
    notice_ref = forms.CharField(label="Số văn bản thông báo", max_length=120)


class LossForm(UnitForm):
    person_fields = ("reported_by",)
    discovered_on = date_field("Ngày phát hiện")
    description = note_field("Diễn biến", rows=3)
    reported_to = forms.CharField(label="Đã báo cáo (người, cơ quan)", max_length=255)
    reported_by = person_field("Người báo cáo")


class DestructionForm(LateFields, UnitForm):
    person_fields = ("decided_by",)
    authority_fields = {"decided_by": Power.DESTROY}
    decided_by = person_field("Người quyết định tiêu hủy")
    decision_number = forms.CharField(label="Số quyết định tiêu hủy", max_length=80)
    decided_on = date_field("Ngày quyết định")
    council = note_field("Thành phần Hội đồng tiêu hủy")
    minutes_ref = forms.CharField(label="Biên bản tiêu hủy (số, ngày)", max_length=120)
    dossier = forms.MultipleChoiceField(label="Hồ sơ tiêu hủy đã có", choices=list(DOSSIER_ITEMS.items()),
                                        widget=forms.CheckboxSelectMultiple, required=False)
    destroyed_on = date_field("Ngày tiêu hủy")
    urgent = forms.BooleanField(label="Tiêu hủy ngay để tránh nguy hại (điểm b khoản 1 Điều 23)",
                                required=False)
    urgent_reason = note_field("Lý do phải tiêu hủy ngay", required=False)
    report_ref = forms.CharField(label="Văn bản báo cáo người đứng đầu (số, ngày)", required=False,
                                 max_length=120)


    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Urgent destruction (điểm b khoản 1 Điều 23) is decided by whoever keeps the document.
        field = self.fields["decided_by"]
        keepers = [(p.pk, person_label(p)) for p in Person.objects.filter(unit=self.unit, active=True)
                   .select_related("position").order_by("full_name")]
        field.widget.choices = [*field.widget.choices,
                                ("Chỉ khi tiêu hủy ngay để tránh nguy hại", keepers)]


class CancelEntryForm(forms.Form):
    reason = note_field("Lý do hủy")

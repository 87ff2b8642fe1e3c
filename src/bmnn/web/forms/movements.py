"""Issuing, copying, transfer, receipt, taking out and returning."""

from __future__ import annotations

from django import forms

from bmnn.law.authority import Power
from bmnn.law.copying import CopyForm
from bmnn.law.transfer import Channel
from bmnn.lib import limits
from bmnn.web.forms.common import LateFields, UnitForm, date_field, note_field, person_field


class IssueForm(LateFields, UnitForm):
    person_fields = ("signer",)
    authority_fields = {"signer": Power.CLASSIFY}
    number_symbol = forms.CharField(label="Số, ký hiệu", max_length=120, help_text="Ví dụ: 12/BC-SGDĐT")
    issued_on = date_field("Ngày ban hành (ngày xác định độ mật)")
    signer = person_field("Người ký")


class CopyDocumentForm(LateFields, UnitForm):
    person_fields = ("permitted_by", "copied_by")
    authority_fields = {"permitted_by": Power.COPY}
    form = forms.ChoiceField(label="Hình thức", choices=[(f.value, f.label) for f in CopyForm])
    permitted_count = forms.IntegerField(label="Số bản được phép", min_value=1, max_value=999)
    made_count = forms.IntegerField(label="Số bản đã sao, chụp", min_value=1, max_value=999)
    permitted_by = person_field("Người cho phép sao, chụp")
    copied_by = person_field("Người thực hiện")
    copied_on = date_field("Ngày sao, chụp")
    recipients = forms.CharField(max_length=limits.NOTE, label="Nơi nhận bản sao", required=False)


class TransferForm(UnitForm):
    person_fields = ("sent_by",)
    recipient_name = forms.CharField(label="Nơi nhận", max_length=255)
    channel = forms.ChoiceField(label="Hình thức chuyển", choices=[(c.value, c.label) for c in Channel])
    named_person = forms.BooleanField(label="Chỉ người có tên mới được bóc bì", required=False)
    copy_numbers = forms.CharField(max_length=80, label="Bản số", required=False,
                                   help_text="Ví dụ: bản số 01–02")
    sent_on = date_field("Ngày chuyển")
    sent_by = person_field("Người chuyển")


class ReceiptForm(forms.Form):
    received_by_name = forms.CharField(label="Họ tên người nhận ký", max_length=255)
    received_on = date_field("Ngày nhận")


class TakeOutForm(LateFields, UnitForm):
    person_fields = ("person", "permitted_by")
    authority_fields = {"permitted_by": Power.TAKE_OUT}
    person = person_field("Người mang tài liệu ra")
    purpose = note_field("Mục đích")
    place = forms.CharField(label="Thời gian, địa điểm sử dụng", max_length=255)
    abroad = forms.BooleanField(label="Mang ra nước ngoài (khoản 2 Điều 14)", required=False)
    protection = note_field("Biện pháp bảo vệ")
    permitted_by = person_field("Người cho phép")
    out_on = date_field("Ngày mang ra")
    due_on = date_field("Hạn trả")


class ReturnForm(forms.Form):
    returned_on = date_field("Ngày trả")
    use_report = note_field("Báo cáo việc sử dụng")

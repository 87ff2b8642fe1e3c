"""Forms of the IT officer's pages; each feeds one netsec action."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.models import fields_for_model, model_to_dict

from bmnn.netsec.actions.computers import EDITABLE_FIELDS
from bmnn.netsec.importing import MAX_BYTES
from bmnn.netsec.models import (
    CheckResult,
    Computer,
    LayerStatus,
    LicenceStatus,
    Purpose,
)
from bmnn.web.forms.common import date_field, note_field


class ComputerForm(forms.Form):
    """The description of a computer (the fields `do_register_computer` takes), labelled as the model."""

    def __init__(self, *args: Any, instance: Computer | None = None, **kwargs: Any) -> None:
        if instance is not None:
            kwargs["initial"] = model_to_dict(instance, fields=EDITABLE_FIELDS)
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(Computer, fields=EDITABLE_FIELDS))
        self.fields["os_version"].help_text = ("Ví dụ 10.0.19045 (Windows 10) hoặc 22.04 (Ubuntu); "
                                               "ngày hết hỗ trợ được tra theo bảng đi kèm bmnn.")


class CheckForm(forms.Form):
    checked_on = date_field("Ngày kiểm tra")
    checked_by = forms.CharField(label="Người, cơ quan kiểm tra", max_length=255)
    result = forms.ChoiceField(label="Kết quả", choices=[c for c in CheckResult.choices if c[0]])
    reference = forms.CharField(label="Số biên bản (thiết bị phòng họp: số văn bản kiểm tra của Công an)",
                                max_length=120, required=False)


class DayForm(forms.Form):
    on = date_field("Ngày")


class AntivirusForm(forms.Form):
    product = forms.CharField(label="Phần mềm diệt virus", max_length=120)
    signature_date = date_field("Ngày cập nhật mẫu nhận diện")
    licence = forms.ChoiceField(label="Bản quyền", choices=LicenceStatus.choices, required=False)


class MalwareForm(forms.Form):
    found_on = date_field("Ngày phát hiện")
    name = forms.CharField(label="Tên mã độc", max_length=255)
    source = forms.CharField(label="Nguồn phát hiện", max_length=255, required=False)
    cleaned_on = date_field("Ngày xử lý xong", required=False)


class WipeForm(forms.Form):
    on = date_field("Ngày xóa an toàn")
    method = forms.CharField(label="Phương pháp (ghi đè, hủy ổ cứng…)", max_length=255)
    by = forms.CharField(label="Người thực hiện", max_length=255)


class RepurposeForm(forms.Form):
    on = date_field("Ngày chuyển mục đích")
    new_purpose = forms.ChoiceField(label="Mục đích mới", choices=Purpose.choices)
    description = forms.CharField(label="Mô tả", max_length=255)


class SystemForm(forms.Form):
    name = forms.CharField(label="Tên hệ thống", max_length=255)
    description = note_field("Mô tả", required=False, rows=3)


class LevelForm(forms.Form):
    level = forms.TypedChoiceField(label="Cấp độ đề xuất (Nghị định 85/2016/NĐ-CP)", coerce=int,
                                   choices=[(n, f"Cấp độ {n}") for n in range(1, 6)])
    dossier_ref = forms.CharField(label="Hồ sơ đề xuất cấp độ", max_length=255)


class ApprovalForm(forms.Form):
    number = forms.CharField(label="Số quyết định phê duyệt", max_length=80)
    on = date_field("Ngày phê duyệt")
    body = forms.CharField(label="Cơ quan phê duyệt", max_length=255)


class MeasureForm(forms.Form):
    done = forms.BooleanField(label="Đã triển khai", required=False)
    note = forms.CharField(label="Ghi chú, bằng chứng", max_length=255, required=False)


class LayerForm(forms.Form):
    status = forms.ChoiceField(label="Trạng thái", choices=LayerStatus.choices)
    evidence = forms.CharField(label="Bằng chứng", max_length=255, required=False)


class PlanForm(forms.Form):
    title = forms.CharField(label="Tên phương án", max_length=255)
    approved_by = forms.CharField(label="Người phê duyệt", max_length=255, required=False)
    approved_on = date_field("Ngày phê duyệt", required=False)
    next_review_on = date_field("Ngày rà soát tiếp theo", required=False)


class ScanUploadForm(forms.Form):
    file = forms.FileField(label="Tệp báo cáo quét (.json)")
    create = forms.BooleanField(label="Thêm máy vào danh mục nếu chưa có", required=False)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"Tệp quá lớn (tối đa {MAX_BYTES // (1024 * 1024)} MB).")
        return upload

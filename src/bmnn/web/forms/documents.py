"""Proposal and incoming-document forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from bmnn.catalog.models import CatalogItem
from bmnn.lib import limits
from bmnn.registry.actions.proposals import RecipientInput
from bmnn.web.forms.common import UnitForm, date_field, level_field, note_field, person_field

SEARCH_HINT = "Tìm trong danh mục (không cần gõ dấu)"
COPY_CHOICES = [("yes", "Được phép sao, chụp"), ("no", "Không được phép sao, chụp")]


def parse_recipients(text: str) -> list[RecipientInput]:
    """One recipient a line: "Tên nơi nhận; số bản" (add "; có tên" for a named person)."""
    result = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";")]
        if len(parts) < 2 or not parts[1].isdigit() or int(parts[1]) < 1:
            raise forms.ValidationError(
                f"Dòng {number}: cần dạng \"Tên nơi nhận; số bản\" với số bản từ 1 trở lên"
            )
        named = len(parts) > 2 and parts[2].lower() in {"có tên", "co ten"}
        result.append(RecipientInput(parts[0], int(parts[1]), named_person=named))
    return result


def _catalog_groups(items: QuerySet[CatalogItem]) -> list[tuple[str, list[tuple[int, str]]]]:
    """The items under their catalog (sector and decision), in the catalog's own order."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for item in items.order_by("catalog__sector", "catalog__decision_number", "pk"):
        text = item.text if len(item.text) <= 110 else item.text[:109] + "…"
        groups.setdefault(str(item.catalog), []).append((item.pk, f"{item.citation}: {text}"))
    return list(groups.items())


class ProposalForm(UnitForm):
    person_fields = ("drafter",)
    doc_type = forms.CharField(label="Tên loại văn bản", max_length=120,
                               help_text="Ví dụ: Báo cáo, Kế hoạch, Công văn, Quyết định")
    summary = forms.CharField(max_length=limits.SUMMARY, label="Trích yếu nội dung", required=False,
                              widget=forms.Textarea(attrs={"rows": 2}),
                              help_text="Để trống đối với tài liệu Tuyệt mật.")
    level = level_field("Độ mật đề xuất")
    basis = forms.ModelMultipleChoiceField(
        label="Căn cứ danh mục BMNN (điểm, khoản, điều)",
        queryset=CatalogItem.objects.filter(catalog__active=True).select_related("catalog"),
        widget=forms.SelectMultiple(attrs={"size": 10, "data-search": SEARCH_HINT}),
        required=False, help_text="Giữ Ctrl để chọn nhiều căn cứ; gõ vào ô tìm để lọc danh mục.",
    )
    level_reason = note_field("Lý do (nếu độ mật khác độ mật cao nhất của căn cứ)", required=False)
    recipients = forms.CharField(max_length=limits.NOTE,
        label="Nơi nhận và số lượng bản", widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Mỗi dòng một nơi nhận: \"UBND tỉnh Lào Cai; 2\". Thêm \"; có tên\" nếu chỉ người có tên "
                  "mới được bóc bì.",
    )
    copy_permitted = forms.ChoiceField(label="Sao, chụp", choices=COPY_CHOICES, widget=forms.RadioSelect)
    drafter = person_field("Người soạn thảo")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        basis = self.fields["basis"]
        assert isinstance(basis, forms.ModelMultipleChoiceField) and basis.queryset is not None
        basis.widget.choices = _catalog_groups(basis.queryset)

    def clean_recipients(self) -> list[RecipientInput]:
        return parse_recipients(self.cleaned_data["recipients"])


class DecisionForm(forms.Form):
    """The head, or a deputy with a written delegation, records her own decision."""
    approve = forms.ChoiceField(label="Quyết định", widget=forms.RadioSelect,
                                choices=[("yes", "Duyệt đề xuất"), ("no", "Không duyệt")])
    note = note_field("Ý kiến", required=False)


class IncomingForm(UnitForm):
    issuer_name = forms.CharField(label="Cơ quan, tổ chức ban hành", max_length=255)
    number_symbol = forms.CharField(label="Số, ký hiệu", max_length=120)
    doc_date = date_field("Ngày tháng văn bản")
    doc_type = forms.CharField(label="Tên loại", max_length=120)
    summary = note_field("Trích yếu (để trống nếu Tuyệt mật)", required=False, limit=limits.SUMMARY)
    level = level_field()
    arrival_date = date_field("Ngày đến")
    receiver_name = forms.CharField(label="Đơn vị, người nhận", max_length=255)
    copy_permitted = forms.ChoiceField(label="Sao, chụp", choices=COPY_CHOICES, widget=forms.RadioSelect)
    note = forms.CharField(max_length=limits.NOTE, label="Ghi chú", required=False)

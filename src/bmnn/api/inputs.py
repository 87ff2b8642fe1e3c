"""Request bodies and query parameters. Unknown fields are refused, so a misspelt field name
is reported instead of silently ignored. Omitted dates mean today; omitted person ids mean
the caller's own person."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from ninja import Path, Query, Schema
from pydantic import BeforeValidator, ConfigDict, Field, StrictBool, StrictInt
from pydantic_core import PydanticCustomError

from bmnn.law.copying import CopyForm
from bmnn.law.levels import Level
from bmnn.law.transfer import Channel
from bmnn.lib import limits
from bmnn.registry.actions.common import Late
from bmnn.registry.actions.disposal import DOSSIER_ITEMS
from bmnn.registry.models import DocumentState, HandoverReason

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value: object) -> object:
    """Only "YYYY-MM-DD": pydantic would otherwise read 0 as 01/01/1970."""
    if (isinstance(value, str) and _ISO_DAY.fullmatch(value)) or (
        isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    ):
        return value
    raise PydanticCustomError("date_format", "phải là ngày dạng YYYY-MM-DD")


# Request bodies are JSON: a number is not a date, 0 is not false, "5" is not 5. Ids and
# counts are bounded so that no value can overflow a database integer.
Day = Annotated[dt.date, BeforeValidator(_iso_day)]
MAX_ID = 2**63 - 1
Id = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
Year = Annotated[int, Path(ge=1945, le=9999)]
YearQuery = Annotated[int | None, Query(ge=1945, le=9999)]
Page = Annotated[int, Field(ge=1, le=100_000)]
Text = Annotated[str, Field(min_length=1, max_length=limits.NAME)]
Note = Annotated[str, Field(max_length=limits.NOTE)]  # reasons, purposes, councils, notes
Said = Annotated[str, Field(min_length=1, max_length=limits.NOTE)]  # the same, required
Summary = Annotated[str, Field(max_length=limits.SUMMARY, description="Trích yếu; để trống với Tuyệt mật")]
Search = Annotated[str, Field(max_length=limits.SEARCH)]
PersonId = Annotated[Id | None, Field(description="Mã cán bộ của đơn vị (mặc định: chính người gọi)")]
DOSSIER_HELP = "Giấy tờ đã có trong hồ sơ tiêu hủy: " + ", ".join(
    f"{key} ({label})" for key, label in DOSSIER_ITEMS.items()
)


class In(Schema):
    model_config = ConfigDict(extra="forbid")


class LateIn(In):
    """A decision entered more than the rule pack's grace days after its date needs both."""

    late_reason: str = Field("", max_length=limits.NOTE, description="Lý do ghi nhận muộn")
    paper_ref: str = Field("", max_length=limits.REF, description="Số, ngày văn bản giấy của quyết định")

    def late(self) -> Late:
        return Late(self.late_reason, self.paper_ref)


class DocumentQuery(Schema):
    q: Search = Field("", description="Tìm theo số, ký hiệu, tên loại, trích yếu (không dấu cũng được)")
    state: DocumentState | None = None
    level: Level | None = None
    page: Page = 1
    per_page: int = Field(50, ge=1, le=200)


class RegisterQuery(Schema):
    q: Search = Field("", description="Tìm trong các cột của sổ (không dấu cũng được)")
    page: Page = 1
    per_page: int = Field(50, ge=1, le=200)


class CatalogQuery(Schema):
    q: Search = Field("", description="Tìm trong nội dung mục danh mục (không dấu cũng được)")
    limit: int = Field(50, ge=1, le=200)


class RecipientIn(In):
    name: Text
    copies: StrictInt = Field(ge=1, le=9999)
    unit_id: Id | None = None
    person_id: Id | None = None
    named_person: StrictBool = False


class ProposalIn(In):
    doc_type: str = Field(min_length=1, max_length=120, description="Tên loại: Báo cáo, Kế hoạch…")
    summary: Summary = ""
    level: Level
    basis_ids: list[Id] = Field(max_length=100, description="Mã các mục danh mục BMNN làm căn cứ")
    level_reason: Note = ""
    recipients: list[RecipientIn] = Field(max_length=limits.LIST)
    copy_permitted: StrictBool | None = Field(description="Được phép sao, chụp hay không (bắt buộc nêu)")
    shorter_until: Day | None = None
    drafter_id: PersonId = None


class DecisionIn(In):
    approve: StrictBool
    decided_by_id: PersonId = None
    note: Note = ""


class IssueIn(LateIn):
    number_symbol: str = Field(min_length=1, max_length=120)
    issued_on: Day | None = None
    signer_id: Id | None = Field(None, description="Người ký (mặc định: người đã duyệt đề xuất)")


class IncomingIn(In):
    issuer_name: Text
    number_symbol: str = Field(min_length=1, max_length=120)
    doc_date: Day
    doc_type: str = Field(min_length=1, max_length=120)
    summary: Summary = ""
    level: Level
    arrival_date: Day | None = None
    receiver_name: str = Field("", max_length=255, description="Mặc định: người gọi")
    copy_permitted: StrictBool | None = None
    note: Note = ""


class CopyIn(LateIn):
    form: CopyForm
    permitted_count: StrictInt = Field(ge=1, le=999)
    made_count: StrictInt = Field(ge=1, le=999)
    permitted_by_id: Id
    copied_by_id: PersonId = None
    copied_on: Day | None = None
    recipients: Note = ""


class TransferIn(In):
    recipient_name: Text
    channel: Channel
    sent_on: Day | None = None
    sent_by_id: PersonId = None
    recipient_unit_id: Id | None = None
    named_person: StrictBool = False
    copy_numbers: str = Field("", max_length=80)


class ReceiptIn(In):
    received_by_name: Text
    received_on: Day | None = None


class TakeOutIn(LateIn):
    person_id: PersonId = None
    purpose: Said
    place: Text
    protection: Said
    permitted_by_id: Id
    out_on: Day | None = None
    due_on: Day


class ReturnIn(In):
    returned_on: Day | None = None
    use_report: Note = ""


class ExtensionIn(LateIn):
    new_until: Day
    decided_on: Day | None = None
    decided_by_id: PersonId = None
    decision_number: str = Field(min_length=1, max_length=80)
    reason: Said


class LevelChangeIn(LateIn):
    new_level: Level
    decided_on: Day | None = None
    decided_by_id: PersonId = None
    decision_number: str = Field(min_length=1, max_length=80)
    reason: Said


class DeclassificationIn(LateIn):
    basis: Literal["decision", "expired"] = Field(
        "decision", description="decision: theo quyết định và Hội đồng; expired: hết thời hạn bảo vệ",
    )
    decided_on: Day | None = None
    decided_by_id: PersonId = None
    decision_number: str = Field("", max_length=80)
    council: Note = ""
    reason: Note = ""


class NoticeIn(In):
    sent_on: Day | None = None
    notice_ref: str = Field(min_length=1, max_length=120)


class DestructionIn(LateIn):
    document_ids: list[Id] = Field(min_length=1, max_length=10_000)
    decided_by_id: PersonId = None
    decision_number: str = Field(min_length=1, max_length=80)
    decided_on: Day
    council: Note = ""
    minutes_ref: str = Field(min_length=1, max_length=120)
    dossier: list[Annotated[str, Field(max_length=limits.REF)]] = Field(
        default_factory=list, max_length=len(DOSSIER_ITEMS), description=DOSSIER_HELP)
    destroyed_on: Day | None = None
    urgent: StrictBool = False


class LossIn(In):
    discovered_on: Day | None = None
    description: Said
    reported_to: Text
    reported_by_id: PersonId = None


class HandoverIn(In):
    document_ids: list[Id] = Field(min_length=1, max_length=10_000)
    to_unit_id: Id
    reason: HandoverReason
    handed_by_id: PersonId = None
    received_by_id: Id
    handed_on: Day | None = None
    minutes_ref: str = Field(min_length=1, max_length=120)


class CancelEntryIn(In):
    reason: Said


class CloseRegisterIn(In):
    closed_on: Day | None = None

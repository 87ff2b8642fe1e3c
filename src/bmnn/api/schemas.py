"""What the API returns. Request bodies are in bmnn.api.inputs.

Dates are ISO 8601 (YYYY-MM-DD); levels, states and kinds are the stored codes (e.g.
"toi_mat"), with a Vietnamese label alongside where a person will read it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import Field

from bmnn.catalog.models import CatalogItem
from bmnn.law.levels import Level
from bmnn.org.models import Account, Person, Unit
from bmnn.registry.models import (
    CopyRecord,
    Destruction,
    Document,
    Handover,
    Proposal,
    RegisterEntry,
    Transfer,
)


class ErrorOut(Schema):
    error: str = Field(description="Mã lỗi, ví dụ copy_not_permitted, invalid_input, forbidden")
    message: str = Field(description="Thông báo bằng tiếng Việt")
    provision: str | None = Field(None, description="Căn cứ pháp lý của việc từ chối")
    confidence: str | None = Field(None, description="Mức chắc chắn của căn cứ: confirmed, partial…")
    detail: list[dict[str, Any]] | None = Field(None, description="Lỗi từng trường: loc, msg, type")


class UnitRef(Schema):
    id: int
    code: str
    name: str


class PersonOut(Schema):
    id: int
    full_name: str
    unit_id: int
    position: str | None
    clearance: str

    @staticmethod
    def resolve_position(obj: Person) -> str | None:
        return obj.position.title if obj.position else None


class MeOut(Schema):
    username: str
    roles: list[str]
    person: PersonOut | None
    unit: UnitRef | None

    @staticmethod
    def resolve_unit(obj: Account) -> Unit | None:
        return obj.person.unit if obj.person else None


class RecipientOut(Schema):
    order: int
    name: str
    unit_id: int | None
    person_id: int | None
    named_person: bool
    copies: int
    copy_from: int | None
    copy_to: int | None


class EntryOut(Schema):
    """A register line. `masked` rows are above the reader's clearance: number only."""

    id: int
    kind: str
    year: int
    number: int
    volume: int
    register_id: int
    level: str
    cancelled: bool
    masked: bool = False
    entry_date: dt.date | None = None
    document_id: int | None = None
    cancel_reason: str = ""
    columns: dict[str, Any] = Field(default_factory=dict)


def entry_out(entry: RegisterEntry, *, masked: bool = False) -> dict[str, Any]:
    """A register line as the API shows it; a masked line keeps only its number and level."""
    row: dict[str, Any] = {
        "id": entry.pk, "kind": entry.kind, "year": entry.year, "number": entry.number,
        "volume": entry.register.volume, "register_id": entry.register_id, "level": entry.level,
        "cancelled": entry.cancelled, "masked": masked,
    }
    if not masked:
        row |= {"entry_date": entry.entry_date, "document_id": entry.document_id,
                "cancel_reason": entry.cancel_reason, "columns": entry.columns}
    return row


class DocumentBrief(Schema):
    id: int
    unit: UnitRef
    origin: str
    state: str
    state_label: str
    doc_type: str
    number_symbol: str
    title: str = Field(description="Tên loại và trích yếu; chỉ tên loại đối với Tuyệt mật")
    level: str
    level_label: str
    protected_until: dt.date | None
    arrival_number: int | None
    created_at: dt.datetime

    @staticmethod
    def resolve_state_label(obj: Document) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_level_label(obj: Document) -> str:
        return Level(obj.level).label


class ProposalOut(Schema):
    id: int
    document_id: int
    drafter_id: int
    level: str
    basis_ids: list[int]
    basis: list[str] = Field(description="Căn cứ: điểm, khoản, điều của danh mục BMNN")
    level_reason: str
    copy_permitted: bool
    status: str
    submitted_at: dt.datetime
    decided_by_id: int | None
    decided_at: dt.datetime | None
    decision_note: str

    @staticmethod
    def resolve_basis_ids(obj: Proposal) -> list[int]:
        return [item.pk for item in obj.basis.all()]

    @staticmethod
    def resolve_basis(obj: Proposal) -> list[str]:
        return [item.citation for item in obj.basis.all()]


class CopyOut(Schema):
    id: int
    document_id: int
    form: str
    permitted_count: int
    made_count: int
    copy_from: int
    copy_to: int
    permitted_by_id: int
    copied_by_id: int
    copied_on: dt.date
    recipients: str
    entry_number: int

    @staticmethod
    def resolve_entry_number(obj: CopyRecord) -> int:
        return obj.entry.number


class TransferOut(Schema):
    id: int
    document_id: int
    channel: str
    recipient_name: str
    recipient_unit_id: int | None
    named_person: bool
    envelope: str
    copy_numbers: str
    sent_on: dt.date
    sent_by_id: int
    received_by_name: str
    received_on: dt.date | None
    entry_number: int

    @staticmethod
    def resolve_entry_number(obj: Transfer) -> int:
        return obj.entry.number


class TakeOutOut(Schema):
    id: int
    document_id: int
    person_id: int
    purpose: str
    place: str
    protection: str
    permitted_by_id: int
    out_on: dt.date
    due_on: dt.date
    returned_on: dt.date | None
    use_report: str


class DecisionOut(Schema):
    id: int
    document_id: int
    kind: str
    decided_on: dt.date
    decided_by_id: int | None
    decision_number: str
    reason: str
    council: str
    old_until: dt.date | None
    new_until: dt.date | None
    old_level: str
    new_level: str
    notice_due: dt.date | None
    notice_sent_on: dt.date | None
    notice_ref: str


class LossOut(Schema):
    id: int
    document_id: int
    discovered_on: dt.date
    reported_by_id: int
    description: str
    reported_to: str


class DestructionOut(Schema):
    id: int
    unit_id: int
    decided_by_id: int
    decision_number: str
    decided_on: dt.date
    urgent: bool
    council: str
    minutes_ref: str
    dossier: list[str]
    destroyed_on: dt.date
    document_ids: list[int]

    @staticmethod
    def resolve_document_ids(obj: Destruction) -> list[int]:
        return sorted(d.pk for d in obj.documents.all())


class HandoverOut(Schema):
    id: int
    from_unit_id: int
    to_unit_id: int
    reason: str
    handed_by_id: int
    received_by_id: int
    handed_on: dt.date
    minutes_ref: str
    document_ids: list[int]

    @staticmethod
    def resolve_document_ids(obj: Handover) -> list[int]:
        return sorted(d.pk for d in obj.documents.all())


class DocumentOut(DocumentBrief):
    """Everything the register and the file hold about one document."""

    summary: str
    regime: str
    rulepack_version: str
    determined_on: dt.date | None
    issuer_name: str
    drafter_id: int | None
    drafter_name: str
    signer_id: int | None
    signer_name: str
    copy_permitted: bool | None
    copies_issued: int
    shorter_until: dt.date | None
    arrival_date: dt.date | None
    recipients: list[RecipientOut]
    proposals: list[ProposalOut]
    entries: list[EntryOut]
    copies: list[CopyOut]
    transfers: list[TransferOut]
    take_outs: list[TakeOutOut]
    decisions: list[DecisionOut]
    losses: list[LossOut]

    @staticmethod
    def resolve_entries(obj: Document) -> list[dict[str, Any]]:
        entries = obj.entries.select_related("register").order_by("kind", "year", "number")
        return [entry_out(e) for e in entries]


class DocumentPage(Schema):
    items: list[DocumentBrief]
    page: int
    per_page: int
    count: int
    has_next: bool


class IssueOut(Schema):
    document: DocumentBrief
    entry: EntryOut


class RegisterOut(Schema):
    id: int
    unit_id: int
    kind: str
    kind_label: str
    year: int
    volume: int
    regime: str
    opened_on: dt.date
    closed_on: dt.date | None
    closed_by_id: int | None


class RegisterPage(Schema):
    unit: UnitRef
    kind: str
    year: int
    page: int
    per_page: int
    has_next: bool
    items: list[EntryOut]


class VolumeRef(Schema):
    kind: str
    year: int
    volume: int


class TodoOut(Schema):
    today: dt.date
    pending_proposals: list[ProposalOut]
    open_transfers: list[TransferOut]
    periods_ending_60: list[DocumentBrief]
    periods_ending_90: list[DocumentBrief]
    periods_expired: list[DocumentBrief]
    notices_due: list[DecisionOut]
    volumes_to_close: list[VolumeRef]


class CatalogItemOut(Schema):
    id: int
    decision_number: str
    sector: str
    article: str
    clause: str
    point: str
    citation: str
    text: str
    level: str

    @staticmethod
    def resolve_decision_number(obj: CatalogItem) -> str:
        return obj.catalog.decision_number

    @staticmethod
    def resolve_sector(obj: CatalogItem) -> str:
        return obj.catalog.sector

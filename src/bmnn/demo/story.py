"""Short paths through the registry actions, in the words of the demo's story.

Every step calls a `do_*` action with the acting account, so each one is checked against the
rule pack of its day, takes register numbers and appends its audit event exactly as in real use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bmnn.catalog.models import CatalogItem
from bmnn.demo.people import Cast
from bmnn.law.copying import CopyForm
from bmnn.law.levels import Level
from bmnn.law.transfer import Channel
from bmnn.registry.actions.common import Late
from bmnn.registry.actions.copies import do_copy_document
from bmnn.registry.actions.issuance import do_issue_document, do_register_incoming
from bmnn.registry.actions.proposals import (
    RecipientInput,
    do_decide_proposal,
    do_propose_classification,
)
from bmnn.registry.actions.transfers import do_record_receipt, do_send_document
from bmnn.registry.models import CopyRecord, Document, Proposal, Transfer

# name, copies, unit code (when the recipient is one of the demo's units)
RecipientRow = tuple[str, int, str | None]


@dataclass(frozen=True)
class Draft:
    """What a drafter proposes: type, summary, level, catalog basis, the "Nơi nhận" block."""

    doc_type: str
    summary: str
    level: Level
    basis: str
    recipients: tuple[RecipientRow, ...]
    copy_permitted: bool = True
    shorter_until: dt.date | None = None
    level_reason: str = ""


@dataclass(frozen=True)
class Arrival:
    """A secret document received from elsewhere, as written in the incoming register."""

    issuer: str
    number: str
    doc_date: dt.date
    doc_type: str
    summary: str
    level: Level
    copy_permitted: bool | None = None


@dataclass
class Story:
    """The cast, the catalog items and the documents made so far, by key."""

    cast: Cast
    items: dict[str, CatalogItem]
    today: dt.date
    docs: dict[str, Document] = field(default_factory=dict)
    proposals: dict[str, Proposal] = field(default_factory=dict)

    def paper(self, day: dt.date) -> Late:
        """The demo's history is entered after the fact, as a unit enters its paper files when it
        starts using bmnn: each decision says so and names its paper."""
        return Late("Nhập lại hồ sơ giấy khi bắt đầu dùng phần mềm (dữ liệu mẫu)",
                    f"Hồ sơ lưu ngày {day:%d/%m/%Y}")

    def doc(self, key: str) -> Document:
        document = self.docs[key]
        document.refresh_from_db()
        return document

    def _recipients(self, rows: tuple[RecipientRow, ...]) -> list[RecipientInput]:
        return [RecipientInput(name, copies, self.cast.unit(code) if code else None)
                for name, copies, code in rows]

    def propose(self, key: str, draft: Draft, *, drafter: str = "chuyenvien") -> Proposal:
        person = self.cast.person(drafter)
        proposal = do_propose_classification(
            unit=person.unit, doc_type=draft.doc_type, summary=draft.summary, level=draft.level,
            basis=[self.items[draft.basis]], level_reason=draft.level_reason,
            recipients=self._recipients(draft.recipients), copy_permitted=draft.copy_permitted,
            drafter=person, shorter_until=draft.shorter_until, actor=self.cast.account(drafter),
        )
        self.proposals[key], self.docs[key] = proposal, proposal.document
        return proposal

    def decide(self, key: str, *, by: str, approve: bool = True, note: str = "") -> None:
        do_decide_proposal(self.proposals[key], approve=approve, decided_by=self.cast.person(by),
                           note=note, actor=self.cast.account(by))

    def issue(self, key: str, draft: Draft, *, on: dt.date, number: str, signer: str = "giamdoc",
              approver: str | None = None, drafter: str = "chuyenvien", clerk: str = "vanthu",
              ) -> Document:
        """Propose, approve and issue: the whole outgoing path of one document."""
        self.propose(key, draft, drafter=drafter)
        self.decide(key, by=approver or signer)
        do_issue_document(self.doc(key), number_symbol=number, issued_on=on,
                          signer=self.cast.person(signer), late=self.paper(on),
                          actor=self.cast.account(clerk))
        return self.doc(key)

    def receive(self, key: str, arrival: Arrival, *, on: dt.date, clerk: str) -> Document:
        person = self.cast.person(clerk)
        self.docs[key] = do_register_incoming(
            unit=person.unit, issuer_name=arrival.issuer, number_symbol=arrival.number,
            doc_date=arrival.doc_date, doc_type=arrival.doc_type, summary=arrival.summary,
            level=arrival.level, arrival_date=on, receiver_name=person.full_name,
            copy_permitted=arrival.copy_permitted, actor=self.cast.account(clerk),
        )
        return self.docs[key]

    def copy(self, key: str, *, on: dt.date, permitted_by: str, count: int, clerk: str = "vanthu",
             form: CopyForm = CopyForm.SAO_Y, recipients: str = "") -> CopyRecord:
        return do_copy_document(
            self.doc(key), form=form, permitted_count=count, made_count=count,
            permitted_by=self.cast.person(permitted_by), copied_by=self.cast.person(clerk),
            copied_on=on, recipients=recipients, late=self.paper(on), actor=self.cast.account(clerk),
        )

    def send(self, key: str, to: str, *, on: dt.date, clerk: str = "vanthu",
             channel: Channel = Channel.BY_HAND, unit: str | None = None, named: bool = False,
             copies: str = "", receipt: tuple[str, dt.date] | None = None) -> Transfer:
        """Send through an allowed channel; with `receipt`, the receiver signs the register."""
        transfer = do_send_document(
            self.doc(key), recipient_name=to, channel=channel, sent_on=on,
            sent_by=self.cast.person(clerk), recipient_unit=self.cast.unit(unit) if unit else None,
            named_person=named, copy_numbers=copies, actor=self.cast.account(clerk),
        )
        if receipt is not None:
            name, day = receipt
            do_record_receipt(transfer, received_by_name=name, received_on=day,
                              actor=self.cast.account(clerk))
        return transfer

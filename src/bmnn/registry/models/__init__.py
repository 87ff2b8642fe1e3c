"""Secret documents, proposals, recipients, registers and everything that happens to them."""

from bmnn.registry.models.documents import (
    Document,
    DocumentState,
    Origin,
    Proposal,
    ProposalStatus,
    Recipient,
)
from bmnn.registry.models.lifecycle import (
    Destruction,
    Handover,
    HandoverReason,
    LifeDecision,
    LifeDecisionKind,
    Loss,
)
from bmnn.registry.models.movements import CopyRecord, TakeOut, Transfer
from bmnn.registry.models.registers import Register, RegisterCounter, RegisterEntry, RegisterKind

__all__ = [
    "CopyRecord", "Destruction", "Document", "DocumentState", "Handover", "HandoverReason",
    "LifeDecision", "LifeDecisionKind", "Loss", "Origin", "Proposal", "ProposalStatus",
    "Recipient", "Register", "RegisterCounter", "RegisterEntry", "RegisterKind", "TakeOut",
    "Transfer",
]

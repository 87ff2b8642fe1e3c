"""Refusals: each names the provision it enforces and how sure we are of that provision."""

from __future__ import annotations


class LawRefusal(Exception):
    """The law forbids the requested change. Nothing may be written."""

    code = "refused"

    def __init__(self, message: str, provision: str, *, confidence: str = "confirmed") -> None:
        super().__init__(message)
        self.message = message
        self.provision = provision
        self.confidence = confidence

    def __str__(self) -> str:
        note = "" if self.confidence == "confirmed" else " (quy định chưa được xác nhận đầy đủ)"
        return f"{self.message} — {self.provision}{note}"


class ProposalWithoutBasis(LawRefusal):
    code = "proposal_without_basis"


class LevelMismatch(LawRefusal):
    code = "level_mismatch"


class SignerNotAuthorized(LawRefusal):
    code = "signer_not_authorized"


class CopyNotPermitted(LawRefusal):
    code = "copy_not_permitted"


class CopyAuthorityMissing(LawRefusal):
    code = "copy_authority_missing"


class CopyOverCount(LawRefusal):
    code = "copy_over_count"


class ChannelNotAllowed(LawRefusal):
    code = "channel_not_allowed"


class SummaryForbidden(LawRefusal):
    code = "summary_forbidden"


class RecipientsIncomplete(LawRefusal):
    code = "recipients_incomplete"


class ExtensionNotAllowed(LawRefusal):
    code = "extension_not_allowed"


class DestructionNotAllowed(LawRefusal):
    code = "destruction_not_allowed"


class StateNotAllowed(LawRefusal):
    """The record is not in a state where this step may happen (e.g. sending before registering)."""

    code = "state_not_allowed"


class DelegationInvalid(LawRefusal):
    code = "delegation_invalid"


class InputTooLong(LawRefusal):
    """A typed value longer than its field allows (bmnn.lib.limits): refused by the model itself,
    whatever door it came through, before anything is written."""

    code = "input_too_long"

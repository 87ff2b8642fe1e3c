"""Refusals of the reports app, in Vietnamese, each saying why."""

from __future__ import annotations


class PackageRefused(Exception):
    """A report package that failed a check; nothing of it was written."""

    def __init__(self, reason: str, *, claimed_sender: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.claimed_sender = claimed_sender


class KeyRefused(Exception):
    """A key that cannot be registered, made or revoked."""

"""Subcommands of `bmnn`; each module offers `register(subparsers)`."""

from __future__ import annotations

from bmnn.commands import audit, backup, demo, imports, registers, setup, tokens

COMMAND_MODULES = [setup, registers, tokens, backup, audit, demo, imports]

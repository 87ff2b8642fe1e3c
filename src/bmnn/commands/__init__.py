"""Subcommands of `bmnn`; each module offers `register(subparsers)`."""

from __future__ import annotations

from bmnn.commands import (
    audit,
    backup,
    bundle,
    demo,
    findings,
    imports,
    inspect,
    packages,
    registers,
    scan,
    scan_import,
    setup,
    summaries,
    tokens,
)

COMMAND_MODULES = [setup, registers, inspect, tokens, backup, audit, demo, imports, scan, scan_import,
                   findings, summaries, packages, bundle]

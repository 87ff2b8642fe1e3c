"""bmnn scan run | keygen: the endpoint scanner (no database needed; see also python -m bmnn.scanner).
`bmnn scan D:\\ E:\\ …` without a subcommand means `bmnn scan run D:\\ E:\\ …`.

Other command modules may add `bmnn scan <name>` with `add_subcommand(name, help)` after `register`.
"""

from __future__ import annotations

import argparse

_ACTIONS: argparse._SubParsersAction[argparse.ArgumentParser] | None = None
DESCRIPTION = ("Công cụ quét máy tính tìm tệp mang dấu mật (không cần cơ sở dữ liệu). "
               "'bmnn scan D:\\ E:\\' không ghi thao tác nghĩa là 'bmnn scan run D:\\ E:\\'.")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from bmnn.scanner.cli import add_commands

    global _ACTIONS
    scan = sub.add_parser("scan", help="quét máy tính tìm tài liệu mang dấu mật", description=DESCRIPTION)
    _ACTIONS = scan.add_subparsers(dest="scan_command", required=True, metavar="THAO_TÁC")
    add_commands(_ACTIONS, prog="bmnn scan")


def add_subcommand(name: str, help: str) -> argparse.ArgumentParser:
    """A new `bmnn scan <name>` parser; set its handler (and needs_django) with set_defaults."""
    if _ACTIONS is None:
        raise RuntimeError("bmnn.commands.scan.register() has not run yet")
    return _ACTIONS.add_parser(name, help=help, description=help)


def with_implied_run(argv: list[str]) -> list[str]:
    """`bmnn scan PATH…` (no subcommand) as `bmnn scan run PATH…`, as `python -m bmnn.scanner` does."""
    if argv[:1] != ["scan"] or _ACTIONS is None:
        return argv
    if len(argv) > 1 and (argv[1] in _ACTIONS.choices or argv[1] in ("-h", "--help")):
        return argv
    return ["scan", "run", *argv[1:]]

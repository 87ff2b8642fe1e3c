"""Everything a user reads is Vietnamese, --help included: every command and subcommand of `bmnn`."""

from __future__ import annotations

import re

import pytest

from bmnn.cli import main

# English words a help text would carry (command names such as "restore" or "check" aside)
ENGLISH = re.compile(r"\b(the|and|of|with|without|when|write|file|usage|database|server)\b")
COMMANDS = [
    ["init"], ["serve"], ["createadmin"], ["registers"], ["inspect"], ["token"], ["backup"],
    ["backup", "keygen"], ["backup", "verify"], ["restore"], ["audit"], ["demo"], ["import"],
    ["scan"], ["findings"], ["report"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_help_is_vietnamese(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([*argv, "--help"])
    text = capsys.readouterr().out
    assert "Cách dùng" in text
    assert not ENGLISH.findall(text.replace("--key-file", "").replace("BMNN_", "")), text

"""Every `--help` of `bmnn` reads in Vietnamese: the real parser, every command and subcommand at
any depth, its description, each argument's help and its examples. English prose is caught by
counting common English words; option names, metavars, choices, command names and example lines
(`bmnn …`, `python -m …`) are not prose and are left out before counting."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

import pytest

from bmnn.cli import build_parser
from bmnn.scanner.cli import build_parser as build_scanner_parser

# Common English words. Words that are also Vietnamese without diacritics are left out on purpose:
# "a" (điểm a), "an" (an toàn), "in" (in ra), "to" (chữ to), "can" (can thiệp), "so" (so sánh),
# "than" (than phiền), "may" (may mắn), "no" (ăn no), "do" (lý do).
_WORDS = """
    the and of with without from when is are was were be been being it its not only which that this
    these those each every or for by on at as into onto then there their they them we you your
    has have had will would cannot must should if else but also all any what who how after before
    while until where whole both either neither other same such more most less least
    does done did shows show checks check reads read writes write written keeps keep kept
    file files example examples exit default defaults otherwise unless once again already
"""
ENGLISH = frozenset(_WORDS.split())
MAX_ENGLISH = 0  # the homographs above are left out, so one English word is already one too many
# An example command line: indented, or after a label ("Ví dụ: bmnn …"); the label is still read.
EXAMPLE = re.compile(r"^(?P<lead>\s+|\s*[^\W\d_]+(?: [^\W\d_]+)?:\s*)(?:bmnn|python -m)\b.*$")
OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")
CHOICES = re.compile(r"\{[^{}]*\}")
WORD = re.compile(r"[\w.:/\\-]+")


def walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[
        tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """The parser and every subparser below it, each once, with the command words leading to it."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            seen: set[int] = set()
            for name, sub in action.choices.items():
                if id(sub) not in seen:
                    seen.add(id(sub))
                    yield from walk(sub, (*path, name))


def _not_prose(parser: argparse.ArgumentParser) -> set[str]:
    """Names the help shows that are not sentences: metavars, dests, choices, subcommand names."""
    names: set[str] = set()
    for action in parser._actions:
        metavar = action.metavar
        for value in (metavar if isinstance(metavar, tuple) else (metavar,)):
            if value:
                names.update(value.lower().split())
        names.add(action.dest.lower())
        if action.choices is not None:
            names.update(str(choice).lower() for choice in action.choices)
    return names


def english_words(parser: argparse.ArgumentParser) -> list[str]:
    """The common English words of a parser's help text, outside its usage lines and examples."""
    text = parser.format_help()
    usage_end = text.find("\n\n")
    text = text[usage_end:] if usage_end >= 0 else ""  # the usage block is command and option names
    skip = _not_prose(parser)
    found = []
    continued = False  # the previous line was an example ending in "\\", this one goes on with it
    for raw in text.splitlines():
        example = EXAMPLE.match(raw)
        line = "" if continued else example.group("lead") if example else raw
        continued = (continued or example is not None) and raw.rstrip().endswith("\\")
        line = CHOICES.sub(" ", OPTION.sub(" ", line))
        for token in WORD.findall(line):
            word = token.strip(".:-/\\")
            if not word or word.isupper() or not word.isalpha() or word.lower() in skip:
                continue  # metavars (TỆP, FILE), identifiers (no_data, findings.yaml), paths, numbers
            if word.lower() in ENGLISH:
                found.append(word)
    return found


PARSERS = [*walk(build_parser(), ("bmnn",)), *walk(build_scanner_parser(), ("python -m bmnn.scanner",))]


def test_the_walk_reaches_every_level() -> None:
    paths = {" ".join(path) for path, _ in PARSERS}
    assert {"bmnn", "bmnn import registers", "bmnn audit checkpoint check", "bmnn package key revoke",
            "bmnn scan run", "bmnn scan import", "bmnn backup keygen", "python -m bmnn.scanner run"} <= paths
    assert len(PARSERS) > 40


@pytest.mark.parametrize("parser", [p for _, p in PARSERS], ids=[" ".join(path) for path, _ in PARSERS])
def test_help_holds_no_english_prose(parser: argparse.ArgumentParser) -> None:
    words = english_words(parser)
    assert len(words) <= MAX_ENGLISH, f"English in `{parser.prog} --help`: {words}\n\n{parser.format_help()}"


def test_the_check_catches_english() -> None:
    parser = argparse.ArgumentParser(prog="bmnn thu", description="Import a register the unit kept in Excel.")
    parser.add_argument("--unit", metavar="FILE", help="the code of the unit")
    assert english_words(parser) == ["the", "kept", "the", "of", "the"]

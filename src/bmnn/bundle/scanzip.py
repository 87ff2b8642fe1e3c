"""The scanner as one file: a zip application that a bare Python 3.11+ runs (`python bmnn-scan.pyz`).

It holds bmnn.scanner and bmnn.lib.cli (no Django, nothing else of bmnn) and PyYAML's pure-Python code (for
--catalog; PyYAML falls back to it when its C extension is absent). Signing needs `cryptography`,
a compiled library that a zip cannot carry: without it the scanner writes unsigned reports and
says so when asked to sign (bmnn.scanner.report.SigningUnavailable). PDFs without pypdfium2
(or poppler's pdftotext) and OCR without tesserocr (or tesseract) are reported as unread files
with their reason, as in an installed scanner.

The archive is reproducible: sorted names, fixed timestamps, so the same code gives the same hash.
"""

from __future__ import annotations

import importlib.metadata
import zipfile
from collections.abc import Iterator
from pathlib import Path

import bmnn.lib.cli
import bmnn.scanner

NAME = "bmnn-scan.pyz"
_STAMP = (1980, 1, 1, 0, 0, 0)
_SKIP_PARTS = {"__pycache__"}
_SKIP_SUFFIXES = {".pyc", ".pyo", ".so", ".pyd", ".typed"}

_PACKAGE_INIT = '"""bmnn — only the scanner travels in bmnn-scan.pyz."""\n'

# The scanner reads os_eos.json with Path(__file__).with_name(...), which cannot open a file
# inside a zip; the entry point points it at the zip member instead, before anything reads it.
_MAIN = '''"""bmnn-scan.pyz: the bmnn endpoint scanner in one file (python bmnn-scan.pyz --help)."""

import sys

if sys.version_info < (3, 11):
    sys.exit("Công cụ quét bmnn cần Python 3.11 trở lên; máy này có Python %d.%d." % sys.version_info[:2])

import multiprocessing
import zipfile

from bmnn.scanner.posture import eos


def _zip_table() -> None:
    archive = __file__.rpartition("__main__.py")[0].rstrip("/\\\\")
    if zipfile.is_zipfile(archive):
        eos.TABLE = zipfile.Path(archive, "bmnn/scanner/posture/os_eos.json")  # type: ignore[assignment]


if __name__ == "__main__":
    multiprocessing.freeze_support()
    _zip_table()
    from bmnn.scanner.cli import main

    sys.exit(main())
'''


def _tree(root: Path, prefix: str) -> Iterator[tuple[str, Path]]:
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and not _SKIP_PARTS & set(relative.parts) and path.suffix not in _SKIP_SUFFIXES:
            yield f"{prefix}/{relative.as_posix()}", path


def _yaml_license() -> str:
    """PyYAML's licence text (MIT), shipped beside its vendored code."""
    for dist in ("PyYAML", "pyyaml"):
        try:
            files = importlib.metadata.files(dist) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        for file in files:
            if file.name.upper().startswith("LICENSE"):
                return file.read_text(encoding="utf-8")
    return "PyYAML, Copyright (c) 2017-2021 Ingy döt Net, Copyright (c) 2006-2016 Kirill Simonov (MIT).\n"


def members() -> list[tuple[str, Path | str]]:
    """(name inside the zip, file or text) for everything the archive holds."""
    import yaml

    scanner = Path(bmnn.scanner.__file__).parent
    yaml_dir = Path(yaml.__file__).parent
    found: list[tuple[str, Path | str]] = [("__main__.py", _MAIN), ("bmnn/__init__.py", _PACKAGE_INIT)]
    found += list(_tree(scanner, "bmnn/scanner"))
    lib = Path(bmnn.lib.cli.__file__).parent  # the Vietnamese argparse (standard library only)
    found += [("bmnn/lib/__init__.py", lib / "__init__.py"), ("bmnn/lib/cli.py", lib / "cli.py")]
    found += [(name, path) for name, path in _tree(yaml_dir, "yaml") if path.suffix == ".py"]
    found.append(("yaml/LICENSE", _yaml_license()))
    return found


def build_scanner_zip(target: Path) -> Path:
    """Write the one-file scanner to `target` (a file) and return it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with partial.open("wb") as raw:
        raw.write(b"#!/usr/bin/env python3\n")
        with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, source in sorted(members(), key=lambda pair: pair[0]):
                data = source.encode("utf-8") if isinstance(source, str) else source.read_bytes()
                info = zipfile.ZipInfo(name, date_time=_STAMP)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, data)
    partial.chmod(0o755)
    partial.replace(target)
    return target

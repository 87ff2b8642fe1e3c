"""The bundle's manifest: what it holds (name, size, SHA-256), bmnn's version and its rule packs.

manifest.json is read by the installer (installer.py, standard library only); SHA256SUMS says
the same in the format `sha256sum -c` checks on Linux. The manifest's own SHA-256 is printed
when the bundle is built and again by the installer: compared by eye (or by a second channel),
it tells the bundle on the stick is the one that was built.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
FORMAT = "bmnn-bundle/1"
_CHUNK = 1 << 20


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def listed_files(root: Path) -> list[Path]:
    """Every file of the bundle but the manifest and the sums, sorted by their path inside it."""
    skip = {MANIFEST, SUMS}
    return sorted((p for p in root.rglob("*") if p.is_file() and p.relative_to(root).as_posix() not in skip),
                  key=lambda p: p.relative_to(root).as_posix())


def write_manifest(root: Path, facts: dict[str, Any]) -> str:
    """Write manifest.json and SHA256SUMS for everything under `root`; return the manifest's SHA-256."""
    files = [{"path": p.relative_to(root).as_posix(), "size": p.stat().st_size, "sha256": sha256_file(p)}
             for p in listed_files(root)]
    manifest = {"format": FORMAT, **facts, "files": files}
    text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (root / MANIFEST).write_text(text, encoding="utf-8", newline="\n")
    sums = "".join(f"{f['sha256']}  {f['path']}\n" for f in files)
    (root / SUMS).write_text(sums, encoding="utf-8", newline="\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def total_size(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())

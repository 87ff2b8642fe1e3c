"""Operating-system end-of-support dates from the shipped table os_eos.json."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

TABLE = Path(__file__).with_name("os_eos.json")


@cache
def table() -> dict[str, Any]:
    """The parsed table (read once)."""
    data: dict[str, Any] = json.loads(TABLE.read_text(encoding="utf-8"))
    return data


def windows_eos(build: int, server: bool = False) -> tuple[str | None, str | None]:
    """(product, end of support) for a Windows build; server editions use the server rows.

    An unknown newer build between known ones takes the row of the nearest lower build.
    """
    rows = table()["windows_server" if server else "windows_client"]
    best = None
    for row in rows:
        if row["build"] <= build and (best is None or row["build"] > best["build"]):
            best = row
    if best is None:
        return None, None
    return best["product"], best["eos"]


def linux_eos(os_id: str, version_id: str, id_like: str = "") -> tuple[str | None, str | None]:
    """(product, end of support) for an os-release ID and VERSION_ID (e.g. "debian", "12")."""
    ids = [os_id, *id_like.split()]
    for candidate in ids:
        for row in table()["linux"]:
            if row["id"] != candidate:
                continue
            if version_id == row["major"] or version_id.split(".")[0] == row["major"]:
                return row["product"], row["eos"]
    return None, None

"""Resume state: an append-only JSON-lines log of finished files and their results.

Line 1 is a header naming the roots; each further line is one file result. A line cut short by a
hard kill is ignored (that file is simply scanned again on resume).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

STATE_SCHEMA = "bmnn-scan-state/1"


class StateMismatch(ValueError):
    """The state file belongs to a scan of other roots."""


class ScanState:
    """Finished results loaded from a state file, and an append handle for new ones."""

    def __init__(self, path: Path, roots: list[str], started_at: str) -> None:
        self.path = path
        self.done: dict[str, dict[str, Any]] = {}
        self.started_at = started_at
        self._handle: IO[str] | None = None
        if path.exists() and path.stat().st_size > 0:
            self._load(roots)
        else:
            self._open()
            self._write({"state": STATE_SCHEMA, "roots": roots, "started_at": started_at})

    def _load(self, roots: list[str]) -> None:
        with self.path.open(encoding="utf-8") as handle:
            header = _parse(handle.readline())
            if not header or header.get("state") != STATE_SCHEMA or header.get("roots") != roots:
                raise StateMismatch(f"tệp trạng thái {self.path} không thuộc lần quét các thư mục này")
            self.started_at = str(header.get("started_at", self.started_at))
            for line in handle:
                record = _parse(line)
                if record and "path" in record:
                    self.done[record["path"]] = record
        self._open()

    def _open(self) -> None:
        cut_short = False
        if self.path.exists() and self.path.stat().st_size:
            with self.path.open("rb") as tail:
                tail.seek(-1, 2)
                cut_short = tail.read(1) != b"\n"
        self._handle = self.path.open("a", encoding="utf-8")
        if cut_short:
            self._handle.write("\n")  # end a line cut short by a hard kill

    def _write(self, record: dict[str, Any]) -> None:
        assert self._handle is not None
        self._handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._handle.flush()

    def record(self, result: dict[str, Any]) -> None:
        """Append one finished file's result."""
        self._write(result)

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def _parse(line: str) -> dict[str, Any] | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None

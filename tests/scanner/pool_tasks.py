"""Worker functions for the pool tests (spawned processes import them by name)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path
from typing import Any


def init(arg: Any) -> None:
    """Nothing to load."""


def call(path: str, size: int) -> dict[str, Any]:
    """'die' ends the worker as a crashing decoder would; 'tool:<file>' starts a program that
    outlives the time limit and writes its pid to <file>; anything else answers at once."""
    if path == "die":
        os._exit(3)
    if path.startswith("tool:"):
        child = subprocess.Popen(["sleep", "300"])
        Path(path[5:]).write_text(str(child.pid))
        time.sleep(300)
    return {"path": path}


def failed(task: tuple[str, int], reason: str) -> dict[str, Any]:
    return {"path": task[0], "error": reason}

"""External readers (poppler's pdftotext, catdoc, xls2csv) run as subprocesses fed on stdin.

Input goes through stdin from our own O_NOATIME handle, so the tool never opens the file itself
(no access-time change) and nested files from archives need no temporary copy.
"""

from __future__ import annotations

import shutil
import subprocess

from bmnn.scanner.extract.base import Blob, ExtractError

TIMEOUT_SECONDS = 300


def run_tool(args: list[str], blob: Blob) -> tuple[str, str]:
    """(stdout, stderr) of the tool reading `blob` on stdin; "unsupported" when it is not installed."""
    exe = shutil.which(args[0])
    if exe is None:
        raise ExtractError("unsupported", f"{args[0]} not installed")
    if blob.size() > blob.limits.max_file_bytes:
        raise ExtractError("too large")
    with blob.open() as handle:
        stdin = handle if blob.data is None else None
        try:
            done = subprocess.run(
                [exe, *args[1:]],
                stdin=stdin,
                input=blob.data,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise ExtractError("timeout") from exc
    out = done.stdout.decode("utf-8", errors="replace")
    err = done.stderr.decode("utf-8", errors="replace")
    if done.returncode != 0 and not out.strip():
        raise ExtractError(_reason(err), err.strip().splitlines()[-1][:120] if err.strip() else "")
    return out, err


def _reason(stderr: str) -> str:
    lowered = stderr.lower()
    if "password" in lowered or "encrypt" in lowered:
        return "encrypted"
    return "corrupt"

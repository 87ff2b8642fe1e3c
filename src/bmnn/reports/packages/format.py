"""What a report package is. A ZIP file of three members:

  manifest.json   sender, receiver, kind, period, data window, the sender's sequence number, the
                  sender's audit checkpoint (last event's number and hash), and each part's name,
                  size and SHA-256; schema "bmnn-report-package/1"
  signature.json  {"algorithm": "ed25519", "key": <fingerprint>, "value": <base64>} over the
                  manifest's exact bytes
  report.json     the report: per-unit rows of counts, category ids and statuses, and the
                  narrative the unit wrote (schema "bmnn-report/1"); never secret content

optionally encrypted as a whole to the receiver's age recipient (then the file begins with
"age-encryption.org/v1"). The limits below bound every read of a file from outside."""

from __future__ import annotations

import json
from typing import Any

SCHEMA = "bmnn-report-package/1"
REPORT_SCHEMA = "bmnn-report/1"
MANIFEST, SIGNATURE, REPORT = "manifest.json", "signature.json", "report.json"
MEMBERS = (MANIFEST, SIGNATURE, REPORT)
AGE_HEADER = b"age-encryption.org/v1\n"
MAX_PACKAGE = 64 * 1024 * 1024  # the file as carried
MAX_MEMBER = 64 * 1024 * 1024  # one member, uncompressed
MAX_SMALL = 64 * 1024  # manifest.json, signature.json
MAX_RATIO = 200  # uncompressed / compressed: above this a member is a bomb, not a report
MAX_ROWS = 20_000  # unit rows in one report (a province's communes and departments)
MAX_SEQUENCE = 1_000_000_000
MAX_JUMP = 10_000  # a sender's packages numbered this far past the last received: refused
EXTENSION = ".bmnn"


def dumps(data: Any) -> bytes:
    """Canonical JSON: sorted keys, no spaces, UTF-8 — the same bytes for the same data."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def file_name(sender: str, kind: str, period: str, sequence: int) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in f"{sender}-{kind}-{period}")
    return f"BC-{safe}-{sequence:05d}{EXTENSION}"

"""Making a package: the manifest over the parts, signed, zipped, optionally encrypted."""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from typing import Any

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from bmnn.reports.packages.format import MANIFEST, REPORT, SCHEMA, SIGNATURE, dumps


def build_package(
    *,
    header: dict[str, Any],
    report: dict[str, Any],
    key: Ed25519PrivateKey,
    key_fingerprint: str,
    recipient: str | None = None,
) -> bytes:
    """The package file's bytes. `header` is the manifest without schema and parts."""
    body = dumps(report)
    manifest = dumps(
        {
            **header,
            "schema": SCHEMA,
            "parts": [{"name": REPORT, "size": len(body), "sha256": hashlib.sha256(body).hexdigest()}],
        }
    )
    signature = dumps(
        {
            "algorithm": "ed25519",
            "key": key_fingerprint,
            "value": base64.b64encode(key.sign(manifest)).decode("ascii"),
        }
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in ((MANIFEST, manifest), (SIGNATURE, signature), (REPORT, body)):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    raw = buffer.getvalue()
    if recipient:
        raw = pyrage.encrypt(raw, [pyrage.x25519.Recipient.from_str(recipient)])
    return raw

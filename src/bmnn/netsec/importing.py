"""Reading a `bmnn-scan-report/1` document: size, JSON, schema, required keys and the Ed25519
signature. Nothing here writes; any problem raises ScanReportRefused for the whole report.

The per-key schema check is the scanner's own `validate_report` (one definition of the format);
the signature policy (trusted keys, unsigned refused when keys are configured) is ours."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.conf import settings

from bmnn.lib.env import env_str
from bmnn.netsec.errors import ScanReportRefused
from bmnn.scanner.report import validate_report

SCHEMA = "bmnn-scan-report/1"
MAX_BYTES = 50 * 1024 * 1024
REQUIRED = ("schema", "scanner_version", "started_at", "finished_at", "host", "posture", "files", "summary")
LEVEL_RANK = {"mat": 1, "toi_mat": 2, "tuyet_mat": 3}


@dataclass(frozen=True)
class ParsedReport:
    """A report that passed every check, with what the import needs from it."""

    data: dict[str, Any]
    raw: str
    sha256: str  # of the file's bytes
    content_sha256: str  # of the signed content: the report's identity (see `canonical`)
    started_at: dt.datetime
    finished_at: dt.datetime
    signed: bool
    key_fingerprint: str

    @property
    def host(self) -> dict[str, Any]:
        return dict(self.data["host"])

    @property
    def posture(self) -> dict[str, Any]:
        return dict(self.data["posture"])


def trusted_keys() -> list[str]:
    """Base64 Ed25519 public keys whose reports are accepted: settings.BMNN_SCAN_TRUSTED_KEYS,
    or else the environment variable of that name (comma-separated). When the list is non-empty
    an unsigned report, or one signed by another key, is refused."""
    configured = getattr(settings, "BMNN_SCAN_TRUSTED_KEYS", None)
    if configured is None:
        configured = [k.strip() for k in env_str("BMNN_SCAN_TRUSTED_KEYS", "").split(",")]
    return [k for k in configured if k]


def canonical(report: dict[str, Any]) -> bytes:
    """The signed bytes: the report without its signature, sorted keys, no spaces, UTF-8."""
    body = {k: v for k, v in report.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _when(value: Any, key: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise ScanReportRefused(f"Trường '{key}' không phải ngày giờ ISO 8601: {value!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _decode(raw: bytes) -> dict[str, Any]:
    if len(raw) > MAX_BYTES:
        raise ScanReportRefused(f"Báo cáo quét quá lớn ({len(raw):,} byte; tối đa {MAX_BYTES:,} byte)")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ScanReportRefused(f"Báo cáo quét không phải JSON UTF-8 hợp lệ: {exc}") from None
    if not isinstance(data, dict):
        raise ScanReportRefused("Báo cáo quét phải là một đối tượng JSON")
    return data


def _check_shape(data: dict[str, Any]) -> None:
    if data.get("schema") != SCHEMA:
        raise ScanReportRefused(f"Định dạng '{data.get('schema')}' không được hỗ trợ; cần '{SCHEMA}'")
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        raise ScanReportRefused(f"Báo cáo quét thiếu trường bắt buộc: {', '.join(missing)}")
    for key, kind in (("host", dict), ("posture", dict), ("files", list), ("summary", dict)):
        if not isinstance(data[key], kind):
            raise ScanReportRefused(f"Trường '{key}' sai kiểu dữ liệu")
    if not str(data["host"].get("hostname") or data["host"].get("machine_id") or "").strip():
        raise ScanReportRefused("Báo cáo quét không có tên máy (host.hostname) hay mã máy (host.machine_id)")
    problems = [p for p in validate_report(data) if p != "chữ ký không hợp lệ"]  # signature: _verify
    if problems:
        more = f" (và {len(problems) - 3} lỗi khác)" if len(problems) > 3 else ""
        raise ScanReportRefused(f"Báo cáo quét sai định dạng: {'; '.join(problems[:3])}{more}")
    for number, item in enumerate(data["files"], start=1):
        if not isinstance(item, dict) or not isinstance(item.get("path"), str):
            raise ScanReportRefused(f"Tệp thứ {number} trong danh sách 'files' thiếu đường dẫn (path)")
        if not all(isinstance(item.get(k) or [], list) for k in ("marks", "catalog_hits")):
            raise ScanReportRefused(f"Tệp thứ {number} ('{item['path']}'): 'marks'/'catalog_hits' sai kiểu")


def _verify(data: dict[str, Any], trusted: list[str]) -> str:
    """The key fingerprint of a valid signature, '' for an allowed unsigned report."""
    signature = data.get("signature")
    if signature is None:
        if trusted:
            raise ScanReportRefused("Báo cáo quét không có chữ ký số, trong khi đơn vị "
                                    "yêu cầu chữ ký của khóa tin cậy")
        return ""
    try:
        assert isinstance(signature, dict) and signature.get("algorithm") == "ed25519"
        key_bytes = base64.b64decode(signature["public_key"], validate=True)
        value = base64.b64decode(signature["value"], validate=True)
        Ed25519PublicKey.from_public_bytes(key_bytes).verify(value, canonical(data))
    except (AssertionError, KeyError, ValueError, TypeError, InvalidSignature):
        raise ScanReportRefused(
            "Chữ ký số của báo cáo quét không hợp lệ: báo cáo đã bị sửa hoặc hỏng") from None
    if trusted and signature["public_key"] not in trusted:
        raise ScanReportRefused("Báo cáo quét được ký bằng khóa không nằm trong danh sách khóa tin cậy")
    return hashlib.sha256(key_bytes).hexdigest()


def parse_report(raw: bytes, *, trusted: list[str] | None = None) -> ParsedReport:
    """Check a scan report completely before anything is written."""
    data = _decode(raw)
    _check_shape(data)
    fingerprint = _verify(data, trusted_keys() if trusted is None else trusted)
    return ParsedReport(
        data=data, raw=raw.decode("utf-8"), sha256=hashlib.sha256(raw).hexdigest(),
        content_sha256=hashlib.sha256(canonical(data)).hexdigest(),
        started_at=_when(data["started_at"], "started_at"),
        finished_at=_when(data["finished_at"], "finished_at"),
        signed=bool(fingerprint), key_fingerprint=fingerprint,
    )


def highest_level(marks: list[dict[str, Any]]) -> str:
    """The highest secrecy level among a file's marks ('' when none carries a level)."""
    levels = [str(m.get("level") or "") for m in marks if isinstance(m, dict)]
    ranked = [lv for lv in levels if lv in LEVEL_RANK]
    return max(ranked, key=LEVEL_RANK.__getitem__) if ranked else ""

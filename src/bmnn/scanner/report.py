"""The scan report `bmnn-scan-report/1` (docs/scan-report.md): build, canonical JSON, Ed25519 sign/verify.

`validate_report` and `verify_report` are what `bmnn scan import` uses to refuse a bad report.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

SCHEMA = "bmnn-scan-report/1"
LEVELS = ("tuyet_mat", "toi_mat", "mat")
MARK_KINDS = ("level", "envelope", "copy_number", "named_person", "recalled", "declassified")
REQUIRED_TOP = {"schema": str, "scanner_version": str, "started_at": str, "finished_at": str,
                "host": dict, "posture": dict, "roots": list, "files": list, "skipped": list,
                "summary": dict}
REQUIRED_FILE = {"path": str, "size": int, "sha256": (str, type(None)), "type": (str, type(None)),
                 "marks": list, "catalog_hits": list}
REQUIRED_SUMMARY = ("files_seen", "files_scanned", "bytes_scanned", "files_with_marks", "by_level",
                    "errors", "skipped", "complete")
# An app id (bmnn.scanner.channels): ids this version does not know are accepted, a newer scanner
# may know more apps; readers show an unknown id as it is.
APP_ID = re.compile(r"[a-z][a-z0-9_]{0,39}")


NO_CRYPTOGRAPHY = (
    "Máy này thiếu thư viện cryptography (công cụ quét một tệp bmnn-scan.pyz không kèm thư viện này) "
    "nên không tạo khóa hay ký được báo cáo. Chạy lại không có --sign-key để ghi báo cáo không ký: "
    "máy chủ nhận hay từ chối báo cáo không ký là tùy chính sách của máy chủ (khi đã cấu hình khóa "
    "tin cậy thì báo cáo không ký bị từ chối). Muốn ký: cài cryptography (pip install cryptography) "
    "hoặc dùng lệnh bmnn scan trên máy đã cài bmnn."
)


class SigningUnavailable(ValueError):
    """Signing needs the `cryptography` package, which the one-file scanner does not carry."""


def _ed25519() -> Any:
    """The Ed25519 module of `cryptography`, imported only when a key is made, used or checked."""
    try:
        from cryptography.hazmat.primitives.asymmetric import ed25519
    except ImportError:
        raise SigningUnavailable(NO_CRYPTOGRAPHY) from None
    return ed25519


def utc_now() -> str:
    """Now, as ISO 8601 UTC with a Z."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def nfc(value: Any) -> Any:
    """Every string inside value NFC-normalised."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(v) for v in value]
    if isinstance(value, dict):
        return {nfc(k): nfc(v) for k, v in value.items()}
    return value


# Errors that mean a file went unread for want of an engine, or with text no reader recovered: the
# report is then not complete, and counts them by reason ("unread") and by file type.
UNREAD = {"no OCR engine": "ocr", "unsupported: no PDF reader": "pdf_reader", "unreadable text": "pdf_text"}
UNREAD_NOTES = {
    "pdf_reader": "Chưa đọc được {n} tệp PDF vì máy không có bộ đọc PDF: cài gói pypdfium2 (pip install "
                  "pypdfium2, hoặc tệp .whl mang sang; đã chứa PDFium) rồi quét lại.",
    "pdf_text": "{n} tệp PDF có trang mà chữ không khôi phục được (phông chữ không có bảng mã Unicode): "
                "cần mở và kiểm tra bằng mắt, hoặc quét lại với --ocr.",
    "ocr": "Chưa đọc được {n} tệp ảnh quét hoặc PDF quét vì không có bộ nhận dạng chữ (OCR).",
}


def unread_reason(error: str | None) -> str | None:
    """"ocr", "pdf_reader" or "pdf_text" when the error left the file unread for one of those reasons."""
    if not error:
        return None
    for prefix, reason in UNREAD.items():
        if error == prefix or error.startswith(prefix + ":"):
            return reason
    return None


class Tally:
    """Running summary counts, fed one file result at a time (clean ones included)."""

    def __init__(self) -> None:
        self.by_level = dict.fromkeys(LEVELS, 0)
        self.with_marks = self.errors = self.scanned = self.scanned_bytes = 0
        self.by_app: dict[str, int] = {}
        self.unread: dict[str, int] = {}
        self.unread_types: dict[str, int] = {}

    def add(self, result: dict[str, Any]) -> None:
        reason = unread_reason(result.get("error"))
        if reason:
            self.unread[reason] = self.unread.get(reason, 0) + 1
            kind = str(result.get("type") or "other")
            self.unread_types[kind] = self.unread_types.get(kind, 0) + 1
        if result.get("error"):
            self.errors += 1
        else:
            self.scanned += 1
            self.scanned_bytes += int(result.get("size", 0))
        if result.get("marks"):
            self.with_marks += 1
            levels = {m.get("level") for m in result["marks"]} & set(LEVELS)
            top = next((lv for lv in LEVELS if lv in levels), None)
            if top:
                self.by_level[top] += 1
                self._add_received(result.get("received_via"))

    def _add_received(self, app: Any) -> None:
        """A file with a secrecy level where a messaging app or mail client keeps what it receives."""
        if isinstance(app, str) and app:
            self.by_app[app] = self.by_app.get(app, 0) + 1

    def unread_notes(self) -> list[str]:
        """One sentence per reason files went unread (OCR's missing engine has its own, longer one)."""
        return [UNREAD_NOTES[reason].format(n=count) for reason, count in sorted(self.unread.items())]

    def summary(self, files_seen: int, skipped: int, complete: bool) -> dict[str, Any]:
        return {"files_seen": files_seen, "files_scanned": self.scanned,
                "bytes_scanned": self.scanned_bytes, "files_with_marks": self.with_marks,
                "by_level": dict(self.by_level), "errors": self.errors, "skipped": skipped,
                "complete": complete and not self.unread, "files_in_messaging": sum(self.by_app.values()),
                "messaging_by_app": dict(sorted(self.by_app.items())),
                "unread": dict(sorted(self.unread.items())),
                "unread_by_type": dict(sorted(self.unread_types.items()))}


def is_listed(result: dict[str, Any]) -> bool:
    """Only files with marks, catalog hits or errors are listed in the report."""
    return bool(result.get("marks") or result.get("catalog_hits") or result.get("error"))


def file_record(result: dict[str, Any]) -> dict[str, Any]:
    """The report's record for one file result."""
    return {"path": result["path"], "size": result["size"], "sha256": result.get("sha256"),
            "type": result.get("type"), "marks": result.get("marks", []),
            "catalog_hits": result.get("catalog_hits", []), "error": result.get("error"),
            "received_via": result.get("received_via")}


def build_report(*, started_at: str, finished_at: str, host: dict[str, Any], posture: dict[str, Any],
                 roots: list[str], results: list[dict[str, Any]], skipped: list[dict[str, str]],
                 tally: Tally, files_seen: int, complete: bool,
                 notes: list[str] | None = None) -> dict[str, Any]:
    """The whole report (unsigned). Files and skips are sorted by path so reruns compare equal."""
    from bmnn.scanner import __version__

    listed = sorted((file_record(r) for r in results if is_listed(r)), key=lambda f: f["path"])
    skips = sorted(skipped, key=lambda s: (s["path"], s["reason"]))
    report: dict[str, Any] = {
        "schema": SCHEMA, "scanner_version": __version__, "started_at": started_at,
        "finished_at": finished_at, "host": host, "posture": posture, "roots": roots,
        "files": listed, "skipped": skips,
        "summary": tally.summary(files_seen, len(skips), complete),
    }
    if notes:
        report["summary"]["notes"] = notes
    return nfc(report)


def canonical_bytes(report: dict[str, Any]) -> bytes:
    """UTF-8 canonical JSON of the report without its signature key (what is signed)."""
    unsigned = {k: v for k, v in report.items() if k != "signature"}
    text = json.dumps(unsigned, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def generate_key(path: Path) -> str:
    """Write a new Ed25519 private key (PEM, mode 0600) to path; return the public key in base64."""
    ed25519 = _ed25519()
    from cryptography.hazmat.primitives import serialization

    key = ed25519.Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return public_key_b64(key.public_key())


def public_key_b64(public: Ed25519PublicKey) -> str:
    """The raw 32-byte public key in base64."""
    from cryptography.hazmat.primitives import serialization

    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def load_key(path: Path) -> Ed25519PrivateKey:
    """The Ed25519 private key in a PEM file; ValueError if it is something else."""
    ed25519 = _ed25519()
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, ed25519.Ed25519PrivateKey):
        raise ValueError("not an Ed25519 private key")
    return key


def sign_report(report: dict[str, Any], key: Ed25519PrivateKey) -> dict[str, Any]:
    """The report with its `signature` block added (replacing any old one)."""
    value = key.sign(canonical_bytes(report))
    signed = {k: v for k, v in report.items() if k != "signature"}
    signed["signature"] = {"algorithm": "ed25519", "public_key": public_key_b64(key.public_key()),
                           "value": base64.b64encode(value).decode("ascii")}
    return signed


def verify_report(data: dict[str, Any], trusted_keys: list[str] | None = None) -> bool:
    """True when the report carries a valid Ed25519 signature (by one of trusted_keys, if given).

    An unsigned report is not verified (False); callers decide whether unsigned is acceptable.
    """
    sig = data.get("signature")
    if not isinstance(sig, dict) or sig.get("algorithm") != "ed25519":
        return False
    ed25519 = _ed25519()
    from cryptography.exceptions import InvalidSignature

    try:
        public = ed25519.Ed25519PublicKey.from_public_bytes(
            base64.b64decode(sig["public_key"], validate=True))
        public.verify(base64.b64decode(sig["value"], validate=True), canonical_bytes(data))
    except (InvalidSignature, ValueError, KeyError, TypeError):
        return False
    return trusted_keys is None or sig["public_key"] in trusted_keys


def _type_problems(obj: dict[str, Any], spec: dict[str, Any], where: str) -> list[str]:
    problems = []
    for key, kind in spec.items():
        if key not in obj:
            problems.append(f"{where}: thiếu khóa '{key}'")
        elif not isinstance(obj[key], kind) or (kind is int and isinstance(obj[key], bool)):
            problems.append(f"{where}: khóa '{key}' sai kiểu")
    return problems


def _file_problems(index: int, record: Any) -> list[str]:
    where = f"files[{index}]"
    if not isinstance(record, dict):
        return [f"{where}: không phải đối tượng"]
    problems = _type_problems(record, REQUIRED_FILE, where)
    for m_index, mark in enumerate(record.get("marks") or []):
        if not isinstance(mark, dict) or mark.get("kind") not in MARK_KINDS:
            problems.append(f"{where}.marks[{m_index}]: loại dấu không hợp lệ")
        elif mark["kind"] in ("level", "envelope") and mark.get("level") not in LEVELS:
            problems.append(f"{where}.marks[{m_index}]: độ mật không hợp lệ")
    return problems + _received_problems(record.get("received_via"), where)


def _received_problems(app: Any, where: str) -> list[str]:
    """`received_via` is optional: absent, null or an app id."""
    if app is None:
        return []
    if not isinstance(app, str):
        return [f"{where}: khóa 'received_via' sai kiểu"]
    if not APP_ID.fullmatch(app):
        return [f"{where}: mã ứng dụng '{app[:40]}' không hợp lệ"]
    return []


def _summary_problems(summary: dict[str, Any]) -> list[str]:
    """Required keys, and the optional messaging counts typed when present."""
    problems = [f"summary: thiếu khóa '{k}'" for k in REQUIRED_SUMMARY if k not in summary]
    if "files_in_messaging" in summary and not _is_count(summary["files_in_messaging"]):
        problems.append("summary: khóa 'files_in_messaging' sai kiểu")
    for key in ("unread", "unread_by_type"):
        counts = summary.get(key, {})
        if not isinstance(counts, dict) or not all(
                isinstance(k, str) and _is_count(v) for k, v in counts.items()):
            problems.append(f"summary: khóa '{key}' sai kiểu")
    by_app = summary.get("messaging_by_app", {})
    if not isinstance(by_app, dict) or not all(
            isinstance(k, str) and APP_ID.fullmatch(k) and _is_count(v) for k, v in by_app.items()):
        problems.append("summary: khóa 'messaging_by_app' sai kiểu")
    return problems


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def validate_report(data: Any) -> list[str]:
    """Problems that make the report unacceptable (empty list = valid). Unknown keys are ignored."""
    if not isinstance(data, dict):
        return ["báo cáo không phải đối tượng JSON"]
    problems = _type_problems(data, REQUIRED_TOP, "báo cáo")
    if data.get("schema") != SCHEMA:
        problems.append(f"lược đồ không phải {SCHEMA}")
    for index, record in enumerate(data.get("files") or []):
        problems.extend(_file_problems(index, record))
    summary = data.get("summary")
    if isinstance(summary, dict):
        problems.extend(_summary_problems(summary))
    if "signature" in data and not verify_report(data):
        problems.append("chữ ký không hợp lệ")
    return problems


def write_json(report: dict[str, Any], path: Path) -> None:
    """Write the report as indented UTF-8 JSON (atomically: temp file then rename)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)

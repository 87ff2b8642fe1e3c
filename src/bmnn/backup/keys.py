"""The administrator's backup key: 32 random bytes kept in a file, away from the backups.

The file holds the key as 64 hexadecimal digits on one line, so it can also be printed and
kept on paper in a safe. A file of exactly 32 raw bytes is accepted too.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import string
from pathlib import Path

from bmnn.backup.errors import KeyFileExists, KeyFileInvalid

KEY_BYTES = 32
KEY_ID_BYTES = 8
_KEY_ID_LABEL = b"bmnn backup key id v1"


def generate_key_file(path: Path) -> bytes:
    """Create a new key file; refuse to overwrite one (that would orphan every backup made with it)."""
    key = secrets.token_bytes(KEY_BYTES)
    try:
        with path.open("x", encoding="ascii", newline="\n") as handle:
            handle.write(key.hex() + "\n")
    except FileExistsError:
        raise KeyFileExists(
            f"Tệp khóa {path} đã tồn tại; không ghi đè (các bản sao lưu cũ cần nó)."
        ) from None
    except OSError as exc:
        raise KeyFileInvalid(f"Không tạo được tệp khóa {path}: {exc.strerror or exc}") from None
    # Owner-only on POSIX; on Windows this only clears the read-only flag, which is harmless.
    path.chmod(0o600)
    return key


def load_key(path: Path) -> bytes:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise KeyFileInvalid(f"Không đọc được tệp khóa {path}: {exc.strerror or exc}") from None
    if len(raw) == KEY_BYTES:
        return raw
    text = raw.decode("ascii", errors="replace").strip()
    if len(text) == 2 * KEY_BYTES and all(c in string.hexdigits for c in text):
        return bytes.fromhex(text)
    raise KeyFileInvalid(
        f"Tệp {path} không phải khóa sao lưu (cần 64 chữ số thập lục phân hoặc 32 byte)."
    )


def key_id(key: bytes) -> bytes:
    """A short public fingerprint of the key, so a wrong key is told apart from a damaged file."""
    return hmac.new(key, _KEY_ID_LABEL, hashlib.sha256).digest()[:KEY_ID_BYTES]


def key_fingerprint(key: bytes) -> str:
    return key_id(key).hex(":").upper()

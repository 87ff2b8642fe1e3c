"""Key material: Ed25519 signing keys and age (X25519) encryption identities. Public halves are
strings ("ed25519:<base64>", "age1…"); a fingerprint is the SHA-256 of that string. Private halves
live in files under the data folder (mode 0600), never in the database."""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

import pyrage
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

from bmnn.reports.errors import KeyRefused

SIGN_PREFIX = "ed25519:"


def keys_dir() -> Path:
    folder = Path(settings.DATA_DIR) / "keys"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def fingerprint(public: str) -> str:
    return hashlib.sha256(public.encode("ascii")).hexdigest()


def _write_private(secret: bytes, public: str) -> str:
    name = f"{fingerprint(public)}.key"
    path = keys_dir() / name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(secret)
    return name


def new_signing_key() -> tuple[str, str]:
    """A new Ed25519 key: (public string, private file name under keys/)."""
    key = Ed25519PrivateKey.generate()
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    public = SIGN_PREFIX + base64.b64encode(raw).decode("ascii")
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return public, _write_private(pem, public)


def new_encryption_identity() -> tuple[str, str]:
    """A new age X25519 identity: (recipient "age1…", private file name under keys/)."""
    identity = pyrage.x25519.Identity.generate()
    public = str(identity.to_public())
    return public, _write_private(str(identity).encode("ascii"), public)


def check_public(purpose: str, public: str) -> str:
    """The public key in its canonical form, or KeyRefused saying what is wrong with it."""
    text = public.strip()
    if purpose == "sign":
        try:
            raw = base64.b64decode(text.removeprefix(SIGN_PREFIX), validate=True)
            Ed25519PublicKey.from_public_bytes(raw)
        except ValueError:
            raise KeyRefused("Khóa ký không hợp lệ: cần chuỗi 'ed25519:' và 32 byte base64") from None
        return SIGN_PREFIX + base64.b64encode(raw).decode("ascii")
    try:
        return str(pyrage.x25519.Recipient.from_str(text))
    except pyrage.RecipientError:
        raise KeyRefused("Khóa mã hóa không hợp lệ: cần chuỗi age bắt đầu bằng 'age1'") from None


def signer(private_file: str) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key((keys_dir() / private_file).read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyRefused("Tệp khóa riêng không phải khóa Ed25519")
    return key


def identity(private_file: str) -> pyrage.x25519.Identity:
    return pyrage.x25519.Identity.from_str((keys_dir() / private_file).read_text("ascii").strip())


def verify_signature(public: str, signature: bytes, message: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        raw = base64.b64decode(public.removeprefix(SIGN_PREFIX), validate=True)
        Ed25519PublicKey.from_public_bytes(raw).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True

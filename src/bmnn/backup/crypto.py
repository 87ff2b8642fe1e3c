"""Chunked AES-256-GCM stream: the encrypted envelope of a backup archive.

Layout (all integers big-endian):

    offset  size  field
    0       8     magic b"BMNN-BAK"
    8       1     format version (1)
    9       1     algorithm (1 = AES-256-GCM, HKDF-SHA256 file key, STREAM nonces)
    10      4     chunk size C: plaintext bytes per chunk
    14      8     key id: HMAC-SHA256(master key, label)[:8], tells a wrong key from damage
    22      16    salt: file key = HKDF-SHA256(master key, salt, info)
    38      7     nonce prefix (random)
    45            chunks

Every chunk is AES-256-GCM(file key, nonce, plaintext, aad=header) = ciphertext + 16-byte tag,
with nonce = prefix(7) || chunk index (u32) || last flag (1 byte: 1 on the final chunk, else 0).
All chunks but the last hold exactly C plaintext bytes; the last holds 0..C bytes and is always
written, even when empty. So: a changed byte anywhere (header included, being the AAD) fails
its chunk's tag; reordered chunks fail (index in the nonce); a file cut at a chunk boundary
fails (the new last chunk was sealed with flag 0); data appended after the end fails (the real
last chunk is then decrypted with flag 0). Memory stays at one chunk whatever the archive size,
and every chunk is authenticated before its plaintext is released. The per-file key from a
random salt means nonces never repeat under one key however many backups the key protects.
"""

from __future__ import annotations

import secrets
import struct
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from bmnn.backup.errors import ArchiveNotRecognized, ArchiveTampered, ArchiveTooLarge, WrongKey
from bmnn.backup.keys import KEY_BYTES, key_id

MAGIC = b"BMNN-BAK"
VERSION = 1
ALGORITHM_AES256GCM_STREAM = 1
DEFAULT_CHUNK = 1024 * 1024
MIN_CHUNK = 1024
MAX_CHUNK = 16 * 1024 * 1024
TAG_BYTES = 16
_HEADER = struct.Struct(">8sBBI8s16s7s")
HEADER_BYTES = _HEADER.size
_MAX_CHUNKS = 2**32
_HKDF_INFO = b"bmnn backup v1 aes-256-gcm file key"


@dataclass(frozen=True)
class Header:
    chunk_size: int
    key_id: bytes
    salt: bytes
    nonce_prefix: bytes

    def pack(self) -> bytes:
        return _HEADER.pack(
            MAGIC, VERSION, ALGORITHM_AES256GCM_STREAM, self.chunk_size,
            self.key_id, self.salt, self.nonce_prefix,
        )


def _file_key(master: bytes, salt: bytes) -> AESGCM:
    if len(master) != KEY_BYTES:
        raise ValueError("master key must be 32 bytes")
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=_HKDF_INFO)
    return AESGCM(hkdf.derive(master))


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    if index >= _MAX_CHUNKS:
        raise ArchiveTampered("Tệp sao lưu quá nhiều khối (vượt giới hạn định dạng).")
    return prefix + struct.pack(">I", index) + (b"\x01" if last else b"\x00")


def parse_header(data: bytes) -> Header:
    """Recognise the envelope; refuse a foreign file or an unknown version before any decryption."""
    if len(data) < len(MAGIC) or not data.startswith(MAGIC):
        raise ArchiveNotRecognized("Tệp này không phải bản sao lưu bmnn (sai mã nhận dạng đầu tệp).")
    if len(data) < HEADER_BYTES:
        raise ArchiveTampered("Tệp sao lưu bị cắt cụt (thiếu phần đầu tệp).")
    _magic, version, algorithm, chunk, kid, salt, prefix = _HEADER.unpack(data[:HEADER_BYTES])
    if version != VERSION or algorithm != ALGORITHM_AES256GCM_STREAM:
        raise ArchiveNotRecognized(
            f"Bản sao lưu dùng định dạng phiên bản {version}/{algorithm}; phiên bản bmnn này "
            f"chỉ đọc được định dạng {VERSION}/{ALGORITHM_AES256GCM_STREAM}."
        )
    if not MIN_CHUNK <= chunk <= MAX_CHUNK:
        raise ArchiveTampered(f"Phần đầu tệp sao lưu không hợp lệ (kích thước khối {chunk}).")
    return Header(chunk, kid, salt, prefix)


class EncryptingWriter:
    """A write-only binary stream that seals what it is given into the chunked format."""

    def __init__(self, out: BinaryIO, key: bytes, *, chunk_size: int = DEFAULT_CHUNK) -> None:
        if not MIN_CHUNK <= chunk_size <= MAX_CHUNK:
            raise ValueError(f"chunk size out of range: {chunk_size}")
        self._header = Header(chunk_size, key_id(key), secrets.token_bytes(16), secrets.token_bytes(7))
        self._aad = self._header.pack()
        self._aead = _file_key(key, self._header.salt)
        self._out = out
        self._buffer = bytearray()
        self._index = 0
        self._closed = False
        out.write(self._aad)

    def write(self, data: bytes | bytearray | memoryview) -> int:
        if self._closed:
            raise ValueError("write to a finished backup stream")
        self._buffer += data
        size = self._header.chunk_size
        # Keep at least one byte back: only close() knows which chunk is the last.
        while len(self._buffer) > size:
            self._seal(bytes(self._buffer[:size]), last=False)
            del self._buffer[:size]
        return len(data)

    def close(self) -> None:
        """Seal the final chunk (possibly empty). Does not close the underlying file."""
        if not self._closed:
            self._seal(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._closed = True

    def _seal(self, plain: bytes, *, last: bool) -> None:
        nonce = _nonce(self._header.nonce_prefix, self._index, last)
        self._out.write(self._aead.encrypt(nonce, plain, self._aad))
        self._index += 1


class DecryptingReader:
    """A read-only binary stream over a sealed file; raises on the first bad chunk.

    `read` never returns unauthenticated bytes. Reaching the end without error (see `finished`)
    proves the whole file is intact, including that nothing was cut off or appended.
    """

    def __init__(self, source: BinaryIO, key: bytes, *, max_plain_bytes: int | None = None) -> None:
        header_bytes = source.read(HEADER_BYTES)
        self._header = parse_header(header_bytes)
        if self._header.key_id != key_id(key):
            raise WrongKey(
                "Sai khóa: bản sao lưu này được tạo bằng khóa khác, có mã nhận dạng "
                f"{self._header.key_id.hex(':').upper()} (hoặc phần đầu tệp bị hỏng)."
            )
        self._aad = header_bytes
        self._aead = _file_key(key, self._header.salt)
        self._source = source
        self._peek = b""
        self._plain = bytearray()
        self._index = 0
        self._total = 0
        self._max = max_plain_bytes
        self.finished = False

    def read(self, size: int = -1) -> bytes:
        while not self.finished and (size < 0 or len(self._plain) < size):
            self._open_next()
        if size < 0:
            size = len(self._plain)
        out = bytes(self._plain[:size])
        del self._plain[:size]
        return out

    def drain(self) -> None:
        """Authenticate the rest of the file, discarding its plaintext."""
        while not self.finished:
            self._open_next()
            self._plain.clear()

    def _open_next(self) -> None:
        want = self._header.chunk_size + TAG_BYTES
        sealed = self._peek + self._source.read(want - len(self._peek))
        self._peek = self._source.read(1)
        last = not self._peek
        if len(sealed) < TAG_BYTES or (not last and len(sealed) != want):
            raise ArchiveTampered("Tệp sao lưu bị cắt cụt hoặc hỏng cấu trúc khối.")
        nonce = _nonce(self._header.nonce_prefix, self._index, last)
        try:
            plain = self._aead.decrypt(nonce, sealed, self._aad)
        except InvalidTag:
            raise ArchiveTampered(
                f"Tệp sao lưu đã bị sửa đổi, cắt cụt hoặc hỏng (khối số {self._index} không xác thực được)."
            ) from None
        self._index += 1
        self._total += len(plain)
        if self._max is not None and self._total > self._max:
            raise ArchiveTooLarge(f"Nội dung giải mã vượt giới hạn {self._max} byte.")
        self._plain += plain
        self.finished = last

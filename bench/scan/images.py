"""Pictures for the scan corpus: PNGs of noise, as incompressible as the photos and scanned
signatures real documents embed (a few hundred KB each)."""

from __future__ import annotations

import random
import struct
import zlib


def noise_png(rng: random.Random, width: int, height: int) -> bytes:
    """An RGB PNG of random pixels (filter 0 on every row)."""
    rows = b"".join(b"\x00" + rng.randbytes(width * 3) for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows, 1))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )

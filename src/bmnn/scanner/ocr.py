"""OCR of scanned pages: images (PNG, JPEG, TIFF) and PDFs without a text layer, with Debian's
tesseract and its Vietnamese model, one thread per page (`OMP_THREAD_LIMIT=1`: 2 s a page where
the default threads took 14 s on 2 cores).

Files reach pdftoppm and tesseract on stdin from our own O_NOATIME handle, so access times stay
as they were. OCR misreads the diacritics of a red stamp ("MẠT", "MÂT" for "MẬT"), so its text
goes through `marks.ocr_tolerant` before the usual stamp rules.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import BinaryIO

from bmnn.scanner.marks import ocr_tolerant
from bmnn.scanner.textnorm import normalize
from bmnn.scanner.walk import open_readonly

KINDS = ("png", "jpg", "tif", "pdf")
IMAGE_MAGIC = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"), (b"II*\x00", "tif"),
               (b"MM\x00*", "tif"))
UNAVAILABLE = "OCR không khả dụng"
DPI = "200"
MAX_PAGES = "50"
_ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}


def image_kind(head: bytes) -> str | None:
    """png / jpg / tif by magic bytes (images are read only with --ocr)."""
    for magic, kind in IMAGE_MAGIC:
        if head.startswith(magic):
            return kind
    return None


def available() -> bool:
    """tesseract on PATH with the Vietnamese (vie) language."""
    if shutil.which("tesseract") is None:
        return False
    try:
        out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30,
                             check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return "vie" in (out.stdout + out.stderr).split()


def ocr_file(path: str, kind: str) -> list[tuple[str, str]]:
    """(location, text) of an image, or of each page of a PDF rendered by pdftoppm (first 50)."""
    with os.fdopen(open_readonly(path), "rb") as handle:
        if kind != "pdf":
            return [("ocr", _tesseract(handle))]
        if shutil.which("pdftoppm") is None:
            return []
        with tempfile.TemporaryDirectory(prefix="bmnn-ocr-") as tmp:
            subprocess.run(["pdftoppm", "-r", DPI, "-l", MAX_PAGES, "-png", "-", str(Path(tmp) / "p")],
                           stdin=handle, capture_output=True, timeout=600, check=False)
            texts = []
            for number, page in enumerate(sorted(Path(tmp).glob("p*.png")), start=1):
                with page.open("rb") as image:
                    texts.append((f"ocr page {number}", _tesseract(image)))
            return texts


def _tesseract(image: BinaryIO) -> str:
    out = subprocess.run(["tesseract", "stdin", "stdout", "-l", "vie"], stdin=image, capture_output=True,
                         timeout=300, env=_ENV, check=False)
    return ocr_tolerant(normalize(out.stdout.decode("utf-8", "replace")))

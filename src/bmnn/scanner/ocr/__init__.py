"""OCR of scanned pages: image files (PNG, JPEG, TIFF), the pages of a PDF that carry no text, and
scans pasted into a .docx or .odt, read in process (see engines.py).

Each page is read twice over: every stamp candidate alone — red ink, a dark frame (stamps.py) — with
a page segmentation mode for one line (or one block for a two-line stamp), then the whole page as
before, for black stamps and body text. The stamp rules (marks.py), not the words, decide: OCR text
goes through `marks.ocr_tolerant` ("MẠT" → "MẬT") and then the usual rules, so a red "MẶT TRẬN TỔ
QUỐC" or "BẢO MẬT THÔNG TIN", or prose mentioning "tối mật", stays no mark.

Locations are written for the clerk: "ảnh quét, trang 2, vùng dấu đỏ", "ảnh quét, trang 2".
Files are opened from our own O_NOATIME handle, so access times stay as they were.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from bmnn.scanner.marks import ocr_tolerant
from bmnn.scanner.ocr import engines
from bmnn.scanner.ocr.stamps import frame_regions, red_regions
from bmnn.scanner.textnorm import normalize
from bmnn.scanner.walk import open_readonly

KINDS = ("png", "jpg", "tif", "pdf")
CONTAINERS = ("docx", "docm", "dotx", "odt")  # documents whose pasted scans are read too
PICTURE_FOLDERS = ("word/media/", "Pictures/")
MAX_PICTURE_BYTES = 64 * 1024**2
IMAGE_MAGIC = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"), (b"II*\x00", "tif"),
               (b"MM\x00*", "tif"))
NO_ENGINE = "no OCR engine"  # the reason recorded on each file left unread for want of an engine
DPI = 200
MAX_PAGES = 50
MAX_PIXELS = 40_000_000  # a decompression bomb is refused, not decoded
# A picture inside a document is OCR'd when it could be a scanned page: logos and icons are smaller.
MIN_PICTURE_BYTES = 20_000
MIN_PICTURE_SIDE = 600
MIN_PICTURE_LONG_SIDE = 900
SCAN = "ảnh quét"
PLACES = {"red": "vùng dấu đỏ", "frame": "khung dấu"}

_ENGINE: tuple[engines.Engine | None, str] | None = None


def image_kind(head: bytes) -> str | None:
    """png / jpg / tif by magic bytes (images are read only with --ocr)."""
    for magic, kind in IMAGE_MAGIC:
        if head.startswith(magic):
            return kind
    return None


def engine() -> engines.Engine | None:
    """This process's OCR engine, loaded once (None when there is none or no Vietnamese model)."""
    global _ENGINE
    if _ENGINE is None:
        try:
            import PIL  # noqa: F401  (pages are handled as Pillow images)
        except ImportError:
            _ENGINE = (None, "no_pillow")
        else:
            _ENGINE = engines.load()
    return _ENGINE[0]


def available() -> bool:
    """An OCR engine with the Vietnamese model is present."""
    return engine() is not None


def unavailable_message() -> str:
    """One sentence for the report: OCR was asked for, what is missing, what to install here."""
    engine()
    why = _ENGINE[1] if _ENGINE else "no_engine"
    head = "Không nhận dạng được chữ (OCR) nên ảnh quét và PDF quét chưa được đọc"
    if why == "no_model":
        return (f"{head}: thiếu mô hình tiếng Việt vie.traineddata; chép tệp này vào thư mục tessdata bên "
                "cạnh trình quét hoặc đặt biến môi trường BMNN_TESSDATA trỏ tới thư mục chứa nó.")
    if why == "no_pillow":
        return f"{head}: thiếu gói Pillow (pip install Pillow, hoặc tệp .whl mang sang)."
    if sys.platform == "win32":
        return (f"{head}: cài gói tesserocr cho Windows (pip install tesserocr, hoặc tệp .whl win_amd64 mang "
                "sang; đã chứa Tesseract) và chép vie.traineddata vào thư mục tessdata bên cạnh trình quét.")
    return (f"{head}: cài gói tesserocr (pip install tesserocr) với vie.traineddata, hoặc chương trình "
            "tesseract có tiếng Việt (Debian, Ubuntu: tesseract-ocr-vie).")


def read_image_file(path: str) -> Iterator[tuple[str, str]]:
    """(location, text) of each frame of an image file (a TIFF may hold several pages)."""
    with open_readonly_file(path) as handle:
        yield from read_picture(handle.read(), "")


def read_picture(data: bytes, prefix: str) -> Iterator[tuple[str, str]]:
    """(location, text) of the pages of one picture given as bytes (a TIFF may hold several)."""
    from PIL import Image, ImageSequence

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    with Image.open(io.BytesIO(data)) as picture:
        several = getattr(picture, "n_frames", 1) > 1
        for number, frame in enumerate(ImageSequence.Iterator(picture), start=1):
            if number > MAX_PAGES:
                break
            where = f"{prefix}{SCAN}, trang {number}" if several or not prefix else f"{prefix}{SCAN}"
            yield from read_page(frame.convert("RGB"), where, _dpi(frame))


def is_scan_sized(data: bytes) -> bool:
    """Could this picture be a scanned page (not a logo, an icon or a line)?"""
    if len(data) < MIN_PICTURE_BYTES or image_kind(data[:16]) is None:
        return False
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as picture:
            width, height = picture.size
    except Exception:  # not a picture Pillow reads: not OCR'd
        return False
    return min(width, height) >= MIN_PICTURE_SIDE and max(width, height) >= MIN_PICTURE_LONG_SIDE


def picture_pages(path: str, text_pages: Iterable[int]) -> list[int]:
    """Pages of a PDF that hold a picture and no text (a scanned page), first to last, at most 50."""
    try:
        import pypdfium2  # type: ignore[import-not-found,unused-ignore]
        import pypdfium2.raw as pdfium_c  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return []
    with_text = set(text_pages)
    found: list[int] = []
    with open_readonly_file(path) as handle:
        try:
            document = pypdfium2.PdfDocument(handle)
        except pypdfium2.PdfiumError:
            return []
        try:
            for index in range(len(document)):
                if len(found) >= MAX_PAGES:
                    break
                if index + 1 in with_text:
                    continue
                page = document[index]
                try:
                    if next(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2), None):
                        found.append(index + 1)
                finally:
                    page.close()
        finally:
            document.close()
    return found


def read_pdf_pages(path: str, pages: Iterable[int]) -> Iterator[tuple[str, str]]:
    """(location, text) of the given pages of a PDF, rendered by PDFium, in the order given."""
    import pypdfium2

    with open_readonly_file(path) as handle:
        document = pypdfium2.PdfDocument(handle)
        try:
            for number in pages:
                page = document[number - 1]
                try:
                    image = page.render(scale=DPI / 72).to_pil().convert("RGB")
                finally:
                    page.close()
                yield from read_page(image, f"{SCAN}, trang {number}", DPI)
        finally:
            document.close()


def read_pictures_inside(path: str) -> Iterator[tuple[str, str]]:
    """(location, text) of the scans pasted into a .docx or .odt: pictures a page could be, not logos."""
    import zipfile

    with open_readonly_file(path) as handle:
        try:
            archive = zipfile.ZipFile(handle)
        except zipfile.BadZipFile:
            return
        with archive:
            for info in archive.infolist():
                if not info.filename.startswith(PICTURE_FOLDERS) or not (
                        MIN_PICTURE_BYTES <= info.file_size <= MAX_PICTURE_BYTES):
                    continue
                data = archive.read(info)
                if is_scan_sized(data):
                    yield from read_picture(data, f"{info.filename}: ")


def read_page(image: Any, where: str, dpi: int) -> Iterator[tuple[str, str]]:
    """Each stamp candidate alone, then the whole page."""
    ocr = engine()
    if ocr is None:
        return
    red = red_regions(image, dpi)
    frames = [f for f in frame_regions(image, dpi) if not any(_overlap(f.box, r.box) for r in red)]
    for region in red + frames:
        psm = engines.PSM_LINE if region.lines == 1 else engines.PSM_BLOCK
        text = _clean(ocr.read(region.image, psm, dpi))
        if text:
            yield f"{where}, {PLACES[region.kind]}", text
        if "MẬT" not in text:
            # JPEG thins a red stroke into broken pieces that Tesseract reads as nothing: read the
            # region once more with its strokes thickened by a pixel.
            from PIL import ImageFilter

            again = _clean(ocr.read(region.image.filter(ImageFilter.MinFilter(3)), psm, dpi))
            if again and again != text:
                yield f"{where}, {PLACES[region.kind]}", again
            if "MẬT" not in again:  # a stamp set large reads as nothing at full size, whole at half
                half = region.image.reduce(2)
                smaller = _clean(ocr.read(half, psm, dpi))
                if smaller and smaller not in (text, again):
                    yield f"{where}, {PLACES[region.kind]}", smaller
    yield where, _clean(ocr.read(image, engines.PSM_PAGE, dpi))


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _clean(text: str) -> str:
    return ocr_tolerant(normalize(text))


def _dpi(image: Any) -> int:
    value = image.info.get("dpi")
    try:
        dpi = round(float(value[0])) if value else 0
    except (TypeError, ValueError, IndexError):
        dpi = 0
    return dpi if 70 <= dpi <= 1200 else DPI


def open_readonly_file(path: str) -> Any:
    """A binary file object on our own O_NOATIME handle."""
    import os

    return os.fdopen(open_readonly(path), "rb")

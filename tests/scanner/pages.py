"""Test inputs made without LibreOffice: hand-written PDFs (with or without a Unicode map, in a
legacy Vietnamese encoding) and scanned pages drawn with Pillow (red stamps, red decoys)."""

from __future__ import annotations

import io
import os
import unicodedata
from pathlib import Path
from typing import Any

FONTS = Path("/usr/share/fonts/truetype/dejavu")


def text_pdf(lines: list[str], font: str = "names") -> bytes:
    """A one-page PDF whose simple font draws `lines`.

    font="names": codes above 127 are named Vietnamese glyphs (/uni1EAD…), readable without ToUnicode;
    "opaque": every character is a code 1…n named /g1…/gn, so no reader can tell what it says (a
    subset font without a Unicode map); "latin1": the lines' characters as Latin-1 bytes (TCVN3 or
    VNI text as a legacy font stored it)."""
    text = unicodedata.normalize("NFC", "\n".join(lines))
    if font == "opaque":
        chars = sorted(set(text) - {"\n"})
        codes = {c: i + 1 for i, c in enumerate(chars)}
        names = " ".join(f"/g{i + 1}" for i in range(len(chars)))
        encoding = f"<< /Type /Encoding /Differences [1 {names}] >>"
    elif font == "names":
        chars = sorted({c for c in text if ord(c) > 126})
        codes = {c: 128 + i for i, c in enumerate(chars)}
        names = " ".join(f"/uni{ord(c):04X}" for c in chars)
        encoding = f"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [128 {names}] >>"
    else:
        codes = {c: ord(c) for c in text if ord(c) > 126}
        encoding = "/WinAnsiEncoding"

    def encoded(line: str) -> str:
        out = ""
        for char in line:
            code = codes.get(char, ord(char))
            out += f"\\{code:03o}" if code > 126 or code < 32 or chr(code) in "()\\" else chr(code)
        return out

    shown = " ".join(f"({encoded(line)}) Tj 0 -22 Td" for line in text.split("\n"))
    stream = f"BT /F1 14 Tf 72 760 Td {shown}"
    stream += " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        f"<< /Type /Font /Subtype /TrueType /BaseFont /DejaVuSans /Encoding {encoding} >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def have_fonts() -> bool:
    return (FONTS / "DejaVuSerif.ttf").is_file() and (FONTS / "DejaVuSans-Bold.ttf").is_file()


def scanned_page(stamp: str | None = None, decoys: tuple[str, ...] = (), prose: tuple[str, ...] = (),
                 boxed: bool = True, size: tuple[int, int] = (1240, 1754), angle: float = 1.5) -> Any:
    """An A4 page at 150 dpi (Pillow image): black heading and prose, a red stamp, red decoys."""
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(page)
    serif = ImageFont.truetype(str(FONTS / "DejaVuSerif.ttf"), 22)
    bold = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 32)
    draw.text((110, 90), "UBND TỈNH LÀO CAI", font=serif, fill="black")
    draw.text((700, 90), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=serif, fill="black")
    draw.text((130, 180), "Số: 12/BC-UBND", font=serif, fill="black")
    y = 500
    for line in prose or ("Báo cáo tình hình an ninh trật tự trên địa bàn xã trong quý III năm 2026.",):
        draw.text((120, y), line, font=serif, fill="black")
        y += 36
    spots = [(120, 250), (760, 250), (480, 1500), (120, 1600)]
    for text, (x, y0) in zip((stamp, *decoys) if stamp else decoys, spots, strict=False):
        left, top, right, bottom = draw.textbbox((0, 0), text, font=bold)
        draw.text((x + 12 - left, y0 + 12 - top), text, font=bold, fill=(210, 20, 25))
        if boxed:
            box = (x, y0, x + right - left + 24, y0 + bottom - top + 24)
            draw.rectangle(box, outline=(210, 20, 25), width=3)
    return page.rotate(angle, fillcolor="white") if angle else page


def image_bytes(image: Any, kind: str = "PNG", **options: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=kind, **options)
    return buffer.getvalue()


def image_pdf(pages: list[Any]) -> bytes:
    """An image-only PDF (a scan): each page a picture, no text layer."""
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", save_all=True, append_images=pages[1:], resolution=150)
    return buffer.getvalue()


def without_programs(monkeypatch: Any, tmp_path: Path) -> None:
    """PATH holding nothing: no pdftotext, pdftoppm or tesseract, as on a Windows office PC."""
    empty = tmp_path / "empty-path"
    empty.mkdir(exist_ok=True)
    monkeypatch.setenv("PATH", str(empty) + os.pathsep)

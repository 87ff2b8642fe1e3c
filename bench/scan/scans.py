"""Generate scanned pages for the OCR benchmark (issue 11), with Pillow, and their truth.

A4 pages at 150 dpi: an administrative header (issuer, number, national motto), a title, black body
prose (bench/scan/prose.py, which mentions secrecy words in running text). Two pages in three carry
a red stamp of one level (MẬT, TỐI MẬT, TUYỆT MẬT), boxed or not, where clerks put it (under the
number, top right, above the title, top centre); pages carry red decoys (MẶT TRẬN TỔ QUỐC, KHẨN,
HỎA TỐC, BẢO MẬT THÔNG TIN, boxed or not) and a sentence naming "tối mật" or "TỐI MẬT" in prose.
Each page is rotated up to ±3°, blurred a little, given scan noise, and written as PNG, JPEG
(quality 60–90) or an image-only PDF (some of 2–3 pages, the stamp on the first).

Truth (`truth.json`): file → the level of its stamp, or null.

Example:
  .venv/bin/python -m bench.scan.scans --pages 500 --out /tmp/scans
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from bench.scan.prose import paragraph, title, unit_block

DPI = 150
SIZE = (1240, 1754)  # A4 at 150 dpi
FONTS = Path("/usr/share/fonts/truetype/dejavu")
LEVELS = {"mat": "MẬT", "toi_mat": "TỐI MẬT", "tuyet_mat": "TUYỆT MẬT"}
RED_DECOYS = ["MẶT TRẬN TỔ QUỐC", "KHẨN", "HỎA TỐC", "THƯỢNG KHẨN", "BẢO MẬT THÔNG TIN"]
PROSE_MENTIONS = [
    "Tài liệu đóng dấu TỐI MẬT phải được lưu giữ trong tủ có khóa theo quy định của pháp luật.",
    "Văn bản có độ tối mật chỉ được sao, chụp khi người có thẩm quyền cho phép bằng văn bản.",
    "Cơ quan đã tiếp nhận 12 văn bản độ Tối mật và 30 văn bản độ Mật trong kỳ báo cáo.",
    "Không soạn thảo tài liệu tối mật, tuyệt mật trên máy tính có kết nối mạng Internet.",
]
PLACES = ("under_number", "top_right", "above_title", "top_centre")


def font(size: int, bold: bool = False, serif: bool = True) -> Any:
    name = ("DejaVuSerif" if serif else "DejaVuSans") + ("-Bold" if bold else "") + ".ttf"
    return ImageFont.truetype(str(FONTS / name), size)


def _wrap(draw: Any, text: str, face: Any, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=face) > width and line:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line] if line else lines


def _red(rng: random.Random) -> tuple[int, int, int]:
    return (rng.randint(185, 235), rng.randint(0, 45), rng.randint(0, 45))


def _stamp(draw: Any, at: tuple[int, int], text: str, rng: random.Random, boxed: bool) -> tuple[int, int]:
    """A red stamp (box optional) with its top-left at `at`; returns its size."""
    face = font(rng.randint(26, 38), bold=True, serif=rng.random() < 0.5)
    colour = _red(rng)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=face)
    pad = rng.randint(8, 16)
    width, height = right - left + 2 * pad, bottom - top + 2 * pad
    x, y = min(at[0], SIZE[0] - 40 - width), at[1]
    draw.text((x + pad - left, y + pad - top), text, font=face, fill=colour)
    if boxed:
        draw.rectangle((x, y, x + width, y + height), outline=colour, width=rng.randint(2, 4))
    return width, height


def page_image(rng: random.Random, level: str | None, first: bool = True) -> Image.Image:
    """One page: header, title, prose; a stamp of `level` if given (first page only); decoys."""
    page = Image.new("RGB", SIZE, (rng.randint(245, 255),) * 3)
    draw = ImageDraw.Draw(page)
    body, small, bold = font(22), font(20), font(21, bold=True)
    left_lines, _ = unit_block(rng)
    for index, line in enumerate(left_lines[:2]):
        draw.text((110, 90 + 30 * index), line[:34], font=bold if index else small, fill=(20, 20, 20))
    draw.text((700, 90), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=font(19, bold=True), fill=(20, 20, 20))
    draw.text((760, 120), "Độc lập - Tự do - Hạnh phúc", font=bold, fill=(20, 20, 20))
    number = f"Số: {rng.randint(1, 999)}/BC-UBND"
    draw.text((130, 190), number, font=small, fill=(20, 20, 20))
    draw.text((700, 190), f"Lào Cai, ngày {rng.randint(1, 28)} tháng {rng.randint(1, 12)} năm 2026",
              font=font(20), fill=(20, 20, 20))
    heading = " ".join(title(rng).split()).upper()[:60] if first else ""
    draw.text((SIZE[0] // 2 - draw.textlength(heading, font=bold) // 2, 400), heading, font=bold,
              fill=(20, 20, 20))
    y = 470 if first else 120
    texts = [paragraph(rng) for _ in range(rng.randint(3, 5))]
    texts.insert(rng.randint(0, len(texts)), rng.choice(PROSE_MENTIONS))
    for text in texts:
        for line in _wrap(draw, text, body, SIZE[0] - 240):
            if y > SIZE[1] - 140:
                break
            draw.text((120, y), line, font=body, fill=(15, 15, 15))
            y += 34
        y += 14
    taken = None
    if first and level is not None:
        taken = _place_stamp(draw, rng, LEVELS[level])
    if rng.random() < 0.7:
        spots = [(820, 300), (120, 300), (480, 1500), (760, 1560)]
        if taken is not None:  # beside the stamp (urgency stamps sit there), or elsewhere, never over it
            spots = [s for s in spots if abs(s[0] - taken[0]) > 420 or abs(s[1] - taken[1]) > 120]
            if taken[0] + taken[2] < 600:
                spots.append((taken[0] + taken[2] + rng.randint(40, 80), taken[1]))
        _stamp(draw, rng.choice(spots), rng.choice(RED_DECOYS), rng, boxed=rng.random() < 0.5)
    return page


def _place_stamp(draw: Any, rng: random.Random, text: str) -> tuple[int, int, int]:
    """Draw the stamp; (x, y, width) of it."""
    place = rng.choice(PLACES)
    spot = {"under_number": (120, 240), "top_right": (900, 240), "above_title": (480, 310),
            "top_centre": (480, 30)}[place]
    jitter = (rng.randint(-20, 20), rng.randint(-10, 10))
    x, y = spot[0] + jitter[0], spot[1] + jitter[1]
    width, _ = _stamp(draw, (x, y), text, rng, boxed=rng.random() < 0.6)
    return x, y, width


def scanned(page: Image.Image, rng: random.Random) -> Image.Image:
    """Rotation up to ±3°, a little blur, scan noise."""
    angle = rng.uniform(-3, 3)
    page = page.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=(250, 250, 250))
    if rng.random() < 0.5:
        page = page.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9)))
    noise = Image.effect_noise(page.size, rng.uniform(8, 30)).convert("RGB")
    return Image.blend(page, noise, rng.uniform(0.04, 0.12))


def write(out: Path, name: str, pages: list[Image.Image], kind: str, rng: random.Random) -> Path:
    if kind == "png":
        path = out / f"{name}.png"
        pages[0].save(path, dpi=(DPI, DPI))
    elif kind == "jpg":
        path = out / f"{name}.jpg"
        pages[0].save(path, quality=rng.randint(60, 90), dpi=(DPI, DPI))
    else:
        path = out / f"{name}.pdf"
        pages[0].save(path, save_all=True, append_images=pages[1:], resolution=DPI)
    return path


def generate(out: Path, count: int, seed: int) -> dict[str, str | None]:
    """`count` pages (a multi-page PDF counts each page) with their truth by file name."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    truth: dict[str, str | None] = {}
    made = number = 0
    while made < count:
        level = rng.choice(list(LEVELS)) if rng.random() < 2 / 3 else None
        kind = rng.choice(["png", "jpg", "pdf"])
        pages = 1 if kind != "pdf" or rng.random() < 0.7 else rng.randint(2, 3)
        images = [scanned(page_image(rng, level, first=index == 0), rng) for index in range(pages)]
        path = write(out, f"scan{number:04d}", images, kind, rng)
        truth[path.name] = level
        made += pages
        number += 1
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "out" / "scans")
    args = parser.parse_args()
    truth = generate(args.out, args.pages, args.seed)
    stamped = sum(1 for level in truth.values() if level)
    print(f"{len(truth)} files ({args.pages}+ pages), {stamped} stamped, in {args.out}")


if __name__ == "__main__":
    main()

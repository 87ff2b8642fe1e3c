"""Where a stamp may be on a scanned page: red ink, and dark rectangular frames.

Tesseract's page segmentation reads the black body text and drops a red box: on one missed page
the stamp's region alone read "[mm] -", while the same region with the red layer isolated (red
pixels to black, the rest to white) read "TỐI MẬT". So red ink is found by hue, grouped into
regions (letters of one stamp join once the mask is thickened), and each region is handed to OCR
alone as black on white, its frame lines removed. Dark frames of a stamp's size are found from long
horizontal runs that another run of the same span closes below, with both sides drawn.

Pillow only (no numpy): masks are made by lookup tables in C; regions are found on a mask reduced
four times, where a page is ≈ 400 × 600 points.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

REDUCE = 4
MAX_REGIONS = 6
MAX_FRAMES = 4
MAX_RED_SHARE = 0.08  # red over more of the page than this is a photo or a coloured form, not ink
_HUE_LOW, _HUE_HIGH, _MIN_SAT, _MIN_VAL = 14, 234, 80, 60


@dataclass(frozen=True)
class Region:
    """A candidate stamp: its box on the page (pixels) and the image to OCR (black on white)."""

    kind: str  # "red" or "frame"
    box: tuple[int, int, int, int]
    image: Any
    lines: int


def red_mask(page: Any) -> Any:
    """Mode "L" image, 255 where the page is red ink."""
    from PIL import ImageChops

    hue, sat, val = page.convert("HSV").split()
    hue = hue.point(lambda x: 255 if x <= _HUE_LOW or x >= _HUE_HIGH else 0)
    sat = sat.point(lambda x: 255 if x >= _MIN_SAT else 0)
    val = val.point(lambda x: 255 if x >= _MIN_VAL else 0)
    return ImageChops.darker(ImageChops.darker(hue, sat), val)


def red_regions(page: Any, dpi: int) -> list[Region]:
    """Red ink regions the size of a stamp, largest first, each as black ink on white."""
    from PIL import ImageFilter, ImageOps

    mask = red_mask(page)
    small = mask.reduce(REDUCE).point(lambda x: 255 if x >= 24 else 0)
    histogram = small.histogram()
    if histogram[255] == 0 or histogram[255] > MAX_RED_SHARE * small.width * small.height:
        return []
    joined = small.filter(ImageFilter.MaxFilter(2 * max(1, round(dpi / 75)) + 1))
    regions = []
    for box in _same_line(list(_components(joined.tobytes(), joined.width, joined.height))):
        full = _scaled(box, mask.size)
        if not _stamp_sized(full, dpi):
            continue
        ink = mask.crop(full)
        ink, lines = _strip_frame(ink)
        if lines == 0:
            continue
        regions.append(Region("red", full, ImageOps.expand(ImageOps.invert(ink), 12, fill=255), lines))
    regions.sort(key=lambda r: -(r.box[2] - r.box[0]) * (r.box[3] - r.box[1]))
    return regions[:MAX_REGIONS]


def frame_regions(page: Any, dpi: int) -> list[Region]:
    """Dark rectangular frames of a stamp's size in the upper half of the page, as black on white."""
    from PIL import ImageOps

    gray = page.convert("L")
    dark = gray.point(lambda x: 255 if x < 128 else 0)  # before reducing: a thin line stays whole
    small = dark.reduce(REDUCE).point(lambda x: 255 if x >= 40 else 0)
    width, height = small.size
    data = small.tobytes()
    cm = dpi / 2.54 / REDUCE
    runs = _runs(data, width, height // 2, int(1.2 * cm), int(9 * cm))
    found: list[tuple[int, int, int, int]] = []
    for index, (y, x0, x1) in enumerate(runs):
        for y2, a0, a1 in runs[index + 1:]:
            if y2 - y > 3 * cm:
                break
            if y2 - y < 0.5 * cm or abs(a0 - x0) > 2 or abs(a1 - x1) > 2:
                continue
            if _column_drawn(data, width, x0, y, y2) and _column_drawn(data, width, x1 - 1, y, y2):
                found.append((x0, y, x1, y2 + 1))
                break
        if len(found) >= MAX_FRAMES:
            break
    regions = []
    for box in found:
        full = _scaled(box, gray.size, pad=0)
        inner = gray.crop(full).point(lambda x: 0 if x < 140 else 255)
        ink, lines = _strip_frame(ImageOps.invert(inner))
        if lines:
            regions.append(Region("frame", full, ImageOps.expand(ImageOps.invert(ink), 12, fill=255), lines))
    return regions


def _components(data: bytes, width: int, height: int) -> Iterator[tuple[int, int, int, int]]:
    """Bounding boxes (x0, y0, x1, y1) of 8-connected groups of set points."""
    seen = bytearray(len(data))
    start = data.find(b"\xff")
    while start >= 0:
        if not seen[start]:
            seen[start] = 1
            stack = [start]
            x0 = x1 = start % width
            y0 = y1 = start // width
            while stack:
                at = stack.pop()
                y, x = divmod(at, width)
                x0, x1, y0, y1 = min(x0, x), max(x1, x), min(y0, y), max(y1, y)
                for dy in (-1, 0, 1):
                    row = y + dy
                    if 0 <= row < height:
                        for dx in (-1, 0, 1):
                            col = x + dx
                            near = row * width + col
                            if 0 <= col < width and data[near] and not seen[near]:
                                seen[near] = 1
                                stack.append(near)
            yield x0, y0, x1 + 1, y1 + 1
        start = data.find(b"\xff", start + 1)


def _same_line(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Boxes side by side on one line, a word's space apart, joined: the words of one stamp (or of
    one decoy: "BẢO MẬT THÔNG TIN" read whole is a phrase, its "MẬT" read alone would be a stamp)."""
    merged = True
    while merged:
        merged = False
        boxes.sort()
        for i, a in enumerate(boxes):
            for j in range(i + 1, len(boxes)):
                b = boxes[j]
                overlap = min(a[3], b[3]) - max(a[1], b[1])
                gap = max(a[0], b[0]) - min(a[2], b[2])
                low = min(a[3] - a[1], b[3] - b[1])  # a boxed stamp is tall: its neighbour is not its word
                if overlap >= 0.5 * low and gap <= 0.35 * low:
                    boxes[i] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
                    del boxes[j]
                    merged = True
                    break
            if merged:
                break
    return boxes


def _scaled(box: tuple[int, int, int, int], size: tuple[int, int], pad: int = 2) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = box
    return (max(0, (x0 - pad) * REDUCE), max(0, (y0 - pad) * REDUCE),
            min(size[0], (x1 + pad) * REDUCE), min(size[1], (y1 + pad) * REDUCE))


def _stamp_sized(box: tuple[int, int, int, int], dpi: int) -> bool:
    cm = dpi / 2.54
    width, height = box[2] - box[0], box[3] - box[1]
    return 0.6 * cm <= width <= 16 * cm and 0.3 * cm <= height <= 6 * cm and width >= height * 0.8


def _strip_frame(ink: Any) -> tuple[Any, int]:
    """The ink (255 = ink) without its frame, and its count of text lines. The frame is what, joined
    up, spans most of the region's width or height (a letter never does), found from the edges; a
    tilted box leaves no straight row or column to find it by. JPEG breaks a thin red line into
    pieces, so the frame is looked for in the ink thickened by a pixel, and that thickened frame is
    what is erased."""
    from PIL import Image, ImageFilter

    width, height = ink.size
    solid = ink.point(lambda x: 255 if x >= 128 else 0)
    data = bytearray(solid.tobytes())
    joined = bytearray(solid.filter(ImageFilter.MaxFilter(3)).tobytes())
    band = max(4, min(width, height) // 6)
    seen = bytearray(len(joined))
    for y in range(height):
        xs = range(width) if y < band or y >= height - band else (*range(band), *range(width - band, width))
        for x in xs:
            at = y * width + x
            if joined[at] and not seen[at]:
                pixels, box = _flood(joined, seen, width, height, at)
                if box[2] - box[0] >= 0.7 * width or box[3] - box[1] >= 0.7 * height:
                    for pixel in pixels:
                        data[pixel] = 0
    lines, inside = 0, False
    for y in range(height):
        count = data[y * width:(y + 1) * width].count(255)
        if count > 1 and not inside:
            lines += 1
        inside = count > 1
    return Image.frombytes("L", (width, height), bytes(data)), lines


def _flood(data: bytearray, seen: bytearray, width: int, height: int,
           start: int) -> tuple[list[int], tuple[int, int, int, int]]:
    """The 8-connected ink pixels joined to `start`, and their bounding box."""
    seen[start] = 1
    stack, pixels = [start], []
    x0 = x1 = start % width
    y0 = y1 = start // width
    while stack:
        at = stack.pop()
        pixels.append(at)
        y, x = divmod(at, width)
        x0, x1, y0, y1 = min(x0, x), max(x1, x), min(y0, y), max(y1, y)
        for near in (at - width - 1, at - width, at - width + 1, at - 1, at + 1, at + width - 1, at + width,
                     at + width + 1):
            if 0 <= near < len(data) and abs(near % width - x) <= 1 and data[near] and not seen[near]:
                seen[near] = 1
                stack.append(near)
    return pixels, (x0, y0, x1 + 1, y1 + 1)


def _runs(data: bytes, width: int, rows: int, shortest: int, longest: int) -> list[tuple[int, int, int]]:
    """(y, x0, x1) of horizontal runs of set points of a frame's width, top to bottom."""
    pattern = re.compile(b"\xff{%d,}" % max(shortest, 2))
    found = []
    for y in range(rows):
        row = data[y * width:(y + 1) * width]
        for match in pattern.finditer(row):
            if match.end() - match.start() <= longest:
                found.append((y, match.start(), match.end()))
    return found


def _column_drawn(data: bytes, width: int, x: int, y0: int, y1: int) -> bool:
    """Is the column at x (or one beside it) inked over most of y0..y1?"""
    for col in (x - 1, x, x + 1):
        if 0 <= col < width:
            inked = sum(1 for y in range(y0, y1 + 1) if data[y * width + col])
            if inked >= 0.8 * (y1 - y0 + 1):
                return True
    return False

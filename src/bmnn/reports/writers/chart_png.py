"""A horizontal bar chart as a PNG, for reports printed on paper: drawn with Pillow and the
DejaVu Sans font shipped in the package (Vietnamese diacritics on any computer), no network,
no plotting library. Labels wrap; each bar carries its number as the letter writes it."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from functools import cache
from importlib import resources
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

WIDTH = 1800  # px; printed 160 mm wide, about 285 dpi
LABEL_WIDTH = 900
BAR = (21, 101, 192)
GRID = (200, 200, 200)
INK = (30, 30, 30)


@cache
def font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    with resources.as_file(resources.files("bmnn.reports").joinpath(f"data/fonts/{name}")) as path:
        return ImageFont.truetype(str(path), size)


def _number(value: int, unit: str) -> str:
    return f"{value:,}".replace(",", ".") + (f" {unit}" if unit else "")


def bar_chart_png(title: str, items: Sequence[tuple[str, int, str]]) -> bytes:
    """Bars for (label, value, what it counts), in the order given; an empty list draws a note."""
    text, small, heading = font(36), font(32), font(40, bold=True)
    lines = [textwrap.wrap(label, 40) or [""] for label, _, _ in items]
    heights = [max(72, 46 * len(wrapped) + 22) for wrapped in lines]
    height = 110 + sum(heights) + 40
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((20, 24), title, font=heading, fill=INK)
    top = 100
    if not items:
        draw.text((20, top), "Không có số liệu.", font=text, fill=INK)
        return _png(image.crop((0, 0, WIDTH, top + 60)))
    largest = max(value for _, value, _ in items) or 1
    widest = max(draw.textlength(_number(value, unit), font=small) for _, value, unit in items)
    span = WIDTH - LABEL_WIDTH - int(widest) - 40
    draw.line((LABEL_WIDTH, top - 10, LABEL_WIDTH, height - 30), fill=GRID, width=2)
    for (_, value, unit), wrapped, row_height in zip(items, lines, heights, strict=True):
        for index, line in enumerate(wrapped):
            draw.text((20, top + 10 + 46 * index), line, font=text, fill=INK)
        length = max(4, round(span * value / largest)) if value else 0
        bar_top = top + row_height // 2 - 22
        if length:
            draw.rectangle((LABEL_WIDTH + 2, bar_top, LABEL_WIDTH + 2 + length, bar_top + 44), fill=BAR)
        draw.text((LABEL_WIDTH + 14 + length, bar_top + 4), _number(value, unit), font=small, fill=INK)
        top += row_height
    return _png(image)


def _png(image: Image.Image) -> bytes:
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()

"""Playwright driving Debian's Chromium against the live server; screenshots go to
tests/screenshots/ (or BMNN_SCREENSHOT_DIR)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls here are test set-up.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(os.environ.get("BMNN_SCREENSHOT_DIR", Path(__file__).parent.parent / "screenshots"))


@pytest.fixture
def browser_page() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (./test installs it with apt)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="vi-VN")
        yield page
        browser.close()


@pytest.fixture
def live_world(transactional_db: None, frozen: None):  # type: ignore[no-untyped-def]
    from tests.world import build_world

    return build_world()


def shot(page: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]

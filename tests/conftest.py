"""Shared fixtures. BMNN_TESTING makes settings use a fixed test key and the test database."""

from __future__ import annotations

import os

os.environ.setdefault("BMNN_TESTING", "1")

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine

TODAY = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture
def frozen() -> Iterator[None]:
    """Fixed time: 04/5/2026, under Law 117/2025 and Decree 63/2026."""
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def world(db: None, frozen: None):  # type: ignore[no-untyped-def]
    from tests.world import build_world

    return build_world()

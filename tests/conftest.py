"""Shared fixtures. Under pytest, settings use a fixed test key and the test database (bmnn.settings)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine

# The test settings themselves come from bmnn.settings, which pytest-django reads before any
# conftest is imported (TESTING there follows PYTEST_VERSION, so plain `pytest` needs nothing
# exported). The data folder is read at call time: when `pytest` is typed without ./test's
# BMNN_DATA_DIR, point it at a folder of its own so tests never write into ./data.
if not os.environ.get("BMNN_DATA_DIR"):
    from django.conf import settings

    _DATA = tempfile.mkdtemp(prefix="bmnn-test-data-")
    os.environ["BMNN_DATA_DIR"] = _DATA
    settings.DATA_DIR = Path(_DATA)


def pytest_unconfigure(config: pytest.Config) -> None:
    if "_DATA" in globals():
        shutil.rmtree(_DATA, ignore_errors=True)


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

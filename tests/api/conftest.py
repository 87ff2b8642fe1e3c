"""The `api` fixture: one token-holding caller per named person of the world."""

from __future__ import annotations

import pytest

from tests.api.client import Callers
from tests.world import World


@pytest.fixture
def api(world: World) -> Callers:
    return Callers(world)

"""Shared fixtures. BMNN_TESTING makes settings use a fixed test key and the test database."""

from __future__ import annotations

import os

os.environ.setdefault("BMNN_TESTING", "1")

"""Endpoint scanner: finds state-secret marks in files; runs alone, without Django."""

from __future__ import annotations

__version__ = "0.1.0"

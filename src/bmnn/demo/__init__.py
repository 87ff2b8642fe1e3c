"""Demo data: a province, a department, communes (one merged into another), people with
accounts, a sample catalog and a few dozen secret documents in every state, all made through
the registry actions so the registers, numbers and audit chain are exactly what real use
produces. Loaded only on request (`bmnn demo`); real use starts without it.
"""

from __future__ import annotations

from bmnn.demo.build import DEMO_PASSWORD, DemoRefused, DemoSummary, demo_loaded, load_demo

__all__ = ["DEMO_PASSWORD", "DemoRefused", "DemoSummary", "demo_loaded", "load_demo"]

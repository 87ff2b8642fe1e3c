"""Pages with secret content are never stored (`Cache-Control: no-store`) and carry a content
security policy that runs only the application's own scripts and styles; the vendored HTMX and
Pico still work under it, and so do hx-* attributes with hx-headers (checked in Chromium)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from bmnn.web.headers import HTMX_INDICATOR_STYLE, INLINE_HANDLERS, POLICY, csp_hash
from tests.browser.conftest import browser_page, live_world  # noqa: F401  (fixtures)
from tests.registry.flows import issue
from tests.world import World

PASSWORD = "mat-khau-thu-nghiem"
SRC = Path(__file__).resolve().parents[2] / "src" / "bmnn"


def _client(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def _assert_guarded(response: Any) -> None:
    assert "no-store" in response["Cache-Control"], response["Cache-Control"]
    assert response["Content-Security-Policy"] == POLICY


def test_secret_pages_downloads_and_api_are_not_stored(world: World) -> None:
    document = issue(world)
    client = _client("vanthu")
    for url in ("/", f"/tai-lieu/{document.pk}/", "/so/outgoing/2026/", "/so/outgoing/2026/tai-ve.xlsx",
                "/tai-lieu/", "/tu-kiem-tra/", "/quy-dinh/"):
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_guarded(response)
    _assert_guarded(Client().get("/dang-nhap/"))
    _assert_guarded(client.get("/api/v1/documents/"))


def test_policy_allows_only_this_site() -> None:
    directives = dict(part.split(" ", 1) for part in POLICY.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'none'" and directives["form-action"] == "'self'"
    for name in ("script-src", "style-src"):
        sources = directives[name].split()
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources
        assert all(s == "'self'" or s == "'unsafe-hashes'" or s.startswith("'sha256-") for s in sources)
    assert "http" not in POLICY and "*" not in POLICY


# --- the templates hold nothing inline the policy does not list --------------------------------

def _templates() -> list[Path]:
    return [p for p in SRC.rglob("templates/**/*.html") if "scanner" not in p.parts]


def test_templates_have_no_inline_script_or_style() -> None:
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text, flags=re.I):
            assert "src=" in tag or 'type="application/json"' in tag, f"{path.name}: inline {tag}"
        assert not re.search(r"<style\b", text, flags=re.I), f"{path.name}: inline <style>"
        assert not re.search(r"\sstyle\s*=", text, flags=re.I), f"{path.name}: style attribute"
        assert not re.search(r"=\s*[\"']\s*javascript:", text, flags=re.I), f"{path.name}: javascript: URL"
        assert not re.search(r"\shx-on[:-]", text), f"{path.name}: hx-on needs eval"
        for value in re.findall(r"hx-(?:vals|headers)\s*=\s*['\"]([^'\"]*)", text):
            assert not value.strip().startswith(("js:", "javascript:")), f"{path.name}: {value}"


def test_every_inline_handler_in_the_templates_is_listed_by_its_hash() -> None:
    found: set[str] = set()
    for path in _templates():
        for value in re.findall(r"\son[a-z]+\s*=\s*\"([^\"]*)\"", path.read_text(encoding="utf-8")):
            found.add(value)
    assert found <= set(INLINE_HANDLERS), f"not allowed by the policy: {found - set(INLINE_HANDLERS)}"
    for handler in INLINE_HANDLERS:
        assert csp_hash(handler) in POLICY


def test_the_htmx_indicator_style_is_the_one_vendored_htmx_adds() -> None:
    htmx = (SRC / "web" / "static" / "vendor" / "htmx" / "htmx.min.js").read_text(encoding="utf-8")
    # htmx builds it from its default class names; the pieces must be there as written.
    assert "`.${t}{opacity:0;visibility: hidden} `" in htmx
    shown = "`.${n} .${t}, .${n}.${t}{opacity:1;visibility: visible;transition: opacity 200ms ease-in}`"
    assert shown in htmx
    assert 'indicatorClass:"htmx-indicator"' in htmx and 'requestClass:"htmx-request"' in htmx
    assert csp_hash(HTMX_INDICATOR_STYLE) in POLICY


# --- in the browser ------------------------------------------------------------------------------

def _login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def _start_self_inspection(w: World) -> int:
    from bmnn.inspection.actions.plans import do_plan_self_inspection, do_start_run

    plan = do_plan_self_inspection(w.dept, title="Tự kiểm tra 2026", period_from=dt.date(2026, 1, 1),
                                   period_to=dt.date(2026, 5, 4), starts_on=dt.date(2026, 5, 4),
                                   ends_on=dt.date(2026, 5, 8), actor=w.clerk)
    return do_start_run(plan, actor=w.clerk).pk


@pytest.mark.browser
def test_pages_work_under_the_policy_in_chromium(live_server: Any, live_world: World,  # noqa: F811
                                                 browser_page: Any) -> None:  # noqa: F811
    from bmnn.inspection.models import Run, RunStatus

    page, base = browser_page, live_server.url
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text
            or "Content-Security-Policy" in msg.text else None)
    _login(page, base, "vanthu")
    assert page.evaluate("typeof window.htmx") == "object"  # the vendored script ran
    # Pico's stylesheet applies: its variables are defined and the body uses its font.
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--pico-font-family')")
    assert "system-ui" in page.evaluate("getComputedStyle(document.body).fontFamily")

    page.goto(f"{base}/so/incoming/2026/")
    page.click("nav.tabs a:text-is('2025')")  # the year switch is a link: no inline handler
    page.wait_for_url(f"{base}/so/incoming/2025/")

    run_pk = _start_self_inspection(live_world)
    page.goto(f"{base}/tu-kiem-tra/lan/{run_pk}/")
    # hx-post with hx-headers (the CSRF token) carries the run step by step to its end.
    page.wait_for_selector("text=Tải báo cáo (Word)", timeout=60_000)
    assert Run.objects.get(pk=run_pk).status == RunStatus.DONE

    page.goto(f"{base}/api/v1/docs")
    page.wait_for_selector("#swagger-ui .information-container", timeout=30_000)
    assert violations == []

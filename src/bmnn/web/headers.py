"""Response headers for pages that carry secret content: never stored by the browser or a proxy
(`Cache-Control: no-store`), and a Content-Security-Policy that lets a page run and style only
what this application serves itself.

The policy allows exactly one inline snippet by its SHA-256, and nothing else inline: the
`<style>` htmx 2 adds to <head> for its request indicators (vendored htmx.min.js). No inline
handler is allowed (the register pages switch years by links); tests/web/test_headers.py fails
when a template gains an inline script, style or handler the policy does not list.
Pico's icons are data: SVG images in its stylesheet, hence `img-src 'self' data:`.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

HTMX_INDICATOR_STYLE = (
    ".htmx-indicator{opacity:0;visibility: hidden} "
    ".htmx-request .htmx-indicator, .htmx-request.htmx-indicator"
    "{opacity:1;visibility: visible;transition: opacity 200ms ease-in}"
)
INLINE_HANDLERS: tuple[str, ...] = ()  # none: 'unsafe-hashes' is left out while this is empty


def csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy() -> str:
    hashes = [csp_hash(h) for h in INLINE_HANDLERS]
    scripts = " ".join(["'self'", *(["'unsafe-hashes'", *hashes] if hashes else [])])
    directives = {
        "default-src": "'self'",
        "script-src": scripts,
        "style-src": f"'self' {csp_hash(HTMX_INDICATOR_STYLE)}",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


POLICY = content_security_policy()


class SecretPageHeadersMiddleware:
    """Every response but static assets: no-store and the content security policy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(str(settings.STATIC_URL)):
            return response
        add_never_cache_headers(response)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = POLICY
        return response

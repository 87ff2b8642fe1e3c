"""Every request's events say whether they came through the API or the web pages."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from bmnn.audit.channel import Channel, via


class ChannelMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with via(Channel.API if request.path.startswith("/api/") else Channel.WEB):
            return self.get_response(request)

"""Error pages a person can act on: why the page is not shown and what to do, in Vietnamese and
in the product's layout (handler403/404/500 in bmnn.urls; the CSRF failure page is Django's view
rendering templates/403_csrf.html). The API gets the same words as JSON."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

# What each status means to a clerk, and what she can do about it.
_TITLES = {
    403: "Bạn không được thực hiện thao tác này",
    404: "Không tìm thấy trang hoặc hồ sơ",
    500: "Hệ thống gặp lỗi",
}


def _reason(exception: BaseException | None) -> str:
    """The refusal's own words when bmnn wrote them (ours are Vietnamese); Django's own messages
    ("No Document matches the given query.") are English and say nothing to a clerk."""
    text = str(exception or "").strip()
    if not text or text.isascii() or text.startswith("{"):
        return ""
    return text.rstrip(".") + "."


def _page(request: HttpRequest, status: int, exception: BaseException | None) -> HttpResponse:
    reason = _reason(exception)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": reason or _TITLES[status]}, status=status)
    context: dict[str, Any] = {"status": status, "title": _TITLES[status], "reason": reason,
                               "path": request.path}
    body = loader.render_to_string(f"{status}.html", context, request=request)
    return HttpResponse(body, status=status)


def forbidden(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return _page(request, 403, exception)


def not_found(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return _page(request, 404, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request's context processors: the database may be what failed."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _TITLES[500]}, status=500)
    body = loader.render_to_string("500.html", {"status": 500, "title": _TITLES[500]})
    return HttpResponse(body, status=500)

"""The NinjaAPI behind /api/v1/: routers, token auth, error shapes, OpenAPI document.

The interactive docs page (/api/v1/docs) is served only when "ninja" is in INSTALLED_APPS,
because only then are Swagger UI's scripts served from ninja's own static files; otherwise
ninja would load them from a CDN, and bmnn loads nothing from the Internet.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Router
from ninja.renderers import JSONRenderer

from bmnn.api import catalog, copies, documents, inspection, lifecycle, org, proposals, registers, transfers
from bmnn.api.auth import TokenAuth
from bmnn.api.errors import install_handlers

DESCRIPTION = """API JSON của bmnn cho hệ thống khác kết nối. Mọi thao tác đi qua cùng các bước
nghiệp vụ và quy tắc truy cập như giao diện web; mọi thay đổi được ghi nhật ký.

Xác thực: `Authorization: Bearer bmnn_<mã>_<bí mật>` (tạo bằng `bmnn token create`).
Ngày theo ISO 8601 (YYYY-MM-DD). Lỗi trả về `{"error", "message", "provision", "confidence",
"detail"}`: 422 khi quy định không cho phép (kèm căn cứ) hoặc dữ liệu sai (kèm từng trường),
403 khi vai trò không được phép, 404 khi không có hoặc không được xem, 401 khi khóa không hợp lệ.
"""


class Utf8Renderer(JSONRenderer):
    """Vietnamese as itself ("Tối mật"), not as escaped code points: readable logs, smaller bodies."""

    json_dumps_params: Any = {"ensure_ascii": False}


# Registered last, so that any other path under /api/v1/ is a JSON 404 rather than HTML.
fallback = Router(auth=None)


@fallback.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:unmatched}",
                        include_in_schema=False)
def unknown_path(request: HttpRequest, unmatched: str) -> NoReturn:
    raise Http404(f"Không có địa chỉ API /api/v1/{unmatched}")


api = NinjaAPI(
    title="bmnn API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    renderer=Utf8Renderer(),
    auth=TokenAuth(),
    docs_url="/docs" if "ninja" in settings.INSTALLED_APPS else None,
)
install_handlers(api)
for module in (org, catalog, documents, proposals, copies, transfers, lifecycle, registers, inspection):
    api.add_router("/", module.router)
api.add_router("/", fallback)

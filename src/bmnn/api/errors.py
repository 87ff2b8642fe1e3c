"""How failures look to a client: one JSON shape, `{"error", "message", …}`, in Vietnamese.

- a legal refusal (LawRefusal) → 422 with the provision and its confidence;
- malformed input → 422 with each field's location and problem (`detail`);
- unknown or hidden record → 404; role or unit not allowed → 403; no valid token → 401.
"""

from __future__ import annotations

import typing
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from pydantic_core.core_schema import ErrorType

from bmnn.law.errors import LawRefusal

# Pydantic error types a client is likely to meet, in Vietnamese; others keep pydantic's text.
_MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không được chấp nhận (kiểm tra lại tên trường)",
    "string_type": "phải là chuỗi ký tự",
    "string_too_short": "không được để trống",
    "string_too_long": "quá dài (tối đa {max_length} ký tự)",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "date_type": "phải là ngày dạng YYYY-MM-DD",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_inexact": "phải là ngày dạng YYYY-MM-DD",
    "enum": "phải là một trong các giá trị: {expected}",
    "literal_error": "phải là một trong các giá trị: {expected}",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "list_type": "phải là danh sách",
    "too_short": "cần ít nhất {min_length} phần tử",
    "too_long": "tối đa {max_length} phần tử",
    "model_type": "phải là đối tượng JSON",
    "model_attributes_type": "phải là đối tượng JSON",
    "dict_type": "phải là đối tượng JSON",
}
_SOURCES = {"body": "nội dung", "query": "tham số truy vấn", "path": "đường dẫn"}


def _where(loc: list[Any]) -> str:
    """`["body", "data", "recipients", 0, "copies"]` → `recipients[0].copies (nội dung)`."""
    if not loc:
        return "?"
    source, rest = str(loc[0]), list(loc[1:])
    if source == "body" and len(rest) > 1 and rest[0] == "data":
        rest = rest[1:]  # the view's parameter name says nothing to the client
    path = ""
    for part in rest:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return f"{path or 'toàn bộ'} ({_SOURCES.get(source, source)})"


# pydantic's own error kinds speak English; bmnn's own (raised with a Vietnamese message, as
# value_error or a kind of its own) do not.
_PYDANTIC_KINDS = frozenset(typing.get_args(ErrorType)) - {"value_error"}


def _problem(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    template = _MESSAGES.get(kind)
    if template is None:
        return "không hợp lệ" if kind in _PYDANTIC_KINDS else str(error.get("msg", "không hợp lệ"))
    ctx = {k: str(v).replace("' or '", "' hoặc '") for k, v in (error.get("ctx") or {}).items()}
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return str(error.get("msg", template))


def _plain_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"loc": list(e.get("loc", [])), "msg": _problem(e), "type": str(e.get("type", ""))}
            for e in errors]


def _body(error: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": error, "message": message, **extra}


def install_handlers(api: NinjaAPI) -> None:
    """Replace ninja's default handlers with the bmnn error shape."""

    @api.exception_handler(LawRefusal)
    def refusal(request: HttpRequest, exc: LawRefusal) -> HttpResponse:
        return api.create_response(request, _body(
            exc.code, exc.message, provision=exc.provision, confidence=exc.confidence), status=422)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = _plain_errors(list(exc.errors))
        where = "; ".join(f"{_where(e['loc'])}: {e['msg']}" for e in errors)
        return api.create_response(request, _body(
            "invalid_input", f"Dữ liệu không hợp lệ — {where}", detail=errors), status=422)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return api.create_response(
            request, _body("not_found", str(exc) or "Không tìm thấy"), status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        return api.create_response(
            request, _body("forbidden", str(exc) or "Không có quyền thực hiện"), status=403)

    @api.exception_handler(AuthenticationError)
    def unauthorized(request: HttpRequest, exc: Exception) -> HttpResponse:
        response = api.create_response(request, _body(
            "unauthorized", "Thiếu khóa API hoặc khóa không hợp lệ, đã bị thu hồi, "
            "hoặc tài khoản đã bị vô hiệu hóa"), status=401)
        response["WWW-Authenticate"] = 'Bearer realm="bmnn"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        parse = exc.status_code == 400 and str(exc).startswith("Cannot parse")
        message = "Nội dung yêu cầu không phải JSON hợp lệ" if parse else str(exc)
        return api.create_response(request, _body("bad_request", message), status=exc.status_code)

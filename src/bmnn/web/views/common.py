"""What views share: the acting account and unit, role guards, and the action runner that
shows a legal refusal in place of the form."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from bmnn.law.errors import LawRefusal
from bmnn.law.pack import Confidence
from bmnn.org.models import Account, Person, Unit
from bmnn.registry.may import Step, roles_text

V = TypeVar("V", bound=Callable[..., HttpResponse])


def account_of(request: HttpRequest) -> Account:
    user = request.user
    assert isinstance(user, Account)
    return user


def person_of(request: HttpRequest) -> Person:
    person = account_of(request).person
    if person is None:
        raise PermissionDenied("Tài khoản chưa gắn với cán bộ của đơn vị nào")
    return person


def unit_of(request: HttpRequest) -> Unit:
    return person_of(request).unit


def roles_required(*roles: str) -> Callable[[V], V]:
    """Logged in, and holding one of `roles`."""

    def wrap(view: V) -> V:
        @login_required
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not account_of(request).has_role(*roles):
                raise PermissionDenied("Vai trò của bạn không được thực hiện thao tác này")
            return view(request, *args, **kwargs)

        return guarded  # type: ignore[return-value]

    return wrap


def step_required(step: Step) -> Callable[[V], V]:
    """Logged in, and holding a role that may take `step` (bmnn.law.steps); the action itself
    asks the whole question again (unit, clearance, whose decision)."""
    def wrap(view: V) -> V:
        @login_required
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not account_of(request).has_role(*step.roles):
                raise PermissionDenied(f"Chỉ {roles_text(step)} mới được {step.label}")
            return view(request, *args, **kwargs)

        return guarded  # type: ignore[return-value]

    return wrap


def page_number(request: HttpRequest) -> int:
    """The page a list was asked for (`?trang=`), 1 when missing or not a plain number."""
    text = request.GET.get("trang", "")
    return int(text) if text.isdigit() and 0 < len(text) < 7 and int(text) > 0 else 1


def query_without_page(request: HttpRequest) -> str:
    """The list's filters as a query string, for the pager's links ("&trang=" is added)."""
    query = request.GET.copy()
    query.pop("trang", None)
    return query.urlencode()


def refusal_text(refusal: LawRefusal) -> str:
    text = f"Không thực hiện được: {refusal.message}. Căn cứ: {refusal.provision}."
    if refusal.confidence != Confidence.CONFIRMED:
        text += f" (Quy định {Confidence(refusal.confidence).label}; quản trị viên có thể điều chỉnh.)"
    return text


def run_action(
    request: HttpRequest, form: forms.Form, perform: Callable[[dict[str, Any]], Any], *,
    title: str, done: str, next_url: Callable[[Any], str], context: dict[str, Any] | None = None,
) -> HttpResponse:
    """Validate, call the action, and on a legal refusal show the message in place."""
    if request.method == "POST" and form.is_valid():
        try:
            result = perform(form.cleaned_data)
        except LawRefusal as refusal:
            form.add_error(None, refusal_text(refusal))
        except PermissionDenied as denied:
            form.add_error(None, f"Không thực hiện được: {denied}")
        else:
            messages.success(request, done)
            return redirect(next_url(result))
    return render(request, "web/action_form.html", {"form": form, "title": title, **(context or {})})

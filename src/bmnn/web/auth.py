"""Login with lockout after repeated failures (org.actions.do_log_in); every login and lockout
is logged. After login, `next` is followed only when it is a path of this site."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from bmnn.org.actions import do_log_in

_BACKEND = "django.contrib.auth.backends.ModelBackend"


class LoginForm(forms.Form):
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    password = forms.CharField(label="Mật khẩu", max_length=4096, widget=forms.PasswordInput)


def failure_message() -> str:
    """One message for every failure, so the page never tells which account names exist."""
    return (
        "Đăng nhập không thành công: tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang bị "
        f"khóa. Sau {settings.LOGIN_MAX_FAILURES} lần nhập sai liên tiếp, tài khoản bị tạm khóa "
        f"{settings.LOGIN_LOCK_MINUTES} phút; cần mở khóa sớm hơn, liên hệ quản trị viên."
    )


def local_next(request: HttpRequest) -> str:
    """The `next` address when it is a path of this site ("/so/..."), else the home page: never
    another host, scheme, protocol-relative "//host" or a backslash/control-character trick."""
    target = request.GET.get("next", "")
    plain = target.startswith("/") and not target.startswith(("//", "/\\"))
    if plain and not any(ch.isspace() or ch == "\\" or ord(ch) < 32 for ch in target) and \
            url_has_allowed_host_and_scheme(target, allowed_hosts=set(), require_https=request.is_secure()):
        return target
    return reverse("web:home")


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        account = do_log_in(username=form.cleaned_data["username"], password=form.cleaned_data["password"])
        if account is None:
            form.add_error(None, failure_message())
        else:
            login(request, account, backend=_BACKEND)
            return redirect(local_next(request))
    return render(request, "web/login.html", {"form": form})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("web:login")

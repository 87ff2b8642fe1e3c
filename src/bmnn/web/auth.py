"""Login with lockout after repeated failures; every login and lockout is logged."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bmnn.audit.journal import append_event
from bmnn.audit.models import EventKind
from bmnn.org.models import Account


class LoginForm(forms.Form):
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    password = forms.CharField(label="Mật khẩu", widget=forms.PasswordInput)


def _locked(account: Account | None) -> bool:
    return bool(account and account.locked_until and account.locked_until > timezone.now())


def _record_failure(account: Account | None) -> None:
    if account is None:
        return
    with transaction.atomic():
        account.failed_logins += 1
        if account.failed_logins >= settings.LOGIN_MAX_FAILURES:
            account.locked_until = timezone.now() + dt.timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
            account.failed_logins = 0
            append_event(kind=EventKind.LOGIN, action="lockout", actor=account, obj=account, changes={})
        account.save(update_fields=["failed_logins", "locked_until"])


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        account = Account.objects.filter(username=username).first()
        if _locked(account):
            form.add_error(None, "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Thử lại sau "
                           f"{settings.LOGIN_LOCK_MINUTES} phút hoặc liên hệ quản trị viên.")
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                _record_failure(account)
                form.add_error(None, "Tên đăng nhập hoặc mật khẩu không đúng.")
            else:
                assert isinstance(user, Account)
                with transaction.atomic():
                    user.failed_logins = 0
                    user.save(update_fields=["failed_logins"])
                    append_event(kind=EventKind.LOGIN, action="login", actor=user, obj=user, changes={})
                login(request, user)
                return redirect(request.GET.get("next") or "web:home")
    return render(request, "web/login.html", {"form": form})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("web:login")

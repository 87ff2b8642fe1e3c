"""Account administration: the administrator manages logins and reads no document content."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from bmnn.org.actions import do_create_account
from bmnn.org.models import Account, Person, Role
from bmnn.web.views.common import account_of, roles_required, run_action


class AccountForm(forms.Form):
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    password = forms.CharField(label="Mật khẩu ban đầu (ít nhất 10 ký tự)", min_length=10,
                               widget=forms.PasswordInput)
    person = forms.ModelChoiceField(label="Cán bộ", queryset=Person.objects.filter(account__isnull=True),
                                    required=False)
    roles = forms.MultipleChoiceField(label="Vai trò", choices=Role.choices,
                                      widget=forms.CheckboxSelectMultiple)

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        if Account.objects.filter(username=username).exists():
            raise forms.ValidationError("Tên đăng nhập đã có")
        return username


@roles_required("admin")
def account_list(request: HttpRequest) -> HttpResponse:
    accounts = Account.objects.select_related("person__unit").order_by("username")
    return render(request, "web/accounts.html", {"accounts": accounts})


@roles_required("admin")
def account_new(request: HttpRequest) -> HttpResponse:
    actor = account_of(request)

    def perform(data: dict[str, Any]) -> Account:
        return do_create_account(username=data["username"], password=data["password"],
                                 person=data["person"], roles=data["roles"], actor=actor)

    return run_action(request, AccountForm(request.POST or None), perform, title="Tạo tài khoản",
                      done="Đã tạo tài khoản.", next_url=lambda _: reverse("web:accounts"))

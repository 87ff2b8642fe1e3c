"""Account administration: the administrator manages logins and reads no document content.
Disabling, enabling and unlocking a login are buttons on the list, each one action."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from bmnn.law.errors import LawRefusal
from bmnn.org.actions import do_create_account, do_set_account_active, do_unlock_account, login_locked
from bmnn.org.models import Account, Person, Role
from bmnn.web.views.common import account_of, refusal_text, roles_required, run_action


class AccountForm(forms.Form):
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    password = forms.CharField(label="Mật khẩu ban đầu (ít nhất 10 ký tự)", min_length=10, max_length=4096,
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


@dataclass(frozen=True)
class AccountRow:
    account: Account
    locked: bool  # a run of wrong passwords locked it for now
    is_self: bool


# verb posted by a button -> (action, message when done)
_VERBS: dict[str, tuple[Callable[[Account, Account], Account], str]] = {
    "disable": (lambda a, actor: do_set_account_active(a, active=False, actor=actor),
                "Đã vô hiệu hóa tài khoản {}."),
    "enable": (lambda a, actor: do_set_account_active(a, active=True, actor=actor),
               "Đã kích hoạt lại tài khoản {}."),
    "unlock": (lambda a, actor: do_unlock_account(a, actor=actor), "Đã mở khóa đăng nhập cho tài khoản {}."),
}


def _rows(actor: Account) -> list[AccountRow]:
    accounts = Account.objects.select_related("person__unit").order_by("username")
    return [AccountRow(a, login_locked(a), a.pk == actor.pk) for a in accounts]


def _apply_verb(request: HttpRequest, actor: Account) -> str:
    """Run the posted verb on the posted account; the refusal text, or '' when it was done."""
    verb = _VERBS.get(request.POST.get("verb", ""))
    if verb is None:
        return "Thao tác không hợp lệ."
    account = get_object_or_404(Account, pk=request.POST.get("account") or 0)
    perform, done = verb
    try:
        perform(account, actor)
    except LawRefusal as refusal:
        return refusal_text(refusal)
    messages.success(request, done.format(account.username))
    return ""


@roles_required("admin")
def account_list(request: HttpRequest) -> HttpResponse:
    actor = account_of(request)
    refusal = ""
    if request.method == "POST":
        refusal = _apply_verb(request, actor)
        if not refusal:
            return redirect("web:accounts")
    return render(request, "web/accounts.html", {"rows": _rows(actor), "refusal": refusal})


@roles_required("admin")
def account_new(request: HttpRequest) -> HttpResponse:
    actor = account_of(request)

    def perform(data: dict[str, Any]) -> Account:
        return do_create_account(username=data["username"], password=data["password"],
                                 person=data["person"], roles=data["roles"], actor=actor)

    return run_action(request, AccountForm(request.POST or None), perform, title="Tạo tài khoản",
                      done="Đã tạo tài khoản.", next_url=lambda _: reverse("web:accounts"))

"""The rules in force, with their sources, and which are not yet confirmed; who may take each step."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bmnn.law.pack import Regime
from bmnn.registry.may import TABLE_ROLES, who_may_rows
from bmnn.registry.rules import pack_of


@login_required
def rules(request: HttpRequest) -> HttpResponse:
    packs = [pack_of(r.value) for r in Regime]
    return render(request, "web/rules.html", {
        "packs": packs, "roles": [r.label for r in TABLE_ROLES], "steps": who_may_rows()})

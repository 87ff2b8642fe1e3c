"""The rules in force, with their sources, and which are not yet confirmed; who may take each step."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bmnn.law.pack import Regime, Rule, RulePack
from bmnn.registry.may import TABLE_ROLES, who_may_rows
from bmnn.registry.rules import pack_of
from bmnn.web.rule_sentences import CITED_FOR, rule_sentence


@dataclass(frozen=True)
class PackView:
    pack: RulePack
    rules: list[tuple[str, Rule]]  # the sentence, the rule (source, confidence)
    citations: list[tuple[str, Rule]]


def _pack_view(pack: RulePack) -> PackView:
    said = [(rule_sentence(k, r.value, pack.authority_classes), r) for k, r in pack.rules.items()]
    cited = [s for s, (k, _) in zip(said, pack.rules.items(), strict=True) if k in CITED_FOR]
    return PackView(pack, [s for s in said if s not in cited], cited)


@login_required
def rules(request: HttpRequest) -> HttpResponse:
    packs = [_pack_view(pack_of(r.value)) for r in Regime]
    return render(request, "web/rules.html", {
        "packs": packs, "roles": [r.label for r in TABLE_ROLES], "steps": who_may_rows()})

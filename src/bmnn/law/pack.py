"""Rule packs: the law of one regime as data, each rule with its source and confidence.

A pack is loaded from the YAML shipped in `packs/`, optionally corrected by an administrator's
override file (same shape, only the rules being corrected). Overridden rules keep a note so the
UI can say the value is the administrator's, and the pack version records the override's hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


class Regime(StrEnum):
    R2018 = "2018"
    R2025 = "2025"

    @property
    def label(self) -> str:
        return {"2018": "Luật 2018 (29/2018/QH14)", "2025": "Luật 2025 (117/2025/QH15)"}[self.value]


class Confidence(StrEnum):
    CONFIRMED = "confirmed"
    PARTIAL = "partial"
    NOT_CONFIRMED = "not_confirmed"
    INFERENCE = "inference"

    @property
    def label(self) -> str:
        return {
            "confirmed": "đã xác nhận",
            "partial": "xác nhận một phần",
            "not_confirmed": "chưa xác nhận",
            "inference": "suy luận",
        }[self.value]


REGIME_2025_FROM = dt.date(2026, 3, 1)


def regime_for(day: dt.date) -> Regime:
    """The regime in force on a day: Law 117/2025 from 01/3/2026, Law 29/2018 before."""
    return Regime.R2025 if day >= REGIME_2025_FROM else Regime.R2018


@dataclass(frozen=True)
class Rule:
    key: str
    value: Any
    source: str
    confidence: Confidence
    note: str = ""
    overridden: bool = False

    @property
    def confirmed(self) -> bool:
        return self.confidence == Confidence.CONFIRMED


@dataclass(frozen=True)
class RegisterColumn:
    id: str
    title: str


@dataclass(frozen=True)
class RegisterLayout:
    kind: str
    form: str
    title: str
    confidence: Confidence
    columns: tuple[RegisterColumn, ...]


@dataclass(frozen=True)
class RulePack:
    regime: Regime
    version: str
    title: str
    law_short: str
    rules: dict[str, Rule]
    registers: dict[str, RegisterLayout]
    authority_classes: dict[str, str] = field(default_factory=dict)

    def rule(self, key: str) -> Rule:
        return self.rules[key]

    def value(self, key: str) -> Any:
        return self.rules[key].value

    def cite(self, topic: str) -> tuple[str, Confidence]:
        """The provision for a procedure under this regime, and how sure we are of it."""
        rule = self.rules[f"cite_{topic}"]
        return str(rule.value), rule.confidence

    def article(self, where: str) -> tuple[str, Confidence]:
        """`where` ("Điều 13", "Khoản 1 Điều 22") in this regime's law, and how sure we are that
        the article carries that number in it (the 2025 law's numbering is not confirmed)."""
        numbering = self.rules["article_numbering"]
        text = f"{where} {self.law_short}"
        if numbering.value != "own":
            text += " (số điều theo Luật 2018, chưa xác nhận)"
        return text, numbering.confidence

    def unconfirmed(self) -> list[Rule]:
        return [r for r in self.rules.values() if not r.confirmed]


def _read_yaml(name: str) -> dict[str, Any]:
    text = resources.files("bmnn.law.packs").joinpath(f"r{name}.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _rule(key: str, raw: dict[str, Any], *, inherited_by: str = "") -> Rule:
    """A rule as the pack states it; one inherited from an earlier regime keeps its old source
    but says plainly that the new law's provision is not confirmed (a 2025 refusal never cites
    the 2018 article as if it were the law in force) — unless it is `regime_neutral`: bmnn's own
    requirement or another law (cybersecurity) that the change of regime does not touch."""
    confidence = Confidence(raw.get("confidence", "not_confirmed"))
    note = str(raw.get("note", ""))
    source = str(raw["source"])
    if inherited_by and not raw.get("regime_neutral"):
        confidence = Confidence.NOT_CONFIRMED
        note = (note + " " if note else "") + "Kế thừa từ quy định trước, chưa xác nhận theo luật mới."
        source = f"{source}; điều khoản tương ứng của {inherited_by} chưa được xác nhận"
        if key.startswith("cite_"):
            return Rule(key, f"{raw['value']} (điều khoản tương ứng của {inherited_by} chưa được xác nhận)",
                        source, confidence, note)
    return Rule(key, raw["value"], source, confidence, note)


def _layout(kind: str, raw: dict[str, Any]) -> RegisterLayout:
    columns = tuple(RegisterColumn(c["id"], c["title"]) for c in raw["columns"])
    return RegisterLayout(kind, raw["form"], raw["title"], Confidence(raw["confidence"]), columns)


def _merge(regime: Regime) -> tuple[dict[str, Any], dict[str, Rule], dict[str, RegisterLayout]]:
    data = _read_yaml(regime.value)
    rules: dict[str, Rule] = {}
    layouts: dict[str, RegisterLayout] = {}
    parent = data.get("inherits")
    if parent:
        base = _read_yaml(parent)
        rules = {k: _rule(k, v, inherited_by=str(data["law_short"])) for k, v in base["rules"].items()}
        layouts = {k: _layout(k, v) for k, v in base["registers"].items()}
        data.setdefault("authority_classes", base.get("authority_classes", {}))
    rules.update({k: _rule(k, v) for k, v in data.get("rules", {}).items()})
    layouts.update({k: _layout(k, v) for k, v in data.get("registers", {}).items()})
    return data, rules, layouts


def _apply_overrides(rules: dict[str, Rule], path: Path) -> str:
    raw = path.read_bytes()
    data = yaml.safe_load(raw) or {}
    for key, override in (data.get("rules") or {}).items():
        if key not in rules:
            raise ValueError(f"Tệp sửa quy định {path}: không có quy định '{key}'")
        old = rules[key]
        rules[key] = Rule(
            key,
            override["value"],
            str(override.get("source", old.source)),
            Confidence(override.get("confidence", old.confidence)),
            str(override.get("note", "Giá trị do quản trị viên điều chỉnh.")),
            overridden=True,
        )
    return hashlib.sha256(raw).hexdigest()[:8]


@cache
def load_pack(regime: Regime, overrides_dir: Path | None = None) -> RulePack:
    """Load a regime's pack, applying `<overrides_dir>/r<regime>.yaml` when present."""
    data, rules, layouts = _merge(regime)
    version = str(data["version"])
    if overrides_dir is not None:
        override_file = overrides_dir / f"r{regime.value}.yaml"
        if override_file.exists():
            version = f"{version}+{_apply_overrides(rules, override_file)}"
    return RulePack(
        regime=regime,
        version=version,
        title=str(data["title"]),
        law_short=str(data["law_short"]),
        rules=rules,
        registers=layouts,
        authority_classes=dict(data.get("authority_classes", {})),
    )

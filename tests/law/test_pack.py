"""Rule packs load, carry sources, and say what is unconfirmed (LAW.md §9)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bmnn.law.pack import Confidence, Regime, load_pack, regime_for


def test_regime_changes_on_1_march_2026() -> None:
    # Law 117/2025/QH15 in force from 01/3/2026 (LAW.md §0).
    assert regime_for(dt.date(2026, 2, 28)) == Regime.R2018
    assert regime_for(dt.date(2026, 3, 1)) == Regime.R2025


@pytest.mark.parametrize("regime", list(Regime))
def test_every_rule_has_a_source_and_confidence(regime: Regime) -> None:
    pack = load_pack(regime)
    assert pack.rules
    for rule in pack.rules.values():
        assert rule.source.strip(), rule.key
        assert isinstance(rule.confidence, Confidence)
    assert set(pack.registers) == {"outgoing", "incoming", "copies", "transfers"}


def test_2025_pack_marks_inherited_periods_unconfirmed() -> None:
    # LAW.md §4.1: periods under the 2025 law are not confirmed; the 2018 values are inherited.
    rule = load_pack(Regime.R2025).rule("protection_period_years")
    assert rule.value == {"tuyet_mat": 30, "toi_mat": 20, "mat": 10}
    assert rule.confidence == Confidence.NOT_CONFIRMED
    assert load_pack(Regime.R2018).rule("protection_period_years").confidence == Confidence.CONFIRMED


def test_decree_63_outgoing_register_has_ten_columns() -> None:
    # LAW.md §8: Appendix III of Decree 63/2026, 10 columns, column 1 the sequence number.
    layout = load_pack(Regime.R2025).registers["outgoing"]
    assert len(layout.columns) == 10
    assert layout.columns[0].id == "number"


def test_administrator_override_changes_value_and_version(tmp_path: Path) -> None:
    (tmp_path / "r2018.yaml").write_text(
        "rules:\n  copy_authority:\n    value: {tuyet_mat: [minister], toi_mat: [], mat: [x]}\n"
        "    source: 'Văn bản gốc Luật 29/2018'\n    confidence: confirmed\n",
        encoding="utf-8",
    )
    pack = load_pack(Regime.R2018, tmp_path)
    rule = pack.rule("copy_authority")
    assert rule.overridden and rule.value["mat"] == ["x"]
    assert pack.version.startswith("2018.1+")


def test_override_of_unknown_rule_is_refused(tmp_path: Path) -> None:
    (tmp_path / "r2018.yaml").write_text("rules:\n  no_such_rule: {value: 1}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no_such_rule"):
        load_pack(Regime.R2018, tmp_path)


def test_2025_refusals_never_cite_the_2018_law_as_in_force() -> None:
    """Issue 9, item 10: a rule inherited from the 2018 pack says the 2025 provision is not
    confirmed; an article cited under the 2025 law says its numbering is not confirmed."""
    from bmnn.law.pack import Confidence

    p25 = load_pack(Regime.R2025)
    inherited = p25.rule("level_is_highest_of_basis")
    assert "Luật Bảo vệ BMNN 2025 chưa được xác nhận" in inherited.source
    assert inherited.confidence == Confidence.NOT_CONFIRMED
    text, sure = p25.article("Điều 13")
    assert text.startswith("Điều 13 Luật Bảo vệ BMNN 2025") and "chưa xác nhận" in text
    assert sure == Confidence.NOT_CONFIRMED
    p18 = load_pack(Regime.R2018)
    assert p18.article("Điều 13") == ("Điều 13 Luật Bảo vệ BMNN 2018", Confidence.CONFIRMED)
    for key in ("classify_authority", "classification_basis_required"):
        assert "Điều 10" in p25.rule(key).source  # the deputy and basis refusals name an article

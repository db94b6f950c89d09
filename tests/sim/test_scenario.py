"""The scenario: packaged defaults, user files over them, clear refusals."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from troth.domain.errors import InvalidInput
from troth.sim.scenario import default_scenario, load_scenario

DOCS = Path(__file__).resolve().parents[2] / "docs" / "simulator.md"


def test_the_default_scenario_loads_with_the_customary_eight_visits() -> None:
    s = default_scenario()
    assert s.courtship.customary_visits == 8
    assert s.courtship.majority_age == 18
    shares = s.presentation
    assert abs(shares.alpha_share + shares.beta_share + shares.omega_share - 1) < 1e-12


def test_a_user_file_changes_only_the_keys_it_names(tmp_path: Path) -> None:
    f = tmp_path / "four.toml"
    f.write_text("[courtship]\ncustomary_visits = 4\n")
    s = load_scenario(f)
    assert s.courtship.customary_visits == 4
    assert s.courtship.waiver_min_visits == default_scenario().courtship.waiver_min_visits
    assert s.heats == default_scenario().heats


@pytest.mark.parametrize(("text", "words"), [
    ("[courtship]\nvisits = 4\n", "unknown key 'visits'"),
    ("[dating]\nx = 1\n", "unknown scenario section [dating]"),
    ("[presentation]\nomega_share = 0.5\n", "must add up to 1"),
    ("[courtship]\ncustomary_visits = 'eight'\n", "must be a int"),
    ("[courtship]\nwaiver_rate = 1.5\n", "waiver_rate must be in [0, 1]"),
    ("[courtship\n", "not valid TOML"),
])
def test_a_bad_scenario_file_is_refused_with_a_message_naming_the_key(
        tmp_path: Path, text: str, words: str) -> None:
    f = tmp_path / "bad.toml"
    f.write_text(text)
    with pytest.raises(InvalidInput) as caught:
        load_scenario(f)
    assert words in caught.value.message


def test_a_missing_scenario_file_is_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        load_scenario(tmp_path / "nope.toml")


def test_every_scenario_key_is_documented_in_the_simulator_guide() -> None:
    text = DOCS.read_text()
    s = default_scenario()
    for section in dataclasses.fields(s):
        assert f"[{section.name}]" in text, section.name
        for f in dataclasses.fields(getattr(s, section.name)):
            assert f"`{f.name}`" in text, f"{section.name}.{f.name}"

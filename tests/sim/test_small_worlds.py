"""Hand-built populations whose histories are known in advance."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from troth.sim import Founder, RunSpec, simulate
from troth.sim.check import load, violations
from troth.sim.scenario import Scenario, default_scenario

LONG = 10**6  # a death day far beyond any test's horizon


def _world(changes: dict[str, dict[str, Any]]) -> Scenario:
    base: dict[str, dict[str, Any]] = {
        "simulation": {"districts": 1},
        "courtship": {"consent_base": 1.0, "consent_slope": 0.0, "withdraw_base": 0.0,
                      "miss_probability": 0.0, "waiver_rate": 0.0, "seek_per_week": 1.0,
                      "bonding_decline_probability": 0.0},
        "marriage": {"seek_per_week": 0.0},
        "annulment": {"petition_no_heats": 0.0, "other_rate_per_year": 0.0},
    }
    for section, values in changes.items():
        base.setdefault(section, {}).update(values)
    return default_scenario().with_changes(base)


def _run(tmp_path: Path, founders: list[Founder], years: float, s: Scenario) -> Path:
    simulate(RunSpec(len(founders), years, 3, s, tuple(founders)), tmp_path)
    assert violations(tmp_path, s) == []
    return tmp_path


def test_an_adult_alpha_and_omega_are_introduced_court_eight_visits_and_bond(
        tmp_path: Path) -> None:
    out = _run(tmp_path, [Founder(25, "alpha", LONG), Founder(22, "omega", LONG)], 1.0,
               _world({}))
    intro, bonded = load(out, "introduction_proposed"), load(out, "bonded")
    assert intro["alpha_id"].tolist() == [0] and intro["omega_id"].tolist() == [1]
    assert intro["date"][0] == load(out, "registered")["date"][0] + 7  # first exchange day
    assert bonded["alpha_id"].tolist() == [0] and bonded["visits_held"].tolist() == [8]
    assert load(out, "visit_held")["courtship_id"].size == 8
    assert load(out, "omega_consented")["stage"].tolist() == ["courtship", "bonding"]
    assert load(out, "guardian_appointed")["ward_id"].size == 0


def test_an_orphaned_omega_is_placed_with_a_beta_guardian_until_she_bonds(
        tmp_path: Path) -> None:
    founders = [Founder(25, "alpha", LONG), Founder(22, "omega", LONG, orphaned=True),
                Founder(45, "beta", LONG)]
    out = _run(tmp_path, founders, 1.0, _world({"guardianship": {"pool_share": 1.0}}))
    appointed, ended = load(out, "guardian_appointed"), load(out, "guardian_ended")
    bonded = load(out, "bonded")
    assert appointed["ward_id"].tolist() == [1] and appointed["guardian_id"].tolist() == [2]
    assert appointed["reason"].tolist() == ["orphaned"]
    assert ended["reason"].tolist() == ["bonded"]
    assert ended["date"].tolist() == bonded["date"].tolist()
    assert load(out, "introduction_proposed")["sponsor_id"].tolist() == [2]


def test_an_orphaned_omega_gets_no_guardian_when_no_beta_is_registered(
        tmp_path: Path) -> None:
    founders = [Founder(22, "omega", LONG, orphaned=True), Founder(45, "beta", LONG)]
    out = _run(tmp_path, founders, 0.5, _world({"guardianship": {"pool_share": 0.0}}))
    assert load(out, "guardian_appointed")["ward_id"].size == 0


def test_a_town_of_alphas_and_betas_records_no_heat_and_no_bond(tmp_path: Path) -> None:
    founders = [Founder(20 + i, "alpha" if i % 2 else "beta", LONG) for i in range(10)]
    out = _run(tmp_path, founders, 2.0, _world({}))
    assert load(out, "heat_recorded")["person_id"].size == 0
    assert load(out, "bonded")["bond_id"].size == 0


def test_an_omega_under_the_age_of_majority_is_introduced_only_once_she_is_an_adult(
        tmp_path: Path) -> None:
    founders = [Founder(30, "alpha", LONG), Founder(17.5, "omega", LONG)]
    out = _run(tmp_path, founders, 1.5, _world({}))
    intro = load(out, "introduction_proposed")
    born = load(out, "registered")["born_on"][1]
    assert intro["omega_id"].tolist() == [1]
    assert (intro["date"][0] - born) / 365.2425 >= 18


def test_a_bonded_omega_with_heats_has_them_settle_to_the_regular_interval(
        tmp_path: Path) -> None:
    s = _world({"heats": {"never_share": 0.0, "delayed_share": 0.0, "regular_sd_days": 0.0},
                "pregnancy": {"conceive_per_heat": 0.0}})
    out = _run(tmp_path, [Founder(25, "alpha", LONG), Founder(22, "omega", LONG)], 3.0, s)
    bond_day = load(out, "bonded")["date"][0]
    heats = load(out, "heat_recorded")["date"]
    after = heats[heats > bond_day]
    assert s.heats.stabilise_min_days <= after[0] - bond_day <= s.heats.stabilise_max_days
    assert np.all(np.diff(after) == round(s.heats.regular_mean_days))

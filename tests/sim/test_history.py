"""A simulated town's history: registry rules hold, and observed rates match the scenario."""

from __future__ import annotations

import numpy as np

from tests.sim.conftest import TOWN_YEARS
from troth.sim import Summary, default_scenario
from troth.sim.check import load, violations
from troth.sim.demography import survival


def test_the_simulated_history_breaks_no_registry_rule(town: Summary) -> None:
    assert violations(town.out_dir, default_scenario()) == []


def test_the_history_has_every_kind_of_fact_the_registry_records(town: Summary) -> None:
    counts = {kind: info["rows"] for kind, info in town.manifest["kinds"].items()}
    rare = {"annulment_petitioned", "annulment_decided", "waiver_granted", "incident_recorded"}
    assert all(counts[k] > 0 for k in counts if k not in rare), counts
    assert sum(counts[k] for k in rare) > 0


def test_observed_designation_shares_match_the_scenario(town: Summary) -> None:
    reg = load(town.out_dir, "registered")
    shown = reg["designation"][reg["designation"] != ""]
    shares = default_scenario().presentation
    for name, want in (("alpha", shares.alpha_share), ("beta", shares.beta_share),
                       ("omega", shares.omega_share)):
        got = np.mean(shown == name)
        assert abs(got - want) < 4 * np.sqrt(want * (1 - want) / shown.size), name


def test_founders_die_at_the_rate_the_mortality_model_predicts(town: Summary) -> None:
    reg, died = load(town.out_dir, "registered"), load(town.out_dir, "died")
    start = reg["date"][0]
    age = (start - reg["born_on"]) / 365.2425
    m = default_scenario().mortality
    p_die = 1 - survival(m, age + TOWN_YEARS) / survival(m, age)
    observed = np.isin(reg["person_id"], died["person_id"]).sum()
    assert abs(observed - p_die.sum()) < 4 * np.sqrt((p_die * (1 - p_die)).sum())


def test_omegas_decline_introductions_at_the_rate_their_attraction_predicts(
        town: Summary) -> None:
    c = default_scenario().courtship
    intro, declined = load(town.out_dir, "introduction_proposed"), load(
        town.out_dir, "omega_declined")
    p_yes = np.clip(c.consent_base + c.consent_slope * intro["omega_attraction"], 0, 1)
    observed = np.sum(declined["stage"] == "courtship")
    expected = np.sum(1 - p_yes)
    assert abs(observed - expected) < 4 * np.sqrt(np.sum(p_yes * (1 - p_yes))) + 2


def test_bonded_omegas_heats_settle_at_the_scenarios_interval(town: Summary) -> None:
    h = default_scenario().heats
    heats, bonded = load(town.out_dir, "heat_recorded"), load(town.out_dir, "bonded")
    gaps: list[np.ndarray] = []
    for omega, bond_day in zip(bonded["omega_id"].tolist(), bonded["date"].tolist(),
                               strict=True):
        days = heats["date"][(heats["person_id"] == omega) & (heats["date"] > bond_day)]
        gaps.append(np.diff(days))
    regular = np.concatenate(gaps)
    regular = regular[regular < 150]  # drop the gaps that span a pregnancy
    assert regular.size > 100
    assert abs(regular.mean() - h.regular_mean_days) < 1.0
    assert abs(regular.std() - h.regular_sd_days) < 1.5


def test_unbonded_omegas_heats_are_irregular(town: Summary) -> None:
    heats, bonded = load(town.out_dir, "heat_recorded"), load(town.out_dir, "bonded")
    single = heats["person_id"][~np.isin(heats["person_id"], bonded["omega_id"])]
    dates = heats["date"][~np.isin(heats["person_id"], bonded["omega_id"])]
    order = np.lexsort((dates, single))
    same = single[order][1:] == single[order][:-1]
    gaps = np.diff(dates[order])[same]
    h = default_scenario().heats
    assert abs(np.median(gaps) - h.irregular_median_days) < 5
    assert np.std(np.log(gaps[gaps > 20])) > 0.3


def test_only_the_customary_or_waived_courtships_end_in_a_bond(town: Summary) -> None:
    bonded, waiver = load(town.out_dir, "bonded"), load(town.out_dir, "waiver_granted")
    customary = default_scenario().courtship.customary_visits
    waived = np.isin(bonded["bond_id"], waiver["courtship_id"])
    assert np.all(bonded["visits_held"][~waived] == customary)
    assert np.all(bonded["visits_held"][waived] < customary)
    assert np.array_equal(bonded["waived"].astype(bool), waived)

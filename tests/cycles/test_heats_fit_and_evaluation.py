"""Learning priors from a cohort, and the backtest's scoring."""

from __future__ import annotations

import numpy as np
import pytest

from troth.cycles import CohortSpec, default_priors, fit_priors, generate_cohort
from troth.cycles.evaluation import BASELINES, crps, evaluate_person, metrics


@pytest.mark.slow
def test_fitting_a_generated_cohort_recovers_its_true_population_parameters() -> None:
    spec = CohortSpec(persons=90)
    p = fit_priors([x.history for x in generate_cohort(spec, 21)], iterations=3)
    assert abs(p.unbonded.mean - spec.unbonded[0]) < 4
    assert abs(p.bonded.mean - spec.bonded[0]) < 1.5
    assert abs(p.bonded.mean_spread - spec.bonded[1]) < 1.5
    assert abs(np.exp(p.bonded.log_sd) - spec.bonded[2]) < 0.8
    assert abs(p.missed_a / (p.missed_a + p.missed_b) - spec.missed_max / 2) < 0.04
    tm = spec.transition[0]
    assert abs(np.exp(p.transition.log_mean + p.transition.log_sd**2 / 2) - tm) < 8


def test_the_shipped_priors_name_the_command_that_learnt_them() -> None:
    assert default_priors().learnt_by.startswith("python -m troth.cycles.fit")


def test_crps_of_a_certain_forecast_is_its_absolute_error() -> None:
    pmf = np.zeros(50)
    pmf[40] = 1.0
    assert crps(pmf, 43) == 3.0 and crps(pmf, 40) == 0.0 and crps(pmf, 60) == 20.0


def test_crps_rewards_a_forecast_centred_on_the_outcome() -> None:
    days = np.arange(80)
    centred = np.exp(-0.5 * ((days - 40) / 3) ** 2)
    shifted = np.exp(-0.5 * ((days - 46) / 3) ** 2)
    assert crps(centred / centred.sum(), 40) < crps(shifted / shifted.sum(), 40)


def test_the_backtest_scores_the_model_the_truth_and_every_baseline() -> None:
    person = next(p for p in generate_cohort(CohortSpec(persons=12), 4)
                  if p.history.bond_date and len(p.history.heats) > 15)
    rows = evaluate_person(person, default_priors())
    methods = {o.method for row in rows for o in row}
    assert {"model", "true distribution", *BASELINES} <= methods
    model = metrics([o for row in rows for o in row if o.method == "model"])
    assert 0.0 <= model["cov80"] <= 1.0 and model["w50"] <= model["w80"]
    assert model["MAE"] >= 0 and model["RMSE"] >= model["MAE"]

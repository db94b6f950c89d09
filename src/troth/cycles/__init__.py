"""Heat forecasting: a small per-person Bayesian model with population priors per regime.

Pure NumPy/SciPy on plain dataclasses — no registry, no clock (`today` is passed in).
See docs/heats.md for the model and its numbers.
"""

from troth.cycles.chart import render_chart
from troth.cycles.cohort import CohortSpec, GeneratedPerson, example_history, generate_cohort
from troth.cycles.fit import fit_priors
from troth.cycles.forecast import forecast, predict, predict_series
from troth.cycles.priors import (
    CyclePrior,
    Priors,
    Regime,
    TransitionPrior,
    default_priors,
    load_priors,
)
from troth.cycles.records import HeatRecord, History, NoHeatsFinding, load_history, parse_history
from troth.cycles.result import Forecast, ForecastState, GapNote

__all__ = [
    "CohortSpec",
    "CyclePrior",
    "Forecast",
    "ForecastState",
    "GapNote",
    "GeneratedPerson",
    "HeatRecord",
    "History",
    "NoHeatsFinding",
    "Priors",
    "Regime",
    "TransitionPrior",
    "default_priors",
    "example_history",
    "fit_priors",
    "forecast",
    "generate_cohort",
    "load_history",
    "load_priors",
    "parse_history",
    "predict",
    "predict_series",
    "render_chart",
]

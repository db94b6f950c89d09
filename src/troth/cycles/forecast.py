"""The forecast: regime, anchor and explicit states around the per-person Bayesian model."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from troth.cycles.posterior import cycle_posterior
from troth.cycles.predictive import Draws, Predictive, draws_from_posterior, next_heat
from troth.cycles.priors import Priors, Regime, default_priors
from troth.cycles.records import HeatRecord, History
from troth.cycles.result import Forecast, ForecastState, GapNote, summarise
from troth.domain.errors import InvalidInput

__all__ = ["forecast", "predict", "predict_series"]

FloatArray = NDArray[np.float64]
MIN_UNBONDED_HEATS = 2


@dataclass(frozen=True)
class _Plan:
    regime: Regime
    anchor: date
    intervals: FloatArray
    pairs: tuple[tuple[date, date], ...]
    earlier: FloatArray  # the other regime's intervals (inform the missed-record rate)
    heats_used: int


def _intervals(heats: list[HeatRecord]) -> tuple[FloatArray, tuple[tuple[date, date], ...]]:
    """Intervals between consecutive heats; any touching an excluded heat is left out."""
    pairs = tuple((a.start, b.start) for a, b in itertools.pairwise(heats)
                  if not (a.excluded or b.excluded))
    return np.array([(b - a).days for a, b in pairs], dtype=np.float64), pairs


def _state(history: History, today: date, priors: Priors) -> Forecast | None:
    """The explicit states that come before any numbers, or None to go on and forecast."""
    heats = history.heats
    if history.pregnant_since is not None and history.pregnant_since <= today:
        return Forecast(ForecastState.PAUSED, "Forecasting is paused: a pregnancy is recorded"
                        f" since {history.pregnant_since:%d %B %Y}.", today)
    f = history.finding
    if f is not None and f.recorded_on <= today and not any(h.start > f.recorded_on
                                                             for h in heats):
        return Forecast(ForecastState.NONE_EXPECTED, "No heats are expected: a physician's"
                        f" finding of {f.recorded_on:%d %B %Y} ({f.reason}). No forecast is made;"
                        " a new heat record supersedes the finding.", today)
    bonded = history.bond_date is not None
    if bonded or len(heats) >= MIN_UNBONDED_HEATS:
        return None
    if not heats:
        since = None if history.presented_on is None else (today - history.presented_on).days
        if since is not None and since < priors.onset_window_days:
            return Forecast(ForecastState.NO_HEAT_EXPECTED_YET, "No heat expected yet: no heat"
                            f" is recorded and presentation was {since} days ago.", today)
        return Forecast(ForecastState.NOT_ENOUGH_HISTORY, "Not enough history: no heat is"
                        " recorded; a forecast needs two recorded heats or a bond date.", today)
    return Forecast(ForecastState.NOT_ENOUGH_HISTORY, "Not enough history: one heat is recorded;"
                    " before bonding heats are irregular and a forecast needs at least two.",
                    today, regime=Regime.UNBONDED, anchor=heats[-1].start, heats_used=1)


def _plan(history: History) -> _Plan:
    bond = history.bond_date
    before = [h for h in history.heats if bond is None or h.start < bond]
    after = [h for h in history.heats if bond is not None and h.start >= bond]
    x_before, pairs_before = _intervals(before)
    if bond is None:
        return _Plan(Regime.UNBONDED, before[-1].start, x_before, pairs_before,
                     np.zeros(0), len(before))
    if not after:
        return _Plan(Regime.TRANSITION, bond, np.zeros(0), (), x_before, 0)
    x_after, pairs_after = _intervals(after)
    return _Plan(Regime.BONDED, after[-1].start, x_after, pairs_after, x_before, len(after))


@functools.lru_cache(maxsize=256)
def _earlier_evidence(intervals: tuple[float, ...], priors: Priors) -> FloatArray:
    """What the record before bonding says about the missed-record rate (log, per M_GRID)."""
    log_m = np.log(priors.missed_weights())
    return cycle_posterior(np.array(intervals), priors.unbonded, log_m).log_evidence_m


def _draws(plan: _Plan, priors: Priors, rng: np.random.Generator, n: int) -> tuple[Draws, float,
                                                                                    FloatArray]:
    log_m = np.log(priors.missed_weights())
    if plan.earlier.size:
        log_m = log_m + _earlier_evidence(tuple(plan.earlier.tolist()), priors)
    post = cycle_posterior(plan.intervals, priors.cycle(plan.regime), log_m)
    draws = draws_from_posterior(post, rng, n)
    if plan.regime is Regime.TRANSITION:
        t = priors.transition
        first = np.exp(t.log_mean + t.log_sd * rng.standard_normal(n))
        draws = Draws(first=first, mu=draws.mu, sigma=draws.sigma, m=draws.m)
    return draws, post.mean_interval(), post.gap_missed


def predict_series(history: History, todays: Sequence[date], priors: Priors | None = None, *,
                   n_draws: int = 8000, seed: int = 0) -> list[tuple[Forecast, Predictive | None]]:
    """Forecasts at several dates with the same record (no heat recorded between them).

    The posterior is computed once; each date conditions it on its own elapsed days.
    """
    priors = priors or default_priors()
    if not todays:
        return []
    _check(history, min(todays))
    plan: _Plan | None = None
    out: list[tuple[Forecast, Predictive | None]] = []
    for today in todays:
        state = _state(history, today, priors)
        if state is not None:
            out.append((state, None))
            continue
        if plan is None:
            plan = _plan(history)
            draws, typical, gap_missed = _draws(plan, priors, np.random.default_rng(seed), n_draws)
        elapsed = (today - plan.anchor).days
        pred = next_heat(draws, elapsed, np.random.default_rng([seed, elapsed]))
        if pred.evidence < priors.silence_threshold:
            out.append((_silence(plan, today, pred), pred))
            continue
        recent = plan.pairs[len(plan.pairs) - gap_missed.size:]
        notes = tuple(GapNote(a, b, round(float(p), 3))
                      for (a, b), p in zip(recent, gap_missed, strict=True) if p >= 0.5)
        out.append((summarise(plan.regime, plan.anchor, today, pred, typical, plan.heats_used,
                              notes), pred))
    return out


def predict(history: History, today: date, priors: Priors | None = None, *,
            n_draws: int = 8000, seed: int = 0) -> tuple[Forecast, Predictive | None]:
    """The forecast and, when there is one, the weighted predictive samples behind it."""
    return predict_series(history, [today], priors, n_draws=n_draws, seed=seed)[0]


def forecast(history: History, today: date, priors: Priors | None = None, *,
             n_draws: int = 8000, seed: int = 0) -> Forecast:
    """Forecast the next heat after `today` from a person's history (see docs/heats.md)."""
    return predict(history, today, priors, n_draws=n_draws, seed=seed)[0]


def _check(history: History, today: date) -> None:
    if history.heats and history.heats[-1].start > today:
        raise InvalidInput(f"a heat is recorded on {history.heats[-1].start}, after the forecast"
                           f" date {today}", rule="heat_dates")
    if history.bond_date is not None and history.bond_date > today:
        raise InvalidInput(f"the bond date {history.bond_date} is after the forecast date {today}",
                           rule="heat_dates")


def _silence(plan: _Plan, today: date, pred: Predictive) -> Forecast:
    since = "the bond" if plan.regime is Regime.TRANSITION else "the last recorded heat"
    days = (today - plan.anchor).days
    return Forecast(
        ForecastState.LONG_SILENCE,
        f"No heat recorded for {days} days since {since} ({plan.anchor:%d %B %Y}). Even allowing"
        " for one or two unrecorded heats this is unusual for this history (probability about"
        f" {pred.evidence:.1%}), so no date is forecast: heats may have paused. A physician's"
        " view may help.", today, regime=plan.regime, anchor=plan.anchor,
        heats_used=plan.heats_used)


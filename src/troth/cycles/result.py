"""What a forecast says: its state, dates, probabilities and plain-words confidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

import numpy as np

from troth.cycles.predictive import Predictive
from troth.cycles.priors import Regime

__all__ = ["DAILY_DAYS", "Forecast", "ForecastState", "GapNote", "summarise"]

DAILY_DAYS = 180


class ForecastState(StrEnum):
    FORECAST = "forecast"
    NO_HEAT_EXPECTED_YET = "no_heat_expected_yet"
    NOT_ENOUGH_HISTORY = "not_enough_history"
    NONE_EXPECTED = "none_expected"  # a physician's finding that no heats are expected
    PAUSED = "paused"  # a pregnancy is recorded and open
    LONG_SILENCE = "long_silence"  # longer without a heat than the model can explain


@dataclass(frozen=True)
class GapNote:
    """A gap in the record that probably hides an unrecorded heat."""

    after: date
    before: date
    probability: float


@dataclass(frozen=True)
class Forecast:
    state: ForecastState
    message: str
    today: date
    regime: Regime | None = None
    anchor: date | None = None  # last heat start, or the bond date in transition
    most_likely: date | None = None
    median: date | None = None
    interval_50: tuple[date, date] | None = None
    interval_80: tuple[date, date] | None = None
    p_within_7: float | None = None
    p_within_30: float | None = None
    p_missed_since_anchor: float | None = None  # a heat since the anchor went unrecorded
    confidence: str = ""
    typical_interval: float | None = None  # days, this person's current regime
    heats_used: int = 0
    possible_missed: tuple[GapNote, ...] = ()
    daily: tuple[float, ...] = ()  # P(the next heat starts on today + 1 + i)

    def probability_within(self, days: int) -> float:
        """P(the next heat starts within `days` days after today); 0 without a forecast."""
        return min(1.0, float(sum(self.daily[: max(days, 0)])))  # daily values are rounded


def _on(anchor: date, offset: float) -> date:
    return anchor + timedelta(days=int(offset))


def _interval(anchor: date, pred: Predictive, lo_q: float, hi_q: float) -> tuple[date, date]:
    """Whole days whose span best matches the continuous quantiles (day d covers [d, d+1))."""
    lo = round(pred.quantile(lo_q))
    hi = max(round(pred.quantile(hi_q)) - 1, lo)
    return _on(anchor, lo), _on(anchor, hi)


def _confidence(regime: Regime, width80: int, heats: int, p_missed: float) -> str:
    level = "high" if width80 <= 7 else "moderate" if width80 <= 14 else "low"
    where = "before bonding" if regime is Regime.UNBONDED else "since bonding"
    if regime is Regime.TRANSITION:
        why = "the first heat after bonding varies widely between people, so this rests on"
        why += " population patterns only"
    elif heats < 4:
        why = f"only {heats} heat{'s' if heats != 1 else ''} recorded {where}, so this leans on"
        why += " population patterns"
    else:
        why = f"{heats} heats recorded {where}"
    text = (f"{level.capitalize()} confidence: 80% of the probability lies within a"
            f" {width80}-day window ({why}).")
    if p_missed >= 0.5:
        text += " A heat has probably gone unrecorded since the last record."
    return text


def _message(most: date, i50: tuple[date, date], i80: tuple[date, date]) -> str:
    between = f"80% likely between {i80[0]:%d %B} and {i80[1]:%d %B %Y}"
    if i50[0] <= most <= i50[1]:
        return f"Next heat most likely around {most:%d %B %Y}; {between}."
    # a late heat and an unrecorded one compete: the single likeliest day misleads
    return (f"Next heat {between}, most likely between {i50[0]:%d %B} and {i50[1]:%d %B};"
            f" the chance is spread out (the single likeliest day is {most:%d %B}).")


def summarise(regime: Regime, anchor: date, today: date, pred: Predictive, typical: float,
              heats: int, notes: tuple[GapNote, ...]) -> Forecast:
    """Turn weighted predictive samples into the forecast a person reads."""
    e = pred.elapsed
    pmf = pred.day_pmf()
    daily = np.zeros(DAILY_DAYS)
    window = pmf[e + 1: e + 1 + DAILY_DAYS]
    daily[: window.size] = window
    i80 = _interval(anchor, pred, 0.1, 0.9)
    most = _on(anchor, int(np.argmax(pmf)))
    p_missed = pred.p_missed()
    width = (i80[1] - i80[0]).days + 1
    i50 = _interval(anchor, pred, 0.25, 0.75)
    return Forecast(
        ForecastState.FORECAST, _message(most, i50, i80),
        today, regime=regime, anchor=anchor, most_likely=most,
        median=_on(anchor, pred.quantile(0.5)), interval_50=i50,
        interval_80=i80, p_within_7=round(float(daily[:7].sum()), 4),
        p_within_30=round(float(daily[:30].sum()), 4), p_missed_since_anchor=round(p_missed, 4),
        confidence=_confidence(regime, width, heats, p_missed), typical_interval=round(typical, 1),
        heats_used=heats, possible_missed=notes,
        daily=tuple(round(float(p), 5) for p in daily))

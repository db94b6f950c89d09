"""Backtesting: forecast each heat of a generated person from that person's earlier record.

Points: for every recorded heat (the anchor) and day d in DAYS, a forecast on anchor + d if
no heat was recorded in between; for every bond, forecasts on bond + d until the first heat
after it is recorded. The outcome is the first true heat after that day, recorded or not.
Points whose outcome lies beyond a future bond are skipped (no forecaster can know of it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

from troth.cycles.cohort import MIN_GAP, CohortSpec, GeneratedPerson
from troth.cycles.forecast import predict_series
from troth.cycles.predictive import Draws, Predictive, next_heat
from troth.cycles.priors import Priors, Regime
from troth.cycles.records import History
from troth.cycles.result import Forecast, ForecastState, summarise

__all__ = ["BASELINES", "DAYS", "Outcome", "crps", "evaluate_person", "metrics"]

FloatArray = NDArray[np.float64]
DAYS = (0, 14, 28, 35)
ORACLE_DRAWS = 8000


@dataclass(frozen=True)
class Outcome:
    """One method's forecast at one point, scored against what happened."""

    method: str
    regime: Regime
    day: int
    heats: int  # heats recorded in the current regime before the forecast
    error: int  # forecast date minus the true start, in days
    crps: float
    in50: bool | None = None
    in80: bool | None = None
    width50: int | None = None
    width80: int | None = None


def crps(pmf: FloatArray, outcome: int) -> float:
    """Ranked probability score of a daily pmf (index = day) for an integer outcome."""
    n = max(pmf.size, outcome + 1)
    cdf = np.cumsum(np.pad(pmf, (0, n - pmf.size)))
    step = (np.arange(n) >= outcome).astype(np.float64)
    return float(((cdf - step) ** 2).sum())


def _last(x: FloatArray) -> float:
    return float(x[-1])


BASELINES: dict[str, Callable[[FloatArray], float]] = {
    "last interval": _last,
    "mean of all (drip)": lambda x: float(x.mean()),
    "mean of last 5 (Mensinator)": lambda x: float(x[-5:].mean()),
    "median of last 6": lambda x: float(np.median(x[-6:])),
}


@dataclass(frozen=True)
class _Group:
    """Forecast points sharing one record: (day into cycle, date, true outcome)."""

    history: History
    regime: Regime
    anchor: date
    heats: int
    days: list[tuple[int, date, date]]


def _groups(p: GeneratedPerson) -> Iterator[_Group]:
    h, truth = p.history, p.true_dates()
    bond, end = h.bond_date, p.origin + timedelta(days=CohortSpec().days)
    rec = list(h.heats)
    anchors: list[tuple[Regime, date, int]] = []
    for i, r in enumerate(rec):
        after = bond is not None and r.start >= bond
        n = sum(1 for x in rec[: i + 1] if (bond is not None and x.start >= bond) == after)
        anchors.append((Regime.BONDED if after else Regime.UNBONDED, r.start, n))
    if bond is not None:
        anchors.append((Regime.TRANSITION, bond, 0))
    for regime, anchor, n in anchors:
        nxt = min([x.start for x in rec if x.start > anchor], default=end)
        days = []
        for d in DAYS:
            today = anchor + timedelta(days=d)
            target = min([t for t in truth if t > today], default=None)
            future_bond = bond is not None and regime is Regime.UNBONDED and bond <= (
                target or end)
            if today < nxt and target is not None and not future_bond:
                days.append((d, today, target))
        if days:
            heats = tuple(x for x in rec if x.start <= anchor)
            yield _Group(History(heats=heats, presented_on=h.presented_on,
                                 bond_date=bond if bond is not None and bond <= anchor else None),
                         regime, anchor, n, days)


def _scored(method: str, g: _Group, day: int, target: date, fc: Forecast,
            pred: Predictive) -> Outcome:
    assert fc.median and fc.interval_50 and fc.interval_80 and fc.anchor
    i50, i80 = fc.interval_50, fc.interval_80
    return Outcome(method, g.regime, day, g.heats, (fc.median - target).days,
                   crps(pred.day_pmf(), (target - fc.anchor).days),
                   i50[0] <= target <= i50[1], i80[0] <= target <= i80[1],
                   (i50[1] - i50[0]).days + 1, (i80[1] - i80[0]).days + 1)


def _oracle(p: GeneratedPerson, g: _Group, today: date) -> tuple[Forecast, Predictive]:
    """The true generating distribution, conditioned the same way (the best possible)."""
    rng = np.random.default_rng([7, today.toordinal()])
    n = ORACLE_DRAWS
    bonded = g.regime is not Regime.UNBONDED
    mu, sd = (p.mu_b, p.sigma_b) if bonded else (p.mu_u, p.sigma_u)
    if g.regime is Regime.TRANSITION:
        tm, ts = CohortSpec().transition
        first = rng.gamma((tm / ts) ** 2, ts**2 / tm, n)
    else:
        first = np.maximum(mu + sd * rng.standard_normal(n), MIN_GAP)
    full = np.full(n, 1.0)
    draws = Draws(first=first, mu=mu * full, sigma=sd * full, m=p.missed * full)
    pred = next_heat(draws, (today - g.anchor).days, rng)
    return summarise(g.regime, g.anchor, today, pred, mu, g.heats, ()), pred


def _baselines(g: _Group, day: int, today: date, target: date) -> list[Outcome]:
    from troth.cycles.fit import person_data  # intervals exactly as the trackers see them

    rec = [x for x in g.history.heats]
    flat = person_data(History(heats=tuple(rec)))
    if flat.unbonded.size == 0:
        return []
    out = []
    for name, rule in BASELINES.items():
        guess = max(rec[-1].start + timedelta(days=round(rule(flat.unbonded))),
                    today + timedelta(days=1))
        err = (guess - target).days
        out.append(Outcome(name, g.regime, day, g.heats, err, float(abs(err))))
    return out


def evaluate_person(p: GeneratedPerson, priors: Priors) -> list[list[Outcome]]:
    """Per forecast point, the outcomes of every method (model, oracle, baselines)."""
    rows: list[list[Outcome]] = []
    for g in _groups(p):
        todays = [t for _, t, _ in g.days]
        for (day, today, target), (fc, pred) in zip(
                g.days, predict_series(g.history, todays, priors), strict=True):
            row = _baselines(g, day, today, target)
            if fc.state is ForecastState.FORECAST and pred is not None:
                row.append(_scored("model", g, day, target, fc, pred))
            else:
                row.append(Outcome(f"state:{fc.state.value}", g.regime, day, g.heats, 0, 0.0))
            ofc, opred = _oracle(p, g, today)
            if ofc.state is ForecastState.FORECAST:
                row.append(_scored("true distribution", g, day, target, ofc, opred))
            rows.append(row)
    return rows


def metrics(rows: list[Outcome]) -> dict[str, float]:
    """MAE, median AE, RMSE, share within ±1/2/3 days, interval coverage/width, CRPS."""
    e = np.abs(np.array([r.error for r in rows], dtype=np.float64))
    out = {"n": float(e.size), "MAE": e.mean(), "MdAE": float(np.median(e)),
           "RMSE": float(np.sqrt((e**2).mean())), "±1": (e <= 1).mean(),
           "±2": (e <= 2).mean(), "±3": (e <= 3).mean(),
           "CRPS": float(np.mean([r.crps for r in rows]))}
    if rows and rows[0].in50 is not None:
        out |= {"cov50": float(np.mean([bool(r.in50) for r in rows])),
                "w50": float(np.mean([r.width50 or 0 for r in rows])),
                "cov80": float(np.mean([bool(r.in80) for r in rows])),
                "w80": float(np.mean([r.width80 or 0 for r in rows]))}
    return {k: float(v) for k, v in out.items()}

"""The next heat after `today`, given parameter draws and the days elapsed without a record.

Each draw simulates the next three heats after the anchor. If j of them fall on or before
today they were, by the record, all missed: the draw is weighted m^j (j <= 2; three misses
in a row weigh 0) and its next heat is heat j+1. The weighted draws are the posterior
predictive conditioned on the silence; their mean weight is the probability of that
silence under the model (its "evidence").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from troth.cycles.posterior import MAX_SPAN, CyclePosterior
from troth.cycles.priors import M_GRID

__all__ = ["Draws", "Predictive", "draws_from_posterior", "next_heat"]

FloatArray = NDArray[np.float64]
MIN_INTERVAL = 1.0


@dataclass(frozen=True)
class Draws:
    first: FloatArray  # days from the anchor to the first heat after it
    mu: FloatArray  # the following intervals ~ N(mu, sigma²)
    sigma: FloatArray
    m: FloatArray  # missed-record rate


def draws_from_posterior(post: CyclePosterior, rng: np.random.Generator, n: int) -> Draws:
    """Draw (mu, sigma, m) from the grid posterior; the first wait is one interval."""
    flat = post.weights.ravel()
    idx = rng.choice(flat.size, size=n, p=flat / flat.sum())
    g, mi = np.divmod(idx, M_GRID.size)
    mu, sigma = post.mu[g], post.sigma[g]
    first = np.maximum(mu + sigma * rng.standard_normal(n), MIN_INTERVAL)
    return Draws(first=first, mu=mu, sigma=sigma, m=M_GRID[mi])


@dataclass(frozen=True)
class Predictive:
    """Weighted predictive samples; `offset` is in days from the start of the anchor day."""

    offset: FloatArray  # sorted ascending
    weight: FloatArray  # normalised to sum 1 (all zero when evidence is 0)
    missed: FloatArray  # number of unrecorded heats since the anchor, per draw
    evidence: float  # P(no heat recorded since the anchor | model)
    elapsed: int

    def quantile(self, q: float) -> float:
        """Weighted quantile (the samples are kept sorted by offset)."""
        cum = np.cumsum(self.weight)
        i = int(np.searchsorted(cum, q * cum[-1]))
        return float(self.offset[min(i, self.offset.size - 1)])

    def day_pmf(self) -> FloatArray:
        """pmf[d] = P(the next heat starts d days after the anchor's date)."""
        days = np.floor(self.offset).astype(np.int64)
        pmf = np.bincount(days, weights=self.weight, minlength=self.elapsed + 2)
        return np.asarray(pmf, dtype=np.float64)

    def p_missed(self) -> float:
        return float((self.weight * (self.missed > 0)).sum())


def next_heat(draws: Draws, elapsed: int, rng: np.random.Generator) -> Predictive:
    """Condition the draws on no heat recorded in the `elapsed` days after the anchor day."""
    n = draws.first.size
    steps = np.maximum(draws.mu[:, None] + draws.sigma[:, None]
                       * rng.standard_normal((n, MAX_SPAN - 1)), MIN_INTERVAL)
    # heat times, counted from the start of the anchor day (the anchor sits at mid-day)
    times = np.cumsum(np.column_stack([draws.first, steps]), axis=1) + 0.5
    j = (times < elapsed + 1).sum(axis=1)
    ok = j < MAX_SPAN
    weight = np.where(ok, draws.m ** np.minimum(j, MAX_SPAN - 1), 0.0)
    offset = times[np.arange(n), np.minimum(j, MAX_SPAN - 1)]
    evidence = float(weight.mean())
    total = weight.sum()
    order = np.argsort(offset)
    weight = weight[order] / total if total > 0 else weight[order]
    return Predictive(offset=offset[order], weight=weight, missed=j[order].astype(np.float64),
                      evidence=evidence, elapsed=elapsed)

"""Per-person posterior of one regime's cycle, on a grid, with gaps read as missed records.

Model, for one person in one regime: intervals between consecutive heats are
N(mu, sigma²); a recorded interval spans k true intervals (k-1 heats went unrecorded) with
P(k | m) ∝ (1-m) m^(k-1), k = 1, 2, 3. Priors: mu ~ N(mean, mean_spread²),
log sigma ~ N(log_sd, log_sd_spread²), m on `M_GRID` with the caller's log weights (the
population Beta prior times what the person's other regime says about m). Recorded dates
are whole days, which adds 1/6 day² of rounding variance to every interval.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import special, stats

from troth.cycles.priors import M_GRID, CyclePrior

__all__ = ["MAX_SPAN", "CyclePosterior", "cycle_posterior", "span_weights"]

MAX_SPAN = 3  # a recorded interval covers at most 3 true ones (two unrecorded heats)
ROUNDING_VAR = 1.0 / 6.0
MAX_INTERVALS = 30  # only the most recent intervals of a regime are used

FloatArray = NDArray[np.float64]


def span_weights(m: FloatArray) -> FloatArray:
    """W[k-1, i] = P(a recorded interval spans k true intervals | missed rate m[i])."""
    k = np.arange(1, MAX_SPAN + 1)[:, None]
    w = (1.0 - m[None, :]) * m[None, :] ** (k - 1)
    return np.asarray(w / w.sum(axis=0, keepdims=True), dtype=np.float64)


@dataclass(frozen=True)
class CyclePosterior:
    mu: FloatArray  # (G,) grid of person mean intervals
    sigma: FloatArray  # (G,) grid of person spreads
    weights: FloatArray  # (G, M) posterior over grid × M_GRID, sums to 1
    log_evidence_m: FloatArray  # (M,) log p(intervals | m), mu and sigma integrated out
    gap_missed: FloatArray  # (n,) P(the interval hides at least one unrecorded heat)
    n_intervals: int

    def mean_interval(self) -> float:
        return float((self.weights.sum(axis=1) * self.mu).sum())

    def missed_rate(self) -> float:
        return float((self.weights.sum(axis=0) * M_GRID).sum())


def _grid(prior: CyclePrior, x: FloatArray, n_mu: int, n_sigma: int) -> tuple[FloatArray, ...]:
    lo, hi = prior.mean - 4.5 * prior.mean_spread, prior.mean + 4.5 * prior.mean_spread
    if x.size:
        med = float(np.median(x))
        lo, hi = min(lo, med - 3.0), max(hi, med + 3.0)
    mu = np.linspace(max(lo, 2.0), hi, n_mu)
    ls = np.linspace(prior.log_sd - 3.5 * prior.log_sd_spread,
                     prior.log_sd + 3.5 * prior.log_sd_spread, n_sigma)
    mu_g, ls_g = (a.ravel() for a in np.meshgrid(mu, ls, indexing="ij"))
    log_prior = (stats.norm.logpdf(mu_g, prior.mean, prior.mean_spread)
                 + stats.norm.logpdf(ls_g, prior.log_sd, prior.log_sd_spread))
    log_prior = log_prior - special.logsumexp(log_prior)
    return mu_g, np.exp(ls_g), np.asarray(log_prior, dtype=np.float64)


def cycle_posterior(
    intervals: FloatArray | list[float],
    prior: CyclePrior,
    m_log_prior: FloatArray,
    *,
    n_mu: int = 161,
    n_sigma: int = 20,
) -> CyclePosterior:
    """Grid posterior of (mu, sigma, m) for one person's intervals in one regime."""
    x = np.asarray(intervals, dtype=np.float64)[-MAX_INTERVALS:]
    mu, sigma, log_prior = _grid(prior, x, n_mu, n_sigma)
    m_log_prior = m_log_prior - special.logsumexp(m_log_prior)
    w_span = span_weights(M_GRID)
    if x.size == 0:
        loglik = np.zeros((mu.size, M_GRID.size))
        gap = np.zeros(0)
    else:
        k = np.arange(1, MAX_SPAN + 1, dtype=np.float64)[None, :, None]
        var = k * sigma[None, None, :] ** 2 + ROUNDING_VAR
        logp = -0.5 * ((x[:, None, None] - k * mu[None, None, :]) ** 2 / var
                       + np.log(2 * np.pi * var))  # (n, K, G)
        lmax = logp.max(axis=1)
        pt = np.exp(logp - lmax[:, None, :])
        mix = np.einsum("nkg,km->ngm", pt, w_span)  # (n, G, M)
        loglik = lmax.sum(axis=0)[:, None] + np.log(mix).sum(axis=0)
    joint = log_prior[:, None] + loglik + m_log_prior[None, :]
    weights = np.exp(joint - special.logsumexp(joint))
    if x.size:
        first = pt[:, 0, :, None] * w_span[0][None, None, :] / mix
        gap = 1.0 - np.einsum("ngm,gm->n", first, weights)
    log_ev = special.logsumexp(log_prior[:, None] + loglik, axis=0)
    return CyclePosterior(mu=mu, sigma=sigma, weights=weights,
                          log_evidence_m=np.asarray(log_ev, dtype=np.float64),
                          gap_missed=np.clip(gap, 0.0, 1.0), n_intervals=int(x.size))

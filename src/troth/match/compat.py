"""Directional scent attraction and mutual compatibility.

This is the stable, public model of attraction; the simulator and the matching engine both
import it. Its surface is deliberately small and every function is vectorised: arguments are
NumPy arrays whose last axis is the signature (``d`` numbers) and whose leading axes
broadcast, so one call scores one pair, a row against a block, or two aligned columns.
Nothing here changes without a note in docs/matching.md.

The model
---------
Each person has a *scent* (what they give off, ``Scent.gives``) and a *perception* (what
draws them, ``Scent.draws``), both non-zero vectors of the same length ``d >= 2``.

* ``affinity(perception_a, scent_b)`` is the cosine between a's perception and b's scent,
  in [-1, 1]. For signatures whose directions are uniformly spread (isotropic), the cosine of
  two independent signatures is distributed as ``2 * Beta((d-1)/2, (d-1)/2) - 1``.
* ``attraction(perception_a, scent_b) = logistic((affinity - tau) / w)``, in [0, 1]: a's
  attraction to b. ``tau = threshold(d, rate)`` is the ``1 - sqrt(rate)`` quantile of that
  Beta law and ``w = width(d) = WIDTH_IN_SPREADS / sqrt(d)`` (a fifth of the cosine's spread).
  Most pairs sit far below ``tau`` and score near 0 (indifferent); a directional attraction
  of at least 0.5 is *overwhelming*.
* The two directions of a pair use independent vectors (a's perception with b's scent, b's
  perception with a's scent), so a pair is overwhelming in both directions at once, a
  *true match*, with probability ``sqrt(rate) ** 2 = rate`` (default 1 in 10,000 pairs).
* ``mutual_compatibility`` is the geometric mean of the two attractions: high only when both
  people are drawn, and at least 0.5 for every true match.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "DEFAULT_TRUE_MATCH_RATE",
    "WIDTH_IN_SPREADS",
    "affinity",
    "attraction",
    "attraction_of_affinity",
    "is_true_match",
    "log_mutual_of_affinities",
    "mutual_compatibility",
    "threshold",
    "width",
]

DEFAULT_TRUE_MATCH_RATE = 1e-4
"""Share of pairs overwhelmingly drawn to each other in both directions (customs default)."""

WIDTH_IN_SPREADS = 0.2
"""Logistic width, in units of the cosine's spread ``1/sqrt(d)`` for random signatures."""

FloatArray = NDArray[np.float64]


@lru_cache(maxsize=256)
def threshold(dims: int, rate: float = DEFAULT_TRUE_MATCH_RATE) -> float:
    """The affinity above which one direction is overwhelming, for ``dims`` and ``rate``."""
    from scipy.stats import beta

    if dims < 2:
        raise ValueError(f"signatures need at least 2 dimensions, got {dims}")
    if not 0.0 < rate < 1.0:
        raise ValueError(f"true-match rate must be strictly between 0 and 1, got {rate}")
    half = (dims - 1) / 2.0
    return float(2.0 * beta.isf(math.sqrt(rate), half, half) - 1.0)


def width(dims: int) -> float:
    """The logistic width ``w`` for signatures of ``dims`` numbers."""
    if dims < 2:
        raise ValueError(f"signatures need at least 2 dimensions, got {dims}")
    return WIDTH_IN_SPREADS / math.sqrt(dims)


def _unit(vectors: ArrayLike, label: str) -> FloatArray:
    arr = np.asarray(vectors, dtype=np.float64)
    if arr.ndim == 0:
        raise ValueError(f"{label} must be a vector or an array of vectors")
    norms = np.linalg.norm(arr, axis=-1, keepdims=True)
    if not np.all(np.isfinite(arr)) or np.any(norms == 0.0):
        raise ValueError(f"{label} vectors must be finite and non-zero")
    return np.asarray(arr / norms, dtype=np.float64)


def affinity(perception: ArrayLike, scent: ArrayLike) -> FloatArray:
    """Cosine between perception and scent vectors, broadcast over leading axes."""
    p = _unit(perception, "perception")
    s = _unit(scent, "scent")
    if p.shape[-1] != s.shape[-1]:
        raise ValueError(
            f"perception has {p.shape[-1]} numbers but scent has {s.shape[-1]}; they must match"
        )
    return np.asarray(np.clip(np.sum(p * s, axis=-1), -1.0, 1.0), dtype=np.float64)


def _log_attraction(aff: ArrayLike, dims: int, rate: float) -> FloatArray:
    x = (np.asarray(aff, dtype=np.float64) - threshold(dims, rate)) / width(dims)
    return -np.logaddexp(0.0, -x)


def attraction_of_affinity(
    aff: ArrayLike, dims: int, rate: float = DEFAULT_TRUE_MATCH_RATE
) -> FloatArray:
    """Attraction in [0, 1] from an already computed affinity (monotone increasing)."""
    return np.exp(_log_attraction(aff, dims, rate))


def attraction(
    perception: ArrayLike, scent: ArrayLike, rate: float = DEFAULT_TRUE_MATCH_RATE
) -> FloatArray:
    """How strongly the owner of ``perception`` is drawn to the owner of ``scent``, in [0, 1]."""
    aff = affinity(perception, scent)
    return attraction_of_affinity(aff, np.shape(perception)[-1], rate)


def log_mutual_of_affinities(
    aff_ab: ArrayLike, aff_ba: ArrayLike, dims: int, rate: float = DEFAULT_TRUE_MATCH_RATE
) -> FloatArray:
    """Natural log of mutual compatibility from both affinities; exact and tie-free to rank.

    Ranking by this value equals ranking by ``mutual_compatibility`` but never underflows.
    """
    return 0.5 * (_log_attraction(aff_ab, dims, rate) + _log_attraction(aff_ba, dims, rate))


def mutual_compatibility(
    perception_a: ArrayLike,
    scent_a: ArrayLike,
    perception_b: ArrayLike,
    scent_b: ArrayLike,
    rate: float = DEFAULT_TRUE_MATCH_RATE,
) -> FloatArray:
    """Geometric mean of a's attraction to b and b's attraction to a, in [0, 1]."""
    dims = np.shape(perception_a)[-1]
    log_m = log_mutual_of_affinities(
        affinity(perception_a, scent_b), affinity(perception_b, scent_a), dims, rate
    )
    return np.exp(log_m)


def is_true_match(
    perception_a: ArrayLike,
    scent_a: ArrayLike,
    perception_b: ArrayLike,
    scent_b: ArrayLike,
    rate: float = DEFAULT_TRUE_MATCH_RATE,
) -> NDArray[np.bool_]:
    """Whether each pair is overwhelming (attraction >= 0.5) in both directions."""
    tau = threshold(np.shape(perception_a)[-1], rate)
    return (affinity(perception_a, scent_b) >= tau) & (affinity(perception_b, scent_a) >= tau)

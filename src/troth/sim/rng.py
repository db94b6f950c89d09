"""Counter-based random draws keyed by (seed, rule, person, day, draw).

Every random number in the simulator is a pure function of those five integers: a chain of
SplitMix64 finalisers (Steele, Lea & Flood 2014; Stafford's "variant 13" constants) folds
them into one 64-bit word. Nothing is carried from one draw to the next, so the result of
a rule for a person on a day does not depend on which other people are simulated, in which
order, or in which process. That is what makes the output identical whatever the number
of workers or districts in flight.
"""

from __future__ import annotations

import functools
import math
from enum import IntEnum

import numpy as np
import numpy.typing as npt
from scipy.special import ndtri

U64 = npt.NDArray[np.uint64]
F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
IntLike = int | I64

# 0-d arrays rather than NumPy scalars: the same arithmetic, less overhead per call, which
# is most of the cost of a draw for a handful of people
_M1 = np.array(0xBF58476D1CE4E5B9, dtype=np.uint64)
_M2 = np.array(0x94D049BB133111EB, dtype=np.uint64)
_GOLDEN = np.array(0x9E3779B97F4A7C15, dtype=np.uint64)
_S30, _S27, _S31, _S11 = (np.array(s, dtype=np.uint64) for s in (30, 27, 31, 11))
_HALF, _TWO_M53 = np.array(0.5), np.array(2.0**-53)


class Rule(IntEnum):
    """One stream per rule; adding a rule never changes the draws of another."""

    FOUNDER_AGE = 1
    LIFESPAN = 2
    PRESENT = 3
    SCENT = 4
    PARENT_LOSS = 5
    SEEK = 6
    CANDIDATE = 7
    CHOICE = 8
    PLAN = 9
    VISIT = 10
    HEAT_REGIME = 11
    HEAT = 12
    CONCEIVE = 13
    GESTATION = 14
    GUARDIAN_POOL = 15
    GUARDIAN_PICK = 16
    INCIDENT = 17
    ANNUL = 18
    MARRY = 19
    BETA_BIRTH = 20
    NAME = 21
    FAMILY = 22
    REVIEW = 23


def _mix(x: U64) -> U64:
    x ^= x >> _S30
    x *= _M1
    x ^= x >> _S27
    x *= _M2
    x ^= x >> _S31
    return x


def _u64(value: IntLike) -> U64:
    # no copy: every caller below derives a new array before mixing in place
    out: U64 = np.array(value, dtype=np.int64, ndmin=1, copy=None).view(np.uint64)
    return out


def keys(seed: int, rule: Rule, person: IntLike, day: IntLike, draw: IntLike = 0) -> U64:
    """The 64-bit key of each (seed, rule, person, day, draw); arrays broadcast."""
    head = _head(seed, int(rule))
    h = _mix(_u64(person) ^ head)
    h = _mix(h + _u64(day) * _GOLDEN)
    return _mix(h ^ (_u64(draw) + _GOLDEN))


@functools.lru_cache(maxsize=256)
def _head(seed: int, rule: int) -> U64:
    out: U64 = _mix(_u64(seed) * _GOLDEN + _u64(rule)).reshape(())
    return out


def uniform(seed: int, rule: Rule, person: IntLike, day: IntLike, draw: IntLike = 0) -> F64:
    """Uniform numbers strictly inside (0, 1), 53 bits each."""
    h = keys(seed, rule, person, day, draw)
    h >>= _S11
    u: F64 = h.astype(np.float64)
    u += _HALF
    u *= _TWO_M53
    return u


def normal(seed: int, rule: Rule, person: IntLike, day: IntLike, draw: IntLike = 0) -> F64:
    """Standard normal numbers by the inverse distribution function."""
    out: F64 = ndtri(uniform(seed, rule, person, day, draw))
    return out


def geometric(
    seed: int, rule: Rule, person: IntLike, day: IntLike, p: float, draw: IntLike = 0
) -> I64:
    """Waiting days (1, 2, ...) until the first success of daily trials that each succeed
    with probability `p`: one draw stands for the whole run of failures, so a rule with a
    small daily chance costs a draw per event, not per person-day (0 < p < 1)."""
    if not 0.0 < p < 1.0:
        raise ValueError(f"a daily chance must lie strictly between 0 and 1, got {p}")
    u = np.log(uniform(seed, rule, person, day, draw))
    u /= math.log1p(-p)
    out: I64 = np.floor(u, out=u).astype(np.int64)
    out += 1
    return out


def integers(
    seed: int,
    rule: Rule,
    person: IntLike,
    day: IntLike,
    low: IntLike,
    high: IntLike,
    draw: IntLike = 0,
) -> I64:
    """Integers uniform on [low, high] inclusive (arrays broadcast)."""
    u = uniform(seed, rule, person, day, draw)
    lo = np.asarray(low, dtype=np.int64)
    span = np.asarray(high, dtype=np.int64) - lo + 1
    return (lo + np.floor(u * span).astype(np.int64)).astype(np.int64)


def poisson_small(
    seed: int, rule: Rule, person: IntLike, day: IntLike, mean: float, draw: IntLike = 0
) -> I64:
    """Poisson counts by inverting the distribution function (for means below ~20)."""
    u = uniform(seed, rule, person, day, draw)
    k = np.zeros(u.shape, dtype=np.int64)
    term = np.full(u.shape, np.exp(-mean))
    cdf = term.copy()
    for n in range(1, 60):
        more = u > cdf
        if not more.any():
            break
        k += more
        term = term * (mean / n)
        cdf = cdf + term
    return k

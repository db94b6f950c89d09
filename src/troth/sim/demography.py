"""Ages, lifespans and the founding population's age profile.

Mortality is a Gompertz hazard h(a) = exp((a - M) / b) / b (M the modal age at death,
b the dispersion), whose survival function inverts in closed form, so a lifespan is drawn
once, at birth (or at founding, conditional on the age already reached): the death day
is then a calendar entry, not a daily coin toss.
"""

from __future__ import annotations

import numpy as np

from troth.sim.rng import F64, I64, Rule, uniform
from troth.sim.scenario import Mortality

YEAR = 365.2425


def days(years: float | F64) -> I64:
    return np.floor(np.asarray(years, dtype=np.float64) * YEAR).astype(np.int64)


def full_years_days(years: int) -> int:
    """The fewest days after which anyone has had `years` birthdays, whatever the calendar:
    `years` calendar years hold at most ceil(years / 4) leap days. The registry counts age
    in calendar years (a safeguard such as the age of majority), so the simulator waits
    this long rather than `days(years)`, which can fall a day short of a birthday."""
    return 365 * years + -(-years // 4)


def death_age(m: Mortality, reached: F64, u: F64) -> F64:
    """Age at death (years) given survival to `reached`, from uniforms `u` in (0, 1)."""
    b = m.dispersion
    out: F64 = b * np.log(np.exp(reached / b) - np.exp(m.modal_age / b) * np.log(u))
    return out


def survival(m: Mortality, age: F64) -> F64:
    b = m.dispersion
    out: F64 = np.exp(-np.exp(-m.modal_age / b) * (np.exp(age / b) - 1.0))
    return out


def death_days(seed: int, m: Mortality, ids: I64, born: I64, reached_days: I64) -> I64:
    """Each person's death day, given that they are alive at `born + reached_days`."""
    u = uniform(seed, Rule.LIFESPAN, ids, born)
    reached = reached_days / YEAR
    age = death_age(m, reached, u)
    out: I64 = born + np.maximum(days(age), reached_days + 1)
    return out


def founder_ages_days(seed: int, m: Mortality, ids: I64) -> I64:
    """Founders' ages at day 0 from the stationary profile (density ∝ survival)."""
    grid = np.linspace(0.0, m.founder_max_age, 4097)
    dens = survival(m, grid)
    cdf = np.concatenate([[0.0], np.cumsum((dens[1:] + dens[:-1]) * 0.5)])
    cdf /= cdf[-1]
    u = uniform(seed, Rule.FOUNDER_AGE, ids, 0)
    return days(np.interp(u, cdf, grid))


def founder_last_parent_death(seed: int, m: Mortality, ids: I64, born: I64) -> I64:
    """When a founder's (unregistered) parents have both died: two parents aged 20-40 at
    the founder's birth, each with a Gompertz lifespan conditional on that age."""
    last = np.full(ids.shape, np.iinfo(np.int64).min, dtype=np.int64)
    for parent in range(2):
        at_birth = 20.0 + 20.0 * uniform(seed, Rule.PARENT_LOSS, ids, 0, 2 * parent)
        u = uniform(seed, Rule.PARENT_LOSS, ids, 0, 2 * parent + 1)
        lived = death_age(m, at_birth, u) - at_birth
        last = np.maximum(last, born + days(lived))
    return last

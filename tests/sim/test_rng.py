"""Keyed random draws: a function of (seed, rule, person, day, draw) and nothing else."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from troth.sim.rng import Rule, geometric, integers, poisson_small, uniform

ids = st.lists(st.integers(min_value=-(2**40), max_value=2**40), min_size=1, max_size=40)


@given(ids, st.integers(min_value=0, max_value=2**31), st.integers(-5000, 20000))
@settings(max_examples=60, deadline=None)
def test_a_persons_draw_does_not_depend_on_who_else_is_drawn(
    people: list[int], seed: int, day: int
) -> None:
    batch = np.array(people, dtype=np.int64)
    together = uniform(seed, Rule.HEAT, batch, day)
    alone = np.array([uniform(seed, Rule.HEAT, np.array([p]), day)[0] for p in people])
    reversed_batch = uniform(seed, Rule.HEAT, batch[::-1], day)[::-1]
    assert np.array_equal(together, alone)
    assert np.array_equal(together, reversed_batch)


@given(ids, st.integers(min_value=0, max_value=2**31))
@settings(max_examples=40, deadline=None)
def test_uniform_draws_lie_strictly_inside_the_unit_interval(people: list[int], seed: int) -> None:
    u = uniform(seed, Rule.PLAN, np.array(people, dtype=np.int64), 3, np.arange(len(people)))
    assert np.all((u > 0.0) & (u < 1.0))


def test_rules_seeds_days_and_draw_numbers_each_give_different_streams() -> None:
    people = np.arange(2000, dtype=np.int64)
    base = uniform(1, Rule.HEAT, people, 10)
    for other in (
        uniform(2, Rule.HEAT, people, 10),
        uniform(1, Rule.LIFESPAN, people, 10),
        uniform(1, Rule.HEAT, people, 11),
        uniform(1, Rule.HEAT, people, 10, 1),
    ):
        assert abs(np.corrcoef(base, other)[0, 1]) < 0.1
        assert not np.array_equal(base, other)


def test_uniform_draws_are_uniform_by_a_kolmogorov_smirnov_test() -> None:
    from scipy.stats import kstest

    u = uniform(5, Rule.SEEK, np.arange(50_000, dtype=np.int64), 0)
    assert kstest(u, "uniform").pvalue > 0.001


def test_integers_cover_their_inclusive_range_evenly() -> None:
    k = integers(3, Rule.VISIT, np.arange(60_000, dtype=np.int64), 0, 3, 8)
    counts = np.bincount(k - 3)
    assert k.min() == 3 and k.max() == 8
    assert np.all(np.abs(counts / k.size - 1 / 6) < 0.01)


def test_small_poisson_counts_have_the_requested_mean() -> None:
    k = poisson_small(3, Rule.MARRY, np.arange(80_000, dtype=np.int64), 0, 1.5)
    assert abs(k.mean() - 1.5) < 0.03
    assert abs(k.var() - 1.5) < 0.06


def test_geometric_waits_count_days_to_the_first_success() -> None:
    p = 0.05
    wait = geometric(9, Rule.CHOICE, np.arange(100_000, dtype=np.int64), 3, p)
    assert wait.min() == 1
    assert abs(wait.mean() - 1 / p) < 0.3  # sd of the mean ~0.06
    assert abs(np.mean(wait == 1) - p) < 0.003  # the first day succeeds with chance p
    assert abs(np.mean(wait > 20) - (1 - p) ** 20) < 0.006
    # a pure function of the keys, like every draw
    again = geometric(9, Rule.CHOICE, np.arange(100, dtype=np.int64)[::-1], 3, p)[::-1]
    assert np.array_equal(again, wait[:100])


def test_geometric_refuses_a_chance_outside_zero_to_one() -> None:
    for p in (0.0, 1.0, -0.1, 1.5):
        with pytest.raises(ValueError, match="strictly between 0 and 1"):
            geometric(1, Rule.CHOICE, np.arange(3, dtype=np.int64), 0, p)

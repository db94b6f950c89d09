"""The shared name generator: realistic frequencies, thousands of names, a draw that depends
on the uniform numbers only (so the simulator stays reproducible by seed)."""

from __future__ import annotations

import itertools
from collections import Counter

import numpy as np

from troth.sim import events, names


def test_thousands_of_names_most_frequent_first() -> None:
    for kind in ("given", "family"):
        pool, cum = names.names(kind), names.cumulative(kind)
        assert len(pool) > 3000 and len(set(pool)) == len(pool)
        assert cum[-1] == 1.0 and all(a <= b for a, b in itertools.pairwise(cum))
    assert names.names("given") == events.GIVEN and names.names("family") == events.FAMILY


def test_draws_follow_the_frequencies_and_are_deterministic() -> None:
    u = np.random.default_rng(15).random(200_000)
    codes = names.draw("family", u)
    assert np.array_equal(codes, names.draw("family", u))
    counts = Counter(codes.tolist())
    top = names.cumulative("family")[0]  # the most frequent family name's share
    assert abs(counts[0] / len(u) - top) < 0.2 * top
    assert len(counts) > 2000  # far more than the 24 family names of before
    assert codes.min() >= 0 and codes.max() < len(names.names("family"))

"""The attraction model: range, determinism, direction, and the configured true-match rate."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from troth.match import compat

finite = st.floats(-10, 10, allow_nan=False, allow_infinity=False)
vectors = arrays(np.float64, 8, elements=finite).filter(lambda v: np.linalg.norm(v) > 1e-3)


def isotropic(rng: np.random.Generator, n: int, d: int) -> np.ndarray:
    return rng.standard_normal((n, d), dtype=np.float32)


@settings(max_examples=60, deadline=None)
@given(vectors, vectors)
def test_attraction_lies_between_zero_and_one_and_ignores_vector_length(
    p: np.ndarray, s: np.ndarray
) -> None:
    value = compat.attraction(p, s)
    assert 0.0 <= float(value) <= 1.0
    assert compat.attraction(3.5 * p, 0.25 * s) == pytest.approx(float(value), rel=1e-9)


@settings(max_examples=40, deadline=None)
@given(vectors, vectors, vectors, vectors)
def test_mutual_compatibility_is_the_geometric_mean_and_symmetric(
    pa: np.ndarray, ga: np.ndarray, pb: np.ndarray, gb: np.ndarray
) -> None:
    mutual = float(compat.mutual_compatibility(pa, ga, pb, gb))
    expected = np.sqrt(compat.attraction(pa, gb) * compat.attraction(pb, ga))
    assert mutual == pytest.approx(float(expected), rel=1e-9, abs=1e-300)
    assert float(compat.mutual_compatibility(pb, gb, pa, ga)) == pytest.approx(mutual, rel=1e-12)


def test_attraction_is_vectorised_over_leading_axes() -> None:
    rng = np.random.default_rng(3)
    p, s = isotropic(rng, 6, 16), isotropic(rng, 5, 16)
    block = compat.attraction(p[:, None, :], s[None, :, :])
    assert block.shape == (6, 5)
    assert block[4, 2] == compat.attraction(p[4], s[2])


def test_attraction_rises_with_affinity_and_crosses_one_half_at_the_threshold() -> None:
    tau = compat.threshold(16)
    values = compat.attraction_of_affinity(np.array([-1.0, 0.0, tau, 0.9, 1.0]), 16)
    assert np.all(np.diff(values) > 0)
    assert values[2] == pytest.approx(0.5)
    assert values[1] < 1e-3  # a typical pair is indifferent


def test_attraction_runs_in_one_direction_only() -> None:
    rng = np.random.default_rng(4)
    pa, ga, pb, gb = (isotropic(rng, 1000, 16) for _ in range(4))
    forward = compat.attraction(pa, gb)
    backward = compat.attraction(pb, ga)
    assert np.mean(np.abs(forward - backward) > 0.05) > 0.01
    assert abs(np.corrcoef(forward, backward)[0, 1]) < 0.1


@pytest.mark.parametrize(("rate", "pairs"), [(1e-2, 250_000), (1e-3, 500_000)])
def test_true_matches_occur_at_the_configured_rate(rate: float, pairs: int) -> None:
    rng = np.random.default_rng(int(1 / rate))
    hits = 0
    for _ in range(pairs // 250_000 + (pairs % 250_000 > 0)):
        pa, ga, pb, gb = (isotropic(rng, 250_000, 16) for _ in range(4))
        hits += int(compat.is_true_match(pa, ga, pb, gb, rate).sum())
    total = 250_000 * (pairs // 250_000 + (pairs % 250_000 > 0))
    spread = np.sqrt(rate * (1 - rate) / total)
    assert abs(hits / total - rate) < 5 * spread


def test_one_direction_is_overwhelming_at_the_square_root_of_the_rate() -> None:
    rng = np.random.default_rng(9)
    p, s = isotropic(rng, 200_000, 16), isotropic(rng, 200_000, 16)
    share = float(np.mean(compat.attraction(p, s, rate=1e-2) >= 0.5))
    assert share == pytest.approx(0.1, abs=5 * np.sqrt(0.09 / 200_000))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: compat.attraction([0.0, 0.0], [1.0, 0.0]), "non-zero"),
        (lambda: compat.attraction([1.0, 0.0], [1.0, 0.0, 0.0]), "must match"),
        (lambda: compat.attraction([1.0, np.nan], [1.0, 0.0]), "finite"),
        (lambda: compat.threshold(16, 0.0), "strictly between 0 and 1"),
        (lambda: compat.threshold(1), "at least 2 dimensions"),
    ],
)
def test_compat_rejects_unusable_input(call: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()  # type: ignore[operator]

"""stable_match: agreement with PyPI `matching`, stability, proposer-optimality, validation."""

from __future__ import annotations

import itertools
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from troth.match import stable, stable_match

IntArray = NDArray[np.int64]


def random_complete(n: int, seed: int) -> tuple[IntArray, IntArray]:
    rng = np.random.default_rng(seed)
    return (
        np.argsort(rng.random((n, n)), axis=1),
        np.argsort(rng.random((n, n)), axis=1),
    )


def reference_matching(props: IntArray, recvs: IntArray) -> IntArray:
    """What PyPI `matching` (StableMarriage, suitor-optimal) returns, as partner indices."""
    from matching.games import StableMarriage

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 20_000))  # `matching` recurses per player (its #139)
    try:
        game = StableMarriage.create_from_dictionaries(
            {i: [int(x) for x in row] for i, row in enumerate(props)},
            {j: [int(x) for x in row] for j, row in enumerate(recvs)},
        )
        solution = game.solve(optimal="suitor")
    finally:
        sys.setrecursionlimit(limit)
    result = np.full(len(props), -1, dtype=np.int64)
    for suitor, reviewer in solution.items():
        result[suitor.name] = reviewer.name
    return result


def rank_table(prefs: IntArray, n_other: int) -> IntArray:
    table = np.full((len(prefs), n_other), np.iinfo(np.int64).max, dtype=np.int64)
    for i, row in enumerate(prefs):
        for pos, j in enumerate(row):
            if j >= 0:
                table[i, j] = pos
    return table


def blocking_pairs(props: IntArray, recvs: IntArray, match: IntArray) -> list[tuple[int, int]]:
    """Mutually acceptable pairs who both prefer each other to their current state."""
    p_rank, r_rank = rank_table(props, len(recvs)), rank_table(recvs, len(props))
    none = np.iinfo(np.int64).max
    holder = {int(r): p for p, r in enumerate(match) if r >= 0}
    pairs = []
    for p, row in enumerate(props):
        for r in (int(x) for x in row if x >= 0):
            if r_rank[r, p] == none:
                continue
            p_better = match[p] < 0 or p_rank[p, r] < p_rank[p, match[p]]
            h = holder.get(r)
            r_better = h is None or r_rank[r, p] < r_rank[r, h]
            if p_better and r_better:
                pairs.append((p, r))
    return pairs


def all_stable_matchings(props: IntArray, recvs: IntArray) -> list[tuple[int, ...]]:
    """Every stable matching of a small instance, by brute force over partial matchings."""
    n_p, n_r = len(props), len(recvs)
    p_rank, r_rank = rank_table(props, n_r), rank_table(recvs, n_p)
    none = np.iinfo(np.int64).max
    options = [
        [-1] + [int(r) for r in props[p] if r >= 0 and r_rank[r, p] != none] for p in range(n_p)
    ]
    found = []
    for combo in itertools.product(*options):
        taken = [r for r in combo if r >= 0]
        if len(taken) != len(set(taken)):
            continue
        match = np.array(combo, dtype=np.int64)
        if not blocking_pairs(props, recvs, match):
            found.append(tuple(combo))
    assert p_rank is not None
    return found


@pytest.mark.parametrize(("n", "seed"), [(5, 1), (40, 2), (120, 3)])
def test_stable_match_equals_pypi_matching_person_for_person(n: int, seed: int) -> None:
    props, recvs = random_complete(n, seed)
    ours = stable_match(props, recvs)
    assert ours.tolist() == reference_matching(props, recvs).tolist()
    assert blocking_pairs(props, recvs, ours) == []


@pytest.mark.slow
def test_stable_match_equals_pypi_matching_at_five_hundred_per_side() -> None:
    props, recvs = random_complete(500, 7)
    ours = stable_match(props, recvs)
    assert ours.tolist() == reference_matching(props, recvs).tolist()
    assert blocking_pairs(props, recvs, ours) == []


@st.composite
def truncated_instances(draw: st.DrawFn) -> tuple[IntArray, IntArray]:
    n_p = draw(st.integers(0, 5))
    n_r = draw(st.integers(0, 5))

    def lists(n: int, n_other: int) -> IntArray:
        k = max(1, n_other)
        rows = []
        for _ in range(n):
            ids = draw(st.permutations(list(range(n_other))))
            length = draw(st.integers(0, n_other))
            rows.append(list(ids[:length]) + [-1] * (k - length))
        return np.array(rows, dtype=np.int64).reshape(n, k)

    return lists(n_p, n_r), lists(n_r, n_p)


@settings(max_examples=150, deadline=None)
@given(truncated_instances())
def test_stable_match_is_one_to_one_stable_and_proposer_optimal(
    instance: tuple[IntArray, IntArray],
) -> None:
    props, recvs = instance
    match = stable_match(props, recvs)
    taken = match[match >= 0]
    assert len(set(taken.tolist())) == taken.size
    for p, r in enumerate(match):
        if r >= 0:
            assert r in props[p] and p in recvs[r]
    assert blocking_pairs(props, recvs, match) == []
    p_rank = rank_table(props, len(recvs))
    none = np.iinfo(np.int64).max
    for other in all_stable_matchings(props, recvs):
        for p, r in enumerate(other):
            ours = none if match[p] < 0 else p_rank[p, match[p]]
            theirs = none if r < 0 else p_rank[p, r]
            assert ours <= theirs


def test_stable_match_leaves_people_unmatched_when_nobody_lists_them_back() -> None:
    props = np.array([[0, -1], [0, 1]])
    recvs = np.array([[1, -1], [-1, -1]])
    assert stable_match(props, recvs).tolist() == [-1, 0]


def test_stable_match_accepts_empty_sides() -> None:
    result = stable_match(np.zeros((0, 3), dtype=np.int64), np.zeros((2, 0), dtype=np.int64))
    assert result.shape == (0,)


@pytest.mark.parametrize(
    ("props", "recvs", "message"),
    [
        ([[0, 2]], [[0], [0]], r"proposer_prefs\[0, 1\] = 2 is out of range"),
        ([[0, -2]], [[0]], r"proposer_prefs\[0, 1\] = -2 is out of range"),
        ([[0]], [[1]], r"receiver_prefs\[0, 0\] = 1 is out of range"),
        ([[1, 1]], [[0], [0]], r"proposer_prefs row 0 lists id 1 more than once"),
        ([[-1, 0]], [[0]], r"proposer_prefs row 0 has -1 padding before an id"),
        ([[0.0]], [[0]], r"proposer_prefs must hold integers"),
        ([0, 1], [[0]], r"proposer_prefs must be a 2-D array"),
        ([[True]], [[0]], r"proposer_prefs must hold integers"),
    ],
)
def test_stable_match_rejects_malformed_input_with_a_clear_message(
    props: object, recvs: object, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        stable_match(props, recvs)  # type: ignore[arg-type]


def test_stable_match_finds_duplicates_with_the_sparse_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(stable, "_DENSE_LIMIT", 0)
    props = np.tile(np.array([[0, 1, 2]]), (50, 1))
    props[40] = [3, 4, 3]
    recvs = np.tile(np.array([[0, 1]]), (5, 1))
    with pytest.raises(ValueError, match="proposer_prefs row 40 lists id 3 more than once"):
        stable_match(props, recvs)


@pytest.mark.parametrize(("seed", "pack_bits"), [(11, 63), (12, 63), (13, 0)])
def test_stable_match_gives_the_same_result_with_sparse_rank_lookup(
    monkeypatch: pytest.MonkeyPatch, seed: int, pack_bits: int
) -> None:
    """Sparse lookups: merged packed keys, or binary search when keys cannot be packed."""
    monkeypatch.setattr(stable, "_PACK_BITS", pack_bits)
    rng = np.random.default_rng(seed)
    n, k = 3000, 8
    props = np.stack([rng.choice(n, size=k, replace=False) for _ in range(n)])
    recvs = np.stack([rng.choice(n, size=k, replace=False) for _ in range(n)])
    props[::7, 5:] = -1
    dense = stable_match(props, recvs)
    monkeypatch.setattr(stable, "_DENSE_LIMIT", 0)
    assert stable_match(props, recvs).tolist() == dense.tolist()
    assert (dense >= 0).sum() > 0

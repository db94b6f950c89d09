"""Both sides' lists from one search: the code scan, and inverting the proposers' lists."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from troth.match.lists import both_lists, invert
from troth.match.topk import Side, TopKSettings, recall, topk


def sides(n_a: int, n_b: int, seed: int, d: int = 16) -> tuple[Side, Side]:
    rng = np.random.default_rng(seed)
    vec = [rng.standard_normal((n, d)) for n in (n_a, n_a, n_b, n_b)]
    return Side.from_vectors(vec[0], vec[1]), Side.from_vectors(vec[2], vec[3])


@given(
    n_a=st.integers(1, 40),
    n_b=st.integers(1, 40),
    k=st.integers(1, 12),
    seed=st.integers(0, 2**16),
)
@settings(max_examples=40, deadline=None)
def test_inverting_complete_lists_gives_exactly_the_other_sides_exact_lists(
    n_a: int, n_b: int, k: int, seed: int
) -> None:
    a, b = sides(n_a, n_b, seed, d=4)
    exact = TopKSettings(k=k, method="exact", rate=0.05)
    # oversample so large that every proposer's kept list holds all receivers
    wide = topk(a, b, replace(exact, keep_all=True, oversample=100.0))
    assert wide.ids.shape == (n_a, n_b)
    got = invert(wide, a, b, exact)
    want = topk(b, a, exact)
    assert got.ids.tolist() == want.ids.tolist()
    # the receivers' side is re-scored in float32: the same numbers to ~1e-7
    for name in ("log_mutual", "own", "theirs"):
        assert np.allclose(getattr(got, name), getattr(want, name), rtol=1e-5, atol=1e-6)


def test_a_receiver_fetched_by_no_proposer_gets_an_empty_list() -> None:
    a, b = sides(5, 30, seed=4)
    wide = topk(a, b, TopKSettings(k=2, method="exact", keep_all=True, oversample=1.0))
    got = invert(wide, a, b, TopKSettings(k=3, method="exact"))
    fetched = set(wide.ids.ravel().tolist())
    for row in range(30):
        listed = got.ids[row][got.ids[row] >= 0]
        assert (listed.size > 0) == (row in fetched)


def test_the_code_scan_finds_the_exact_top_50_with_recall_of_at_least_099() -> None:
    a, b = sides(20_000, 20_000, seed=5)
    chosen = TopKSettings(k=50, method="scan")
    top = topk(a, b, chosen)
    sample = np.arange(0, 20_000, 100, dtype=np.int64)
    assert recall(top, a, b, chosen, sample) >= 0.99


def test_both_sides_lists_from_one_scan_reach_recall_099_on_each_side() -> None:
    a, b = sides(12_000, 10_000, seed=6)
    chosen = TopKSettings(k=50, method="scan")
    seen: dict[str, int] = {"proposers": 0, "receivers": 0}

    def tick(stage: str, rows: int) -> None:
        seen[stage] += rows

    mine, theirs = both_lists(a, b, chosen, on_block=tick)
    assert seen == {"proposers": 12_000, "receivers": 10_000}
    assert mine.ids.shape == (12_000, 50) and theirs.ids.shape == (10_000, 50)
    assert recall(mine, a, b, chosen, np.arange(0, 12_000, 60, dtype=np.int64)) >= 0.99
    assert recall(theirs, b, a, chosen, np.arange(0, 10_000, 50, dtype=np.int64)) >= 0.99
    # every list is ordered best first, as a direct search orders it
    assert np.all(np.diff(np.where(theirs.ids >= 0, theirs.log_mutual, -1e9), axis=1) <= 0)

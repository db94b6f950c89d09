"""Top-k lists (exact and HNSW), city matching, and the Ray runner."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pytest

from troth.domain.people import Designation
from troth.match import compat, stable_match
from troth.match.city import eligible_rows, match_city, own_order
from troth.match.population import generate
from troth.match.topk import Side, TopKSettings, recall, topk

ON = date(2025, 1, 1)


def sides(n_a: int, n_b: int, seed: int, d: int = 16) -> tuple[Side, Side]:
    rng = np.random.default_rng(seed)
    vec = [rng.standard_normal((n, d)) for n in (n_a, n_a, n_b, n_b)]
    return Side.from_vectors(vec[0], vec[1]), Side.from_vectors(vec[2], vec[3])


def brute_force_ids(a: Side, b: Side, k: int, rate: float) -> np.ndarray:
    log_m = compat.log_mutual_of_affinities(
        a.perception @ b.scent.T, (b.perception @ a.scent.T).T, a.dims, rate
    )
    cols = np.broadcast_to(np.arange(len(b)), log_m.shape)
    return np.lexsort((cols, -log_m), axis=1)[:, :k]


@pytest.mark.parametrize("oversample", [3.0, 1.0])
def test_exact_top_k_equals_a_brute_force_ranking_by_mutual_compatibility(
    oversample: float,
) -> None:
    a, b = sides(400, 500, seed=1)
    settings = TopKSettings(k=20, method="exact", rate=1e-3, oversample=oversample, block=128)
    top = topk(a, b, settings)
    assert top.ids.tolist() == brute_force_ids(a, b, 20, 1e-3).tolist()
    assert np.all(np.diff(top.log_mutual, axis=1) <= 0)


def test_top_k_lists_everyone_when_the_other_side_is_smaller_than_k() -> None:
    a, b = sides(30, 7, seed=2)
    top = topk(a, b, TopKSettings(k=10, method="exact"))
    assert top.ids.shape == (30, 7)
    assert sorted(top.ids[0].tolist()) == list(range(7))


def test_hnsw_top_k_recovers_the_exact_lists_with_recall_of_at_least_099() -> None:
    a, b = sides(2500, 2500, seed=3)
    settings = TopKSettings(k=50, method="hnsw")
    top = topk(a, b, settings)
    sample = np.arange(0, 2500, 25, dtype=np.int64)
    assert recall(top, a, b, settings, sample) >= 0.99


def test_city_pairs_only_people_who_list_each_other_and_most_are_matched() -> None:
    pop = generate(1000, 900, 100, seed=4)
    result = match_city(pop, on=ON, settings=TopKSettings(k=30, method="exact"))
    matched = np.flatnonzero(result.partner >= 0)
    assert result.share_matched() > 0.9
    assert np.all(result.proposer_rank[matched] >= 1)
    assert np.all(result.receiver_rank[matched] >= 1)
    assert len(set(result.partner[matched].tolist())) == matched.size


def test_city_takes_only_adult_unbonded_opted_in_alphas_and_omegas() -> None:
    pop = generate(300, 300, 50, seed=5)
    pop.bonded[:40] = True
    result = match_city(pop, on=ON, settings=TopKSettings(k=10, method="exact"))
    taken = set(result.proposer_ids.tolist()) | set(result.receiver_ids.tolist())
    rows = np.flatnonzero(np.isin(pop.ids, list(taken)))
    assert np.all(pop.opted_in[rows]) and not np.any(pop.bonded[rows])
    assert np.all(pop.age(ON)[rows] >= 18)
    assert set(pop.designation[rows].tolist()) == {"alpha", "omega"}
    expected = eligible_rows(pop, Designation.ALPHA, ON).size
    assert len(result.proposer_ids) == expected


def test_which_side_proposes_changes_who_does_better() -> None:
    pop = generate(800, 800, seed=6)
    settings = TopKSettings(k=20, method="exact")
    by_alpha = match_city(pop, on=ON, settings=settings, proposers=Designation.ALPHA)
    by_omega = match_city(pop, on=ON, settings=settings, proposers=Designation.OMEGA)
    alpha_ranks_when_proposing = by_alpha.proposer_rank[by_alpha.partner >= 0].mean()
    alpha_ranks_when_receiving = by_omega.receiver_rank[by_omega.partner >= 0].mean()
    assert alpha_ranks_when_proposing < alpha_ranks_when_receiving


def test_city_lists_are_ordered_by_own_attraction() -> None:
    a, b = sides(200, 200, seed=7)
    top = topk(a, b, TopKSettings(k=15, method="exact"))
    prefs = own_order(top)
    own = np.einsum("nd,nkd->nk", a.perception, b.scent[prefs])
    assert np.all(np.diff(own, axis=1) <= 0)
    assert stable_match(prefs, own_order(topk(b, a, TopKSettings(k=15)))).shape == (200,)


@pytest.mark.slow
@pytest.mark.parametrize("method", ["hnsw", "scan"])
def test_top_k_on_ray_is_identical_to_the_single_process_run(
    ray_cluster: Any, method: str
) -> None:
    from troth.match.distributed import ray_runner

    a, b = sides(600, 500, seed=8)
    settings = TopKSettings(k=25, method=method, block=150)  # type: ignore[arg-type]
    local = topk(a, b, settings)
    seen: list[int] = []
    remote = topk(a, b, settings, runner=ray_runner("auto", workers=2), on_block=seen.append)
    assert sum(seen) == 600
    for field in ("ids", "log_mutual", "own", "theirs"):
        assert np.array_equal(getattr(local, field), getattr(remote, field))

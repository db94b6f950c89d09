"""Population matching: preference lists from compatibility, then Gale–Shapley.

Who takes part: every adult, unbonded, opted-in Alpha and Omega of the population.
Each person's candidates are their ``k`` most compatible people on the other side (mutual
compatibility, so a pair can work at all); each person then orders their candidates by
their *own* attraction, so the two sides rank each other differently and the proposing
side, chosen by the user, obtains its best stable outcome. A pair can be matched only when
each lists the other. The result is a set of proposed introductions; each awaits the
Omega's consent in the registry.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray

from troth.domain.people import Designation
from troth.match.lists import both_lists
from troth.match.population import Population
from troth.match.stable import stable_match
from troth.match.topk import Side, TopK, TopKSettings, _best_first, recall

__all__ = ["CityResult", "eligible_rows", "match_city", "own_order", "strike_pairs"]

IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class CityResult:
    proposers: Designation
    proposer_ids: IntArray  # population ids of the proposing side, in list order
    receiver_ids: IntArray
    partner: IntArray  # per proposer: index into receiver_ids, or -1
    proposer_rank: IntArray  # per proposer: 1-based rank of the partner in their list, or 0
    receiver_rank: IntArray  # per proposer: 1-based rank the partner gives them, or 0
    compatibility: NDArray[np.float64]  # per proposer: mutual compatibility with partner
    k: int
    method: str
    recall: float | None  # proposers' lists against exact scoring, on a sample
    timings: dict[str, float] = field(default_factory=dict)
    receiver_recall: float | None = None

    @property
    def pairs(self) -> int:
        return int((self.partner >= 0).sum())

    def share_matched(self) -> float:
        smaller = min(len(self.proposer_ids), len(self.receiver_ids))
        return self.pairs / smaller if smaller else 0.0

    def rank_histogram(self, side: str = "proposer") -> dict[int, int]:
        ranks = self.proposer_rank if side == "proposer" else self.receiver_rank
        values, counts = np.unique(ranks[ranks > 0], return_counts=True)
        return {int(v): int(c) for v, c in zip(values, counts, strict=True)}


def eligible_rows(
    pop: Population, designation: Designation, on: date, age_of_majority: int = 18
) -> IntArray:
    """Rows of adult, unbonded, opted-in people of one designation."""
    mask = (pop.designation == designation.value) & pop.opted_in & ~pop.bonded
    return np.flatnonzero(mask & pop.adult(on, age_of_majority))


def own_order(top: TopK) -> IntArray:
    """Candidates re-ordered by the person's own attraction (best first, ties by id),
    -1 padded."""
    key = np.where(top.ids >= 0, top.own, -np.inf)
    order = _best_first(key, np.where(top.ids >= 0, top.ids, 0))
    return np.take_along_axis(top.ids, order, axis=1)


def strike_pairs(
    top: TopK, query_ids: IntArray, base_ids: IntArray, a: IntArray, b: IntArray
) -> TopK:
    """``top`` with every candidate ``base_ids[j]`` of row ``query_ids[i]`` removed (set
    to -1) where (query id, base id) is one of the pairs ``zip(a, b)``."""
    if a.size == 0 or top.ids.size == 0:
        return top
    span = int(max(base_ids.max(initial=0), b.max(initial=0))) + 1
    banned = np.unique(np.asarray(a, dtype=np.int64) * span + np.asarray(b, dtype=np.int64))
    keys = query_ids[:, None] * span + base_ids[np.maximum(top.ids, 0)]
    hit = (top.ids >= 0) & np.isin(keys, banned)
    if not hit.any():
        return top
    return replace(top, ids=np.where(hit, -1, top.ids))


def _rank_of(prefs: IntArray, rows: IntArray, wanted: IntArray) -> IntArray:
    """1-based position of ``wanted[i]`` in ``prefs[rows[i]]``, 0 when absent."""
    if rows.size == 0:
        return np.zeros(0, dtype=np.int64)
    hit = prefs[rows] == wanted[:, None]
    return np.where(hit.any(axis=1), hit.argmax(axis=1) + 1, 0).astype(np.int64)


Progress = Callable[[str, int, int], None]  # (stage, advance, total)


def match_city(
    pop: Population,
    *,
    proposers: Designation = Designation.ALPHA,
    on: date,
    settings: TopKSettings | None = None,
    age_of_majority: int = 18,
    recall_sample: int = 200,
    progress: Progress | None = None,
    runner: Callable[..., list[TopK]] | None = None,
    exclude: tuple[IntArray, IntArray] | None = None,
) -> CityResult:
    """Match the city's eligible Alphas and Omegas; ``proposers`` chooses who proposes.

    ``exclude`` is a pair of equal-length id arrays ``(alpha_ids, omega_ids)``: pairs never
    to propose (a live courtship between them, a refusal). They are struck from both
    people's lists, so neither can be matched with the other.
    """
    if proposers not in (Designation.ALPHA, Designation.OMEGA):
        raise ValueError("proposers must be alpha or omega")
    settings = settings or TopKSettings()
    receivers = Designation.OMEGA if proposers is Designation.ALPHA else Designation.ALPHA
    p_rows = eligible_rows(pop, proposers, on, age_of_majority)
    r_rows = eligible_rows(pop, receivers, on, age_of_majority)
    p_side = Side.from_vectors(pop.draws[p_rows], pop.gives[p_rows])
    r_side = Side.from_vectors(pop.draws[r_rows], pop.gives[r_rows])
    timings: dict[str, float] = {}
    started = time.perf_counter()
    p_top, r_top = _lists(p_side, r_side, settings, progress, runner)
    timings["top_k_s"] = time.perf_counter() - started
    started = time.perf_counter()
    if exclude is not None:
        p_ids, r_ids = pop.ids[p_rows], pop.ids[r_rows]
        ours, theirs = exclude if proposers is Designation.ALPHA else exclude[::-1]
        p_top = strike_pairs(p_top, p_ids, r_ids, ours, theirs)
        r_top = strike_pairs(r_top, r_ids, p_ids, theirs, ours)
    p_prefs, r_prefs = own_order(p_top), own_order(r_top)
    partner = stable_match(p_prefs, r_prefs)
    timings["matching_s"] = time.perf_counter() - started
    method = settings.resolved(len(p_side), len(r_side))
    found_recall = _sampled_recall(p_top, p_side, r_side, settings, recall_sample, method)
    their_recall = _sampled_recall(r_top, r_side, p_side, settings, recall_sample, method)
    result = _result(pop, proposers, p_rows, r_rows, p_prefs, r_prefs, partner, p_top, r_top,
                     settings, method, found_recall, timings)  # fmt: skip
    return replace(result, receiver_recall=their_recall)


def _lists(
    p_side: Side,
    r_side: Side,
    settings: TopKSettings,
    progress: Progress | None,
    runner: Callable[..., list[TopK]] | None,
) -> tuple[TopK, TopK]:
    sizes = {"proposers": len(p_side), "receivers": len(r_side)}

    def tick(stage: str, n: int) -> None:
        if progress is not None:
            progress(f"{stage}' top-k", n, sizes[stage])

    tick("proposers", 0)
    tick("receivers", 0)
    return both_lists(p_side, r_side, settings, on_block=tick, runner=runner)


def _sampled_recall(
    top: TopK, query: Side, base: Side, settings: TopKSettings, sample: int, method: str
) -> float | None:
    if method == "exact" or len(query) == 0:
        return None
    rng = np.random.default_rng(0)
    rows = np.sort(rng.choice(len(query), size=min(sample, len(query)), replace=False))
    return recall(top, query, base, settings, rows.astype(np.int64))


def _result(
    pop: Population,
    proposers: Designation,
    p_rows: IntArray,
    r_rows: IntArray,
    p_prefs: IntArray,
    r_prefs: IntArray,
    partner: IntArray,
    p_top: TopK,
    r_top: TopK,
    settings: TopKSettings,
    method: str,
    found_recall: float | None,
    timings: dict[str, float],
) -> CityResult:
    matched = np.flatnonzero(partner >= 0)
    p_rank = np.zeros(partner.size, dtype=np.int64)
    r_rank = np.zeros(partner.size, dtype=np.int64)
    p_rank[matched] = _rank_of(p_prefs, matched, partner[matched])
    r_rank[matched] = _rank_of(r_prefs, partner[matched], matched)
    compat_values = np.zeros(partner.size, dtype=np.float64)
    if matched.size:
        hit = p_top.ids[matched] == partner[matched][:, None]
        compat_values[matched] = np.exp(p_top.log_mutual[matched][hit])
    del r_top
    return CityResult(
        proposers=proposers,
        proposer_ids=pop.ids[p_rows],
        receiver_ids=pop.ids[r_rows],
        partner=partner,
        proposer_rank=p_rank,
        receiver_rank=r_rank,
        compatibility=compat_values,
        k=settings.k,
        method=method,
        recall=found_recall,
        timings=timings,
    )


def introductions(result: CityResult) -> dict[str, Any]:
    """The proposed introductions as columns (one per matched pair), ready for Parquet."""
    matched = np.flatnonzero(result.partner >= 0)
    p_ids = result.proposer_ids[matched]
    r_ids = result.receiver_ids[result.partner[matched]]
    alpha_first = result.proposers is Designation.ALPHA
    return {
        "alpha_id": p_ids if alpha_first else r_ids,
        "omega_id": r_ids if alpha_first else p_ids,
        "proposed_by": np.full(matched.size, result.proposers.value),
        "alpha_rank": (result.proposer_rank if alpha_first else result.receiver_rank)[matched],
        "omega_rank": (result.receiver_rank if alpha_first else result.proposer_rank)[matched],
        "mutual_compatibility": result.compatibility[matched],
        "status": np.full(matched.size, "awaiting_omega_consent"),
    }

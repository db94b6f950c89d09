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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray

from troth.domain.people import Designation
from troth.match import compat
from troth.match.lists import both_lists
from troth.match.population import Population
from troth.match.stable import stable_match
from troth.match.stated import (
    Resolved,
    StatedPreferences,
    StatedUse,
    ahead,
    as_stated,
    listed_back,
    resolve,
    stated_by,
)
from troth.match.topk import Side, TopK, TopKSettings, _best_first, recall

__all__ = ["CityResult", "eligible_rows", "match_city", "own_order", "strike_pairs", "struck"]

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
    stated: StatedUse | None = None  # what became of stated preferences, if any were given

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
    hit = struck(top.ids, query_ids, base_ids, a, b)
    if not hit.any():
        return top
    return replace(top, ids=np.where(hit, -1, top.ids))


def struck(
    ids: IntArray, query_ids: IntArray, base_ids: IntArray, a: IntArray, b: IntArray
) -> NDArray[np.bool_]:
    """Which entries ``ids[i, j]`` (indices into ``base_ids``) name a pair of ``zip(a, b)``
    with ``query_ids[i]``."""
    if a.size == 0 or ids.size == 0:
        return np.zeros(ids.shape, dtype=np.bool_)
    span = int(max(base_ids.max(initial=0), b.max(initial=0))) + 1
    banned = np.unique(np.asarray(a, dtype=np.int64) * span + np.asarray(b, dtype=np.int64))
    keys = query_ids[:, None] * span + base_ids[np.maximum(ids, 0)]
    return np.asarray((ids >= 0) & np.isin(keys, banned))


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
    stated: StatedPreferences | Mapping[int, Sequence[int]] | None = None,
) -> CityResult:
    """Match the city's eligible Alphas and Omegas; ``proposers`` chooses who proposes.

    ``exclude`` is a pair of equal-length id arrays ``(alpha_ids, omega_ids)``: pairs never
    to propose (a live courtship between them, a refusal). They are struck from both
    people's lists, so neither can be matched with the other.

    ``stated`` holds stated preferences (:mod:`troth.match.stated`; or a mapping
    ``{person_id: [preferred ids, best first]}``): each eligible person's stated people
    come first in their list, in stated order, then their computed candidates without
    repeats. A stated preference makes the pair acceptable from the stating side only: the
    pair can be matched only if the other person lists them too (computed or stated).
    Rows naming someone not taking part are skipped and counted; bad rows raise ValueError.
    """
    if proposers not in (Designation.ALPHA, Designation.OMEGA):
        raise ValueError("proposers must be alpha or omega")
    settings = settings or TopKSettings()
    receivers = Designation.OMEGA if proposers is Designation.ALPHA else Designation.ALPHA
    p_rows = eligible_rows(pop, proposers, on, age_of_majority)
    r_rows = eligible_rows(pop, receivers, on, age_of_majority)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    resolved = None  # checked before the costly lists, so a bad file fails at once
    if stated is not None:
        resolved = resolve(as_stated(stated), pop, p_rows, r_rows, on, age_of_majority)
        timings["stated_s"] = time.perf_counter() - started
    p_side = Side.from_vectors(pop.draws[p_rows], pop.gives[p_rows])
    r_side = Side.from_vectors(pop.draws[r_rows], pop.gives[r_rows])
    started = time.perf_counter()
    p_top, r_top = _lists(p_side, r_side, settings, progress, runner)
    timings["top_k_s"] = time.perf_counter() - started
    started = time.perf_counter()
    if exclude is not None:
        p_ids, r_ids = pop.ids[p_rows], pop.ids[r_rows]
        ours, theirs = exclude if proposers is Designation.ALPHA else exclude[::-1]
        p_top = strike_pairs(p_top, p_ids, r_ids, ours, theirs)
        r_top = strike_pairs(r_top, r_ids, p_ids, theirs, ours)
        if resolved is not None:
            resolved = _strike_stated(resolved, p_ids, r_ids, ours, theirs)
    p_prefs, r_prefs = own_order(p_top), own_order(r_top)
    if resolved is not None:
        p_prefs, r_prefs = ahead(resolved.proposers, p_prefs), ahead(resolved.receivers, r_prefs)
    partner = stable_match(p_prefs, r_prefs)
    timings["matching_s"] = time.perf_counter() - started
    method = settings.resolved(len(p_side), len(r_side))
    found_recall = _sampled_recall(p_top, p_side, r_side, settings, recall_sample, method)
    their_recall = _sampled_recall(r_top, r_side, p_side, settings, recall_sample, method)
    result = _result(pop, proposers, p_rows, r_rows, p_prefs, r_prefs, partner, p_top, r_top,
                     (p_side, r_side), settings, method, found_recall, timings)  # fmt: skip
    use = None if resolved is None else _use(resolved, p_prefs, r_prefs, partner)
    return replace(result, receiver_recall=their_recall, stated=use)


def _strike_stated(
    resolved: Resolved, p_ids: IntArray, r_ids: IntArray, ours: IntArray, theirs: IntArray
) -> Resolved:
    """Stated entries naming a pair that must never be proposed are struck and counted."""
    mine = struck(resolved.proposers, p_ids, r_ids, ours, theirs)
    back = struck(resolved.receivers, r_ids, p_ids, theirs, ours)
    count = int(mine.sum() + back.sum())
    if count == 0:
        return resolved
    skipped = {**resolved.skipped, "excluded_pair": count}
    return replace(resolved, proposers=np.where(mine, -1, resolved.proposers),
                   receivers=np.where(back, -1, resolved.receivers), skipped=skipped)  # fmt: skip


def _use(resolved: Resolved, p_prefs: IntArray, r_prefs: IntArray, partner: IntArray) -> StatedUse:
    back = listed_back(resolved.proposers, r_prefs) + listed_back(resolved.receivers, p_prefs)
    return StatedUse(resolved.rows, resolved.used, back, resolved.skipped,
                     stated_by(resolved, partner))  # fmt: skip


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
    sides: tuple[Side, Side],
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
        compat_values[matched] = _compatibility(p_top, sides, matched, partner[matched],
                                                settings.rate)  # fmt: skip
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


def _compatibility(
    p_top: TopK, sides: tuple[Side, Side], rows: IntArray, partners: IntArray, rate: float
) -> NDArray[np.float64]:
    """Mutual compatibility of each pair: from the proposer's computed list, or scored here
    for a pair that only a stated preference listed."""
    hit = p_top.ids[rows] == partners[:, None]
    found = hit.any(axis=1)
    out = np.zeros(rows.size, dtype=np.float64)
    out[found] = np.exp(p_top.log_mutual[rows[found]][hit[found]])
    if not found.all():
        p_side, r_side = sides
        mine, theirs = rows[~found], partners[~found]
        own = np.einsum("nd,nd->n", p_side.perception[mine], r_side.scent[theirs])
        back = np.einsum("nd,nd->n", r_side.perception[theirs], p_side.scent[mine])
        out[~found] = np.exp(compat.log_mutual_of_affinities(own, back, p_side.dims, rate))
    return out


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
        "stated_by": _stated_by_names(result, matched),
        "status": np.full(matched.size, "awaiting_omega_consent"),
    }


def _stated_by_names(result: CityResult, matched: IntArray) -> NDArray[np.str_]:
    """Per pair: who had stated the other ("alpha", "omega", "both") or "" (computed)."""
    if result.stated is None:
        return np.full(matched.size, "")
    receivers = "omega" if result.proposers is Designation.ALPHA else "alpha"
    names = np.array(["", result.proposers.value, receivers, "both"])
    return names[result.stated.by[matched]]

"""Both sides' candidate lists from one search.

Mutual compatibility is symmetric: the pair (a, b) has one score whichever side asks. So
when the proposers' search keeps every candidate it fetched (``fetch = oversample * k`` per
proposer, re-scored exactly), a receiver's best partners are, with high probability, among
the proposers who fetched it: a receiver's k-th best pair sits near the proposers' k-th
best, well inside their fetched ``3k``. Inverting the proposers' fetched lists therefore
gives the receivers' lists without a second index and a second million queries. Each
receiver's list is then re-scored exactly (the scores are the same numbers, recomputed from
the signatures) and ordered best first, ties by id, exactly as a direct search orders it.
Its recall is measured on a sample like the proposers' (see ``match_city``).

Small populations (the exact method) still search both sides directly, so that exact lists
stay exact.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from troth.match.topk import Side, TopK, TopKSettings, _rescore, blocks, topk

__all__ = ["both_lists", "invert"]

_LOW = np.uint64(0xFFFFFFFF)
_SHIFT = np.uint64(32)


def both_lists(
    proposers: Side,
    receivers: Side,
    settings: TopKSettings,
    *,
    on_block: Callable[[str, int], None] | None = None,
    runner: Callable[..., list[TopK]] | None = None,
) -> tuple[TopK, TopK]:
    """Top-k lists of both sides; approximate methods search once and invert."""

    def tick(stage: str) -> Callable[[int], None] | None:
        return None if on_block is None else (lambda n: on_block(stage, n))

    if settings.resolved(len(proposers), len(receivers)) == "exact":
        mine = topk(proposers, receivers, settings, on_block=tick("proposers"), runner=runner)
        theirs = topk(receivers, proposers, settings, on_block=tick("receivers"), runner=runner)
        return mine, theirs
    wide = topk(proposers, receivers, replace(settings, keep_all=True),
                on_block=tick("proposers"), runner=runner)  # fmt: skip
    k = min(settings.k, len(receivers))
    mine = TopK(*(getattr(wide, f)[:, :k] for f in TopK._fields()))
    return mine, invert(wide, proposers, receivers, settings, on_block=tick("receivers"))


def invert(
    wide: TopK,
    query: Side,
    base: Side,
    settings: TopKSettings,
    *,
    on_block: Callable[[int], None] | None = None,
) -> TopK:
    """The base side's top-k lists from the query side's re-scored candidate lists."""
    k = min(settings.k, len(query))
    cand = _best_incoming(wide, len(base), k)

    def score(part: tuple[int, int]) -> TopK:
        rows = np.arange(*part)
        return _rescore(base.take(rows), query, cand[rows], k, settings.rate, single=True)

    parts = []
    with ThreadPoolExecutor(settings.workers()) as pool:
        for (start, stop), part in zip(
            bounds := blocks(len(base), settings.block), pool.map(score, bounds), strict=True
        ):
            parts.append(part)
            if on_block is not None:
                on_block(stop - start)
    if not parts:
        empty = np.zeros((0, k))
        return TopK(empty.astype(np.int64), empty, empty, empty)
    return TopK.concat(parts)


def _best_incoming(wide: TopK, n_base: int, k: int) -> NDArray[np.int64]:
    """Per base row, the query rows whose pair with it is among its k best (ties kept),
    as a (n_base, >= k) matrix padded with -1. Sorting packed 64-bit keys keeps this to
    two vectorised sorts, whatever the population."""
    width = wide.ids.shape[1]
    flat = wide.ids.ravel()
    valid = np.flatnonzero(flat >= 0)
    who = flat[valid]
    # |log mutual| as float32 bits: non-negative floats sort as their bit patterns, smaller
    # = better; rounding to float32 is monotone, so no exact top-k pair falls below a cut.
    bits = np.abs(wide.log_mutual.ravel()[valid]).astype(np.float32).view(np.uint32)
    keys = (who.view(np.uint64) << _SHIFT) | bits
    keys.sort()
    counts = np.bincount(who, minlength=n_base)
    starts = np.cumsum(counts) - counts
    cut = np.zeros(n_base, dtype=np.uint32)
    has = counts > 0
    cut[has] = keys[starts[has] + np.minimum(counts[has], k) - 1] & _LOW
    keep = np.flatnonzero(bits <= cut[who])
    del keys, bits
    query_rows = (valid[keep] // width).astype(np.uint64)
    pairs = (who[keep].view(np.uint64) << _SHIFT) | query_rows
    pairs.sort()
    owner = (pairs >> _SHIFT).view(np.int64)
    held = np.bincount(owner, minlength=n_base)
    span = max(k, int(held.max(initial=0)))
    column = np.arange(len(pairs)) - (np.cumsum(held) - held)[owner]
    cand = np.full((n_base, span), -1, dtype=np.int64)
    cand[owner, column] = (pairs & _LOW).view(np.int64)
    return cand

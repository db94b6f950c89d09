"""Gale–Shapley stable matching on truncated preference lists.

``stable_match(proposer_prefs, receiver_prefs)`` takes two int arrays of shape (n, k): row i
lists person i's acceptable partners on the other side, best first, padded at the end with
-1. A pair can be matched only if each lists the other. It returns, for each proposer, the
index of the receiver they are matched to, or -1. The result is the proposer-optimal stable
matching, which is unique, so the order in which proposals are processed does not matter.

The engine runs in rounds: every free proposer proposes to their next acceptable receiver at
once (NumPy), each receiver keeps the best of its holder and its new proposals, the rest stay
free. When few proposers remain free, a plain loop finishes the long displacement chains.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["stable_match"]

IntArray = NDArray[np.int64]

_DENSE_LIMIT = 40_000_000  # n_proposers * n_receivers up to which rank tables are dense
_TAIL = 256  # switch to the scalar loop below this many free proposers
_UNRANKED = np.iinfo(np.int64).max


def stable_match(proposer_prefs: ArrayLike, receiver_prefs: ArrayLike) -> IntArray:
    """Proposer-optimal stable matching; ``result[i]`` is proposer i's partner or -1.

    Raises ValueError for arrays that are not 2-D integers, ids out of range, -1 padding
    before an id, or an id listed twice in one row.

    >>> stable_match([[0, 1], [0, 1]], [[1, 0], [0, 1]]).tolist()
    [1, 0]
    """
    n_p = _row_count(proposer_prefs, "proposer_prefs")
    n_r = _row_count(receiver_prefs, "receiver_prefs")
    props = _validated(proposer_prefs, n_r, "proposer_prefs")
    recvs = _validated(receiver_prefs, n_p, "receiver_prefs")
    lists, ranks, lengths = _acceptable_lists(props, recvs)
    return _gale_shapley(lists, ranks, lengths, n_r)


def _row_count(prefs: ArrayLike, label: str) -> int:
    shape = np.shape(prefs)
    if len(shape) != 2:
        raise ValueError(f"{label} must be a 2-D array of shape (n, k), got shape {shape}")
    return int(shape[0])


def _validated(prefs: ArrayLike, n_other: int, label: str) -> IntArray:
    arr = np.asarray(prefs)
    if arr.dtype == np.bool_ or not np.issubdtype(arr.dtype, np.integer):
        raise ValueError(f"{label} must hold integers, got dtype {arr.dtype}")
    arr = arr.astype(np.int64, copy=False)
    bad = (arr < -1) | (arr >= n_other)
    if bad.any():
        i, j = (int(x) for x in np.argwhere(bad)[0])
        raise ValueError(
            f"{label}[{i}, {j}] = {arr[i, j]} is out of range: ids must be in 0..{n_other - 1}"
            " or -1 for padding"
        )
    listed = arr >= 0
    if arr.shape[1] > 1:
        gap = ~listed[:, :-1] & listed[:, 1:]
        if gap.any():
            i, j = (int(x) for x in np.argwhere(gap)[0])
            raise ValueError(f"{label} row {i} has -1 padding before an id (column {j + 1})")
    _check_duplicates(arr, listed, n_other, label)
    return arr


def _check_duplicates(arr: IntArray, listed: NDArray[np.bool_], n_other: int, label: str) -> None:
    n = arr.shape[0]
    rows = np.broadcast_to(np.arange(n)[:, None], arr.shape)[listed]
    if n * n_other <= _DENSE_LIMIT:
        counts = np.bincount(rows * n_other + arr[listed], minlength=n * n_other)
        dup_keys = np.flatnonzero(counts > 1)
        if dup_keys.size:
            i, v = divmod(int(dup_keys[0]), n_other)
            raise ValueError(f"{label} row {i} lists id {v} more than once")
        return
    ordered = np.sort(np.where(listed, arr, -1), axis=1)
    dup = (ordered[:, 1:] == ordered[:, :-1]) & (ordered[:, 1:] >= 0)
    if dup.any():
        i, j = (int(x) for x in np.argwhere(dup)[0])
        raise ValueError(f"{label} row {i} lists id {ordered[i, j + 1]} more than once")


def _receiver_ranks(props: IntArray, recvs: IntArray) -> IntArray:
    """For each proposer entry (p, j): the rank receiver props[p, j] gives p, or _UNRANKED."""
    n_p, n_r = props.shape[0], recvs.shape[0]
    r_listed = recvs >= 0
    r_rows = np.broadcast_to(np.arange(n_r)[:, None], recvs.shape)[r_listed]
    r_cols = np.broadcast_to(np.arange(recvs.shape[1])[None, :], recvs.shape)[r_listed]
    p_listed = props >= 0
    p_rows = np.broadcast_to(np.arange(n_p)[:, None], props.shape)[p_listed]
    targets = props[p_listed]
    ranks = np.full(props.shape, _UNRANKED, dtype=np.int64)
    if n_p * n_r <= _DENSE_LIMIT:
        table = np.full(n_r * n_p, _UNRANKED, dtype=np.int64)
        table[r_rows * n_p + recvs[r_listed]] = r_cols
        ranks[p_listed] = table[targets * n_p + p_rows]
        return ranks
    keys = r_rows * n_p + recvs[r_listed]
    if keys.size == 0:
        return ranks
    order = np.argsort(keys, kind="stable")
    keys, rank_of_key = keys[order], r_cols[order]
    wanted = targets * n_p + p_rows
    pos = np.minimum(np.searchsorted(keys, wanted), keys.size - 1)
    ranks[p_listed] = np.where(keys[pos] == wanted, rank_of_key[pos], _UNRANKED)
    return ranks


def _acceptable_lists(props: IntArray, recvs: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """Each proposer's mutually acceptable receivers, in order, compacted to the left."""
    ranks = _receiver_ranks(props, recvs)
    ok = ranks != _UNRANKED
    order = np.argsort(~ok, axis=1, kind="stable")
    lists = np.take_along_axis(props, order, axis=1)
    ranks = np.take_along_axis(ranks, order, axis=1)
    return lists, ranks, ok.sum(axis=1).astype(np.int64)


def _gale_shapley(lists: IntArray, ranks: IntArray, lengths: IntArray, n_r: int) -> IntArray:
    n_p = lists.shape[0]
    nxt = np.zeros(n_p, dtype=np.int64)
    holder = np.full(n_r, -1, dtype=np.int64)
    held = np.full(n_r, _UNRANKED, dtype=np.int64)
    free = np.flatnonzero(lengths > 0)
    while free.size >= _TAIL:
        free = free[nxt[free] < lengths[free]]
        j = nxt[free]
        target = lists[free, j]
        rank = ranks[free, j]
        nxt[free] = j + 1
        order = np.lexsort((rank, target))
        t_sorted = target[order]
        first = np.ones(order.size, dtype=np.bool_)
        first[1:] = t_sorted[1:] != t_sorted[:-1]
        best = order[first]
        win = best[rank[best] < held[target[best]]]
        rejected = np.ones(free.size, dtype=np.bool_)
        rejected[win] = False
        won_at = target[win]
        displaced = holder[won_at]
        holder[won_at] = free[win]
        held[won_at] = rank[win]
        free = np.concatenate([free[rejected], displaced[displaced >= 0]])
    _finish(free.tolist(), lists, ranks, lengths, nxt, holder, held)
    match = np.full(n_p, -1, dtype=np.int64)
    taken = holder >= 0
    match[holder[taken]] = np.flatnonzero(taken)
    return match


def _finish(
    free: list[int],
    lists: IntArray,
    ranks: IntArray,
    lengths: IntArray,
    nxt: IntArray,
    holder: IntArray,
    held: IntArray,
) -> None:
    """Sequential Gale–Shapley for the last few free proposers (long displacement chains)."""
    while free:
        p = free.pop()
        j, n = int(nxt[p]), int(lengths[p])
        row_l, row_r = lists[p], ranks[p]
        while j < n:
            r, rk = int(row_l[j]), int(row_r[j])
            j += 1
            if rk < held[r]:
                old = int(holder[r])
                holder[r], held[r] = p, rk
                if old >= 0:
                    free.append(old)
                break
        nxt[p] = j

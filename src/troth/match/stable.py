"""Gale–Shapley stable matching on truncated preference lists.

``stable_match(proposer_prefs, receiver_prefs)`` takes two int arrays of shape (n, k): row i
lists person i's acceptable partners on the other side, best first, padded at the end with
-1. A pair can be matched only if each lists the other. It returns, for each proposer, the
index of the receiver they are matched to, or -1. The result is the proposer-optimal stable
matching, which is unique, so the order in which proposals are processed does not matter.

The engine runs in rounds while many proposers are free: each free proposer proposes to
their next receiver at once (NumPy), each receiver keeps the best of its holder and its new
proposals, the rest stay free. When few are free, a plain loop finishes the displacement
chains. A receiver's rank of a proposer is looked up only when a proposal is made: from a
dense table (receiver x proposer) when it fits, else by binary search in sorted keys.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["stable_match"]

IntArray = NDArray[np.int64]
RankArray = NDArray[np.int32]

_DENSE_LIMIT = 40_000_000  # n_proposers * n_receivers up to which tables are dense
_TAIL = 2048  # below this many free proposers a plain loop is faster than rounds ...
_TAIL_LARGE = 128  # ... except in large instances, where rounds stay cheaper longer
_SMALL = 20_000
_UNRANKED = np.iinfo(np.int32).max
_PACK_BITS = 63  # packed sparse keys: (proposer * n_r + receiver) << rank bits | rank


def stable_match(proposer_prefs: ArrayLike, receiver_prefs: ArrayLike) -> IntArray:
    """Proposer-optimal stable matching; ``result[i]`` is proposer i's partner or -1.

    Raises ValueError for arrays that are not 2-D integers, ids out of range, -1 padding
    before an id, or an id listed twice in one row.

    >>> stable_match([[0, 1], [0, 1]], [[1, 0], [0, 1]]).tolist()
    [1, 0]
    """
    n_p = _row_count(proposer_prefs, "proposer_prefs")
    n_r = _row_count(receiver_prefs, "receiver_prefs")
    props, p_padded = _validated(proposer_prefs, n_r, "proposer_prefs")
    recvs, r_padded = _validated(receiver_prefs, n_p, "receiver_prefs")
    _check_duplicates(props, n_r, "proposer_prefs", p_padded)
    ranks = _RankLookup(recvs, n_p, r_padded)
    lengths = (props >= 0).sum(axis=1) if p_padded else np.full(n_p, props.shape[1])
    return _gale_shapley(props, lengths.astype(np.int64), ranks, n_r)


def _row_count(prefs: ArrayLike, label: str) -> int:
    shape = np.shape(prefs)
    if len(shape) != 2:
        raise ValueError(f"{label} must be a 2-D array of shape (n, k), got shape {shape}")
    return int(shape[0])


def _validated(prefs: ArrayLike, n_other: int, label: str) -> tuple[IntArray, bool]:
    """The array as int64 and whether it holds any -1 padding."""
    arr = np.asarray(prefs)
    if arr.dtype == np.bool_ or not np.issubdtype(arr.dtype, np.integer):
        raise ValueError(f"{label} must hold integers, got dtype {arr.dtype}")
    arr = arr.astype(np.int64, copy=False)
    if arr.size == 0:
        return arr, False
    lo, hi = int(arr.min()), int(arr.max())
    if lo < -1 or hi >= n_other:
        i, j = (int(x) for x in np.argwhere((arr < -1) | (arr >= n_other))[0])
        raise ValueError(
            f"{label}[{i}, {j}] = {arr[i, j]} is out of range: ids must be in 0..{n_other - 1}"
            " or -1 for padding"
        )
    if lo < 0 and arr.shape[1] > 1:
        gap = (arr[:, :-1] < 0) & (arr[:, 1:] >= 0)
        if gap.any():
            i, j = (int(x) for x in np.argwhere(gap)[0])
            raise ValueError(f"{label} row {i} has -1 padding before an id (column {j + 1})")
    return arr, lo < 0


def _flat_keys(arr: IntArray, n_other: int, padded: bool) -> IntArray:
    """row * n_other + id for every entry; -1 padding maps to the spare key n * n_other."""
    keys = arr + (np.arange(arr.shape[0], dtype=np.int64) * n_other)[:, None]
    if padded:
        keys[arr < 0] = arr.shape[0] * n_other
    return keys.ravel()


def _raise_duplicate(arr: IntArray, rows: IntArray, label: str) -> None:
    if rows.size:
        i = int(rows[0])
        values, counts = np.unique(arr[i][arr[i] >= 0], return_counts=True)
        raise ValueError(f"{label} row {i} lists id {values[counts > 1][0]} more than once")


def _check_duplicates(arr: IntArray, n_other: int, label: str, padded: bool) -> None:
    n, k = arr.shape
    if k <= 1:
        return
    if n * n_other <= _DENSE_LIMIT:
        seen = np.zeros(n * n_other + 1, dtype=np.bool_)
        seen[_flat_keys(arr, n_other, padded)] = True
        distinct = np.count_nonzero(seen[:-1].reshape(n, n_other), axis=1)
        listed = np.count_nonzero(arr >= 0, axis=1) if padded else k
        _raise_duplicate(arr, np.flatnonzero(distinct != listed), label)
        return
    ordered = np.sort(arr, axis=1)
    dup = (ordered[:, 1:] == ordered[:, :-1]) & (ordered[:, 1:] >= 0)
    _raise_duplicate(arr, np.flatnonzero(dup.any(axis=1)), label)


class _RankLookup:
    """rank(r, p): the position of proposer p in receiver r's list, or _UNRANKED.

    Building it also rejects receivers' lists that name someone twice.
    """

    def __init__(self, recvs: IntArray, n_p: int, padded: bool) -> None:
        n_r, k = recvs.shape
        self.n_p = n_p
        self.dense = n_r * n_p <= _DENSE_LIMIT
        keys = _flat_keys(recvs, n_p, padded)
        cols = np.broadcast_to(np.arange(k, dtype=np.int32), (n_r, k)).ravel()
        if self.dense:
            self.table = np.full(n_r * n_p + 1, _UNRANKED, dtype=np.int32)
            self.table[keys] = cols
            if k > 1:
                written = np.count_nonzero(self.table[:-1].reshape(n_r, n_p) != _UNRANKED, 1)
                listed = np.count_nonzero(recvs >= 0, axis=1) if padded else k
                _raise_duplicate(recvs, np.flatnonzero(written != listed), "receiver_prefs")
            return
        _check_duplicates(recvs, n_p, "receiver_prefs", padded)
        self.n_r, self.col_bits = n_r, max(1, int(k).bit_length())
        if n_r * n_p < 2 ** (_PACK_BITS - self.col_bits):
            # (proposer, receiver, rank) packed in one 64-bit key: one fast sort, and the
            # proposers' entries are later found by a merge of two sorted arrays.
            listed = recvs >= 0
            rows = np.broadcast_to(np.arange(n_r, dtype=np.int64)[:, None], (n_r, k))
            packed = (recvs[listed] * n_r + rows[listed]) << self.col_bits
            self.packed: IntArray | None = np.sort(packed | cols.reshape(n_r, k)[listed])
            return
        self.packed = None
        order = np.argsort(keys, kind="stable")
        self.keys, self.cols = keys[order], cols[order]

    def many(self, receivers: IntArray, proposers: IntArray) -> RankArray:
        wanted = receivers * self.n_p + proposers
        if self.dense:
            return np.asarray(self.table[wanted], dtype=np.int32)
        pos = np.minimum(np.searchsorted(self.keys, wanted), self.keys.size - 1)
        return np.where(self.keys[pos] == wanted, self.cols[pos], _UNRANKED).astype(np.int32)

    def per_entry(self, props: IntArray) -> RankArray | None:
        """For sparse lookups: every proposer entry's rank, found once."""
        if self.dense:
            return None
        if self.packed is not None:
            return self._merged(props)
        at = np.full(props.shape, _UNRANKED, dtype=np.int32)
        if self.keys.size == 0:
            return at
        step = max(1, 4_000_000 // max(1, props.shape[1]))
        for start in range(0, props.shape[0], step):
            block = props[start : start + step]
            rows = np.broadcast_to(np.arange(start, start + block.shape[0])[:, None], block.shape)
            listed = block >= 0
            at[start : start + step][listed] = self.many(block[listed], rows[listed])
        return at

    def _merged(self, props: IntArray) -> RankArray:
        """Ranks by merging: each proposer row sorted by receiver makes the proposers'
        (proposer, receiver) keys globally sorted, so one vectorised search of sorted
        needles in the sorted packed keys finds them all (no random binary searches)."""
        assert self.packed is not None
        n_p, k = props.shape
        by_receiver = np.argsort(np.where(props >= 0, props, np.iinfo(np.int64).max), axis=1)
        wanted = np.take_along_axis(props, by_receiver, axis=1)
        listed = wanted >= 0
        rows = np.broadcast_to(np.arange(n_p, dtype=np.int64)[:, None], (n_p, k))
        needles = rows[listed] * self.n_r + wanted[listed]
        keys = self.packed >> self.col_bits
        found = np.full(needles.size, _UNRANKED, dtype=np.int32)
        if keys.size:
            pos = np.minimum(np.searchsorted(keys, needles), keys.size - 1)
            hit = keys[pos] == needles
            found[hit] = (self.packed[pos[hit]] & ((1 << self.col_bits) - 1)).astype(np.int32)
        in_order = np.full(props.shape, _UNRANKED, dtype=np.int32)
        in_order[listed] = found
        at = np.empty_like(in_order)
        np.put_along_axis(at, by_receiver, in_order, axis=1)
        return at


def _gale_shapley(lists: IntArray, lengths: IntArray, ranks: _RankLookup, n_r: int) -> IntArray:
    n_p = lists.shape[0]
    nxt = np.zeros(n_p, dtype=np.int64)
    holder = np.full(n_r, -1, dtype=np.int64)
    held = np.full(n_r, _UNRANKED, dtype=np.int32)
    free = np.flatnonzero(lengths > 0)
    at = ranks.per_entry(lists)
    tail = _TAIL if n_p <= _SMALL else _TAIL_LARGE
    while free.size >= tail:
        free = free[nxt[free] < lengths[free]]
        target = lists[free, nxt[free]]
        rank = ranks.many(target, free) if at is None else at[free, nxt[free]]
        nxt[free] += 1
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
    _finish(free.tolist(), lists, lengths, ranks if at is None else at, nxt, holder, held)
    match = np.full(n_p, -1, dtype=np.int64)
    taken = holder >= 0
    match[holder[taken]] = np.flatnonzero(taken)
    return match


def _finish(
    free: list[int],
    lists: IntArray,
    lengths: IntArray,
    ranks: _RankLookup | RankArray,
    nxt: IntArray,
    holder: IntArray,
    held: RankArray,
) -> None:
    """Sequential Gale–Shapley for the last few free proposers (long displacement chains)."""
    if not free:
        return
    hold, best = holder.tolist(), held.tolist()
    dense = isinstance(ranks, _RankLookup)
    table, n_p = (ranks.table, ranks.n_p) if isinstance(ranks, _RankLookup) else (ranks, 0)
    while free:
        p = free.pop()
        j, n = int(nxt[p]), int(lengths[p])
        row, rank_row = lists[p], table if dense else table[p]
        while j < n:
            r = row.item(j)
            rk = rank_row.item(r * n_p + p) if dense else rank_row.item(j)
            j += 1
            if rk < best[r]:
                old = hold[r]
                hold[r], best[r] = p, rk
                if old >= 0:
                    free.append(old)
                break
        nxt[p] = j
    holder[:] = hold
    held[:] = best

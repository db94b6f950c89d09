"""Top-k most compatible people on the other side, exact or from an HNSW index.

What the index indexes
----------------------
Mutual compatibility is a function of two affinities, ``cos(p_a, g_b)`` and ``cos(p_b, g_a)``
(p: perception, g: scent, both unit vectors). Their *sum* is one inner product of stacked
vectors: ``<[p_a, g_a], [g_b, p_b]>``. So each side is indexed by ``[g, p]`` (2d numbers,
constant norm sqrt(2)) and queried with ``[p, g]``: a maximum-inner-product search for the
sum of affinities. The sum is a proxy: mutual compatibility is the mean of two concave
functions (log-logistic) of the affinities, so we fetch ``oversample * k`` candidates by the
sum and re-score each one exactly before keeping the best k.

Two indexes serve large populations. ``scan`` (the default) is an exhaustive scan of 4-bit
product-quantised codes (faiss fast-scan, one dimension per sub-quantiser, a few nanoseconds
per person) whose best ``refine * fetch`` are re-ranked by the exact inner product: uniformly
spread signatures defeat space partitions and graphs at a million people, a full scan of
compact codes does not. ``hnsw`` is a graph index, fast for one query at a time (candidate
search) but costly to build and less accurate at a million.

Concavity also gives a certificate: a person outside the fetched set has an affinity sum of
at most ``S`` (the smallest fetched), hence a log-mutual score of at most
``log_logistic((S/2 - tau)/w)``. When the k-th re-scored candidate beats that bound, the
exact list is proven; rows that are not proven are re-done by a full scan. The exact method
(brute-force inner products through faiss/BLAS) is therefore exact, not approximate.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from troth.match import compat

__all__ = ["Side", "TopK", "TopKSettings", "build_index", "recall", "topk", "topk_block"]

Method = Literal["auto", "exact", "hnsw", "scan"]
FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class Side:
    """One designation's people as unit perception and scent rows (float64, shape (n, d))."""

    perception: FloatArray
    scent: FloatArray

    @classmethod
    def from_vectors(cls, draws: NDArray[Any], gives: NDArray[Any]) -> Side:
        p = np.asarray(draws, dtype=np.float64)
        g = np.asarray(gives, dtype=np.float64)
        if p.ndim != 2 or p.shape != g.shape or p.shape[1] < 2:
            raise ValueError("draws and gives must be arrays of the same shape (n, d), d >= 2")
        return cls(compat._unit(p, "perception"), compat._unit(g, "scent"))

    def __len__(self) -> int:
        return int(self.perception.shape[0])

    @property
    def dims(self) -> int:
        return int(self.perception.shape[1])

    def stacked(self, single: bool = False) -> NDArray[Any]:
        """``[scent, perception]`` rows (float64, or float32 if ``single``), built once."""
        name = "_stacked32" if single else "_stacked64"
        cached = self.__dict__.get(name)
        if cached is None:
            cached = np.hstack([self.scent, self.perception])
            cached = np.ascontiguousarray(cached, dtype=np.float32 if single else np.float64)
            object.__setattr__(self, name, cached)
        return np.asarray(cached)

    def as_base(self) -> NDArray[np.float32]:
        """What an index holds: ``[scent, perception]`` in float32 (built once)."""
        return np.asarray(self.stacked(single=True), dtype=np.float32)

    def as_query(self) -> NDArray[np.float32]:
        return np.ascontiguousarray(np.hstack([self.perception, self.scent]), dtype=np.float32)

    def take(self, rows: IntArray) -> Side:
        return Side(self.perception[rows], self.scent[rows])


@dataclass(frozen=True)
class TopK:
    """Per query row: candidate indices (-1 padded), best first, with both affinities."""

    ids: IntArray
    log_mutual: FloatArray
    own: FloatArray  # affinity of the query person towards the candidate
    theirs: FloatArray  # affinity of the candidate towards the query person

    @staticmethod
    def concat(parts: list[TopK]) -> TopK:
        return TopK(*(np.concatenate([getattr(p, f) for p in parts]) for f in TopK._fields()))

    @staticmethod
    def _fields() -> tuple[str, ...]:
        return ("ids", "log_mutual", "own", "theirs")


@dataclass(frozen=True)
class TopKSettings:
    k: int = 50
    method: Method = "auto"
    rate: float = compat.DEFAULT_TRUE_MATCH_RATE
    oversample: float = 3.0
    exact_limit: float = 1e8  # n_query * n_base up to which "auto" scores exactly
    hnsw_m: int = 32
    ef_construction: int = 64
    ef_search: int = 320
    refine: float = 3.0  # scan: exact re-ranking of refine * fetch coded candidates
    train_rows: int = 65_536  # scan: rows the quantiser learns from (a fixed sample)
    keep_all: bool = False  # keep every fetched candidate, re-scored, not only the best k
    block: int = 8192
    threads: int = 0  # local runs with an index: worker threads (0: one per core)

    def workers(self) -> int:
        return self.threads or os.cpu_count() or 1

    def fetch(self, n_base: int) -> int:
        return min(n_base, max(self.k, int(np.ceil(self.k * self.oversample))))

    def resolved(self, n_query: int, n_base: int) -> Method:
        if self.method != "auto":
            return self.method
        return "exact" if n_query * n_base <= self.exact_limit else "scan"


def build_index(base: Side, settings: TopKSettings, method: Method = "hnsw") -> Any:
    """An inner-product index over ``[scent, perception]`` of the base side."""
    import faiss

    if method == "scan":
        width = 2 * base.dims
        index = faiss.index_factory(width, f"PQ{width}x4fs,RFlat", faiss.METRIC_INNER_PRODUCT)
        rows = base.as_base()
        if len(rows) > settings.train_rows:
            pick = np.random.default_rng(20261126).choice(len(rows), settings.train_rows, False)
            index.train(rows[np.sort(pick)])
        else:
            index.train(rows)
        index.add(rows)
        return index
    index = faiss.IndexHNSWFlat(2 * base.dims, settings.hnsw_m, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = settings.ef_construction
    index.add(base.as_base())
    return index


def _fetch(query: Side, base: Side, index: Any, n: int, settings: TopKSettings) -> IntArray:
    import faiss

    q = query.as_query()
    if index is None:
        _, ids = faiss.knn(q, base.as_base(), n, metric=faiss.METRIC_INNER_PRODUCT)
    elif hasattr(index, "hnsw"):
        index.hnsw.efSearch = max(settings.ef_search, n)
        _, ids = index.search(q, n)
    else:
        index.k_factor = max(1.0, settings.refine)
        _, ids = index.search(q, n)
    return np.asarray(ids, dtype=np.int64)


def _rescore(
    query: Side, base: Side, cand: IntArray, k: int, rate: float, single: bool = False
) -> TopK:
    """Exact scores of the candidates, best ``k`` first. ``single`` computes the affinities
    in float32 (errors ~1e-7, far below any gap that decides a list; half the memory
    traffic) for the approximate methods; the exact method stays in float64."""
    safe = np.where(cand >= 0, cand, 0)
    rows = base.stacked(single)[safe]  # one gather of [scent, perception] per candidate
    d = query.dims
    p, g = (query.perception, query.scent)
    if single:
        p, g = p.astype(np.float32), g.astype(np.float32)
    own = np.einsum("md,mkd->mk", p, rows[:, :, :d]).astype(np.float64)
    theirs = np.einsum("md,mkd->mk", g, rows[:, :, d:]).astype(np.float64)
    log_m = compat.log_mutual_of_affinities(own, theirs, query.dims, rate)
    log_m = np.where(cand >= 0, log_m, -np.inf)
    order = _best_first(log_m, safe)[:, :k]
    ids = np.take_along_axis(cand, order, axis=1)
    pick = [np.take_along_axis(a, order, axis=1) for a in (log_m, own, theirs)]
    return TopK(np.where(np.isfinite(pick[0]), ids, -1), *pick)


def _best_first(log_m: FloatArray, ids: IntArray) -> IntArray:
    """Column order per row: highest score first, equal scores by id (as a lexsort would),
    with the lexsort paid only by the rare rows that hold a tie."""
    order = np.argsort(-log_m, axis=1)
    ranked = np.take_along_axis(log_m, order, axis=1)
    same = (ranked[:, 1:] == ranked[:, :-1]) & np.isfinite(ranked[:, 1:])
    tied = np.flatnonzero(same.any(axis=1))
    if tied.size:
        order[tied] = np.lexsort((ids[tied], -log_m[tied]), axis=1)
    return np.asarray(order, dtype=np.int64)


def _full_scan(query: Side, base: Side, k: int, rate: float) -> TopK:
    rows = [np.arange(len(base), dtype=np.int64)] * len(query)
    return _rescore(query, base, np.stack(rows) if rows else np.zeros((0, 0), np.int64), k, rate)


def _unproven(query: Side, base: Side, cand: IntArray, top: TopK, rate: float) -> IntArray:
    """Rows whose re-scored k-th candidate does not beat the bound for unfetched people."""
    if cand.shape[1] >= len(base):
        return np.zeros(0, dtype=np.int64)
    last = cand[:, -1]
    sums = np.einsum("md,md->m", query.perception, base.scent[last]) + np.einsum(
        "md,md->m", query.scent, base.perception[last]
    )
    bound = compat.log_mutual_of_affinities(sums / 2 + 1e-6, sums / 2 + 1e-6, query.dims, rate)
    return np.flatnonzero(~(top.log_mutual[:, -1] > bound))


def topk_block(query: Side, base: Side, index: Any, settings: TopKSettings) -> TopK:
    """Top-k of one block of query rows; ``index`` None means exact (certified) scoring."""
    fetch = settings.fetch(len(base))
    k = fetch if settings.keep_all else min(settings.k, len(base))
    cand = _fetch(query, base, index, fetch, settings)
    top = _rescore(query, base, cand, k, settings.rate, single=index is not None)
    if index is not None:
        return top
    for row in _unproven(query, base, cand, top, settings.rate):
        exact = _full_scan(query.take(np.array([row])), base, k, settings.rate)
        for name in TopK._fields():
            getattr(top, name)[row] = getattr(exact, name)[0]
    return top


def blocks(n: int, size: int) -> list[tuple[int, int]]:
    """The block partition of ``n`` query rows; the same for local and Ray runs."""
    return [(start, min(n, start + size)) for start in range(0, n, size)]


def topk(
    query: Side,
    base: Side,
    settings: TopKSettings,
    *,
    on_block: Callable[[int], None] | None = None,
    runner: Callable[..., list[TopK]] | None = None,
) -> TopK:
    """Top-k of every query row against ``base``; ``runner`` may spread blocks (Ray)."""
    method = settings.resolved(len(query), len(base))
    index = None if method == "exact" else build_index(base, settings, method)
    parts = blocks(len(query), settings.block)
    if runner is not None:
        return TopK.concat(runner(query, base, index, settings, parts, on_block))
    width = settings.fetch(len(base)) if settings.keep_all else min(settings.k, len(base))
    out = TopK(np.full((len(query), width), -1, dtype=np.int64),
               *(np.empty((len(query), width)) for _ in range(3)))  # fmt: skip
    for (start, stop), block in _local_blocks(query, base, index, settings, parts):
        for name in TopK._fields():
            getattr(out, name)[start:stop] = getattr(block, name)
        if on_block is not None:
            on_block(stop - start)
    return out


def _local_blocks(
    query: Side, base: Side, index: Any, settings: TopKSettings, parts: list[tuple[int, int]]
) -> Iterator[tuple[tuple[int, int], TopK]]:
    """Blocks in order. With an index, one thread per core each searches and re-scores its
    own blocks (faiss and NumPy's heavy calls release the GIL), so the re-scoring runs in
    parallel too; each block's result depends only on its rows, as on Ray."""
    threads = settings.workers()
    if index is None or threads == 1 or len(parts) == 1:
        for start, stop in parts:
            rows = np.arange(start, stop)
            yield (start, stop), topk_block(query.take(rows), base, index, settings)
        return
    import faiss

    before = faiss.omp_get_max_threads()
    try:
        with ThreadPoolExecutor(threads, initializer=faiss.omp_set_num_threads,
                                initargs=(1,)) as pool:  # fmt: skip
            futures = [
                pool.submit(topk_block, query.take(np.arange(a, b)), base, index, settings)
                for a, b in parts
            ]
            for part, future in zip(parts, futures, strict=True):
                yield part, future.result()
    finally:
        faiss.omp_set_num_threads(before)


def recall(
    approx: TopK, query: Side, base: Side, settings: TopKSettings, sample: IntArray
) -> float:
    """Mean share of the exact top-k found by ``approx`` on the sampled query rows."""
    if sample.size == 0:
        return 1.0
    exact_settings = TopKSettings(k=settings.k, method="exact", rate=settings.rate)
    exact = topk_block(query.take(sample), base, None, exact_settings)
    found = [
        np.intersect1d(approx.ids[row][approx.ids[row] >= 0], exact.ids[i][exact.ids[i] >= 0])
        for i, row in enumerate(sample)
    ]
    wanted = max(1, int((exact.ids >= 0).sum()))
    return float(sum(f.size for f in found) / wanted)

"""Run the top-k step in blocks over a Ray cluster.

Each worker (an actor) holds the base side and, for the HNSW method, the index the driver
built (shipped once, serialised); the driver sends blocks of query rows, the same partition
as the single-process run, and reassembles them in order. Scoring a block depends only on
the block's rows, the base and the index, so the result is identical to a local run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from troth.match.topk import Side, TopK, TopKSettings, topk_block

__all__ = ["connect", "ray_runner"]


def connect(address: str) -> Any:
    """Join the Ray cluster at ``address`` ("auto" finds a running one; "local" starts one)."""
    import ray

    if not ray.is_initialized():
        if address == "local":
            ray.init(include_dashboard=False, log_to_driver=False, configure_logging=False)
        else:
            ray.init(address=address, log_to_driver=False, configure_logging=False)
    return ray


class _Worker:
    def __init__(self, base: Side, index_bytes: Any, settings: TopKSettings) -> None:
        import faiss

        self.base = base
        self.settings = settings
        self.index = None if index_bytes is None else faiss.deserialize_index(index_bytes)

    def score(self, query: Side) -> TopK:
        return topk_block(query, self.base, self.index, self.settings)


def ray_runner(address: str, workers: int | None = None) -> Callable[..., list[TopK]]:
    """A ``runner`` for :func:`troth.match.topk.topk` that spreads blocks over Ray actors."""

    def run(
        query: Side,
        base: Side,
        index: Any,
        settings: TopKSettings,
        parts: list[tuple[int, int]],
        on_block: Callable[[int], None] | None,
    ) -> list[TopK]:
        import faiss

        ray = connect(address)
        count = workers or max(1, min(len(parts), int(ray.cluster_resources().get("CPU", 1))))
        index_bytes = None if index is None else faiss.serialize_index(index)
        actor = ray.remote(num_cpus=1)(_Worker)
        shared = (ray.put(base), ray.put(index_bytes))
        pool = [actor.remote(shared[0], shared[1], settings) for _ in range(count)]
        pending = {}
        for i, (start, stop) in enumerate(parts):
            rows = np.arange(start, stop)
            ref = pool[i % count].score.remote(query.take(rows))
            pending[ref] = (i, stop - start)
        results: list[TopK | None] = [None] * len(parts)
        while pending:
            done, _ = ray.wait(list(pending), num_returns=1)
            i, size = pending.pop(done[0])
            results[i] = ray.get(done[0])
            if on_block is not None:
                on_block(size)
        for handle in pool:
            ray.kill(handle)
        return [r for r in results if r is not None]

    return run

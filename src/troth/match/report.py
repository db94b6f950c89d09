"""Summaries of a city matching and the proposed introductions it writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from troth.match.city import CityResult, introductions

__all__ = ["RANK_BANDS", "summary", "write_introductions"]

RANK_BANDS = ((1, 1), (2, 3), (4, 5), (6, 10), (11, 20), (21, 50), (51, 1_000_000))


def _bands(ranks: np.ndarray[Any, Any]) -> list[dict[str, Any]]:
    matched = ranks[ranks > 0]
    total = max(1, matched.size)
    rows = []
    for lo, hi in RANK_BANDS:
        count = int(((matched >= lo) & (matched <= hi)).sum())
        if lo > 50 and count == 0:
            continue
        label = str(lo) if lo == hi else (f"{lo}-{hi}" if hi < 1_000_000 else f"{lo}+")
        rows.append({"rank": label, "people": count, "share": count / total})
    return rows


def summary(result: CityResult) -> dict[str, Any]:
    """Plain data for tables and JSON: sizes, share matched, rank distribution, recall."""
    receivers = "omega" if result.proposers.value == "alpha" else "alpha"
    matched = result.partner >= 0
    return {
        "proposers": result.proposers.value,
        "eligible": {
            result.proposers.value: len(result.proposer_ids),
            receivers: len(result.receiver_ids),
        },
        "top_k": result.k,
        "method": result.method,
        "pairs": result.pairs,
        "share_matched": result.share_matched(),
        "median_compatibility": float(np.median(result.compatibility[matched]))
        if matched.any()
        else None,
        "recall": result.recall,
        "receiver_recall": result.receiver_recall,
        "timings_s": {k: round(v, 3) for k, v in result.timings.items()},
        "partner_rank": {
            f"by_{result.proposers.value}s": _bands(result.proposer_rank),
            f"by_{receivers}s": _bands(result.receiver_rank),
        },
    }


def write_introductions(result: CityResult, path: Path) -> int:
    """Write one row per proposed introduction to Parquet; returns the number written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = introductions(result)
    pq.write_table(pa.table({k: pa.array(v) for k, v in columns.items()}), path)
    return len(columns["alpha_id"])

"""Summaries of a city matching and the proposed introductions it writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from troth.match.city import CityResult, introductions

__all__ = ["RANK_BANDS", "stated_line", "summary", "write_introductions"]

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
        "stated_preferences": _stated(result, receivers),
    }


def _stated(result: CityResult, receivers: str) -> dict[str, Any] | None:
    """Stated preferences: given, used (in a final list), answered, skipped by reason, and
    the matched pairs in which someone had stated the other (by who stated)."""
    use = result.stated
    if use is None:
        return None
    by = use.by[result.partner >= 0]
    return {
        "rows": use.rows,
        "used": use.used,
        "listed_back": use.listed_back,
        "skipped": sum(use.skipped.values()),
        "skipped_by_reason": dict(sorted(use.skipped.items())),
        "pairs_from_stated": use.pairs,
        "pairs_stated_by": {
            result.proposers.value: int((by == 1).sum()),
            receivers: int((by == 2).sum()),
            "both": int((by == 3).sum()),
        },
    }


def stated_line(stated: dict[str, Any]) -> str:
    """The summary's stated preferences in one line of text."""
    why = ", ".join(f"{n:,} {reason.replace('_', ' ')}"
                    for reason, n in stated["skipped_by_reason"].items())  # fmt: skip
    by = ", ".join(f"{n:,} by {who}" for who, n in stated["pairs_stated_by"].items() if n)
    return (f"{stated['used']:,} of {stated['rows']:,} used ({stated['listed_back']:,} listed"
            f" back); skipped {stated['skipped']:,}{f' ({why})' if why else ''};"
            f" {stated['pairs_from_stated']:,} matched"
            f" pair{'' if stated['pairs_from_stated'] == 1 else 's'} from a stated preference"
            f"{f' ({by})' if by else ''}")  # fmt: skip


def write_introductions(result: CityResult, path: Path) -> int:
    """Write one row per proposed introduction to Parquet; returns the number written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = introductions(result)
    pq.write_table(pa.table({k: pa.array(v) for k, v in columns.items()}), path)
    return len(columns["alpha_id"])

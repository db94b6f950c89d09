"""The registry-wide duplicate scan: every person read through the identity port, the
Splink scan (troth.dedupe), less the pairs a registrar has declared different people."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from troth.registry.queries import Queries

if TYPE_CHECKING:
    from troth.dedupe.scan import Pair

BATCH = 50_000


def find_duplicates(queries: Queries, *, min_p: float = 0.9, retrain: bool = False,
                    progress: Callable[[str], None] = lambda _: None) -> list[Pair]:
    """Likely duplicate pairs at or above `min_p`, most likely first."""
    from troth.dedupe.columns import Columns
    from troth.dedupe.scan import scan

    cols = Columns()
    after = 0
    while batch := queries.identity.link_records(after, BATCH):
        cols.add(batch)
        after = batch[-1].id
        progress(f"read {len(cols):,} people")
    cleared = {(min(r.person_id, r.other_id), max(r.person_id, r.other_id))
               for r in queries.identity.duplicate_reviews("not_duplicate")}
    if len(cols) < 2:
        return []
    found = scan(cols, min_p=min_p, retrain=retrain, progress=progress)
    return [p for p in found if (p.left, p.right) not in cleared]

"""Stage two: name the handlers for the chosen Visits, in the order they happen.

Visits are staffed chronologically — for intervals on a line this is how a fixed number of
people covers the most — taking first the handlers who already had this Visit (re-plan),
then those with the most of their weekly cap left, nearest first among equals. A Visit that
cannot be staffed at its chosen time is left for the fill pass, which tries its other
windows.
"""

from __future__ import annotations

import numpy as np

from troth.schedule.compile import IntArray
from troth.schedule.state import RosterState


def handler_order(state: RosterState, o: int, first: tuple[int, ...] = ()) -> IntArray:
    c = state.c
    cands = c.eligible[o]
    slack = c.hand_cap[cands] - state.load[cands]
    order = cands[np.lexsort((c.dist_km[int(c.opt_req[o]), cands], -np.minimum(slack, 3)))]
    if first:
        keep = [h for h in first if h in set(cands.tolist())]
        rest = [h for h in order.tolist() if h not in keep]
        return np.array(keep + rest, dtype=np.int64)
    return order


def assign(state: RosterState, chosen: dict[int, int],
           earlier: dict[int, tuple[int, tuple[int, ...]]]) -> list[int]:
    """Place the chosen options; returns the requests that could not be staffed."""
    c = state.c
    todo = sorted(
        (r for r in chosen if r not in state.placed),
        key=lambda r: (int(c.opt_start[chosen[r]]), -int(c.opt_end[chosen[r]]), r),
    )
    missed = []
    for r in todo:
        o = chosen[r]
        prev = earlier.get(r)
        first = prev[1] if prev and prev[0] == o else ()
        if not state.try_place(o, handler_order(state, o, first)):
            missed.append(r)
    return missed

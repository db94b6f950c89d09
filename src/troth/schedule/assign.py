"""Stage two: name the handlers for the chosen Visits, in the order they happen.

Visits are staffed chronologically (earliest start first, the longer first among equals),
each taking *best-fit* handlers — for intervals on a line this is how a fixed number of
people covers the most: first those who already had this Visit (re-plan), then those whose
last duty in the same part of the day ended latest (so that handlers idle since the start
of the shift stay free for the long Visits still to come), then those with the most of
their weekly cap left, nearest first among equals. A Visit that cannot be staffed at its
chosen time is left for the fill pass, which tries its other windows.
"""

from __future__ import annotations

import numpy as np

from troth.schedule.compile import IntArray
from troth.schedule.relax import segment_of
from troth.schedule.state import RosterState

NEVER = -1


def handler_order(state: RosterState, o: int, last_end: IntArray,
                  first: tuple[int, ...] = ()) -> IntArray:
    """Eligible handlers of option o, best fit first (see the module's docstring)."""
    c = state.c
    cands = c.eligible[o]
    slack = c.hand_cap[cands] - state.load[cands]
    order = cands[np.lexsort((c.dist_km[int(c.opt_req[o]), cands], -slack,
                              -last_end[cands]))]
    if first:
        keep = [h for h in first if h in set(cands.tolist())]
        rest = [h for h in order.tolist() if h not in keep]
        return np.array(keep + rest, dtype=np.int64)
    return order


def _last_ends(state: RosterState) -> IntArray:
    """Per handler and segment (day x part of the day): the end of the latest duty."""
    c = state.c
    out = np.full((len(c.problem.handlers), 21), NEVER, dtype=np.int64)
    for o, hs in state.placed.values():
        seg = int(segment_of(c, np.array([o]))[0])
        out[list(hs), seg] = np.maximum(out[list(hs), seg], int(c.opt_end[o]))
    return out


def assign(state: RosterState, chosen: dict[int, int],
           earlier: dict[int, tuple[int, tuple[int, ...]]]) -> list[int]:
    """Place the chosen options; returns the requests that could not be staffed."""
    c = state.c
    todo = sorted(
        (r for r in chosen if r not in state.placed),
        key=lambda r: (int(c.opt_start[chosen[r]]), -int(c.opt_end[chosen[r]]), r),
    )
    last = _last_ends(state)
    segs = segment_of(c, np.arange(len(c.opt_req)))
    missed = []
    for r in todo:
        o = chosen[r]
        prev = earlier.get(r)
        first = prev[1] if prev and prev[0] == o else ()
        seg = int(segs[o])
        if not state.try_place(o, handler_order(state, o, last[:, seg], first)):
            missed.append(r)
            continue
        for h in state.placed[r][1]:
            last[h, seg] = max(int(last[h, seg]), int(c.opt_end[o]))
    return missed

"""The greedy baseline: earliest window first, first free handler.

Requests are taken in order of their earliest acceptable start; each tries its windows in
the families' order of preference and takes the first handlers (by handler id) free under
every hard rule. It is the anchor the CP-SAT roster is measured against.
"""

from __future__ import annotations

import numpy as np

from troth.schedule.compile import Compiled
from troth.schedule.state import RosterState


def greedy_state(c: Compiled, start: RosterState | None = None) -> RosterState:
    """The baseline roster; from `start` (already placed requests stay) when given."""
    state = start if start is not None else RosterState(c)
    n = len(c.problem.requests)
    earliest = [
        min((int(c.opt_start[o]) for o in c.req_options[r]), default=0) for r in range(n)
    ]
    for r in sorted(range(n), key=lambda r: (earliest[r], c.problem.requests[r].id)):
        if r in state.placed:
            continue
        for o in c.req_options[r]:
            if not c.opt_rule[o] and state.try_place(o, np.sort(c.eligible[o])):
                break
    return state


def fill(state: RosterState, fixed_order: list[int] | None = None) -> int:
    """Place any unplaced request that still fits, nearest handlers first; returns how
    many were added. Used after CP-SAT so that no request is left out that fits as is."""
    c = state.c
    added = 0
    order = fixed_order if fixed_order is not None else list(range(len(c.problem.requests)))
    for r in order:
        if r in state.placed:
            continue
        for o in c.req_options[r]:
            if not c.opt_rule[o] and state.try_place(o, c.eligible[o]):
                added += 1
                break
    return added

"""Large-neighbourhood search on a real roster: re-solve one part of a day at a time.

A week is too large for the handler-level CP-SAT model in one piece, but one day's
morning, afternoon or evening is not. Starting from a lawful roster, each step frees the
Visits that start in one such segment (accepted placements stay), keeps everything else
fixed, and solves the handler-level model (cpsat.py) for the freed Visits and every
unplaced request that could start then: handlers are those still free then under every
rule against the fixed duties (nearest first), with the weekly cap they have left; the
current roster is the hint, so a step never places fewer. Segments with the most unplaced
demand go first; rounds repeat while time is left and some segment improves.
"""

from __future__ import annotations

import time
from collections import Counter

import numpy as np

from troth.schedule.compile import Compiled, IntArray
from troth.schedule.cpsat import (
    Assignment,
    Part,
    _Builder,
    _hint,
    _objective_a,
    _read,
    _solver,
    preference,
)
from troth.schedule.state import DAY, RosterState

PARTS = 3


def segments(c: Compiled) -> IntArray:
    """Per option: day x (morning, afternoon, evening) of its start."""
    tod = c.opt_start % DAY
    part = np.where(tod < 12 * 60, 0, np.where(tod < 17 * 60, 1, 2))
    return np.asarray((c.opt_start // DAY) * PARTS + part, dtype=np.int64)


def score(c: Compiled, state: RosterState) -> tuple[int, int]:
    required = sum(1 for r in state.placed if c.req_required[r])
    return required, sum(preference(c, o) for o, _ in state.placed.values())


def _state(c: Compiled, placed: Assignment) -> RosterState:
    state = RosterState(c)
    for o, hs in placed.values():
        state.place(o, hs)
    return state


def _free_handlers(base: RosterState, o: int, k: int, keep: tuple[int, ...]) -> list[int]:
    c = base.c
    every = c.eligible[o]
    chosen: list[int] = []
    for lo in range(0, len(every), 4 * k):  # nearest first, a slice at a time
        cands = every[lo: lo + 4 * k]
        ok, check = base.screen(o, cands)
        chosen += [h for i, h in enumerate(cands.tolist())
                   if ok[i] or (check[i] and not base.handler_conflict(h, o))]
        if len(chosen) >= k:
            break
    chosen = chosen[:k]
    return chosen + [h for h in keep if h not in chosen]


def neighbourhood(c: Compiled, state: RosterState, seg: IntArray, s: int, fixed: set[int],
                  earlier: Assignment, k: int) -> tuple[Part, RosterState]:
    """The part to re-solve for segment `s`, and the roster without it."""
    free = {r: a for r, a in state.placed.items() if seg[a[0]] == s and r not in fixed}
    base = _state(c, {r: a for r, a in state.placed.items() if r not in free})
    todo = set(free) | {r for r in range(len(c.problem.requests)) if r not in state.placed
                        and any(seg[o] == s and not c.opt_rule[o] for o in c.req_options[r])}
    cands: dict[int, list[int]] = {}
    for r in sorted(todo):
        need = int(c.req_need[r])
        for o in c.req_options[r]:
            if c.opt_rule[o] or seg[o] != s or base.busy_person(o) is not None:
                continue
            keep = free[r][1] if r in free and free[r][0] == o else ()
            hs = _free_handlers(base, o, k, keep) if need else []
            if len(hs) >= need:
                cands[o] = hs
    used = {h for hs in cands.values() for h in hs}
    caps = {h: int(c.hand_cap[h] - base.load[h]) for h in used}
    requests = sorted(r for r in todo if any(o in cands for o in c.req_options[r]))
    part = Part(requests, cands, {}, {r: a for r, a in earlier.items() if r in todo},
                free, caps)
    return part, base


def resolve(c: Compiled, part: Part, base: RosterState, seconds: float, workers: int,
            seed: int) -> RosterState | None:
    b = _Builder(c, part)
    b.build()
    expr, _ = _objective_a(b)
    b.m.maximize(expr)
    _hint(b, part.hint)
    solver = _solver(seconds, workers, seed)
    if solver.solve(b.m) not in (2, 4):  # FEASIBLE, OPTIMAL
        return None
    out = _state(c, {r: a for r, a in base.placed.items()})
    for o, hs in _read(b, solver).values():
        out.place(o, hs)
    return out


def improve(c: Compiled, state: RosterState, fixed: set[int], earlier: Assignment,
            seconds: float, workers: int, seed: int = 0, k: int = 12) -> RosterState:
    """A roster at least as good as `state`, improved segment by segment within `seconds`."""
    deadline = time.perf_counter() + seconds
    seg = segments(c)
    best, best_score = state, score(c, state)
    usable = [[o for o in c.req_options[r] if not c.opt_rule[o]]
              for r in range(len(c.problem.requests))]
    while time.perf_counter() < deadline - 0.5:
        demand = Counter(int(seg[o]) for r, opts in enumerate(usable) if r not in best.placed
                         for o in opts)
        order = [s for s, _ in demand.most_common()]
        better = False
        for i, s in enumerate(order):
            left = deadline - time.perf_counter()
            if left < 0.5:
                break
            part, base = neighbourhood(c, best, seg, s, fixed, earlier, k)
            budget = min(left - 0.2, max(0.5, left / max(1, len(order) - i)))
            found = resolve(c, part, base, budget, workers, seed + i)
            if found is not None and score(c, found) > best_score:
                best, best_score, better = found, score(c, found), True
        if not better:
            break
    return best

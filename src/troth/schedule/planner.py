"""Plan a week: compile, bound and choose times with the relaxation's LP, staff, improve
with CP-SAT (the full model on small weeks, the segment search on large ones), explain.

`plan()` is the one entry point for a roster (and a re-plan); `greedy()` is the baseline.
"""

from __future__ import annotations

import os
import time
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from troth.schedule.assign import assign
from troth.schedule.compile import Compiled, compile_problem
from troth.schedule.cpsat import Assignment, Part, preference, solve_part
from troth.schedule.explain import explain, role
from troth.schedule.greedy import fill, greedy_state
from troth.schedule.lns import improve
from troth.schedule.model import (
    Placement,
    Problem,
    Roster,
    Summary,
    Unplaced,
    describe_slot,
    from_minute,
    to_minute,
)
from troth.schedule.relax import Rows, relaxation
from troth.schedule.select import lp_select, select
from troth.schedule.state import RosterState

FULL_MODEL_LIMIT = 40_000  # handler-level CP-SAT only when its x variables stay this few
SELECT_SHARE = 0.35  # of the time left after the LP, for CP-SAT on the relaxation
SELECT_LIMIT = 6_000  # options; beyond this CP-SAT finds no better bound than the LP's in time


def greedy(problem: Problem, district: str | None = None) -> Roster:
    """The baseline roster: earliest window first, first free handler."""
    t0 = time.perf_counter()
    state = greedy_state(compile_problem(problem))
    return _roster(state, "greedy", 0, time.perf_counter() - t0, district)


def plan(
    problem: Problem,
    *,
    seconds: float = 50.0,
    candidates: int = 10,
    workers: int | None = None,
    seed: int = 0,
    previous: Roster | None = None,
    accept: Collection[int] = (),
    keep_accepted: bool = True,
    district: str | None = None,
) -> Roster:
    """A roster for the week within `seconds`; see docs/rostering.md.

    Re-plan: pass the earlier roster as `previous`. Its accepted placements (plus the
    request ids in `accept`) are kept as hard constraints unless `keep_accepted` is
    False; an accepted placement that a change made impossible is released with a reason.
    Other earlier placements are kept where they can be, second only to placing Visits.
    """
    t0 = time.perf_counter()
    c = compile_problem(problem)
    base = RosterState(c)
    accepted_ids = set(accept) | (set(previous.accepted) if previous else set())
    fixed, released = _keep(c, base, previous, accepted_ids if keep_accepted else set())
    earlier = {r: a for r, a in _earlier(c, previous).items() if r not in fixed}
    run = _Run(c, fixed, earlier, relaxation(c, np.array(c.usable, dtype=np.int64)),
               workers or min(8, os.cpu_count() or 1), seed, t0 + seconds)
    best = _hint_state(c, fixed, earlier)
    lp = lp_select(c, run.rows, _times(fixed), _times(earlier))
    best = _better(c, earlier, best, _staffed(c, fixed, lp.chosen, earlier))
    full_model = sum(min(candidates, len(c.eligible[o])) for o in c.usable) <= FULL_MODEL_LIMIT
    if full_model and run.left() > 0.5:
        best, bound = _small_week(run, best, lp.bound, candidates)
    else:
        best, bound = _large_week(run, best, lp.bound)
    placeable = sum(1 for r, opts in enumerate(c.req_options)
                    if c.req_required[r] and any(not c.opt_rule[o] for o in opts))
    bound = max(min(bound, placeable), _placed(c, best))
    changed = sum(1 for r, (o, hs) in earlier.items() if best.placed.get(r) != (o, hs))
    roster = _roster(best, "cp-sat", bound, time.perf_counter() - t0, district, changed)
    return Roster(
        roster.week, roster.district, roster.placements, roster.unplaced, roster.summary,
        frozenset(c.problem.requests[r].id for r in fixed), tuple(released),
    )


@dataclass
class _Run:
    """What every stage of one plan() call shares."""

    c: Compiled
    fixed: Assignment
    earlier: Assignment
    rows: Rows
    workers: int
    seed: int
    deadline: float

    def left(self) -> float:
        return self.deadline - time.perf_counter() - 0.5


def _times(a: Assignment) -> dict[int, int]:
    return {r: o for r, (o, _) in a.items()}


def _small_week(run: _Run, best: RosterState, bound: int,
                candidates: int) -> tuple[RosterState, int]:
    """The handler-level model, split into independent parts; proves optimality."""
    c = run.c
    cands, pruned = _candidates(c, candidates, [run.fixed, run.earlier, best.placed])
    parts = _parts(c, cands, run.fixed, run.earlier, best.placed)
    assignment, part_bound = _solve_parts(c, parts, run.left(), run.workers, run.seed)
    other = _state_from(c, run.fixed, assignment)
    best = _better(c, run.earlier, best, other, fill_first=True)
    return best, bound if pruned else min(bound, part_bound)


def _large_week(run: _Run, best: RosterState, bound: int) -> tuple[RosterState, int]:
    """CP-SAT on the relaxation (mid-size weeks), then the segment search, until the
    roster reaches the bound or the time is spent."""
    c = run.c
    if run.left() > 1.0 and _placed(c, best) < bound and len(run.rows.opts) <= SELECT_LIMIT:
        sel = select(c, run.rows, _times(run.fixed), _times(run.earlier), _times(best.placed),
                     SELECT_SHARE * run.left(), run.workers, run.seed)
        best = _better(c, run.earlier, best, _staffed(c, run.fixed, sel.chosen, run.earlier))
        bound = min(bound, sel.bound)
    if run.left() > 1.0 and _placed(c, best) < bound:  # name handlers a part of a day at a time
        best = improve(c, best, set(run.fixed), run.earlier, run.left(), run.workers, run.seed)
    return best, bound


def _placed(c: Compiled, state: RosterState) -> int:
    return sum(1 for r in state.placed if c.req_required[r])


def _staffed(c: Compiled, fixed: Assignment, chosen: dict[int, int],
             earlier: Assignment) -> RosterState:
    """A roster from a stage-one choice: accepted placements, the chosen Visits staffed in
    time order, then anything else that still fits."""
    state = _state_from(c, fixed)
    assign(state, chosen, earlier)
    fill(state)
    return state


def _better(c: Compiled, earlier: Assignment, best: RosterState, other: RosterState,
            fill_first: bool = False) -> RosterState:
    if fill_first:
        fill(other)
    return max(best, other, key=lambda st: _score(c, st, earlier))


def _score(c: Compiled, state: RosterState, earlier: Assignment) -> tuple[int, int, int]:
    """The lexicographic objective: placed required, earlier placements kept, preference."""
    required = sum(1 for r in state.placed if c.req_required[r])
    kept = sum(1 for r, a in earlier.items() if state.placed.get(r) == a)
    return required, kept, sum(preference(c, o) for o, _ in state.placed.values())


def _state_from(c: Compiled, fixed: Assignment, more: Assignment | None = None) -> RosterState:
    state = RosterState(c)
    for o, hs in {**(more or {}), **fixed}.values():
        state.place(o, hs)
    return state


def _solve_parts(
    c: Compiled, parts: list[Part], seconds: float, workers: int, seed: int
) -> tuple[Assignment, int]:
    t0 = time.perf_counter()
    weights = [sum(len(v) + 1 for v in p.candidates.values()) for p in parts]
    assignment: Assignment = {}
    bound = 0
    for i, part in enumerate(parts):
        left = seconds - (time.perf_counter() - t0)
        result = solve_part(c, part, left * weights[i] / max(1, sum(weights[i:])), workers, seed)
        assignment.update(result.assignment)
        bound += result.bound
    return assignment, bound


def _option_of(c: Compiled, p: Placement) -> int | None:
    start = to_minute(c.problem.week, p.start)
    r = c.index.get(p.request_id)
    if r is None:
        return None
    for o in c.req_options[r]:
        if int(c.opt_start[o]) == start and int(c.opt_win[o]) == p.window_index:
            return o
    return None


def _earlier(c: Compiled, previous: Roster | None) -> Assignment:
    out: Assignment = {}
    hid = {h.id: i for i, h in enumerate(c.problem.handlers)}
    for p in previous.placements if previous else ():
        o = _option_of(c, p)
        if o is None or c.opt_rule[o] or not all(h in hid for h in p.handler_ids):
            continue
        hs = tuple(hid[h] for h in p.handler_ids)
        if len(hs) == int(c.req_need[int(c.opt_req[o])]) and all(c.elig[o, h] for h in hs):
            out[int(c.opt_req[o])] = (o, hs)
    return out


def _keep(
    c: Compiled, state: RosterState, previous: Roster | None, accepted: set[int]
) -> tuple[Assignment, list[Unplaced]]:
    """Place accepted placements first; release (with a reason) those no longer possible."""
    fixed: Assignment = {}
    released: list[Unplaced] = []
    hid = {h.id: i for i, h in enumerate(c.problem.handlers)}
    for p in previous.placements if previous else ():
        if p.request_id not in accepted:
            continue
        why = _why_not_kept(c, state, p, hid)
        if why:
            released.append(Unplaced(p.request_id, p.courtship_id, "accepted_released", why))
            continue
        o = _option_of(c, p)
        assert o is not None
        hs = tuple(hid[h] for h in p.handler_ids)
        state.place(o, hs)
        fixed[int(c.opt_req[o])] = (o, hs)
    return fixed, released


def _why_not_kept(c: Compiled, state: RosterState, p: Placement, hid: dict[int, int]) -> str:
    o = _option_of(c, p)
    slot = describe_slot(to_minute(c.problem.week, p.start))
    if o is None:
        return "the request was withdrawn or its window changed"
    req = c.problem.requests[int(c.opt_req[o])]
    if c.opt_rule[o] == "party_unavailable":
        return f"{role(req, int(c.opt_detail[o]))} is now unavailable on {slot}"
    if len(p.handler_ids) != int(c.req_need[int(c.opt_req[o])]):
        return "the customs now require a different number of handlers"
    for h in p.handler_ids:
        if h not in hid or hid[h] not in set(c.eligible[o].tolist()):
            return f"handler {h} is no longer available on {slot}"
        conflict = state.handler_conflict(hid[h], o)
        if conflict:
            return f"handler {h} can no longer attend on {slot} ({conflict})"
    person = state.busy_person(o)
    if person is not None:
        return f"{role(req, person)} is at another accepted Visit on {slot}"
    return ""


def _hint_state(c: Compiled, fixed: Assignment, earlier: Assignment) -> RosterState:
    """A quick feasible start: accepted, then earlier placements that still fit, then greedy."""
    state = RosterState(c)
    for o, hs in fixed.values():
        state.place(o, hs)
    for o, hs in earlier.values():
        if state.busy_person(o) is None and not any(state.handler_conflict(h, o) for h in hs):
            state.place(o, hs)
    return greedy_state(c, state)


def _candidates(
    c: Compiled, k: int, keep: list[Assignment]
) -> tuple[dict[int, list[int]], bool]:
    """Each usable option's nearest `k` eligible handlers, plus any a kept or hinted
    placement uses. Returns whether any option lost eligible handlers to the cut."""
    cands: dict[int, list[int]] = {}
    pruned = False
    for o in c.usable:
        need = int(c.req_need[int(c.opt_req[o])])
        top = c.eligible[o][: max(k, need + 2)].tolist() if need else []
        pruned |= len(c.eligible[o]) > len(top) and need > 0
        cands[o] = top
    for a in keep:
        for o, hs in a.values():
            cands.setdefault(o, [])
            cands[o] += [h for h in hs if h not in cands[o]]
    return cands, pruned


def _parts(
    c: Compiled, cands: dict[int, list[int]], fixed: Assignment, earlier: Assignment,
    hint: dict[int, tuple[int, tuple[int, ...]]],
) -> list[Part]:
    """Independent parts: requests linked by a shared candidate handler or a shared person."""
    n_r, n_h = len(c.problem.requests), len(c.problem.handlers)
    persons = {p: i for i, p in enumerate(sorted(set(c.person_requests) | set(c.person_handlers)))}
    rows: list[int] = []
    cols: list[int] = []
    for o, hs in cands.items():
        r = int(c.opt_req[o])
        rows += [r] * len(hs)
        cols += [n_r + h for h in hs]
    for p, rs in c.person_requests.items():
        rows += rs
        cols += [n_r + n_h + persons[p]] * len(rs)
    for p, hs in c.person_handlers.items():
        rows += [n_r + h for h in hs]
        cols += [n_r + n_h + persons[p]] * len(hs)
    n = n_r + n_h + len(persons)
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    groups: dict[int, list[int]] = {}
    for r in range(n_r):
        if any(o in cands for o in c.req_options[r]):
            groups.setdefault(int(label[r]), []).append(r)
    parts = []
    for rs in sorted(groups.values(), key=len):
        keep = set(rs)
        parts.append(Part(
            rs, {o: cands[o] for r in rs for o in c.req_options[r] if o in cands},
            {r: a for r, a in fixed.items() if r in keep},
            {r: a for r, a in earlier.items() if r in keep},
            {r: a for r, a in hint.items() if r in keep},
        ))
    return parts


def _roster(
    state: RosterState, method: str, bound: int, seconds: float, district: str | None,
    changed: int = 0,
) -> Roster:
    c = state.c
    week, reqs, hands = c.problem.week, c.problem.requests, c.problem.handlers
    placements = tuple(
        Placement(reqs[r].id, reqs[r].courtship_id, reqs[r].kind,
                  from_minute(week, int(c.opt_start[o])), from_minute(week, int(c.opt_end[o])),
                  tuple(hands[h].id for h in hs), int(c.opt_win[o]))
        for r, (o, hs) in sorted(state.placed.items())
    )
    unplaced = tuple(explain(state, r) for r in range(len(reqs)) if r not in state.placed)
    required = int(c.req_required.sum())
    placed_req = sum(1 for r in state.placed if c.req_required[r])
    summary = Summary(method, len(reqs), required, len(state.placed), placed_req,
                      bound if method == "cp-sat" else required, seconds, changed)
    return Roster(week, district, placements, unplaced, summary)

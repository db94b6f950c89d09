"""Stage one: choose when each Visit happens, and prove a bound for the whole week.

Handlers are counted, not named: at every moment a Visit can start, the handlers the
Visits running then need cannot exceed those eligible for any of them and available then;
each handler's duties over the week cannot exceed the cap (or what the handler's
availability blocks can hold); each request is placed at most once; no party or guardian
attends two Visits at once (interval variables, one no-overlap per person). Every real
roster satisfies all of this, so the model's optimum — and CP-SAT's proven bound on it —
bounds the placed required Visits of any roster. Stage two (assign.py) names handlers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from troth.schedule.compile import Compiled, IntArray
from troth.schedule.cpsat import preference
from troth.schedule.state import DAY

KM_LAT = 1 / 110.574


@dataclass
class Selection:
    chosen: dict[int, int]  # request -> option
    bound: int  # proven bound on placed required Visits
    optimal: bool


def room(c: Compiled, opts: IntArray) -> IntArray:
    """Per handler: the most pairwise non-overlapping options among `opts` the handler is
    eligible for (earliest-end-first interval scheduling), capped by the weekly cap."""
    order = opts[np.lexsort((c.opt_start[opts], c.opt_end[opts]))]
    ends, starts = c.opt_end[order], c.opt_start[order]
    out = np.zeros(len(c.problem.handlers), dtype=np.int64)
    free_from = np.full(len(c.problem.handlers), -(10**9), dtype=np.int64)
    for i, o in enumerate(order.tolist()):
        can = c.elig[o] & (free_from <= starts[i])
        out[can] += 1
        free_from[can] = ends[i]
    return np.asarray(np.minimum(out, c.hand_cap), dtype=np.int64)


def _classes(c: Compiled, opts: IntArray) -> list[IntArray]:
    """Sets of options for capacity cuts: the week, each day, each part of the day (and
    their unions) across the week."""
    day = c.opt_start[opts] // DAY
    tod = c.opt_start[opts] % DAY
    part = np.where(tod < 12 * 60, 0, np.where(tod < 17 * 60, 1, 2))
    sets = [opts]
    sets += [opts[day == d] for d in range(7)]
    for mask in range(1, 7):
        sets.append(opts[np.isin(part, [p for p in range(3) if mask >> p & 1])])
    sets += [opts[(day == d) & (part == p)] for d in range(7) for p in range(3)]
    return [s for s in sets if len(s)]


def _weights(c: Compiled, usable: list[int], earlier: dict[int, int]) -> tuple[dict[int, int], int]:
    pref = {o: preference(c, o) for o in usable}
    best: dict[int, int] = {}
    for o in usable:
        r = int(c.opt_req[o])
        best[r] = max(best.get(r, 0), pref[o])
    max_pref = sum(best.values())
    w_stab = max_pref + 1
    w_place = 1 + w_stab * len(earlier) + max_pref
    coef = {}
    for o in usable:
        r = int(c.opt_req[o])
        coef[o] = pref[o] + (w_place if c.req_required[r] else 0)
        coef[o] += w_stab if earlier.get(r) == o else 0
    return coef, w_place


def select(c: Compiled, fixed: dict[int, int], earlier: dict[int, int], hint: dict[int, int],
           seconds: float, workers: int, seed: int = 0) -> Selection:
    m = cp_model.CpModel()
    usable = c.usable
    y = {o: m.new_bool_var(f"y{o}") for o in usable}
    for opts in c.req_options:
        mine = [y[o] for o in opts if o in y]
        if len(mine) > 1:
            m.add_at_most_one(mine)
    _persons(c, m, y)
    need = {o: int(c.req_need[int(c.opt_req[o])]) for o in usable}
    _moment_capacity(c, m, y, need)
    _class_capacity(c, m, y, need)
    for o in fixed.values():
        m.add(y[o] == 1)
    coef, w_place = _weights(c, usable, earlier)
    m.maximize(cp_model.LinearExpr.weighted_sum([y[o] for o in usable], [coef[o] for o in usable]))
    picked = set(hint.values()) | set(fixed.values())
    for o in usable:
        m.add_hint(y[o], o in picked)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, seconds)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Selection(dict(hint), int(c.req_required.sum()), False)
    chosen = {int(c.opt_req[o]): o for o in usable if solver.boolean_value(y[o])}
    bound = int((solver.best_objective_bound + 1e-6) // w_place)
    return Selection(chosen, bound, status == cp_model.OPTIMAL)


def _persons(c: Compiled, m: cp_model.CpModel, y: dict[int, cp_model.IntVar]) -> None:
    by_person: dict[int, list[cp_model.IntervalVar]] = {}
    for o, var in y.items():
        s, e = int(c.opt_start[o]), int(c.opt_end[o])
        for p in c.problem.requests[int(c.opt_req[o])].persons:
            if len(c.person_requests.get(p, ())) > 1:
                by_person.setdefault(p, []).append(
                    m.new_optional_fixed_size_interval_var(s, e - s, var, f"i{o}_{p}")
                )
    for items in by_person.values():
        if len(items) > 1:
            m.add_no_overlap(items)


def _class_capacity(
    c: Compiled, m: cp_model.CpModel, y: dict[int, cp_model.IntVar], need: dict[int, int]
) -> None:
    opts = np.array([o for o in y if need[o] > 0], dtype=np.int64)
    for group in _classes(c, opts) if len(opts) else []:
        cap = int(room(c, group).sum())
        if sum(need[int(o)] for o in group) > cap:
            m.add(sum(need[int(o)] * y[int(o)] for o in group) <= cap)


def _moment_capacity(
    c: Compiled, m: cp_model.CpModel, y: dict[int, cp_model.IntVar], need: dict[int, int]
) -> None:
    """At each moment a Visit can start, within each ~3 km cell of places and over all of
    them: the Visits running need no more handlers than are eligible for one of them."""
    opts = np.array([o for o in y if need[o] > 0], dtype=np.int64)
    if not len(opts):
        return
    starts, ends = c.opt_start[opts], c.opt_end[opts]
    r = c.opt_req[opts]
    cell = (np.floor(c.req_lat[r] / (3 * KM_LAT)) * 100_000
            + np.floor(c.req_lon[r] / (3 * KM_LAT / np.cos(np.radians(c.req_lat[r])))))
    for t in np.unique(starts):
        running = (starts <= t) & (ends > t)
        groups = [running] + [running & (cell == k) for k in np.unique(cell[running])]
        for mask in groups:
            active = opts[mask]
            pool = int(c.elig[active].any(axis=0).sum())
            if sum(need[int(o)] for o in active) > pool:
                m.add(sum(need[int(o)] * y[int(o)] for o in active) <= pool)

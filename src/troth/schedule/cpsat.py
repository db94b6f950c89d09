"""The CP-SAT model of one connected part of the week.

Variables: y[o] — request placed at option o (one start in one window); x[o, h] — handler h
attends it. Each handler's (and each party's) Visits are optional fixed-size interval
variables under a no-overlap constraint; travel and evening-to-morning rest become
pairwise exclusions between a handler's too-close Visits; the weekly cap is a sum.

The objective is lexicographic, solved in two phases:
  A. maximise placed required Visits, then (re-plan) unchanged earlier placements, then
     the longest-waiting courtships and preferred windows — one weighted sum whose
     weights make each level dominate everything below it;
  B. holding A's value, balance handlers' load and reduce their travel.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from ortools.sat.python import cp_model

from troth.schedule.compile import Compiled, km_between
from troth.schedule.state import DAY, is_evening, is_morning

Assignment = dict[int, tuple[int, tuple[int, ...]]]  # request -> (option, handlers)


@dataclass
class Part:
    """A set of requests to solve together, and what to keep or prefer."""

    requests: list[int]
    candidates: dict[int, list[int]]  # option -> handlers the model may use
    fixed: Assignment = field(default_factory=dict)
    previous: Assignment = field(default_factory=dict)
    hint: Assignment = field(default_factory=dict)
    caps: dict[int, int] = field(default_factory=dict)  # handler -> duties left (default: cap)


@dataclass
class PartResult:
    assignment: Assignment
    bound: int  # proven bound on placed required Visits for this part's model
    optimal: bool


def preference(c: Compiled, o: int) -> int:
    """Level-2 score of an option: 1 for being placed, up to 24 for weeks waited, up to 3
    for the families' earlier-preferred windows."""
    r = int(c.opt_req[o])
    n_win = len(c.problem.requests[r].windows)
    weeks = min(int(c.req_wait_days[r]), 84) // 7
    return 1 + 2 * weeks + min(n_win - 1 - int(c.opt_win[o]), 3)


class _Builder:
    def __init__(self, c: Compiled, part: Part) -> None:
        self.c, self.part = c, part
        self.m = cp_model.CpModel()
        self.y: dict[int, cp_model.IntVar] = {}
        self.x: dict[tuple[int, int], cp_model.IntVar] = {}
        self.by_handler: dict[int, list[int]] = {}

    def build(self) -> None:
        c, m = self.c, self.m
        for r in self.part.requests:
            opts = [o for o in c.req_options[r] if o in self.part.candidates]
            for o in opts:
                self.y[o] = m.new_bool_var(f"y{o}")
                need = int(c.req_need[r])
                hs = self.part.candidates[o]
                for h in hs:
                    self.x[o, h] = m.new_bool_var(f"x{o}_{h}")
                    self.by_handler.setdefault(h, []).append(o)
                if need:
                    m.add(sum(self.x[o, h] for h in hs) == need * self.y[o])
            if len(opts) > 1:
                m.add_at_most_one(self.y[o] for o in opts)
        self._no_overlap()
        for h, opts in self.by_handler.items():
            self._travel_and_rest(h, opts)
            cap = self.part.caps.get(h, int(c.hand_cap[h]))
            if len({int(c.opt_req[o]) for o in opts}) > cap:
                m.add(sum(self.x[o, h] for o in opts) <= cap)
        for o, fixed_hs in self.part.fixed.values():
            m.add(self.y[o] == 1)
            for h in fixed_hs:
                m.add(self.x[o, h] == 1)

    def _interval(self, o: int, var: cp_model.IntVar) -> cp_model.IntervalVar:
        s, e = int(self.c.opt_start[o]), int(self.c.opt_end[o])
        return self.m.new_optional_fixed_size_interval_var(s, e - s, var, f"i{o}")

    def _no_overlap(self) -> None:
        """One no-overlap per person: a handler's duties, and the Visits a person attends
        as a party or guardian (a guardian may also be someone's handler)."""
        c = self.c
        groups: dict[int, list[cp_model.IntervalVar]] = {}
        for o, var in self.y.items():
            for p in c.problem.requests[int(c.opt_req[o])].persons:
                groups.setdefault(p, []).append(self._interval(o, var))
        for (o, h), var in self.x.items():
            groups.setdefault(int(c.hand_person[h]), []).append(self._interval(o, var))
        for items in groups.values():
            if len(items) > 1:
                self.m.add_no_overlap(items)

    def _travel_and_rest(self, h: int, opts: list[int]) -> None:
        for o1, o2 in too_close_pairs(self.c, opts):
            self.m.add_bool_or([self.x[o1, h].Not(), self.x[o2, h].Not()])


def too_close_pairs(c: Compiled, opts: list[int]) -> list[tuple[int, int]]:
    """Pairs of options (first ends before second starts) one handler cannot both attend:
    too little time to travel between the places, or an evening duty followed too soon by
    a next-morning one."""
    cu = c.problem.customs
    o = np.array(opts, dtype=np.int64)
    s, e, r = c.opt_start[o], c.opt_end[o], c.opt_req[o]
    gap = s[None, :] - e[:, None]
    differ = r[:, None] != r[None, :]
    max_travel = cu.travel_minutes(2 * cu.max_handler_km + 1.0)
    i, j = np.nonzero((gap >= 0) & (gap < max_travel) & differ)
    km = km_between(c.req_lat[r[i]], c.req_lon[r[i]], c.req_lat[r[j]], c.req_lon[r[j]])
    need = np.array([cu.travel_minutes(float(k)) for k in km], dtype=np.int64)
    close = gap[i, j] < need
    pairs = {(int(o[a]), int(o[b])) for a, b in zip(i[close], j[close], strict=True)}
    eve = np.array([is_evening(int(a), int(b), cu.evening_ends_after_minute)
                    for a, b in zip(s, e, strict=True)])
    morn = np.array([is_morning(int(a), cu.morning_starts_before_minute) for a in s])
    nextday = (s[None, :] // DAY) == (s[:, None] // DAY + 1)
    ri, rj = np.nonzero(eve[:, None] & morn[None, :] & nextday & (gap < cu.rest_minutes) & differ)
    pairs |= {(int(o[a]), int(o[b])) for a, b in zip(ri, rj, strict=True)}
    return sorted(pairs)


def _objective_a(b: _Builder) -> tuple[cp_model.LinearExpr, int]:
    """The phase-A weighted sum and the weight of one placed required Visit."""
    c, part = b.c, b.part
    pref = {o: preference(c, o) for o in b.y}
    max_pref = sum(max((pref[o] for o in c.req_options[r] if o in pref), default=0)
                   for r in part.requests)
    stab_terms: list[tuple[cp_model.IntVar, int]] = []
    for o, hs in part.previous.values():
        if o in b.y:
            stab_terms.append((b.y[o], 2))
            stab_terms.extend((b.x[o, h], 1) for h in hs if (o, h) in b.x)
    w_stab = max_pref + 1
    max_stab = sum(w for _, w in stab_terms)
    w_place = 1 + w_stab * max_stab + max_pref
    terms = [
        (var, pref[o] + (w_place if c.req_required[int(c.opt_req[o])] else 0))
        for o, var in b.y.items()
    ]
    terms += [(var, w * w_stab) for var, w in stab_terms]
    expr = cp_model.LinearExpr.weighted_sum([v for v, _ in terms], [w for _, w in terms])
    return expr, w_place


def _objective_b(b: _Builder) -> cp_model.LinearExpr:
    """Phase B: 10 per duty above the even share, plus a km of home-to-Visit travel."""
    c, m = b.c, b.m
    total = sum(int(c.req_need[r]) for r in b.part.requests)
    share = -(-total // max(1, len(b.by_handler)))
    terms: list[tuple[cp_model.IntVar, int]] = []
    for h, opts in b.by_handler.items():
        excess = m.new_int_var(0, int(c.hand_cap[h]), f"excess{h}")
        m.add(excess >= sum(b.x[o, h] for o in opts) - share)
        terms.append((excess, 10))
        terms += [(b.x[o, h], round(float(c.dist_km[int(c.opt_req[o]), h]))) for o in opts]
    return cp_model.LinearExpr.weighted_sum([v for v, _ in terms], [w for _, w in terms])


def _read(b: _Builder, solver: cp_model.CpSolver) -> Assignment:
    c = b.c
    out: Assignment = {}
    for o, var in b.y.items():
        if solver.boolean_value(var):
            hs = tuple(h for h in b.part.candidates[o] if solver.boolean_value(b.x[o, h]))
            out[int(c.opt_req[o])] = (o, hs)
    return out


def _hint(b: _Builder, assignment: Assignment) -> None:
    b.m.clear_hints()  # type: ignore[no-untyped-call]
    chosen = {(o, h) for o, hs in assignment.values() for h in hs}
    picked = {o for o, _ in assignment.values()}
    for o, var in b.y.items():
        b.m.add_hint(var, o in picked)
    for key, var in b.x.items():
        b.m.add_hint(var, key in chosen)


def _solver(seconds: float, workers: int, seed: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, seconds)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    return solver


def solve_part(c: Compiled, part: Part, seconds: float, workers: int, seed: int = 0) -> PartResult:
    """Phase A then (with the time left) phase B; the bound comes from phase A."""
    import time

    t0 = time.perf_counter()
    b = _Builder(c, part)
    b.build()
    expr_a, w_place = _objective_a(b)
    b.m.maximize(expr_a)
    _hint(b, {**part.hint, **part.fixed})
    solver = _solver(0.75 * seconds, workers, seed)
    status = solver.solve(b.m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        fallback = {**part.hint, **part.fixed}
        return PartResult(fallback, sum(1 for r in part.requests if c.req_required[r]), False)
    best = _read(b, solver)
    bound = int(solver.best_objective_bound // w_place)
    optimal = status == cp_model.OPTIMAL
    left = seconds - (time.perf_counter() - t0)
    if left > 0.5 and b.x:
        b.m.add(expr_a >= round(solver.objective_value))
        b.m.minimize(_objective_b(b))
        _hint(b, best)
        solver_b = _solver(left, workers, seed)
        if solver_b.solve(b.m) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            best = _read(b, solver_b)
    return PartResult(best, bound, optimal)

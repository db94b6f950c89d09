"""Stage one: choose when each Visit happens, and prove a bound for the whole week.

Both selections work on the counting relaxation (relax.py), where handlers are counted
rather than named; every real roster satisfies it, so its optimum bounds the placed
required Visits of any roster:

- `lp_select` solves its linear relaxation with HiGHS in seconds. The LP is almost
  integral on district weeks; options at 1/2 or more are chosen, and its optimum (rounded
  down) is a proven bound.
- `select` hands the same rows to CP-SAT as a 0-1 model, hinted with the best roster so
  far; its proven bound is the integer optimum's, at least as tight as the LP's.

The objective is the planner's lexicographic one: placed required Visits, then (re-plan)
unchanged earlier placements, then waiting and preferred windows, as one weighted sum.
Stage two (assign.py) names the handlers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from ortools.sat.python import cp_model
from scipy.optimize import linprog

from troth.schedule.compile import Compiled, IntArray
from troth.schedule.cpsat import preference
from troth.schedule.relax import Rows

LP_SLACK = 1e-3  # solver tolerance, in Visits, added before rounding the LP bound down


@dataclass
class Selection:
    chosen: dict[int, int]  # request -> option
    bound: int  # proven bound on placed required Visits
    optimal: bool
    value: NDArray[np.float64] | None = None  # the LP's y per option of the rows


def weights(c: Compiled, opts: IntArray, earlier: dict[int, int]) -> tuple[IntArray, int]:
    """Objective coefficient per option, and the weight of one placed required Visit
    (larger than everything the lower levels can add)."""
    pref = np.array([preference(c, int(o)) for o in opts.tolist()], dtype=np.int64)
    reqs = c.opt_req[opts]
    best = np.zeros(len(c.problem.requests), dtype=np.int64)
    np.maximum.at(best, reqs, pref)
    max_pref = int(best.sum())
    w_stab = max_pref + 1
    w_place = 1 + w_stab * len(earlier) + max_pref
    kept = np.array([earlier.get(int(r)) == int(o) for r, o in zip(reqs, opts, strict=True)],
                    dtype=np.bool_)
    coef = pref + w_place * c.req_required[reqs] + w_stab * kept
    return np.asarray(coef, dtype=np.int64), w_place


def _positions(rows: Rows, options: list[int]) -> IntArray:
    where = {int(o): i for i, o in enumerate(rows.opts.tolist())}
    return np.array([where[o] for o in options if o in where], dtype=np.int64)


def lp_select(c: Compiled, rows: Rows, fixed: dict[int, int],
              earlier: dict[int, int]) -> Selection:
    """The LP relaxation's choice (options at 1/2 or more) and its proven bound."""
    opts = rows.opts
    required = int(c.req_required.sum())
    if not len(opts):
        return Selection({}, 0, True)
    coef, w_place = weights(c, opts, earlier)
    bounds = np.zeros((len(opts), 2))
    bounds[:, 1] = 1.0
    bounds[_positions(rows, list(fixed.values())), 0] = 1.0
    a, b = (rows.matrix(), np.array(rows.rhs, dtype=np.float64)) if rows.rhs else (None, None)
    res = linprog(-coef.astype(np.float64), A_ub=a, b_ub=b, bounds=bounds, method="highs")
    if res.status != 0:
        return Selection(dict(fixed), required, False)
    y = np.asarray(res.x, dtype=np.float64)
    bound = int(np.floor(-res.fun / w_place + LP_SLACK))
    chosen = {int(c.opt_req[o]): int(o) for o in opts[y > 0.5].tolist()}
    return Selection({**chosen, **fixed}, min(bound, required), False, y)


def select(c: Compiled, rows: Rows, fixed: dict[int, int], earlier: dict[int, int],
           hint: dict[int, int], seconds: float, workers: int, seed: int = 0) -> Selection:
    """CP-SAT on the relaxation's rows: a choice of times and the integer proven bound."""
    opts = rows.opts
    m = cp_model.CpModel()
    y = [m.new_bool_var(f"y{o}") for o in opts.tolist()]
    for cols, coefs, rhs in zip(rows.cols, rows.coefs, rows.rhs, strict=True):
        if rhs == 1 and bool((coefs == 1).all()):
            m.add_at_most_one(y[i] for i in cols.tolist())
        else:
            m.add(cp_model.LinearExpr.weighted_sum([y[i] for i in cols.tolist()],
                                                   coefs.tolist()) <= rhs)
    for i in _positions(rows, list(fixed.values())).tolist():
        m.add(y[i] == 1)
    coef, w_place = weights(c, opts, earlier)
    m.maximize(cp_model.LinearExpr.weighted_sum(y, coef.tolist()))
    picked = set(hint.values()) | set(fixed.values())
    for o, var in zip(opts.tolist(), y, strict=True):
        m.add_hint(var, o in picked)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, seconds)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Selection(dict(hint), int(c.req_required.sum()), False)
    chosen = {int(c.opt_req[o]): o for o, var in zip(opts.tolist(), y, strict=True)
              if solver.boolean_value(var)}
    bound = int((solver.best_objective_bound + 1e-6) // w_place)
    return Selection(chosen, bound, status == cp_model.OPTIMAL)

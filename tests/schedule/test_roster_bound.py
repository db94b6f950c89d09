"""The counting relaxation behind the proven bound: tight where travel binds, never below
what a lawful roster places."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.schedule.builders import handler, problem, request
from troth.schedule import generate, greedy, plan, violations
from troth.schedule.compile import Compiled, compile_problem
from troth.schedule.generate import Knobs
from troth.schedule.model import Problem, Roster, to_minute
from troth.schedule.relax import Rows, relaxation
from troth.schedule.select import lp_select

TUESDAY = 1


def _rows(week: Problem) -> tuple[Compiled, Rows]:
    c = compile_problem(week)
    return c, relaxation(c, np.array(c.usable, dtype=np.int64))


def _two_teas(km_apart: float) -> Problem:
    reqs = [request(1, "afternoon_tea", [(TUESDAY, "17:00")]),  # ends 18:30
            request(2, "afternoon_tea", [(TUESDAY, "18:30")], km_north=km_apart)]
    return problem(reqs, [handler(1, [(TUESDAY, "17:00", "23:30")])])


def test_the_lp_bound_counts_the_travel_between_two_houses():
    c, rows = _rows(_two_teas(km_apart=5.0))  # 25 minutes of travel, no gap between
    assert lp_select(c, rows, {}, {}).bound == 1
    roster = plan(_two_teas(km_apart=5.0), seconds=3, workers=1)
    assert roster.summary.placed_required == 1 and roster.summary.optimal


def test_the_lp_bound_lets_a_handler_stay_in_one_house_between_visits():
    c, rows = _rows(_two_teas(km_apart=0.0))
    assert lp_select(c, rows, {}, {}).bound == 2
    roster = plan(_two_teas(km_apart=0.0), seconds=3, workers=1)
    assert roster.summary.placed_required == 2 and violations(roster, _two_teas(0.0)) == []


def test_a_courting_dinner_counts_two_handlers_in_the_bound():
    reqs = [request(1, "courting_dinner", [(TUESDAY, "18:00")]),
            request(2, "film_at_home", [(TUESDAY, "19:00")], km_north=1.0),
            request(3, "film_at_home", [(TUESDAY, "19:30")], km_north=2.0)]
    week = problem(reqs, [handler(h, [(TUESDAY, "17:00", "23:30")]) for h in (1, 2)])
    c, rows = _rows(week)
    assert lp_select(c, rows, {}, {}).bound == 2  # two films beat one dinner
    assert {p.request_id for p in plan(week, seconds=3, workers=1).placements} == {2, 3}


def _positions(c: Compiled, rows: Rows, roster: Roster) -> list[int]:
    where = {int(o): i for i, o in enumerate(rows.opts.tolist())}
    out = []
    for p in roster.placements:
        r = c.index[p.request_id]
        start = to_minute(c.problem.week, p.start)
        (o,) = [o for o in c.req_options[r]
                if int(c.opt_start[o]) == start and int(c.opt_win[o]) == p.window_index]
        out.append(where[o])
    return out


weeks = st.builds(
    generate,
    requests=st.integers(10, 80),
    handlers=st.integers(1, 10),
    seed=st.integers(0, 10_000),
    knobs=st.builds(
        Knobs,
        shift_chance=st.tuples(*[st.floats(0.1, 0.9)] * 3),
        cap_range=st.integers(1, 6).map(lambda lo: (lo, lo + 3)),
        district_radius_km=st.floats(0.5, 9.0),
    ),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(week=weeks)
def test_every_lawful_roster_satisfies_every_row_of_the_relaxation(week: Problem) -> None:
    c, rows = _rows(week)
    bound = lp_select(c, rows, {}, {}).bound
    for roster in (greedy(week), plan(week, seconds=0.5, workers=1)):
        assert violations(roster, week) == []
        y = np.zeros(len(rows.opts))
        y[_positions(c, rows, roster)] = 1.0
        if rows.rhs:
            assert (rows.matrix() @ y <= np.array(rows.rhs) + 1e-9).all()
        assert roster.summary.placed_required <= bound

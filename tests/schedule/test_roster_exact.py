"""Small weeks whose optimum is known by hand, checked exactly."""

from __future__ import annotations

from tests.schedule.builders import at, handler, problem, request
from troth.schedule import Unavailable, Window, greedy, plan, violations
from troth.schedule.model import Roster

TUESDAY, WEDNESDAY = 1, 2


def _by_id(roster: Roster) -> dict[int, tuple[str, tuple[int, ...]]]:
    return {p.request_id: (p.start.strftime("%a %H:%M"), p.handler_ids)
            for p in roster.placements}


def _one_handler_evening() -> list:
    guardian_away = Unavailable(403, Window(at(WEDNESDAY, "13:00"), at(WEDNESDAY, "18:00")))
    return [
        request(1, "courting_dinner", [(TUESDAY, "18:00")]),  # needs 2, only 1 exists
        request(2, "afternoon_tea", [(TUESDAY, "19:00"), (TUESDAY, "21:30")], km_north=2),
        request(3, "walk", [(TUESDAY, "19:30")]),
        request(4, "afternoon_tea", [(WEDNESDAY, "15:00")], busy=(guardian_away,)),
        request(5, "afternoon_tea", [(TUESDAY, "20:00")], km_north=30),  # beyond 10 km
    ]


def test_known_optimum_moves_a_tea_to_its_second_window_and_proves_it():
    week = problem(_one_handler_evening(), [handler(1, [(TUESDAY, "17:00", "23:30"),
                                                        (WEDNESDAY, "13:00", "18:00")])])
    roster = plan(week, seconds=5)
    assert _by_id(roster) == {2: ("Tue 21:30", (1,)), 3: ("Tue 19:30", (1,))}
    assert roster.summary.bound == 2 and roster.summary.optimal
    assert roster.summary.headline() == "placed 2 of 5; optimal"
    assert violations(roster, week) == []


def test_greedy_takes_the_earliest_window_and_places_one_fewer():
    week = problem(_one_handler_evening(), [handler(1, [(TUESDAY, "17:00", "23:30")])])
    assert _by_id(greedy(week)) == {2: ("Tue 19:00", (1,))}


def test_each_unplaced_request_names_its_binding_constraint():
    week = problem(_one_handler_evening(), [handler(1, [(TUESDAY, "17:00", "23:30"),
                                                        (WEDNESDAY, "13:00", "18:00")])])
    reasons = {u.request_id: (u.rule, u.reason) for u in plan(week, seconds=5).unplaced}
    assert reasons[1] == ("no_handler_in_reach", "only 1 handler free on Tuesday evening"
                          " within 10 km; a courting dinner needs 2")
    assert reasons[4] == ("party_unavailable",
                          "the guardian (person 403) is unavailable on Wednesday afternoon")
    assert reasons[5] == ("no_handler_in_reach", "no handler free on Tuesday evening within 10 km")


def test_the_courtship_that_waited_longest_gets_the_only_handler():
    reqs = [request(1, "walk", [(TUESDAY, "10:00")], waited=3),
            request(2, "walk", [(TUESDAY, "10:00")], waited=60)]
    roster = plan(problem(reqs, [handler(1, [(TUESDAY, "08:00", "12:30")])]), seconds=5)
    assert _by_id(roster) == {2: ("Tue 10:00", (1,))}
    (left,) = roster.unplaced
    assert left.rule == "handlers_taken" and "1 at other Visits" in left.reason


def test_kin_of_a_party_is_never_the_handler():
    req = request(1, "walk", [(TUESDAY, "10:00")])
    kin = handler(1, [(TUESDAY, "08:00", "12:30")], kin=frozenset({req.omega_id}))
    other = handler(2, [(TUESDAY, "08:00", "12:30")], km_north=3)
    assert _by_id(plan(problem([req], [kin, other]), seconds=5)) == {1: ("Tue 10:00", (2,))}
    (alone,) = plan(problem([req], [kin]), seconds=5).unplaced
    assert alone.rule == "handlers_excluded"


def test_rest_after_an_evening_duty_is_kept_and_the_bound_is_exact():
    reqs = [request(1, "film_at_home", [(TUESDAY, "20:00")]),  # ends 22:30
            request(2, "walk", [(WEDNESDAY, "08:00")])]  # 9.5 h later: too little rest
    week = problem(reqs, [handler(1, [(TUESDAY, "17:30", "23:00"), (WEDNESDAY, "07:30", "12:00")])])
    roster = plan(week, seconds=5)
    assert len(roster.placements) == 1 and roster.summary.optimal
    assert roster.summary.bound == 1
    (left,) = roster.unplaced
    assert "resting after an evening duty" in left.reason or left.rule == "handlers_taken"


def test_travel_time_between_houses_is_respected():
    reqs = [request(1, "afternoon_tea", [(TUESDAY, "14:00")]),  # ends 15:30
            request(2, "afternoon_tea", [(TUESDAY, "15:40")], km_north=5)]  # needs 25 min
    roster = plan(problem(reqs, [handler(1, [(TUESDAY, "12:30", "18:00")], km_north=2)]), seconds=5)
    assert len(roster.placements) == 1
    assert "travelling between Visits" in roster.unplaced[0].reason


def test_segment_search_from_the_greedy_roster_reaches_the_known_optimum():
    from troth.schedule.compile import compile_problem
    from troth.schedule.greedy import greedy_state
    from troth.schedule.lns import improve

    week = problem(_one_handler_evening(), [handler(1, [(TUESDAY, "17:00", "23:30")])])
    c = compile_problem(week)
    start = greedy_state(c)
    assert len(start.placed) == 1
    better = improve(c, start, set(), {}, seconds=5, workers=1)
    assert sorted(c.problem.requests[r].id for r in better.placed) == [2, 3]

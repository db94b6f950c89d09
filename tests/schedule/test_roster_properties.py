"""Every roster the planner or the baseline produces obeys every hard rule."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from troth.schedule import generate, greedy, plan, violations
from troth.schedule.generate import Knobs
from troth.schedule.model import Problem, Roster

weeks = st.builds(
    generate,
    requests=st.integers(5, 40),
    handlers=st.integers(1, 8),
    districts=st.integers(1, 2),
    seed=st.integers(0, 10_000),
    knobs=st.builds(
        Knobs,
        shift_chance=st.tuples(*[st.floats(0.1, 0.9)] * 3),
        cap_range=st.integers(1, 6).map(lambda lo: (lo, lo + 3)),
        district_radius_km=st.floats(1.0, 9.0),
    ),
)


def _accounts_for_every_request(roster: Roster, week: Problem) -> None:
    placed = [p.request_id for p in roster.placements]
    left = [u.request_id for u in roster.unplaced]
    assert sorted(placed + left) == sorted(r.id for r in week.requests)
    assert all(u.rule and u.reason for u in roster.unplaced)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(week=weeks)
def test_planned_rosters_obey_every_hard_rule(week: Problem) -> None:
    roster = plan(week, seconds=0.6, workers=1)
    assert violations(roster, week) == []
    _accounts_for_every_request(roster, week)
    assert roster.summary.placed_required <= roster.summary.bound


@settings(max_examples=15, deadline=None)
@given(week=weeks)
def test_greedy_rosters_obey_every_hard_rule_and_never_beat_the_bound(week: Problem) -> None:
    roster = greedy(week)
    assert violations(roster, week) == []
    _accounts_for_every_request(roster, week)
    assert roster.summary.placed_required <= plan(week, seconds=0.6, workers=1).summary.bound


def test_the_validator_catches_a_handler_in_two_places_at_once() -> None:
    week = generate(requests=30, handlers=4, seed=3)
    roster = plan(week, seconds=1, workers=1)
    first, second = roster.placements[0], roster.placements[1]
    moved = type(second)(second.request_id, second.courtship_id, second.kind, first.start,
                         first.start + (second.end - second.start), first.handler_ids[:1] * len(
                             second.handler_ids), second.window_index)
    broken = Roster(roster.week, None, (first, moved, *roster.placements[2:]), (),
                    roster.summary)
    assert any("overlap" in v for v in violations(broken, week))

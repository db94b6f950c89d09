"""Re-planning after a change keeps accepted placements and moves as few others as it can."""

from __future__ import annotations

from dataclasses import replace

from troth.schedule import generate, plan, violations
from troth.schedule.model import Problem


def _week() -> Problem:
    return generate(requests=40, handlers=6, seed=11)


def test_replan_with_nothing_changed_changes_nothing() -> None:
    week = _week()
    first = plan(week, seconds=8, workers=1)
    assert first.summary.optimal  # so a re-plan cannot place more by moving others
    again = plan(week, seconds=8, workers=1, previous=first)
    assert again.summary.changed == 0
    assert again.placements == first.placements


def test_replan_after_a_handler_falls_ill_keeps_accepted_placements() -> None:
    week = _week()
    first = plan(week, seconds=2, workers=1)
    ill = first.placements[0].handler_ids[0]
    accepted = [p for p in first.placements[::2]]
    keep = [p for p in accepted if ill not in p.handler_ids]
    lost = [p for p in accepted if ill in p.handler_ids]
    after = replace(week, handlers=tuple(h for h in week.handlers if h.id != ill))
    again = plan(after, seconds=2, workers=1, previous=first,
                 accept={p.request_id for p in accepted})
    assert violations(again, after, keep=keep) == []
    assert {u.request_id for u in again.released} == {p.request_id for p in lost}
    assert all(f"handler {ill} is no longer available" in u.reason for u in again.released)
    assert again.accepted == frozenset(p.request_id for p in keep)
    assert all(ill not in p.handler_ids for p in again.placements)


def test_replan_without_keeping_accepted_may_move_them_but_still_obeys_the_rules() -> None:
    week = _week()
    first = plan(week, seconds=2, workers=1)
    again = plan(week, seconds=2, workers=1, previous=first,
                 accept={p.request_id for p in first.placements}, keep_accepted=False)
    assert again.accepted == frozenset()
    assert violations(again, week) == []
    assert again.summary.placed_required >= first.summary.placed_required


def test_replan_after_a_handlers_availability_is_withdrawn_never_uses_that_handler() -> None:
    week = _week()
    first = plan(week, seconds=2, workers=1)
    ill = first.placements[0].handler_ids[0]
    after = replace(week, handlers=tuple(
        replace(h, available=()) if h.id == ill else h for h in week.handlers))
    again = plan(after, seconds=2, workers=1, previous=first)
    assert violations(again, after) == []
    assert all(ill not in p.handler_ids for p in again.placements)

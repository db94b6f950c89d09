"""The event calendar: a day's due rows, a window's due rows, moved and cancelled entries."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from troth.sim.calendar import Calendar, Due
from troth.sim.population import NEVER

# (row, day) schedules; later entries for a row replace earlier ones, as in the simulator
plans = st.lists(
    st.lists(st.tuples(st.integers(0, 39), st.integers(0, 60)), max_size=30),
    min_size=1,
    max_size=4,
)


def _filed(plan: list[list[tuple[int, int]]]) -> tuple[Calendar, Calendar]:
    a, b = Calendar(40), Calendar(40)
    for batch in plan:
        if not batch:
            continue
        rows = np.array([r for r, _ in batch], np.int64)
        days = np.array([d for _, d in batch], np.int64)
        # one row once per batch (a batch with a row twice leaves its last day, as NumPy
        # fancy assignment does not promise)
        rows, last = np.unique(rows[::-1], return_index=True)
        days = days[::-1][last]
        for cal in (a, b):
            cal.set(Due.HEAT, rows, days)
    return a, b


@given(plans, st.integers(0, 50), st.integers(1, 30))
@settings(max_examples=80, deadline=None)
def test_a_window_holds_what_the_days_hold_one_by_one(
    plan: list[list[tuple[int, int]]], first: int, width: int
) -> None:
    daily, windowed = _filed(plan)
    rows, days = windowed.due_between(Due.HEAT, first, first + width)
    want_rows, want_days = [], []
    for day in range(first, first + width):
        hits = daily.due(Due.HEAT, day)
        want_rows += hits.tolist()
        want_days += [day] * hits.size
    assert rows.tolist() == want_rows
    assert days.tolist() == want_days
    assert np.all(windowed.next[Due.HEAT, rows] == days)


def test_moved_and_cancelled_entries_are_not_due_and_a_window_is_settled_once() -> None:
    cal = Calendar(10)
    cal.set(Due.DEATH, np.arange(10, dtype=np.int64), np.arange(10, dtype=np.int64) + 5)
    cal.set(Due.DEATH, np.array([2, 3], np.int64), np.array([40, 41], np.int64))  # moved
    cal.set(Due.DEATH, np.array([4], np.int64), NEVER)  # cancelled
    cal.cancel_all(np.array([5], np.int64))
    rows, days = cal.due_between(Due.DEATH, 0, 12)
    assert rows.tolist() == [0, 1, 6]
    assert days.tolist() == [5, 6, 11]
    assert cal.due_between(Due.DEATH, 0, 12)[0].size == 0  # taken already
    rows, days = cal.due_between(Due.DEATH, 12, 50)
    assert rows.tolist() == [7, 8, 9, 2, 3]
    assert days.tolist() == [12, 13, 14, 40, 41]
    assert cal.due(Due.DEATH, 5).size == 0


def test_an_empty_window_is_refused() -> None:
    with pytest.raises(ValueError, match="empty window"):
        Calendar(4).due_between(Due.DEATH, 7, 7)

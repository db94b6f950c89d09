"""Helpers for the heat-forecast tests: histories built from intervals."""

from __future__ import annotations

from datetime import date, timedelta

from troth.cycles import HeatRecord, History

START = date(2024, 1, 1)


def from_intervals(intervals: list[int], start: date = START, *, bond_after: int | None = None,
                   excluded: frozenset[int] = frozenset()) -> History:
    """Heats at `start` and then after each interval; bond `bond_after` days after heat 0."""
    days = [0]
    for gap in intervals:
        days.append(days[-1] + gap)
    heats = tuple(HeatRecord(start + timedelta(days=d), excluded=i in excluded)
                  for i, d in enumerate(days))
    bond = None if bond_after is None else start + timedelta(days=bond_after)
    return History(heats=heats, bond_date=bond, presented_on=start - timedelta(days=200))


def last(history: History) -> date:
    return history.heats[-1].start

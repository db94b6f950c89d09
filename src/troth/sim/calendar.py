"""An event calendar over a struct of arrays: one "next day" column per rule.

Rather than asking every person every day whether something happens to them, each rule
keeps, per person, the day of that person's next event under the rule (drawn from its
waiting-time distribution when the previous one happened), and files the row under that
day. A day looks only at the rows filed under it, and drops those whose entry has since
been moved or cancelled (lazy deletion), so a day costs what happens on it, not the size of
the population.
"""

from __future__ import annotations

import heapq
from enum import IntEnum

import numpy as np

from troth.sim.population import I64, NEVER


class Due(IntEnum):
    DEATH = 0
    PRESENT = 1
    ORPHAN = 2
    HEAT = 3
    PREG_RECORD = 4
    PREG_END = 5
    BOND = 6
    BETA_BIRTH = 7
    INCIDENT = 8
    GUARDIAN_LOSS = 9
    PETITION = 10
    DECISION = 11


class Calendar:
    def __init__(self, capacity: int) -> None:
        self.next = np.full((len(Due), capacity), NEVER, dtype=np.int64)
        self._buckets: list[dict[int, list[I64]]] = [{} for _ in Due]
        # per rule, the days that have had a bucket filed (a heap; a day whose bucket is
        # gone is skipped when it comes up), so a window finds its days without a scan
        self._days: list[list[int]] = [[] for _ in Due]

    def ensure(self, capacity: int) -> None:
        have = self.next.shape[1]
        if capacity > have:
            grown = np.full((len(Due), max(capacity, int(have * 1.5))), NEVER, np.int64)
            grown[:, :have] = self.next
            self.next = grown

    def cancel_all(self, rows: I64) -> None:
        """Cancel every rule's next event for rows (at death)."""
        self.next[:, rows] = NEVER

    def due(self, rule: Due, day: int) -> I64:
        """The rows whose next event under `rule` is on `day` (sorted, each once)."""
        found = self._buckets[rule].pop(day, None)
        heap = self._days[rule]
        while heap and heap[0] <= day:  # days are asked for in order; earlier ones are past
            heapq.heappop(heap)
        if found is None:
            return np.empty(0, np.int64)
        rows = found[0] if len(found) == 1 else np.concatenate(found)
        hits = rows[self.next[rule, rows] == day]
        return _sorted_unique(hits) if hits.size > 1 else hits

    def due_between(self, rule: Due, first: int, stop: int) -> tuple[I64, I64]:
        """The rows whose next event under `rule` falls on a day in [first, stop), with that
        day, ordered by day and then row, each row once: what `due` would return for each of
        those days in turn, in one call, for callers that settle a window of days at once.

        Removes those days' entries like `due`; days before `first` are not looked at again
        by this method. An entry moved after this call to a day inside the window is the
        caller's to settle."""
        if stop <= first:
            raise ValueError(f"an empty window of days: [{first}, {stop})")
        buckets, heap = self._buckets[rule], self._days[rule]
        parts: list[I64] = []
        sizes: list[int] = []
        days: list[int] = []
        while heap and heap[0] < stop:
            day = heapq.heappop(heap)
            found = buckets.pop(day, None) if day >= first else None
            if found is not None:
                parts.extend(found)
                sizes.extend(part.size for part in found)
                days.extend([day] * len(found))
        if not parts:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        rows = parts[0] if len(parts) == 1 else np.concatenate(parts)
        when = np.repeat(np.asarray(days, np.int64), sizes)
        live = self.next[rule, rows] == when
        rows, when = rows[live], when[live]
        if rows.size > 1:
            # one sort key (day offset, row) orders by day then row and finds repeats
            width = np.int64(self.next.shape[1])
            key = _sorted_unique((when - first) * width + rows)
            rows, when = key % width, key // width + first
        return rows, when

    def set(self, rule: Due, rows: I64, days: I64 | np.int64 | int) -> None:
        """Schedule (or, with NEVER, cancel) rule events for rows."""
        if rows.size == 0:
            return
        when = np.broadcast_to(np.asarray(days, dtype=np.int64), rows.shape)
        self.next[rule, rows] = when
        live = when < NEVER
        if not live.all():
            rows, when = rows[live], when[live]
        if rows.size == 0:
            return
        buckets, heap = self._buckets[rule], self._days[rule]
        find, push = buckets.get, heapq.heappush
        if rows.size <= 8:
            for day, row in zip(when.tolist(), rows.tolist(), strict=True):
                part = np.array([row], np.int64)
                if (bucket := find(day)) is None:
                    buckets[day] = [part]
                    push(heap, day)
                else:
                    bucket.append(part)
            return
        # one sort of (day, row) keys: faster than a stable argsort of the days; the order
        # inside a day's bucket does not matter (`due` and `due_between` sort their rows)
        low, width = int(when.min()), int(self.next.shape[1])
        if (int(when.max()) - low + 1) * width < 2**62:
            key = np.sort((when - low) * width + rows)
            rows, when = key % width, key // width + low
        else:
            order = np.argsort(when, kind="stable")
            rows, when = rows[order], when[order]
        cut = np.flatnonzero(when[1:] != when[:-1]) + 1
        starts = [0, *cut.tolist()]
        ends = [*starts[1:], rows.size]
        for day, lo, hi in zip(when[starts].tolist(), starts, ends, strict=True):
            if (bucket := find(day)) is None:
                buckets[day] = [rows[lo:hi]]
                push(heap, day)
            else:
                bucket.append(rows[lo:hi])


def _sorted_unique(x: I64) -> I64:
    """np.unique(x) for integers by one sort: several times faster than np.unique, whose
    hash-based path in NumPy 2 is slow for the few thousand rows a day brings."""
    x = np.sort(x)
    keep = np.ones(x.size, bool)
    np.not_equal(x[1:], x[:-1], out=keep[1:])
    out: I64 = x[keep]
    return out

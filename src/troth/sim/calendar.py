"""An event calendar over a struct of arrays: one "next day" column per rule.

Rather than asking every person every day whether something happens to them, each rule
keeps, per person, the day of that person's next event under the rule (drawn from its
waiting-time distribution when the previous one happened), and files the row under that
day. A day looks only at the rows filed under it, and drops those whose entry has since
been moved or cancelled (lazy deletion), so a day costs what happens on it, not the size of
the population.
"""

from __future__ import annotations

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
        if found is None:
            return np.empty(0, np.int64)
        rows = found[0] if len(found) == 1 else np.concatenate(found)
        hits = rows[self.next[rule, rows] == day]
        return np.unique(hits) if hits.size > 1 else hits

    def set(self, rule: Due, rows: I64, days: I64 | np.int64 | int) -> None:
        """Schedule (or, with NEVER, cancel) rule events for rows."""
        if rows.size == 0:
            return
        when = np.broadcast_to(np.asarray(days, dtype=np.int64), rows.shape)
        self.next[rule, rows] = when
        live = when < NEVER
        if not live.all():
            rows, when = rows[live], when[live]
        buckets = self._buckets[rule]
        if rows.size == 0:
            return
        if rows.size <= 8:
            for day, row in zip(when.tolist(), rows.tolist(), strict=True):
                buckets.setdefault(day, []).append(np.array([row], np.int64))
            return
        order = np.argsort(when, kind="stable")
        rows, when = rows[order], when[order]
        cut = np.flatnonzero(np.diff(when)) + 1
        for day, part in zip(when[np.r_[0, cut]].tolist(), np.split(rows, cut), strict=True):
            buckets.setdefault(day, []).append(part)

"""A roster being built one placement at a time, with exact hard-rule checks.

Used by the greedy baseline, by the fill pass after CP-SAT, and to explain why a request
stayed unplaced. A coarse busy grid (5-minute cells) screens candidate handlers with NumPy;
only handlers the screen flags get the exact travel check.
"""

from __future__ import annotations

import numpy as np

from troth.schedule.compile import BoolArray, Compiled, IntArray
from troth.schedule.model import WEEK_MINUTES

CELL = 5
DAY = 24 * 60


def is_evening(start: int, end: int, evening_after: int) -> bool:
    return end - (start // DAY) * DAY > evening_after


def is_morning(start: int, morning_before: int) -> bool:
    return start % DAY < morning_before


class RosterState:
    def __init__(self, c: Compiled) -> None:
        self.c = c
        n_h = len(c.problem.handlers)
        self.duties: list[list[tuple[int, int, int]]] = [[] for _ in range(n_h)]
        self.load = np.zeros(n_h, dtype=np.int64)
        cells = WEEK_MINUTES // CELL + 2
        self.busy = np.zeros((n_h, cells), dtype=np.bool_)
        self.eve_end = np.full((n_h, 8), -(10**9), dtype=np.int64)
        self.morn_start = np.full((n_h, 8), 10**9, dtype=np.int64)
        self.person_visits: dict[int, list[tuple[int, int]]] = {}
        self.placed: dict[int, tuple[int, tuple[int, ...]]] = {}
        self.attends = np.zeros(n_h, dtype=np.bool_)  # the handler is a party somewhere
        cu = c.problem.customs
        self._max_travel = cu.travel_minutes(2 * cu.max_handler_km + 1.0)

    # ---- checks -------------------------------------------------------------------
    def busy_person(self, o: int) -> int | None:
        """A party or the guardian of option o already at another Visit or on duty then."""
        c = self.c
        s, e = int(c.opt_start[o]), int(c.opt_end[o])
        for p in c.problem.requests[int(c.opt_req[o])].persons:
            if any(a < e and s < b for a, b in self.person_visits.get(p, ())):
                return p
            for h in c.person_handlers.get(p, ()):
                if any(a < e and s < b for a, b, _ in self.duties[h]):
                    return p
        return None

    def handler_conflict(self, h: int, o: int) -> str:
        """'' when handler h can take option o now, else the rule that stops it."""
        c, cu = self.c, self.c.problem.customs
        if self.load[h] >= c.hand_cap[h]:
            return "cap"
        s, e, r = int(c.opt_start[o]), int(c.opt_end[o]), int(c.opt_req[o])
        own = self.person_visits.get(int(c.hand_person[h]), ())
        if any(a < e and s < b for a, b in own):
            return "busy"
        for a, b, r2 in self.duties[h]:
            if a < e and s < b:
                return "busy"
            gap, first, second = (s - b, (a, b), (s, e)) if b <= s else (a - e, (s, e), (a, b))
            if gap < self._max_travel and gap < c.travel(r2, r):
                return "travel"
            if gap < cu.rest_minutes and self._rest_clash(first, second):
                return "rest"
        return ""

    def _rest_clash(self, first: tuple[int, int], second: tuple[int, int]) -> bool:
        """An evening duty followed by a next-morning duty with too little rest between."""
        cu = self.c.problem.customs
        return (
            is_evening(first[0], first[1], cu.evening_ends_after_minute)
            and is_morning(second[0], cu.morning_starts_before_minute)
            and second[0] // DAY == first[0] // DAY + 1
            and second[0] - first[1] < cu.rest_minutes
        )

    def screen(self, o: int, cands: IntArray) -> tuple[BoolArray, BoolArray]:
        """(surely fine, needs exact check) masks over `cands` for option o."""
        c, cu = self.c, self.c.problem.customs
        s, e = int(c.opt_start[o]), int(c.opt_end[o])
        open_ = self.load[cands] < c.hand_cap[cands]
        lo = max(0, (s - self._max_travel) // CELL)
        hi = min(self.busy.shape[1], -(-(e + self._max_travel) // CELL))
        near = self.busy[cands, lo:hi].any(axis=1)
        clash = self.busy[cands, s // CELL + 1 : max(s // CELL + 1, (e - 1) // CELL)].any(axis=1)
        day = s // DAY
        rest = np.zeros(len(cands), dtype=np.bool_)
        if is_morning(s, cu.morning_starts_before_minute) and day >= 1:
            rest |= s - self.eve_end[cands, day - 1] < cu.rest_minutes
        if is_evening(s, e, cu.evening_ends_after_minute) and day + 1 < 8:
            rest |= self.morn_start[cands, day + 1] - e < cu.rest_minutes
        ok = open_ & ~near & ~rest & ~self.attends[cands]
        return ok, open_ & ~ok & ~clash

    def free_handlers(self, o: int, order: IntArray) -> list[int]:
        """The first handlers in `order` (a subset of eligible ones) free for option o."""
        need = int(self.c.req_need[int(self.c.opt_req[o])])
        if need == 0:
            return []
        ok, check = self.screen(o, order)
        chosen: list[int] = []
        for i, h in enumerate(order.tolist()):
            if ok[i] or (check[i] and not self.handler_conflict(h, o)):
                chosen.append(h)
                if len(chosen) == need:
                    return chosen
        return []

    # ---- changes ------------------------------------------------------------------
    def place(self, o: int, handlers: list[int] | tuple[int, ...]) -> None:
        c, cu = self.c, self.c.problem.customs
        r, s, e = int(c.opt_req[o]), int(c.opt_start[o]), int(c.opt_end[o])
        self.placed[r] = (o, tuple(handlers))
        for p in c.problem.requests[r].persons:
            self.person_visits.setdefault(p, []).append((s, e))
            self.attends[c.person_handlers.get(p, [])] = True
        for h in handlers:
            self.duties[h].append((s, e, r))
            self.load[h] += 1
            self.busy[h, s // CELL : -(-e // CELL)] = True
            day = s // DAY
            if is_evening(s, e, cu.evening_ends_after_minute):
                self.eve_end[h, day] = max(self.eve_end[h, day], e)
            if is_morning(s, cu.morning_starts_before_minute):
                self.morn_start[h, day] = min(self.morn_start[h, day], s)

    def try_place(self, o: int, order: IntArray) -> bool:
        if self.busy_person(o) is not None:
            return False
        need = int(self.c.req_need[int(self.c.opt_req[o])])
        handlers = self.free_handlers(o, order)
        if len(handlers) < need:
            return False
        self.place(o, handlers)
        return True

"""Turn a Problem into arrays: options (request x start), eligible handlers per option, and
the static reasons an option can never be used.

An *option* is one way to place a request: a start minute inside one of its windows.
A handler is *eligible* for an option when the handler is available for the whole Visit,
lives within the customs' distance, and is not a party, the guardian, kin of either, or
otherwise excluded. Everything dynamic (other Visits, travel, rest, caps) is left to the
solver, the greedy baseline and the validator.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from troth.schedule.model import WEEK_MINUTES, Problem, to_minute, week_monday

EARTH_KM = 6371.0088
MAX_STARTS_PER_WINDOW = 12

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


def km_between(
    lat1: FloatArray, lon1: FloatArray, lat2: FloatArray, lon2: FloatArray
) -> FloatArray:
    """Great-circle distance in km (haversine), broadcasting like NumPy."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi, dlam = p2 - p1, np.radians(lon2) - np.radians(lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlam / 2) ** 2
    return np.asarray(2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))), dtype=np.float64)


@dataclass
class Compiled:
    problem: Problem
    req_need: IntArray
    req_required: BoolArray
    req_lat: FloatArray
    req_lon: FloatArray
    req_wait_days: IntArray
    req_options: list[list[int]]
    opt_req: IntArray
    opt_win: IntArray
    opt_start: IntArray
    opt_end: IntArray
    opt_rule: list[str]  # "" when usable, else the static rule that forbids it
    opt_detail: list[str]  # words for the reason (who is unavailable, how many handlers)
    eligible: list[IntArray]  # per option: handler indices, nearest first
    dist_km: FloatArray  # requests x handlers
    hand_cap: IntArray
    hand_person: IntArray
    person_requests: dict[int, list[int]]
    person_handlers: dict[int, list[int]]
    person_busy: dict[int, list[tuple[int, int]]]
    elig: BoolArray  # options x handlers
    _index: dict[int, int] | None = None
    _lat: list[float] | None = None
    _lon: list[float] | None = None
    _travel: dict[tuple[int, int], int] = field(default_factory=dict)

    @property
    def index(self) -> dict[int, int]:
        """Request id -> position."""
        if self._index is None:
            self._index = {req.id: r for r, req in enumerate(self.problem.requests)}
        return self._index

    @property
    def usable(self) -> list[int]:
        return [o for o, rule in enumerate(self.opt_rule) if not rule]

    def _coords(self) -> tuple[list[float], list[float]]:
        if self._lat is None or self._lon is None:
            self._lat, self._lon = self.req_lat.tolist(), self.req_lon.tolist()
        return self._lat, self._lon

    def travel(self, r1: int, r2: int) -> int:
        """Minutes a handler needs between the places of requests r1 and r2."""
        if r1 == r2:
            return 0
        key = (r1, r2) if r1 < r2 else (r2, r1)
        minutes = self._travel.get(key)
        if minutes is None:
            lat, lon = self._coords()
            p1, p2 = math.radians(lat[r1]), math.radians(lat[r2])
            dlam = math.radians(lon[r2] - lon[r1])
            a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlam / 2) ** 2
            km = 2 * EARTH_KM * math.asin(math.sqrt(min(1.0, max(0.0, a))))
            minutes = self._travel[key] = self.problem.customs.travel_minutes(km)
        return minutes


def _expand_options(problem: Problem) -> tuple[list[tuple[int, int, int, int]], list[list[int]]]:
    step = max(1, problem.customs.start_step_minutes)
    options: list[tuple[int, int, int, int]] = []
    per_request: list[list[int]] = []
    for r, req in enumerate(problem.requests):
        mine: list[int] = []
        for w, win in enumerate(req.windows):
            first, last = to_minute(problem.week, win.start), to_minute(problem.week, win.end)
            last_start = last - req.duration_minutes
            starts = list(range(first, last_start + 1, step))[:MAX_STARTS_PER_WINDOW] or [first]
            for s in starts:
                mine.append(len(options))
                options.append((r, w, s, s + req.duration_minutes))
        per_request.append(mine)
    return options, per_request


def _person_maps(problem: Problem) -> tuple[
    dict[int, list[int]], dict[int, list[int]], dict[int, list[tuple[int, int]]]
]:
    person_requests: dict[int, list[int]] = defaultdict(list)
    busy: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for r, req in enumerate(problem.requests):
        for p in req.persons:
            person_requests[p].append(r)
        for u in req.unavailable:
            span = (to_minute(problem.week, u.window.start), to_minute(problem.week, u.window.end))
            busy[u.person_id].add(span)
    person_handlers: dict[int, list[int]] = defaultdict(list)
    for h, hd in enumerate(problem.handlers):
        person_handlers[hd.person_id].append(h)
    return (
        dict(person_requests),
        dict(person_handlers),
        {p: sorted(spans) for p, spans in busy.items()},
    )


def _availability(problem: Problem, starts: IntArray, ends: IntArray) -> BoolArray:
    cover = np.zeros((len(starts), len(problem.handlers)), dtype=np.bool_)
    for h, hd in enumerate(problem.handlers):
        for win in hd.available:
            a, b = to_minute(problem.week, win.start), to_minute(problem.week, win.end)
            cover[:, h] |= (starts >= a) & (ends <= b)
    return cover


def _excluded(problem: Problem, person_requests: dict[int, list[int]]) -> BoolArray:
    excl = np.zeros((len(problem.requests), len(problem.handlers)), dtype=np.bool_)
    for h, hd in enumerate(problem.handlers):
        for p in {hd.person_id} | hd.kin | hd.excluded:
            for r in person_requests.get(p, ()):
                excl[r, h] = True
    return excl


def _static_rule(
    c: Compiled, o: int, in_reach: int, eligible: int
) -> tuple[str, str]:
    r = int(c.opt_req[o])
    s, e = int(c.opt_start[o]), int(c.opt_end[o])
    if s < 0 or e > WEEK_MINUTES:
        return "outside_week", ""
    for p in c.problem.requests[r].persons:
        if any(a < e and s < b for a, b in c.person_busy.get(p, ())):
            return "party_unavailable", str(p)
    need = int(c.req_need[r])
    if eligible >= need:
        return "", ""
    if in_reach < need:
        return "no_handler_in_reach", str(in_reach)
    return "handlers_excluded", str(in_reach)


def compile_problem(problem: Problem) -> Compiled:
    reqs, customs = problem.requests, problem.customs
    options, per_request = _expand_options(problem)
    arr = np.array(options, dtype=np.int64).reshape(-1, 4)
    opt_req, opt_win, opt_start, opt_end = (arr[:, i].copy() for i in range(4))
    person_requests, person_handlers, person_busy = _person_maps(problem)
    req_lat = np.array([r.place.lat for r in reqs], dtype=np.float64)
    req_lon = np.array([r.place.lon for r in reqs], dtype=np.float64)
    hand_lat = np.array([h.home.lat for h in problem.handlers], dtype=np.float64)
    hand_lon = np.array([h.home.lon for h in problem.handlers], dtype=np.float64)
    dist = km_between(req_lat[:, None], req_lon[:, None], hand_lat[None, :], hand_lon[None, :])
    dist = dist.reshape(len(reqs), len(problem.handlers))
    reach = _availability(problem, opt_start, opt_end) & (dist[opt_req] <= customs.max_handler_km)
    elig = reach & ~_excluded(problem, person_requests)[opt_req]
    monday = week_monday(problem.week)
    c = Compiled(
        problem=problem,
        req_need=np.array([customs.handlers_needed(r) for r in reqs], dtype=np.int64),
        req_required=np.array([r.required for r in reqs], dtype=np.bool_),
        req_lat=req_lat,
        req_lon=req_lon,
        req_wait_days=np.array(
            [max(0, (monday - r.waiting_since).days) for r in reqs], dtype=np.int64
        ),
        req_options=per_request,
        opt_req=opt_req, opt_win=opt_win, opt_start=opt_start, opt_end=opt_end,
        opt_rule=[], opt_detail=[], eligible=[],
        dist_km=dist,
        hand_cap=np.array([h.weekly_cap for h in problem.handlers], dtype=np.int64),
        hand_person=np.array([h.person_id for h in problem.handlers], dtype=np.int64),
        person_requests=person_requests,
        person_handlers=person_handlers,
        person_busy=person_busy,
        elig=elig,
    )
    reach_count, elig_count = reach.sum(axis=1), elig.sum(axis=1)
    for o in range(len(options)):
        rule, detail = _static_rule(c, o, int(reach_count[o]), int(elig_count[o]))
        c.opt_rule.append(rule)
        c.opt_detail.append(detail)
        hs = np.flatnonzero(elig[o]) if not rule else np.zeros(0, dtype=np.int64)
        c.eligible.append(hs[np.argsort(dist[opt_req[o], hs], kind="stable")].astype(np.int64))
    return c


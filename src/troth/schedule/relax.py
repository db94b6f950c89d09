"""The counting relaxation of a week, as sparse rows over options, and its LP bound.

Handlers are counted, not named. Every real roster satisfies each row, so the rows'
optimum bounds the placed required Visits of any roster:

- each request is placed at most once;
- a party or guardian attends one Visit at a time (a clique per person and moment);
- at each moment a Visit can start, the Visits a handler could not combine with each other
  need no more handlers than are eligible for one of them — over the whole district and
  within each ~3 km cell of places. The Visits running then conflict pairwise, and so does
  a Visit that ended shortly before (within BUFFER minutes) with each of them that a
  handler could not reach in time (travel time; 0 within one house) — such a Visit is left
  out of the moment when any running Visit could follow it;
- per class of moments (the week, each day, each part of the day and their unions), no
  more duties than the handlers' caps and availability can hold.

select.py solves the rows' linear relaxation with HiGHS (scipy) and hands the same rows to
CP-SAT as a 0-1 model, whose proven bound can only be tighter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import csr_matrix

from troth.schedule.compile import BoolArray, Compiled, IntArray, km_between
from troth.schedule.state import DAY

KM_LAT = 1 / 110.574
BUFFER = 30  # minutes after a Visit ends in which another Visit may still conflict


@dataclass
class Rows:
    """Constraints `sum(coef * y[opt]) <= rhs` over usable options (by position in opts)."""

    opts: IntArray
    cols: list[IntArray] = field(default_factory=list)
    coefs: list[IntArray] = field(default_factory=list)
    rhs: list[int] = field(default_factory=list)

    def add(self, cols: IntArray, coefs: IntArray, rhs: int) -> None:
        if len(cols) and int(coefs.sum()) > rhs:
            self.cols.append(cols)
            self.coefs.append(coefs)
            self.rhs.append(rhs)

    def matrix(self) -> csr_matrix:
        lens = [len(c) for c in self.cols]
        indptr = np.concatenate([[0], np.cumsum(lens)]).astype(np.int64)
        data = np.concatenate(self.coefs) if lens else np.zeros(0)
        idx = np.concatenate(self.cols) if lens else np.zeros(0, dtype=np.int64)
        return csr_matrix((data.astype(np.float64), idx, indptr),
                          shape=(len(self.cols), len(self.opts)))


def room(c: Compiled, opts: IntArray) -> IntArray:
    """Per handler: the most pairwise non-overlapping options among `opts` the handler is
    eligible for (earliest end first), capped by the weekly cap. Travel is left out: two
    Visits in one house may follow each other without a gap."""
    order = opts[np.lexsort((c.opt_start[opts], c.opt_end[opts]))]
    ends, starts = c.opt_end[order], c.opt_start[order]
    out = np.zeros(len(c.problem.handlers), dtype=np.int64)
    free_from = np.full(len(c.problem.handlers), -(10**9), dtype=np.int64)
    for i, o in enumerate(order.tolist()):
        can = c.elig[o] & (free_from <= starts[i])
        out[can] += 1
        free_from[can] = ends[i]
    return np.asarray(np.minimum(out, c.hand_cap), dtype=np.int64)


def classes(c: Compiled, opts: IntArray) -> list[IntArray]:
    """Positions (into `opts`) of options per class: the week, each day, each part of the
    day and their unions across the week, each part of each day."""
    day = c.opt_start[opts] // DAY
    tod = c.opt_start[opts] % DAY
    part = np.where(tod < 12 * 60, 0, np.where(tod < 17 * 60, 1, 2))
    every = np.arange(len(opts))
    sets = [every] + [every[day == d] for d in range(7)]
    for mask in range(1, 7):
        sets.append(every[np.isin(part, [p for p in range(3) if mask >> p & 1])])
    sets += [every[(day == d) & (part == p)] for d in range(7) for p in range(3)]
    return [s for s in sets if len(s)]


def _cells(c: Compiled, reqs: IntArray) -> IntArray:
    lat = c.req_lat[reqs]
    lon_km = 3 * KM_LAT / np.cos(np.radians(lat))
    cell = np.floor(lat / (3 * KM_LAT)) * 100_000 + np.floor(c.req_lon[reqs] / lon_km)
    return np.asarray(cell, dtype=np.int64)


def _compatible_after(c: Compiled, ended: BoolArray, running: BoolArray, reqs: IntArray,
                      starts: IntArray, ends: IntArray) -> BoolArray:
    """Among `ended`, the options some running option of another request can follow for
    one handler: it starts after the first ends, with time enough to travel between."""
    cu = c.problem.customs
    a_idx, b_idx = np.flatnonzero(ended), np.flatnonzero(running)
    out = np.zeros(len(ended), dtype=np.bool_)
    if not len(a_idx) or not len(b_idx):
        return out
    a, b = np.repeat(a_idx, len(b_idx)), np.tile(b_idx, len(a_idx))
    keep = (starts[b] >= ends[a]) & (reqs[a] != reqs[b])
    a, b = a[keep], b[keep]
    km = km_between(c.req_lat[reqs[a]], c.req_lon[reqs[a]], c.req_lat[reqs[b]], c.req_lon[reqs[b]])
    travel = np.where(km <= 1e-6, 0,
                      cu.travel_overhead_minutes + np.round(60.0 * km / cu.travel_speed_kmh))
    out[a[starts[b] - ends[a] >= travel]] = True
    return out


def _moment_rows(c: Compiled, rows: Rows, need: IntArray) -> None:
    pos = np.flatnonzero(need > 0)
    opts = rows.opts[pos]
    starts, ends, reqs = c.opt_start[opts], c.opt_end[opts], c.opt_req[opts]
    cell = _cells(c, reqs)
    for t in np.unique(starts).tolist():
        running = (starts <= t) & (ends > t)
        ended = (ends <= t) & (ends + BUFFER > t) & (ends - starts >= BUFFER)
        clique = running | (ended & ~_compatible_after(c, ended, running, reqs, starts, ends))
        for mask in [clique] + [clique & (cell == k) for k in np.unique(cell[clique])]:
            members = pos[mask]
            pool = int(c.elig[rows.opts[members]].any(axis=0).sum())
            rows.add(members, need[members], pool)


def _person_rows(c: Compiled, rows: Rows) -> None:
    by_person: dict[int, list[int]] = {}
    for i, o in enumerate(rows.opts.tolist()):
        for p in c.problem.requests[int(c.opt_req[o])].persons:
            if len(c.person_requests.get(p, ())) > 1:
                by_person.setdefault(p, []).append(i)
    for items in by_person.values():
        pos = np.array(items, dtype=np.int64)
        s, e = c.opt_start[rows.opts[pos]], c.opt_end[rows.opts[pos]]
        for t in np.unique(s).tolist():
            members = pos[(s <= t) & (e > t)]
            rows.add(members, np.ones(len(members), dtype=np.int64), 1)


def relaxation(c: Compiled, opts: IntArray) -> Rows:
    """All rows of the counting relaxation over `opts` (usable options)."""
    rows = Rows(opts)
    pos_of = {int(o): i for i, o in enumerate(opts.tolist())}
    for r_opts in c.req_options:
        mine = np.array([pos_of[o] for o in r_opts if o in pos_of], dtype=np.int64)
        rows.add(mine, np.ones(len(mine), dtype=np.int64), 1)
    _person_rows(c, rows)
    need = c.req_need[c.opt_req[opts]]
    _moment_rows(c, rows, need)
    for group in classes(c, opts):
        members = group[need[group] > 0]
        if len(members):
            rows.add(members, need[members], int(room(c, opts[members]).sum()))
    return rows


def segment_of(c: Compiled, opts: IntArray) -> IntArray:
    """Per option: day x (morning, afternoon, evening) of its start, 0..20."""
    tod = c.opt_start[opts] % DAY
    part = np.where(tod < 12 * 60, 0, np.where(tod < 17 * 60, 1, 2))
    day = np.clip(c.opt_start[opts] // DAY, 0, 6)
    return np.asarray(day * 3 + part, dtype=np.int64)


"""The reference model of benchmarks/sim_vs_mesa.py on troth's engine.

The model (one step = one day): everyone ages; dies with the Gompertz daily hazard of the
default scenario; presents at 14 as Alpha / Beta / Omega (0.20 / 0.65 / 0.15); every
unbonded adult Alpha meets one random person a day and, if that person is a living
unbonded adult Omega, bonds with probability P_BOND; a bonded Omega under 45 whose partner
is alive gives birth with daily probability P_BIRTH. Founders are aged uniformly 0-80.

troth's parts: keyed random streams (`troth.sim.rng`: every draw is a function of seed,
rule, person and day), the event calendar (`troth.sim.calendar`), Gompertz lifespans drawn
at birth (`troth.sim.demography`). Deaths, presentations, coming of age, births and the
meetings that could end in a bond are calendar events. A meeting ends in a bond only if the
Alpha accepts (chance P_BOND a day), so the calendar keeps each seeking Alpha's next
accepting day, drawn as a geometric wait (`rng.geometric`); the person met is drawn only
on that day. A meeting on any other day changes nothing and is not drawn.

Two drivers give the same history, array for array:
- `step(t)` settles one day at a time, the plain reading of the rules;
- `advance(t0, t1)` settles a window of days with a few NumPy calls per rule: it draws the
  window's meetings at once, resolves who bonds in day order (first come, first bonded),
  and replays only when a birth nobody could foresee at the window's start (a bond, or a
  birth, inside the window scheduling another birth inside it) shifts the population count
  that later meetings draw from. The window widens while replays are rare and narrows
  when they are not.
"""

from __future__ import annotations

import math
import time

import numpy as np

from troth.sim.calendar import Calendar, Due
from troth.sim.demography import YEAR, death_days
from troth.sim.rng import I64, Rule, geometric, uniform
from troth.sim.scenario import default_scenario

MORT = default_scenario().mortality
SHARES = (0.20, 0.65, 0.15)
PRESENT, ADULT, FERTILE_TO = int(14 * YEAR), int(18 * YEAR), int(45 * YEAR)
P_BOND, P_BIRTH = 0.05, 1.0 / (3 * 365)
ALPHA, OMEGA = 1, 3
NOBODY = -1
ACCEPT = Due.BOND  # the calendar rule that holds a seeking Alpha's next accepting day
WIDEST = 128  # days in the widest window


class TrothTown:
    """A struct of arrays plus troth's event calendar."""

    def __init__(self, n: int, seed: int) -> None:
        self.seed, self.n, cap = seed, 0, int(n * 1.5) + 16
        self.born = np.zeros(cap, np.int64)
        self.death = np.zeros(cap, np.int64)
        self.desig = np.zeros(cap, np.int8)
        self.fate = np.zeros(cap, np.int8)
        self.partner = np.full(cap, NOBODY, np.int64)
        self.cal = Calendar(cap)
        self.deaths = self.bonds = self.births = self.person_days = self.replays = 0
        ids = np.arange(n, dtype=np.int64)
        age = np.floor(uniform(seed, Rule.FOUNDER_AGE, ids, 0) * 80 * YEAR).astype(np.int64)
        self._add(-age, age, 0)

    # --- shared by both drivers ---------------------------------------------------------

    def _add(self, born: I64, reached: I64, since: int) -> I64:
        """New rows born on `born`, alive at `born + reached`; returns those who die before
        day `since` (newborns of a window who die inside it), whose deaths are not filed."""
        rows = np.arange(self.n, self.n + born.size, dtype=np.int64)
        if rows.size and rows[-1] >= self.born.size:
            self._grow(int(rows[-1]) + 1)
        self.n += born.size
        self.born[rows] = born
        death = death_days(self.seed, MORT, rows, born, reached)
        self.death[rows] = death
        u = uniform(self.seed, Rule.PRESENT, rows, born)
        fate = np.where(u < SHARES[0], 1, np.where(u < SHARES[0] + SHARES[1], 2, 3))
        present = born + PRESENT
        done = present <= 0
        self.desig[rows[done]] = fate[done]
        self.fate[rows] = fate
        early = death < since
        self.cal.set(Due.DEATH, rows[~early], death[~early])
        self.cal.set(Due.PRESENT, rows[~done], present[~done])
        alpha = fate == ALPHA
        self.cal.set(Due.ORPHAN, rows[alpha], np.maximum(born[alpha] + ADULT, 0))
        return rows[early]

    def _grow(self, need: int) -> None:
        cap = max(need, int(self.born.size * 1.5))
        fills = (("born", 0), ("death", 0), ("desig", 0), ("fate", 0), ("partner", NOBODY))
        for name, fill in fills:
            old = getattr(self, name)
            new = np.full(cap, fill, old.dtype)
            new[: old.size] = old
            setattr(self, name, new)
        self.cal.ensure(cap)

    def _first_accept(self, rows: I64, days: I64) -> I64:
        """The first accepting day of Alphas who start seeking on `days` (may be that day)."""
        return days - 1 + geometric(self.seed, Rule.CHOICE, rows, days, P_BOND, draw=1)

    def _next_accept(self, rows: I64, days: I64 | int) -> I64:
        return days + geometric(self.seed, Rule.CHOICE, rows, days, P_BOND)

    def _next_birth(self, rows: I64, days: I64 | int) -> I64:
        return days + geometric(self.seed, Rule.BETA_BIRTH, rows, days, P_BIRTH)

    def _can_bear(self, mums: I64, days: I64 | int, partners: I64 | None = None) -> np.ndarray:
        """Whether each mother, bonded to `partners` (default: her partner now), can give
        birth on `days`: both alive and she under FERTILE_TO."""
        fathers = self.partner[mums] if partners is None else partners
        return (
            (self.death[mums] > days)
            & (self.death[fathers] > days)
            & (days - self.born[mums] < FERTILE_TO)
        )

    def _bond(self, alphas: I64, omegas: I64) -> None:
        self.partner[alphas], self.partner[omegas] = omegas, alphas
        self.bonds += alphas.size

    # --- one day at a time ----------------------------------------------------------------

    def step(self, t: int) -> None:
        cal = self.cal
        self.person_days += self.n - self.deaths
        dead = cal.due(Due.DEATH, t)
        self.deaths += dead.size
        cal.cancel_all(dead)
        shown = cal.due(Due.PRESENT, t)
        self.desig[shown] = self.fate[shown]
        grown = cal.due(Due.ORPHAN, t)  # coming of age (Alphas only)
        cal.set(ACCEPT, grown, self._first_accept(grown, np.full(grown.size, t)))
        seekers = cal.due(ACCEPT, t)
        other = np.floor(uniform(self.seed, Rule.CANDIDATE, seekers, t) * self.n)
        other = other.astype(np.int64)
        ok = (
            (self.death[other] > t)
            & (self.desig[other] == OMEGA)
            & (self.partner[other] == NOBODY)
            & (t - self.born[other] >= ADULT)
        )
        omegas, first = np.unique(other[ok], return_index=True)
        alphas = seekers[ok][first]
        self._bond(alphas, omegas)
        cal.set(Due.BETA_BIRTH, omegas, self._next_birth(omegas, t))
        left = seekers[self.partner[seekers] == NOBODY]
        cal.set(ACCEPT, left, self._next_accept(left, t))
        mums = cal.due(Due.BETA_BIRTH, t)
        mums = mums[self._can_bear(mums, t)]
        self.births += mums.size
        self._add(np.full(mums.size, t, np.int64), np.zeros(mums.size, np.int64), t + 1)
        cal.set(Due.BETA_BIRTH, mums, self._next_birth(mums, t))

    # --- a window of days at once ---------------------------------------------------------

    def advance(self, t0: int, t1: int) -> int:
        """Settle days t0 .. t1-1; returns how many replays unforeseen births caused."""
        cal, n0, deaths0 = self.cal, self.n, self.deaths
        dead, dead_on = cal.due_between(Due.DEATH, t0, t1)
        shown, shown_on = cal.due_between(Due.PRESENT, t0, t1)
        shown = shown[self.death[shown] > shown_on]
        self.desig[shown] = self.fate[shown]
        grown, grown_on = cal.due_between(Due.ORPHAN, t0, t1)
        keep = self.death[grown] > grown_on
        grown, grown_on = grown[keep], grown_on[keep]
        rows, days = cal.due_between(ACCEPT, t0, t1)
        rows = np.concatenate([rows, grown])
        days = np.concatenate([days, self._first_accept(grown, grown_on)])
        a_all, t_all, later_rows, later_days = self._accepting_days(rows, days, t0, t1)
        u_all = uniform(self.seed, Rule.CANDIDATE, a_all, t_all)
        # bonds day by day; replay from the day after each birth nobody foresaw
        mums, mums_on = cal.due_between(Due.BETA_BIRTH, t0, t1)
        born_on, born_to, wait_rows, wait_days = self._births_between(mums, mums_on, t1)
        replays, start = 0, 0
        while True:
            a, t, u = a_all[start:], t_all[start:], u_all[start:]
            heads = n0 + np.searchsorted(born_on, np.arange(t0, t1), side="left")
            if heads[-1] > self.born.size:
                self._grow(int(heads[-1]))
            other = np.floor(u * heads[t - t0]).astype(np.int64)
            # the cheapest test first; rows not yet born have fate 0, so are no Omegas
            omega = self.fate[other] == OMEGA
            a, t, other = a[omega], t[omega], other[omega]
            ok = (
                (other < n0)
                & (self.partner[a] == NOBODY)
                & (self.death[other] > t)
                & (self.partner[other] == NOBODY)
                & (t - self.born[other] >= ADULT)
            )
            a, o, t = first_come(a[ok], other[ok], t[ok])
            first_birth = self._next_birth(o, t)
            unforeseen = (first_birth < t1) & self._can_bear(o, first_birth, a)
            cut = int(first_birth[unforeseen].min()) if unforeseen.any() else t1
            now = t <= cut  # bonds up to the day of the first unforeseen birth stand
            self._bond(a[now], o[now])
            more = self._births_between(o[now], first_birth[now], t1)
            if more[0].size:
                width = np.int64(self.born.size)
                key = np.sort(
                    (np.concatenate([born_on, more[0]]) - t0) * width
                    + np.concatenate([born_to, more[1]])
                )
                born_on, born_to = key // width + t0, key % width
            wait_rows = np.concatenate([wait_rows, more[2]])
            wait_days = np.concatenate([wait_days, more[3]])
            if cut == t1:
                break
            replays += 1
            start = int(np.searchsorted(t_all, cut, side="right"))
        # what the window leaves to the calendar, then its births, deaths and head count
        left = self.partner[later_rows] == NOBODY
        cal.set(ACCEPT, later_rows[left], later_days[left])
        cal.set(Due.BETA_BIRTH, wait_rows, wait_days)
        self.births += born_on.size
        early = self._add(born_on, np.zeros(born_on.size, np.int64), t1)
        dead_on = np.concatenate([dead_on, self.death[early]])
        cal.cancel_all(np.concatenate([dead, early]))
        self.deaths += dead_on.size
        days_after = (t1 - 1 - born_on).sum() - (t1 - 1 - dead_on).sum()
        self.person_days += (t1 - t0) * (n0 - deaths0) + int(days_after)
        return replays

    def _accepting_days(self, rows: I64, days: I64, t0: int, t1: int) -> tuple[I64, I64, I64, I64]:
        """Every accepting day in [t0, t1) of the seekers whose next one is (rows, days),
        as if none of them bonded, ordered by day then seeker; and each living seeker's
        first accepting day from t1 on."""
        empty = np.empty(0, np.int64)
        in_rows, in_days, later_rows, later_days = [empty], [empty], [empty], [empty]
        while rows.size:
            alive = self.death[rows] > days
            rows, days = rows[alive], days[alive]
            inside = days < t1
            later_rows.append(rows[~inside])
            later_days.append(days[~inside])
            rows, days = rows[inside], days[inside]
            in_rows.append(rows)
            in_days.append(days)
            days = self._next_accept(rows, days)
        width = np.int64(self.born.size)  # one sort key: day, then row
        key = np.sort((np.concatenate(in_days) - t0) * width + np.concatenate(in_rows))
        return (
            key % width,
            key // width + t0,
            np.concatenate(later_rows),
            np.concatenate(later_days),
        )

    def _births_between(self, mums: I64, days: I64, t1: int) -> tuple[I64, I64, I64, I64]:
        """The births before day t1 from scheduled births (mums, days) and those they lead
        to, as (day, mother) ordered by day then mother, and the next births after t1."""
        on, to, wait_rows, wait_days = [], [], [], []
        while mums.size:
            inside = days < t1
            wait_rows.append(mums[~inside])
            wait_days.append(days[~inside])
            mums, days = mums[inside], days[inside]
            ok = self._can_bear(mums, days)
            mums, days = mums[ok], days[ok]
            if not mums.size:
                break
            on.append(days)
            to.append(mums)
            days = self._next_birth(mums, days)
        empty = np.empty(0, np.int64)
        later = (
            np.concatenate(wait_rows) if wait_rows else empty,
            np.concatenate(wait_days) if wait_days else empty,
        )
        if not on:
            return empty, empty, *later
        born_on, born_to = np.concatenate(on), np.concatenate(to)
        order = np.lexsort((born_to, born_on))
        return born_on[order], born_to[order], *later


def first_come(a: I64, o: I64, t: I64) -> tuple[I64, I64, I64]:
    """Meetings (Alpha a meets Omega o on day t, in day order) that end in bonds when each
    is settled in turn and a meeting of someone already bonded comes to nothing."""
    first_a, group_a = _firsts(a)
    first_o, group_o = _firsts(o)
    win = first_a & first_o
    if win.all():  # nobody met twice: every meeting stands
        return a, o, t
    taken_a = np.zeros(a.size, bool)
    taken_o = np.zeros(o.size, bool)
    idx = np.arange(a.size)
    won = np.zeros(a.size, bool)
    while True:
        here = idx[win]  # nobody earlier still in the running wants either of these two
        won[here] = True
        taken_a[group_a[here]] = True
        taken_o[group_o[here]] = True
        idx = idx[~(taken_a[group_a[idx]] | taken_o[group_o[idx]])]
        if not idx.size:
            return a[won], o[won], t[won]
        win = _firsts(group_a[idx])[0] & _firsts(group_o[idx])[0]


def _firsts(x: I64) -> tuple[np.ndarray, I64]:
    """Whether each entry of x (integers >= 0) is its value's first, and a number for each
    distinct value (0, 1, ...). One sort of value-then-position keys does both."""
    k = x.size
    key = np.sort(x * k + np.arange(k))
    at = key % k
    value = key // k
    new = np.ones(k, bool)
    np.not_equal(value[1:], value[:-1], out=new[1:])
    first = np.zeros(k, bool)
    first[at[new]] = True
    group = np.empty(k, np.int64)
    group[at] = np.cumsum(new) - 1
    return first, group


def first_width(n: int) -> int:
    """A first window for n people: about as wide as keeps replays to a few (the bonds a
    day, hence the unforeseen births a window, grow with the population)."""
    return max(1, min(WIDEST, int(math.sqrt(2.5e8 / max(n, 1)))))


def _advance_to(town: TrothTown, days: int, width: int = 0) -> None:
    """Settle days 0 .. days-1 in windows: `width` days each, or (0) as wide as keeps the
    replays to a few, narrowing when they are more and widening when they are fewer."""
    t, wide = 0, width or first_width(town.n)
    while t < days:
        stop = min(t + wide, days)
        replays = town.advance(t, stop)
        town.replays += replays
        t = stop
        if width:
            continue
        if replays > 4:
            wide = max(1, wide // 2)
        elif replays < 2:
            wide = min(WIDEST, wide * 2)


def run_troth(n: int, days: int, seed: int, daily: bool = False) -> dict[str, float]:
    town = TrothTown(n, seed)
    began, cpu = time.perf_counter(), time.process_time()
    if daily:
        for t in range(days):
            town.step(t)
    else:
        _advance_to(town, days)
    secs, cpu = time.perf_counter() - began, time.process_time() - cpu
    return {
        "person_days": town.person_days,
        "seconds": secs,
        "cpu": cpu,
        "deaths": town.deaths,
        "bonds": town.bonds,
        "births": town.births,
    }


def same_history(n: int, days: int, seed: int) -> bool:
    """Whether settling windows of days gives the history that settling each day does:
    the same people, lifespans, designations and bonds, and the same counts."""
    daily, windowed = TrothTown(n, seed), TrothTown(n, seed)
    for t in range(days):
        daily.step(t)
    _advance_to(windowed, days)
    counts = ("n", "deaths", "bonds", "births", "person_days")
    if any(getattr(daily, c) != getattr(windowed, c) for c in counts):
        return False
    cols = ("born", "death", "desig", "fate", "partner")
    return all(
        np.array_equal(getattr(daily, c)[: daily.n], getattr(windowed, c)[: daily.n]) for c in cols
    )

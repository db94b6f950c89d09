"""One district: its people, its calendar, its event log, and the day's rules in order.

A district advances on its own between exchange days; everything it needs to know about
people elsewhere (a partner's death day, an Alpha's courtship outcome) arrives in its
inbox at the start of a period, and everything others need from it (its seekers, Alphas
freed by an annulment) leaves in its outbox at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from troth.sim import bonds, family, guardians, names
from troth.sim import events as ev
from troth.sim.calendar import Calendar, Due
from troth.sim.courtship import Outcomes, Rows, Seekers
from troth.sim.demography import (
    days,
    death_days,
    founder_ages_days,
    founder_last_parent_death,
    full_years_days,
)
from troth.sim.events import EventLog
from troth.sim.population import ALPHA, BETA, I64, NEVER, NONE, OMEGA, People
from troth.sim.rng import Rule, uniform
from troth.sim.scenario import Scenario


@dataclass(frozen=True)
class Founder:
    """A hand-built founder (tests, small worked examples)."""

    age_years: float
    designation: str | None = None  # None: not yet presented (a child)
    death_day: int | None = None  # None: drawn from the mortality model
    orphaned: bool = False


@dataclass
class Inbox:
    outcomes: list[Outcomes] = field(default_factory=list)
    rows: list[Rows] = field(default_factory=list)
    freed_ids: I64 = field(default_factory=lambda: np.empty(0, np.int64))
    freed_days: I64 = field(default_factory=lambda: np.empty(0, np.int64))


@dataclass
class Outbox:
    seekers: Seekers
    freed_ids: I64
    freed_days: I64


class District:
    def __init__(self, seed: int, scenario: Scenario, index: int, horizon: int,
                 people: int = 0, founders: list[Founder] | None = None) -> None:
        self.seed, self.s, self.index, self.horizon = seed, scenario, index, horizon
        self.districts = scenario.simulation.districts
        self.log = EventLog(index, scenario.simulation.start.toordinal())
        self.people = People(1024)
        self.cal = Calendar(1024)
        self.serials = {"guardianship": 0, "pregnancy": 0, "incident": 0}
        self.need: list[tuple[I64, int, I64]] = []  # (rows, reason code, excluded guardian)
        self.freed: list[tuple[I64, I64]] = []
        if founders is not None:
            self._found_by_hand([f for i, f in enumerate(founders)
                                 if i % self.districts == index])
        else:
            count = len(range(index, people, self.districts))
            self._found(count, None, None, None)

    # --- ids ---------------------------------------------------------------------------

    def rows_of(self, ids: I64) -> I64:
        out: I64 = ids // self.districts
        return out

    def local(self, ids: I64) -> Any:
        return (ids >= 0) & (ids % self.districts == self.index)

    def serial(self, name: str, count: int) -> I64:
        start = self.serials[name]
        self.serials[name] = start + count
        return np.arange(start, start + count, dtype=np.int64) * self.districts + self.index

    def add_rows(self, count: int) -> I64:
        rows = self.people.add(count)
        self.cal.ensure(self.people.capacity)
        self.people.id[rows] = rows * self.districts + self.index
        return rows

    # --- founding ------------------------------------------------------------------------

    def _found_by_hand(self, founders: list[Founder]) -> None:
        ages = days(np.array([f.age_years for f in founders], dtype=np.float64))
        fates = np.array([0 if f.designation is None else
                          1 + ev.DESIGNATIONS.index(f.designation) for f in founders], np.int8)
        deaths = np.array([NEVER if f.death_day is None else f.death_day for f in founders],
                          np.int64)
        orphaned = np.array([f.orphaned for f in founders], np.bool_)
        self._found(len(founders), ages, fates, (deaths, orphaned))

    def _found(self, count: int, ages: I64 | None, fates: Any,
               fixed: tuple[I64, Any] | None) -> None:
        p, m = self.people, self.s.mortality
        rows = self.add_rows(count)
        ids = p.id[rows]
        age = founder_ages_days(self.seed, m, ids) if ages is None else ages
        p.born[rows] = -age
        p.death[rows] = death_days(self.seed, m, ids, -age, age)
        p.family_name[rows] = names.draw("family", uniform(self.seed, Rule.FAMILY, ids, 0))
        family.assign_fate(self, rows)
        p.orphaned_day[rows] = founder_last_parent_death(self.seed, m, ids, -age)
        if fates is not None and fixed is not None:
            deaths, orphaned = fixed
            mid = days((self.s.presentation.min_age + self.s.presentation.max_age) / 2)
            given = np.minimum(p.born[rows] + mid, -1)
            p.present_day[rows] = np.where(fates > 0, given, p.present_day[rows])
            p.fate[rows] = np.where(fates > 0, fates, p.fate[rows])
            p.death[rows] = np.where(deaths < NEVER, deaths, p.death[rows])
            p.orphaned_day[rows] = np.where(orphaned, -1, NEVER)
        done = rows[p.present_day[rows] < 0]
        p.presented[done] = True
        family.on_presented(self, done, 0, emit=False)
        self.log.emit(
            "registered", np.zeros(count, np.int64), person_id=ids, born_on=p.born[rows],
            designation=np.where(p.presented[rows], p.fate[rows].astype(np.int64) - 1, -1),
            presented_on=np.where(p.presented[rows], p.present_day[rows], NEVER),
            given_name=family.given_names(self, ids), family_name=p.family_name[rows])
        self.schedule_life(rows)
        self.cal.set(Due.ORPHAN, rows, np.maximum(p.orphaned_day[rows], 0))

    def schedule_life(self, rows: I64) -> None:
        p = self.people
        self.cal.set(Due.DEATH, rows, p.death[rows])
        later = rows[~p.presented[rows] & (p.present_day[rows] < p.death[rows])]
        self.cal.set(Due.PRESENT, later, p.present_day[later])

    # --- a period ------------------------------------------------------------------------

    def advance(self, start: int, end: int, inbox: Inbox) -> Outbox:
        self.receive(inbox, start)
        for day in range(start, end):
            self.step(day)
        if end < self.horizon:
            bonds.marry_betas(self, end)
        freed = self.freed
        self.freed = []
        ids = np.concatenate([f[0] for f in freed]) if freed else np.empty(0, np.int64)
        when = np.concatenate([f[1] for f in freed]) if freed else np.empty(0, np.int64)
        return Outbox(self.seekers(end), ids, when)

    def step(self, day: int) -> None:
        """One day's rules, in an order in which each sees the state the last left.

        Nothing but the death itself (and what it ends) happens to a person on the day
        they die.
        """
        due = self._due_alive
        family.pregnancy_ends(self, day, due(Due.PREG_END, day))
        family.beta_births(self, day, due(Due.BETA_BIRTH, day))
        family.presentations(self, day, due(Due.PRESENT, day))
        bonds.bond_days(self, day, due(Due.BOND, day))
        family.heats(self, day, due(Due.HEAT, day))
        family.pregnancy_records(self, day, due(Due.PREG_RECORD, day))
        guardians.incidents(self, day, due(Due.INCIDENT, day))
        bonds.petitions(self, day, due(Due.PETITION, day))
        bonds.decisions(self, day, due(Due.DECISION, day))
        guardians.guardian_losses(self, day, self.cal.due(Due.GUARDIAN_LOSS, day))
        self.deaths(day, self.cal.due(Due.DEATH, day))
        guardians.orphans(self, day, self.cal.due(Due.ORPHAN, day))
        guardians.appoint(self, day)

    def _due_alive(self, rule: Due, day: int) -> I64:
        rows = self.cal.due(rule, day)
        if rows.size == 0:
            return rows
        out: I64 = rows[self.people.death[rows] > day]
        return out

    def deaths(self, day: int, rows: I64) -> None:
        if rows.size == 0:
            return
        p = self.people
        guardians.end_for(self, day, rows[p.guardian[rows] >= 0], "ward_died")
        family.end_pregnancy_at_death(self, day, rows)
        self.log.emit("died", np.full(rows.size, day), person_id=p.id[rows],
                      age_years=(day - p.born[rows]) * 10000 // 3652425)
        self.cal.cancel_all(rows)

    # --- the exchange ------------------------------------------------------------------

    def receive(self, inbox: Inbox, day: int) -> None:
        p = self.people
        for out in inbox.outcomes:
            for own, partner, partner_death in (
                (out.omega, out.alpha, out.alpha_death),
                (out.alpha, out.omega, out.omega_death),
            ):
                mine = self.local(own)
                rows = self.rows_of(own[mine])
                p.busy_until[rows] = out.busy_until[mine]
                wed = out.bond_day[mine] < NEVER
                br = rows[wed]
                p.partner[br] = partner[mine][wed]
                p.partner_death[br] = partner_death[mine][wed]
                p.bond_day[br] = out.bond_day[mine][wed]
                p.bond_id[br] = out.courtship_id[mine][wed]
                omegas = br[p.fate[br] == OMEGA]
                self.cal.set(Due.BOND, omegas, p.bond_day[omegas])
        for rows_by_kind in inbox.rows:
            for kind, (when, cols) in rows_by_kind.items():
                keep = when < self.horizon
                when, cols = when[keep], {k: v[keep] for k, v in cols.items()}
                if kind == "introduction_proposed":
                    cols = dict(cols, sponsor_id=self.sponsors(cols["omega_id"], day))
                self.log.emit(kind, when, **cols)
        free = self.rows_of(inbox.freed_ids)
        p.partner[free] = NONE
        p.partner_death[free] = NEVER
        p.bond_day[free] = NEVER
        p.busy_until[free] = inbox.freed_days

    def sponsors(self, omega_ids: I64, day: int) -> I64:
        """Who arranged each introduction: the Omega's guardian, else a living parent."""
        p = self.people
        rows = self.rows_of(omega_ids)
        out = p.guardian[rows].copy()
        for parent in (p.parent1[rows], p.parent2[rows]):
            here = self.local(parent)
            alive = np.zeros(rows.size, np.bool_)
            alive[here] = p.death[self.rows_of(parent[here])] > day
            out = np.where((out < 0) & alive, parent, out)
        return out

    def seekers(self, day: int) -> Seekers:
        p, c = self.people, self.s.courtship
        n = p.n
        cand = np.flatnonzero(p.presented[:n] & (p.partner[:n] < 0)
                              & (p.busy_until[:n] <= day) & (p.fate[:n] != BETA))
        age = day - p.born[cand]
        cand = cand[(age >= full_years_days(c.majority_age)) & (age < days(float(c.max_age) + 1))
                    & (p.death[cand] > day)]
        chance = 1.0 - (1.0 - c.seek_per_week) ** (self.s.simulation.exchange_days / 7.0)
        cand = cand[uniform(self.seed, Rule.SEEK, p.id[cand], day) < chance]
        return Seekers(p.id[cand], p.fate[cand] == OMEGA, p.death[cand])

    def alive_count(self, day: int) -> int:
        p = self.people
        return int(((p.born[: p.n] <= day) & (p.death[: p.n] > day)).sum())

    def person_days(self, horizon: int) -> int:
        p = self.people
        lived = np.minimum(p.death[: p.n], horizon) - np.maximum(p.born[: p.n], 0)
        return int(np.maximum(lived, 0).sum())


__all__ = ["ALPHA", "District", "Founder", "Inbox", "Outbox"]

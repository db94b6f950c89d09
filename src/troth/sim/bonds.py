"""Bond days, annulments, and Beta marriages.

The ceremony itself was decided when the courtship was planned; on the bond day the
Omega's district ends any guardianship, settles the Omega's heats (a first heat within
weeks, or for a share a delayed one) and, where the scenario gives a ground, schedules an
annulment petition. A decision that grants it frees both parties; the Alpha's district
learns of it at the next exchange.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from troth.sim import events as ev
from troth.sim import family, guardians
from troth.sim.calendar import Due
from troth.sim.demography import days
from troth.sim.population import BETA, HEATS_ACTIVE, I64, NEVER, NONE
from troth.sim.rng import Rule, integers, poisson_small, uniform

if TYPE_CHECKING:
    from troth.sim.district import District

NO_HEATS, OTHER = ev.code(ev.GROUNDS, "no_heats"), ev.code(ev.GROUNDS, "other")


def bond_days(dist: District, day: int, rows: I64) -> None:
    if rows.size == 0:
        return
    p, h, a, seed = dist.people, dist.s.heats, dist.s.annulment, dist.seed
    rows = rows[(p.partner[rows] >= 0) & (p.bond_day[rows] == day)]
    p.ever_bonded[rows] = True
    guardians.end_for(dist, day, rows[p.guardian[rows] >= 0], "bonded")
    ids = p.id[rows]
    delayed = uniform(seed, Rule.HEAT, ids, day, 5) < h.delayed_share
    first = day + np.where(
        delayed, integers(seed, Rule.HEAT, ids, day, h.delayed_min_days, h.delayed_max_days, 6),
        integers(seed, Rule.HEAT, ids, day, h.stabilise_min_days, h.stabilise_max_days, 6))
    active = p.heats[rows] == HEATS_ACTIVE
    dist.cal.set(Due.HEAT, rows[active], first[active])
    no_heat = ~active | (first > day + a.no_heat_days)
    petition_nh = np.where(
        no_heat & (uniform(seed, Rule.ANNUL, ids, day, 0) < a.petition_no_heats),
        day + a.no_heat_days + integers(seed, Rule.ANNUL, ids, day, 1, 60, 1), NEVER)
    rate = max(a.other_rate_per_year, 1e-12)
    other = day + 1 + days(-np.log(uniform(seed, Rule.ANNUL, ids, day, 2)) / rate)
    p.petition_ground[rows] = np.where(petition_nh <= other, NO_HEATS, OTHER).astype(np.int8)
    dist.cal.set(Due.PETITION, rows, np.minimum(petition_nh, other))


def _standing(dist: District, day: int, rows: I64) -> I64:
    """The rows whose bond still stands today (partner alive, not annulled)."""
    p = dist.people
    out: I64 = rows[(p.partner[rows] >= 0) & (p.bond_day[rows] <= day)
                    & (p.partner_death[rows] > day)]
    return out


def petitions(dist: District, day: int, rows: I64) -> None:
    if rows.size == 0:
        return
    p, a, seed = dist.people, dist.s.annulment, dist.seed
    rows = _standing(dist, day, rows)
    ground = p.petition_ground[rows]
    heat_since = (p.last_heat[rows] < NEVER) & (p.last_heat[rows] >= p.bond_day[rows])
    rows = rows[~((ground == NO_HEATS) & heat_since)]
    ground = p.petition_ground[rows]
    ids = p.id[rows]
    share = np.where(ground == NO_HEATS, a.alpha_petitioner_share, 0.5)
    by_alpha = uniform(seed, Rule.ANNUL, ids, day, 3) < share
    dist.log.emit("annulment_petitioned", np.full(rows.size, day), bond_id=p.bond_id[rows],
                  petitioner_id=np.where(by_alpha, p.partner[rows], ids),
                  alpha_id=p.partner[rows], omega_id=ids, ground=ground.astype(np.int64))
    wait = integers(seed, Rule.ANNUL, ids, day, a.decision_min_days, a.decision_max_days, 4)
    dist.cal.set(Due.DECISION, rows, day + wait)


def decisions(dist: District, day: int, rows: I64) -> None:
    if rows.size == 0:
        return
    p, a = dist.people, dist.s.annulment
    rows = _standing(dist, day, rows)
    ids = p.id[rows]
    granted = uniform(dist.seed, Rule.ANNUL, ids, day, 5) < a.grant_probability
    dist.log.emit("annulment_decided", np.full(rows.size, day), bond_id=p.bond_id[rows],
                  alpha_id=p.partner[rows], omega_id=ids, granted=granted)
    freed = rows[granted]
    dist.freed.append((p.partner[freed].copy(), np.full(freed.size, day, np.int64)))
    p.partner[freed] = NONE
    p.partner_death[freed] = NEVER
    p.bond_day[freed] = NEVER
    p.busy_until[freed] = day
    dist.cal.set(Due.PETITION, freed, NEVER)


def marry_betas(dist: District, day: int) -> None:
    """Pair this period's Betas who seek a spouse, in an order drawn from their keys."""
    p, mg, seed = dist.people, dist.s.marriage, dist.seed
    n = p.n
    cand = np.flatnonzero((p.fate[:n] == BETA) & p.presented[:n] & (p.spouse[:n] < 0))
    age = day - p.born[cand]
    cand = cand[(age >= days(float(mg.min_age))) & (age < days(float(mg.max_age) + 1))
                & (p.death[cand] > day)]
    chance = 1.0 - (1.0 - mg.seek_per_week) ** (dist.s.simulation.exchange_days / 7.0)
    cand = cand[uniform(seed, Rule.MARRY, p.id[cand], day, 0) < chance]
    cand = cand[np.argsort(uniform(seed, Rule.MARRY, p.id[cand], day, 1), kind="stable")]
    pairs = cand[: cand.size // 2 * 2].reshape(-1, 2)
    first, second = np.min(pairs, axis=1), np.max(pairs, axis=1)
    order = np.argsort(first)
    first, second = first[order], second[order]
    dist.log.emit("married", np.full(first.size, day), person1_id=p.id[first],
                  person2_id=p.id[second])
    for a, b in ((first, second), (second, first)):
        p.spouse[a] = p.id[b]
        p.spouse_death[a] = p.death[b]
    p.max_children[first] = 1 + poisson_small(seed, Rule.MARRY, p.id[first], day,
                                              max(mg.children_mean - 1.0, 0.0), draw=2)
    family.schedule_beta_birth(dist, day, first, mg.first_birth_mean_years)

"""Presentation, heats, pregnancies and births: the rules of one person's life course.

Heats are Omegas' health records: irregular (lognormal intervals) before bonding, regular
(normal intervals) from a first heat within weeks of the bonding, none for a configured
share. A heat of a bonded Omega whose partner is alive may lead to a pregnancy, recorded
some weeks later and ended by a birth (human gestation) or a loss. Beta couples' children
are recorded at birth only. Every rule is vectorised over the rows due that day.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from troth.sim import events as ev
from troth.sim import names
from troth.sim.calendar import Due
from troth.sim.demography import days, death_days
from troth.sim.population import BETA, HEATS_ACTIVE, I64, NEVER, NONE, OMEGA
from troth.sim.rng import Rule, integers, normal, poisson_small, uniform

if TYPE_CHECKING:
    from troth.sim.district import District


def assign_fate(dist: District, rows: I64) -> None:
    """Draw each new person's designation-to-be and presentation day."""
    p, pr = dist.people, dist.s.presentation
    ids, born = p.id[rows], p.born[rows]
    u = uniform(dist.seed, Rule.PRESENT, ids, born, 0)
    fate = np.where(u < pr.alpha_share, 1, np.where(u < pr.alpha_share + pr.beta_share, 2, 3))
    p.fate[rows] = fate.astype(np.int8)
    age = pr.min_age + (pr.max_age - pr.min_age) * uniform(dist.seed, Rule.PRESENT, ids, born, 1)
    p.present_day[rows] = born + days(age)


def given_names(dist: District, ids: I64) -> I64:
    u = uniform(dist.seed, Rule.NAME, ids, 0)
    return names.draw("given", u)


def on_presented(dist: District, rows: I64, day: int, emit: bool) -> None:
    p, s, seed = dist.people, dist.s, dist.seed
    ids = p.id[rows]
    if emit:
        dist.log.emit("presented", np.full(rows.size, day), person_id=ids,
                      designation=p.fate[rows].astype(np.int64) - 1)
    betas = rows[p.fate[rows] == BETA]
    bid = p.id[betas]
    p.guardian_pool[betas] = uniform(seed, Rule.GUARDIAN_POOL, bid, 0, 0) < (
        s.guardianship.pool_share)
    p.demands_payment[betas] = uniform(seed, Rule.GUARDIAN_POOL, bid, 0, 1) < (
        s.guardianship.payment_demand_share)
    omegas = rows[p.fate[rows] == OMEGA]
    oid = p.id[omegas]
    active = uniform(seed, Rule.HEAT_REGIME, oid, 0) >= s.heats.never_share
    p.heats[omegas] = active.astype(np.int8)
    p.max_children[omegas] = 1 + poisson_small(
        seed, Rule.HEAT_REGIME, oid, 0, max(s.pregnancy.children_mean - 1.0, 0.0), draw=1)
    first = day + integers(seed, Rule.HEAT, oid, day, 1, s.heats.first_within_days, draw=0)
    dist.cal.set(Due.HEAT, omegas[active], first[active])
    if emit:
        orphans = omegas[p.orphaned_day[omegas] <= day]
        dist.need.append((orphans, ev.code(ev.G_START, "orphaned"),
                          np.full(orphans.size, NONE)))


def presentations(dist: District, day: int, rows: I64) -> None:
    if rows.size:
        dist.people.presented[rows] = True
        on_presented(dist, rows, day, emit=True)


def heats(dist: District, day: int, rows: I64) -> None:
    if rows.size == 0:
        return
    p, h, pg, seed = dist.people, dist.s.heats, dist.s.pregnancy, dist.seed
    ids = p.id[rows]
    dur = integers(seed, Rule.HEAT, ids, day, h.duration_min_days, h.duration_max_days, 1)
    dist.log.emit("heat_recorded", np.full(rows.size, day), person_id=ids, duration_days=dur)
    p.last_heat[rows] = day
    bonded = (p.partner[rows] >= 0) & (p.bond_day[rows] <= day)
    conceive = (bonded & (p.partner_death[rows] > day)
                & (day - p.born[rows] < days(float(pg.max_age)))
                & (p.children[rows] < p.max_children[rows])
                & (uniform(seed, Rule.CONCEIVE, ids, day) < pg.conceive_per_heat))
    _conceive(dist, day, rows[conceive])
    z = normal(seed, Rule.HEAT, ids, day, 2)
    regular = np.rint(h.regular_mean_days + h.regular_sd_days * z)
    irregular = np.rint(h.irregular_median_days * np.exp(h.irregular_sigma * z))
    gap = np.maximum(np.where(bonded, regular, irregular), 20).astype(np.int64)
    dist.cal.set(Due.HEAT, rows[~conceive], day + gap[~conceive])


def _conceive(dist: District, day: int, rows: I64) -> None:
    if rows.size == 0:
        return
    p, pg, seed = dist.people, dist.s.pregnancy, dist.seed
    ids = p.id[rows]
    p.conceived[rows] = day
    p.father[rows] = p.partner[rows]
    p.father_death[rows] = p.partner_death[rows]
    dist.cal.set(Due.HEAT, rows, NEVER)
    dist.cal.set(Due.PREG_RECORD, rows, day + pg.recorded_after_days)
    loss = uniform(seed, Rule.GESTATION, ids, day, 0) < pg.loss_probability
    p.preg_loss[rows] = loss
    term = day + np.rint(pg.gestation_mean_days
                         + pg.gestation_sd_days * normal(seed, Rule.GESTATION, ids, day, 1))
    early = pg.recorded_after_days + 1 + np.floor(
        uniform(seed, Rule.GESTATION, ids, day, 2) * (140 - pg.recorded_after_days))
    end = np.where(loss, day + early, np.maximum(term, day + pg.recorded_after_days + 1))
    dist.cal.set(Due.PREG_END, rows, end.astype(np.int64))


def pregnancy_records(dist: District, day: int, rows: I64) -> None:
    if rows.size == 0:
        return
    p = dist.people
    pid = dist.serial("pregnancy", rows.size)
    p.pregnancy_id[rows] = pid
    dist.log.emit("pregnancy_recorded", np.full(rows.size, day), pregnancy_id=pid,
                  person_id=p.id[rows], conceived_on=p.conceived[rows])


def pregnancy_ends(dist: District, day: int, rows: I64) -> None:
    if rows.size == 0:
        return
    p, pg, seed = dist.people, dist.s.pregnancy, dist.seed
    loss = p.preg_loss[rows]
    child = np.full(rows.size, NONE)
    mothers = rows[~loss]
    child[~loss] = births(dist, day, p.id[mothers], p.father[mothers],
                          np.maximum(p.death[mothers], p.father_death[mothers]),
                          p.family_name[mothers])
    p = dist.people  # births may have grown the arrays
    p.children[mothers] += 1
    outcome = np.where(loss, ev.code(ev.OUTCOMES, "loss"), ev.code(ev.OUTCOMES, "birth"))
    dist.log.emit("pregnancy_ended", np.full(rows.size, day), pregnancy_id=p.pregnancy_id[rows],
                  person_id=p.id[rows], outcome=outcome, child_id=child)
    ids = p.id[rows]
    rest = np.where(loss,
                    integers(seed, Rule.HEAT, ids, day, pg.after_loss_min_days,
                             pg.after_loss_max_days, 3),
                    integers(seed, Rule.HEAT, ids, day, pg.postpartum_min_days,
                             pg.postpartum_max_days, 3))
    active = p.heats[rows] == HEATS_ACTIVE
    dist.cal.set(Due.HEAT, rows[active], day + rest[active])
    _clear_pregnancy(dist, rows)


def _clear_pregnancy(dist: District, rows: I64) -> None:
    p = dist.people
    p.pregnancy_id[rows] = NONE
    p.conceived[rows] = NEVER
    p.father[rows] = NONE
    p.father_death[rows] = NEVER


def end_pregnancy_at_death(dist: District, day: int, rows: I64) -> None:
    p = dist.people
    recorded = rows[p.pregnancy_id[rows] >= 0]
    dist.log.emit("pregnancy_ended", np.full(recorded.size, day),
                  pregnancy_id=p.pregnancy_id[recorded], person_id=p.id[recorded],
                  outcome=ev.code(ev.OUTCOMES, "maternal_death"), child_id=NONE)
    _clear_pregnancy(dist, rows[p.conceived[rows] < NEVER])


def births(dist: District, day: int, parent1: I64, parent2: I64, orphaned: I64,
           family_name: I64) -> I64:
    """Register children born today in this district; return their ids."""
    rows = dist.add_rows(parent1.size)
    p = dist.people
    ids = p.id[rows]
    p.born[rows] = day
    p.parent1[rows] = parent1
    p.parent2[rows] = parent2
    p.orphaned_day[rows] = orphaned
    p.family_name[rows] = family_name
    assign_fate(dist, rows)
    p.death[rows] = death_days(dist.seed, dist.s.mortality, ids, p.born[rows],
                               np.zeros(rows.size, np.int64))
    dist.log.emit("born", np.full(rows.size, day), person_id=ids, parent1_id=parent1,
                  parent2_id=parent2, given_name=given_names(dist, ids), family_name=family_name)
    dist.schedule_life(rows)
    later = rows[orphaned < p.death[rows]]
    dist.cal.set(Due.ORPHAN, later, p.orphaned_day[later])
    return ids


def beta_births(dist: District, day: int, rows: I64) -> None:
    if rows.size == 0:
        return
    p = dist.people
    births(dist, day, p.id[rows], p.spouse[rows],
           np.maximum(p.death[rows], p.spouse_death[rows]), p.family_name[rows])
    p = dist.people
    p.children[rows] += 1
    schedule_beta_birth(dist, day, rows, dist.s.marriage.birth_spacing_mean_years)


def schedule_beta_birth(dist: District, day: int, rows: I64, mean_years: float) -> None:
    """Next birth to a Beta couple, if both are alive at conception and the bearer is
    young enough; otherwise none."""
    p, mg = dist.people, dist.s.marriage
    u = uniform(dist.seed, Rule.BETA_BIRTH, p.id[rows], day)
    when = day + 300 + days(-mean_years * np.log(u))
    conception = when - 270
    ok = ((p.children[rows] < p.max_children[rows])
          & (conception < np.minimum(p.death[rows], p.spouse_death[rows]))
          & (when < p.death[rows])
          & (conception - p.born[rows] < days(float(mg.bearer_max_age))))
    dist.cal.set(Due.BETA_BIRTH, rows, np.where(ok, when, NEVER))

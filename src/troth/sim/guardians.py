"""Guardianship of unbonded Omegas with no living parents, and its incidents.

A presented Omega who has never bonded and whose parents have both died is placed with a
guardian from the district's pool of registered guardians (alive adult Betas of the
configured ages, each with fewer than the maximum number of wards). A guardianship ends
at the bonding, at the death of either party, or when the ward asks for a new guardian
after a guardian demanded payment (recorded as a welfare incident; nothing in the
simulation, as in troth, is ever conditional on a payment).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from troth.sim import events as ev
from troth.sim.calendar import Due
from troth.sim.demography import days, full_years_days
from troth.sim.population import I64, NEVER, NONE, OMEGA
from troth.sim.rng import Rule, integers, uniform

if TYPE_CHECKING:
    from troth.sim.district import District

ORPHANED = ev.code(ev.G_START, "orphaned")
TRANSFERRED = ev.code(ev.G_START, "transferred")


def end_for(dist: District, day: int, wards: I64, reason: str) -> None:
    """End the current guardianship of each ward (rows that have one)."""
    if wards.size == 0:
        return
    p = dist.people
    guardian_rows = dist.rows_of(p.guardian[wards])
    dist.log.emit("guardian_ended", np.full(wards.size, day),
                  guardianship_id=p.guardianship_id[wards], ward_id=p.id[wards],
                  guardian_id=p.guardian[wards],
                  reason=ev.code(ev.G_END, reason))
    np.subtract.at(p.wards, guardian_rows, 1)
    p.guardian[wards] = NONE
    p.guardianship_id[wards] = NONE
    dist.cal.set(Due.GUARDIAN_LOSS, wards, NEVER)
    dist.cal.set(Due.INCIDENT, wards, NEVER)


def guardian_losses(dist: District, day: int, wards: I64) -> None:
    if wards.size == 0:
        return
    p = dist.people
    wards = wards[p.guardian[wards] >= 0]
    gone = p.guardian[wards].copy()
    end_for(dist, day, wards, "guardian_died")
    dist.need.append((wards, TRANSFERRED, gone))


def incidents(dist: District, day: int, wards: I64) -> None:
    if wards.size == 0:
        return
    p, g = dist.people, dist.s.guardianship
    wards = wards[p.guardian[wards] >= 0]
    guardians = p.guardian[wards].copy()
    iid = dist.serial("incident", wards.size)
    dist.log.emit("incident_recorded", np.full(wards.size, day), incident_id=iid,
                  incident=ev.code(ev.INCIDENTS, "payment_demanded"), person_id=guardians,
                  ward_id=p.id[wards], guardianship_id=p.guardianship_id[wards])
    asks = uniform(dist.seed, Rule.INCIDENT, p.id[wards], day, 1) < g.petition_after_demand
    end_for(dist, day, wards[asks], "ward_petitioned")
    dist.need.append((wards[asks], TRANSFERRED, guardians[asks]))


def orphans(dist: District, day: int, rows: I64) -> None:
    if rows.size:
        dist.need.append((rows, ORPHANED, np.full(rows.size, NONE)))


def _wanting(dist: District, day: int) -> tuple[I64, I64, I64]:
    """The day's wards-to-be, one entry each, still needing a guardian."""
    rows = np.concatenate([n[0] for n in dist.need])
    reason = np.concatenate([np.full(n[0].size, n[1]) for n in dist.need])
    excluded = np.concatenate([n[2] for n in dist.need])
    dist.need = []
    rows, first = np.unique(rows, return_index=True)
    reason, excluded = reason[first], excluded[first]
    p = dist.people
    ok = ((p.fate[rows] == OMEGA) & p.presented[rows] & ~p.ever_bonded[rows]
          & (p.guardian[rows] < 0) & (p.death[rows] > day) & (p.orphaned_day[rows] <= day))
    return rows[ok], reason[ok], excluded[ok]


def _pool(dist: District, day: int) -> I64:
    p, g = dist.people, dist.s.guardianship
    pool = np.flatnonzero(p.guardian_pool[: p.n])
    age = day - p.born[pool]
    keep = ((p.death[pool] > day) & (age >= full_years_days(g.min_age))
            & (age < days(float(g.max_age) + 1)) & (p.wards[pool] < g.max_wards))
    out: I64 = pool[keep]
    return out


def appoint(dist: District, day: int) -> None:
    """Place each ward who needs one with a guardian drawn from the pool."""
    if not dist.need:
        return
    rows, reasons, excluded = _wanting(dist, day)
    if rows.size == 0:
        return
    p, g = dist.people, dist.s.guardianship
    pool = _pool(dist, day)
    picks = uniform(dist.seed, Rule.GUARDIAN_PICK, p.id[rows], day)
    chosen = np.full(rows.size, NONE)
    for i in range(rows.size):
        avail = pool[p.id[pool] != excluded[i]]
        if avail.size == 0:
            continue
        guardian = avail[int(picks[i] * avail.size)]
        chosen[i] = guardian
        p.wards[guardian] += 1
        if p.wards[guardian] >= g.max_wards:
            pool = pool[pool != guardian]
    placed = chosen >= 0
    dist.cal.set(Due.ORPHAN, rows[~placed], day + 7)  # try again next week
    _record(dist, day, rows[placed], chosen[placed], reasons[placed])


def _record(dist: District, day: int, wards: I64, guardian_rows: I64, reasons: I64) -> None:
    p, g = dist.people, dist.s.guardianship
    gid = dist.serial("guardianship", wards.size)
    p.guardian[wards] = p.id[guardian_rows]
    p.guardianship_id[wards] = gid
    dist.log.emit("guardian_appointed", np.full(wards.size, day), guardianship_id=gid,
                  ward_id=p.id[wards], guardian_id=p.id[guardian_rows], reason=reasons)
    dist.cal.set(Due.GUARDIAN_LOSS, wards, p.death[guardian_rows])
    demands = p.demands_payment[guardian_rows]
    when = day + integers(dist.seed, Rule.INCIDENT, p.id[wards], day,
                          g.demand_delay_min_days, g.demand_delay_max_days, 0)
    dist.cal.set(Due.INCIDENT, wards[demands], when[demands])

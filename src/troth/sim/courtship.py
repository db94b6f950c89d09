"""Introductions between districts' seekers, and each courtship's whole course.

At every exchange day the coordinator pools the unbonded adult Alphas and Omegas that
their districts put forward. For each Omega a sponsor weighs a few candidate Alphas (most
from the Omega's own district) by mutual scent attraction and proposes the best; an Alpha
proposed to several Omegas is introduced to the one with the highest score.

A courtship's course is then a pure function of the pair, the day and the seed: consent,
Visits (held or missed, handlers), withdrawals, waiver, bonding consent and ceremony, and
the cut-off by either party's death (known: lifespans are drawn at birth). Nothing that
happens later in either district can change it, so it is computed once, vectorised over
all the day's pairs, and its events go to the Omega's district (Visits are at the Omega's
residence); both districts learn how long each party is taken.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from troth.sim import events as ev
from troth.sim.attraction import directional_attraction, scent_vectors
from troth.sim.population import I64, NEVER
from troth.sim.rng import F64, Rule, integers, uniform
from troth.sim.scenario import Scenario

Rows = dict[str, tuple[I64, dict[str, Any]]]


@dataclass
class Seekers:
    """Alphas and Omegas put forward for an introduction, as of one exchange day."""

    ids: I64 = field(default_factory=lambda: np.empty(0, np.int64))
    omega: np.ndarray[Any, np.dtype[np.bool_]] = field(
        default_factory=lambda: np.empty(0, np.bool_))
    death: I64 = field(default_factory=lambda: np.empty(0, np.int64))

    @staticmethod
    def concat(parts: list[Seekers]) -> Seekers:
        if not parts:
            return Seekers()
        return Seekers(np.concatenate([p.ids for p in parts]),
                       np.concatenate([p.omega for p in parts]),
                       np.concatenate([p.death for p in parts]))


@dataclass
class Outcomes:
    """Per courtship: who, until when each party is taken, and the bond day (or NEVER)."""

    courtship_id: I64
    alpha: I64
    omega: I64
    busy_until: I64
    bond_day: I64
    alpha_death: I64
    omega_death: I64


PAIR = np.int64(2**32)  # pair key = alpha id * PAIR + omega id


def pair_keys(alpha: I64, omega: I64) -> I64:
    out: I64 = np.asarray(alpha, np.int64) * PAIR + np.asarray(omega, np.int64)
    return out


def introduce(seed: int, s: Scenario, day: int, pool: Seekers,
              refused: I64 | None = None) -> tuple[I64, I64, F64, F64]:
    """Pairs (alpha ids, omega ids, attraction alpha→omega, omega→alpha), by omega id.

    `refused` (sorted pair keys, `pair_keys`) are pairs whose Omega declined the Alpha
    once: a refusal ends the matter, so the sponsor never proposes that Alpha to her again.
    """
    c, districts = s.courtship, s.simulation.districts
    om = np.sort(pool.ids[pool.omega])
    al = pool.ids[~pool.omega]
    empty = np.empty(0, np.int64)
    if om.size == 0 or al.size == 0:
        return empty, empty, np.empty(0), np.empty(0)
    al = al[np.lexsort((al, al % districts))]
    starts = np.searchsorted(al % districts, np.arange(districts + 1))
    counts = np.diff(starts)
    d_om = om % districts
    slot = np.arange(c.candidates, dtype=np.int64)[None, :]
    local = uniform(seed, Rule.CANDIDATE, om[:, None], day, 2 * slot) < c.local_share
    local &= (counts[d_om] > 0)[:, None]
    u = uniform(seed, Rule.CANDIDATE, om[:, None], day, 2 * slot + 1)
    glob = np.floor(u * al.size).astype(np.int64)
    loc = starts[d_om][:, None] + np.floor(u * counts[d_om][:, None]).astype(np.int64)
    cand = np.where(local, loc, glob)
    og, od = scent_vectors(seed, om, s.scent.dimensions)
    ag, ad = scent_vectors(seed, al, s.scent.dimensions)
    rows = np.repeat(np.arange(om.size), c.candidates)
    flat = cand.ravel()
    att_ao = directional_attraction(ad[flat], og[rows]).reshape(cand.shape)
    att_oa = directional_attraction(od[rows], ag[flat]).reshape(cand.shape)
    gumbel = -np.log(-np.log(uniform(seed, Rule.CHOICE, om[:, None], day, slot)))
    score = c.choice_sharpness * 0.5 * (att_ao + att_oa) + gumbel
    if refused is not None and refused.size:
        score[np.isin(pair_keys(al[cand], om[:, None]), refused)] = -np.inf
    best = np.argmax(score, axis=1)
    pick = cand[np.arange(om.size), best]
    best_score = score[np.arange(om.size), best]
    order = np.lexsort((om, -best_score))
    order = order[np.isfinite(best_score[order])]
    _, first = np.unique(pick[order], return_index=True)
    win = np.sort(order[first])
    return (al[pick[win]], om[win], att_ao[win, best[win]], att_oa[win, best[win]])


def plan(seed: int, s: Scenario, day: int, first_id: int, alpha: I64, omega: I64,
         att_ao: F64, att_oa: F64, death_a: I64, death_o: I64) -> tuple[Outcomes, Rows]:
    """The course of each courtship introduced on `day`; events for the Omega's district."""
    c = s.courtship
    n, v_max = omega.size, c.max_scheduled_visits
    cid = np.arange(first_id, first_id + n, dtype=np.int64)

    def u(draw: int) -> F64:
        return uniform(seed, Rule.PLAN, omega, day, draw)

    vdraw = np.arange(v_max, dtype=np.int64)[None, :] * 8

    def vu(f: int) -> F64:
        return uniform(seed, Rule.VISIT, omega[:, None], day, vdraw + f)

    consent_day = day + integers(seed, Rule.PLAN, omega, day, 0, 2, draw=0)
    consents = u(1) < np.clip(c.consent_base + c.consent_slope * att_oa, 0.0, 1.0)
    waiver = u(2) < c.waiver_rate
    span = c.customary_visits - c.waiver_min_visits
    target = np.where(waiver, c.waiver_min_visits + np.floor(u(3) * span).astype(np.int64),
                      c.customary_visits)
    gap_span = c.visit_gap_max_days - c.visit_gap_min_days + 1
    gaps = c.visit_gap_min_days + np.floor(vu(0) * gap_span).astype(np.int64)
    vday = consent_day[:, None] + np.cumsum(gaps, axis=1)
    held = vu(1) >= c.miss_probability
    kind = np.where(vdraw == 0, 0, 1 + np.floor(vu(3) * 4).astype(np.int64))
    if v_max > 1:
        kind[:, 1] = ev.code(ev.VISIT_KINDS, "dinner")  # the second Visit is a dinner
    dinner = kind == ev.code(ev.VISIT_KINDS, "dinner")
    handlers = np.where(dinner, 2 + np.floor(vu(4) * 3), 1 + np.floor(vu(4) * 2))
    held_no = np.cumsum(held, axis=1)
    end_a = held & (vu(5) < (c.withdraw_base * (1.0 - att_ao))[:, None])
    end_o = held & (vu(6) < (c.withdraw_base * (1.0 - att_oa))[:, None])
    v_reach = _first(held & (held_no == target[:, None]), v_max)
    v_quit = _first(end_a | end_o, v_max)
    quit_first = (v_quit <= v_reach) & (v_quit < v_max)
    reached = (v_reach < v_max) & ~quit_first
    last_v = np.where(quit_first, v_quit, np.where(reached, v_reach, v_max - 1))
    at = np.arange(n)
    quit_by_alpha = end_a[at, np.minimum(v_quit, v_max - 1)]
    reach_day = vday[at, np.minimum(v_reach, v_max - 1)]
    waiver_day = reach_day + 1 + np.floor(u(4) * 3).astype(np.int64)
    delay_span = c.bonding_delay_max_days - c.bonding_delay_min_days + 1
    bond_day = np.where(waiver, waiver_day + 7,
                        reach_day + c.bonding_delay_min_days
                        + np.floor(u(5) * delay_span).astype(np.int64))
    declines_bond = u(6) < c.bonding_decline_probability
    quit_day = vday[at, last_v] + 1
    outcome_day = np.where(~consents, consent_day,
                           np.where(quit_first | ~reached, quit_day,
                                    np.where(declines_bond, bond_day - 1, bond_day)))
    first_death = np.minimum(death_a, death_o)
    died = first_death <= outcome_day
    bonded = consents & reached & ~declines_bond & ~died
    out = Outcomes(cid, alpha, omega, np.where(died, first_death, outcome_day),
                   np.where(bonded, bond_day, NEVER), death_a, death_o)
    out.busy_until[bonded] = NEVER
    rows: Rows = {}
    none = np.full(n, -1, np.int64)
    _put(rows, "introduction_proposed", np.full(n, day), courtship_id=cid, alpha_id=alpha,
         omega_id=omega, sponsor_id=none, alpha_attraction=att_ao, omega_attraction=att_oa)
    alive = consent_day < first_death
    _stage(rows, consents & alive, ~consents & alive, consent_day, cid, omega, 0)
    _ended(rows, ~consents & alive, consent_day, cid, alpha, omega, 1, "declined")
    ok_v = (consents[:, None] & (np.arange(v_max)[None, :] <= last_v[:, None])
            & (vday < first_death[:, None]))
    _visits(rows, ok_v, held, vday, cid, kind, handlers, held_no, vu(2), c.residence_visits)
    ok = consents & reached
    mask = ok & waiver & (waiver_day < first_death)
    _put(rows, "waiver_granted", waiver_day[mask], courtship_id=cid[mask],
         visits_held=target[mask])
    pre = ok & (bond_day - 1 < first_death)
    _stage(rows, pre & ~declines_bond, pre & declines_bond, bond_day - 1, cid, omega, 1)
    _ended(rows, pre & declines_bond, bond_day - 1, cid, alpha, omega, 1, "declined")
    _put(rows, "bonded", bond_day[bonded], bond_id=cid[bonded], alpha_id=alpha[bonded],
         omega_id=omega[bonded], visits_held=target[bonded], waived=waiver[bonded])
    quit_ok = consents & quit_first & ~died
    _ended(rows, quit_ok, quit_day, cid, alpha, omega, np.where(quit_by_alpha, 0, 1),
           "withdrawn")
    _ended(rows, consents & ~quit_first & ~reached & ~died, quit_day, cid, alpha, omega, -1,
           "lapsed")
    _ended(rows, died, first_death, cid, alpha, omega,
           np.where(death_a <= death_o, 0, 1), "died")
    return out, rows


def _first(mask: np.ndarray[Any, np.dtype[np.bool_]], none: int) -> I64:
    """Index of the first True in each row, or `none`."""
    return np.where(mask.any(axis=1), np.argmax(mask, axis=1), none).astype(np.int64)


def _put(rows: Rows, kind: str, day: Any, **cols: Any) -> None:
    day = np.asarray(day, dtype=np.int64)
    if day.size == 0:
        return
    if kind in rows:
        old_day, old = rows[kind]
        rows[kind] = (np.concatenate([old_day, day]),
                      {k: np.concatenate([old[k], np.asarray(v)]) for k, v in cols.items()})
    else:
        rows[kind] = (day, {k: np.asarray(v) for k, v in cols.items()})


def _stage(rows: Rows, yes: Any, no: Any, day: I64, cid: I64, omega: I64, stage: int) -> None:
    for kind, m in (("omega_consented", yes), ("omega_declined", no)):
        _put(rows, kind, day[m], courtship_id=cid[m], omega_id=omega[m],
             stage=np.full(int(m.sum()), stage))


def _ended(rows: Rows, m: Any, day: I64, cid: I64, alpha: I64, omega: I64, party: Any,
           reason: str) -> None:
    party_arr = np.broadcast_to(np.asarray(party, dtype=np.int64), cid.shape)
    _put(rows, "courtship_ended", day[m], courtship_id=cid[m], alpha_id=alpha[m],
         omega_id=omega[m], party=party_arr[m],
         reason=np.full(int(m.sum()), ev.code(ev.END_REASONS, reason)))


def _visits(rows: Rows, ok: Any, held: Any, vday: I64, cid: I64, kind: I64, handlers: Any,
            held_no: Any, u_reason: F64, residence: int) -> None:
    for is_held in (True, False):
        p, v = np.nonzero(ok & (held if is_held else ~held))
        home = v < residence
        if is_held:
            _put(rows, "visit_held", vday[p, v], courtship_id=cid[p], visit_number=v + 1,
                 held_number=held_no[p, v], visit_kind=kind[p, v],
                 handlers=handlers[p, v].astype(np.int64), at_omega_residence=home)
        else:
            reason = np.floor(u_reason[p, v] * len(ev.MISS_REASONS)).astype(np.int64)
            _put(rows, "visit_missed", vday[p, v], courtship_id=cid[p], visit_number=v + 1,
                 visit_kind=kind[p, v], reason=reason, at_omega_residence=home)

"""A courtship's course, planned at the introduction: consent, Visits, waiver, bond."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from troth.sim import events as ev
from troth.sim.courtship import Seekers, introduce, plan
from troth.sim.population import NEVER
from troth.sim.scenario import Scenario, default_scenario

CERTAIN = {"courtship": {"consent_base": 1.0, "consent_slope": 0.0, "withdraw_base": 0.0,
                         "miss_probability": 0.0, "waiver_rate": 0.0,
                         "bonding_decline_probability": 0.0}}


def _plan(s: Scenario, n: int, seed: int = 1, day: int = 100, deaths: Any = None) -> Any:
    alpha = np.arange(n, dtype=np.int64) * 2
    omega = alpha + 1
    att = np.linspace(-0.9, 0.9, n)
    death_a, death_o = (np.full(n, NEVER), np.full(n, NEVER)) if deaths is None else deaths
    return plan(seed, s, day, 0, alpha, omega, att, att[::-1].copy(), death_a, death_o)


def _rows(rows: dict[str, Any], kind: str) -> dict[str, Any]:
    empty = {name: np.empty(0, np.int64) for name, _ in ev.KINDS[kind]}
    when, cols = rows.get(kind, (np.empty(0, np.int64), empty))
    return {"date": when, **cols}


def test_with_certain_consent_and_no_withdrawals_every_pair_bonds_after_eight_visits() -> None:
    s = default_scenario().with_changes(CERTAIN)
    out, rows = _plan(s, 50)
    held = _rows(rows, "visit_held")
    assert np.all(out.bond_day < NEVER) and np.all(out.busy_until == NEVER)
    assert np.array_equal(np.bincount(held["courtship_id"]), np.full(50, 8))
    assert "courtship_ended" not in rows and "waiver_granted" not in rows
    bonded = _rows(rows, "bonded")
    last_visit = np.maximum.reduceat(held["date"][np.argsort(held["courtship_id"],
                                                             kind="stable")],
                                     np.arange(0, 400, 8))
    assert np.all(bonded["date"] >= last_visit + s.courtship.bonding_delay_min_days)


def test_with_every_pair_waived_the_bond_follows_fewer_visits_and_a_recorded_waiver() -> None:
    s = default_scenario().with_changes(
        {"courtship": {**CERTAIN["courtship"], "waiver_rate": 1.0}})
    _out, rows = _plan(s, 40)
    held, waiver = _rows(rows, "visit_held"), _rows(rows, "waiver_granted")
    counts = np.bincount(held["courtship_id"], minlength=40)
    assert np.all(counts < s.courtship.customary_visits)
    assert np.all(counts >= s.courtship.waiver_min_visits)
    bonded = _rows(rows, "bonded")
    assert np.all(waiver["date"] < bonded["date"]) and np.all(bonded["waived"])


def test_a_courtship_is_cut_short_by_a_partys_death_and_nothing_follows_it() -> None:
    s = default_scenario().with_changes(CERTAIN)
    n = 30
    death_a = np.full(n, 100 + 20, dtype=np.int64)
    out, rows = _plan(s, n, deaths=(death_a, np.full(n, NEVER)))
    assert np.all(out.bond_day == NEVER)
    ended = _rows(rows, "courtship_ended")
    assert set(ended["reason"].tolist()) == {ev.code(ev.END_REASONS, "died")}
    assert np.all(ended["date"] == 120) and np.all(ended["party"] == 0)
    for kind, (when, _) in rows.items():
        if kind != "courtship_ended":
            assert np.all(when < 120), kind


@given(st.integers(0, 2**32), st.integers(0, 5000), st.integers(1, 60))
@settings(max_examples=25, deadline=None)
def test_any_planned_courtship_obeys_consent_visit_and_bonding_rules(seed: int, day: int,
                                                                     n: int) -> None:
    s = default_scenario()
    _out, rows = _plan(s, n, seed=seed, day=day)
    held, bonded = _rows(rows, "visit_held"), _rows(rows, "bonded")
    consent = _rows(rows, "omega_consented")
    need = np.where(held["visit_kind"] == ev.code(ev.VISIT_KINDS, "dinner"), 2, 1)
    assert np.all(held["handlers"] >= need)
    ended = _rows(rows, "courtship_ended")
    closed = np.concatenate([ended["courtship_id"], bonded["bond_id"]])
    assert np.array_equal(np.sort(closed), np.arange(n)), "each courtship ends exactly once"
    waived = set(_rows(rows, "waiver_granted")["courtship_id"].tolist())
    for cid, bond_day in zip(bonded["bond_id"].tolist(), bonded["date"].tolist(), strict=True):
        visits = held["date"][held["courtship_id"] == cid]
        given_on = consent["date"][consent["courtship_id"] == cid]
        stages = consent["stage"][consent["courtship_id"] == cid]
        assert visits.size >= s.courtship.customary_visits or cid in waived
        assert given_on[stages == 0].max() < visits.min()
        assert given_on[stages == 1].max() < bond_day
        assert visits.max() < bond_day


def test_introductions_pair_each_omega_and_each_alpha_at_most_once() -> None:
    s = default_scenario()
    ids = np.arange(4000, dtype=np.int64)
    pool = Seekers(ids, ids % 3 == 0, np.full(ids.size, NEVER))
    alpha, omega, att_ao, att_oa = introduce(5, s, 700, pool)
    assert alpha.size > 0
    assert np.unique(alpha).size == alpha.size and np.unique(omega).size == omega.size
    assert np.all(omega % 3 == 0) and np.all(alpha % 3 != 0)
    assert np.all(np.abs(att_ao) <= 1) and np.all(np.abs(att_oa) <= 1)


def test_sponsors_prefer_mutually_attracted_pairs_over_chance() -> None:
    s = default_scenario()
    ids = np.arange(6000, dtype=np.int64)
    pool = Seekers(ids, ids % 2 == 0, np.full(ids.size, NEVER))
    _, _, att_ao, att_oa = introduce(9, s, 10, pool)
    assert (att_ao + att_oa).mean() / 2 > 0.15

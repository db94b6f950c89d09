"""The simulated office decides the welfare reviews that incidents open, within weeks, so an
imported town's queue holds recent reviews only (docs/simulator.md, "The office")."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np
import pytest
from sqlalchemy import select

from tests.store_access import reader
from troth.sim import default_scenario
from troth.sim.demo_town import load_town
from troth.sim.office import Review, delays, outcome
from troth.store.tables import courtship as tc

G = default_scenario().guardianship


def test_review_delays_are_the_same_for_a_seed_and_differ_between_seeds() -> None:
    ids = np.arange(1, 2001)
    assert np.array_equal(delays(7, ids, G), delays(7, ids, G))
    assert not np.array_equal(delays(7, ids, G), delays(8, ids, G))


def test_review_delays_have_a_median_of_about_three_weeks_and_are_capped() -> None:
    d = delays(11, np.arange(1, 20_001), G)
    assert 19 <= float(np.median(d)) <= 23
    assert d.min() >= 1 and d.max() <= G.review_max_days
    assert 0.05 < float(np.mean(d > 35)) < 0.25  # a tail of slower reviews


def _review(repeated: bool) -> Review:
    return Review(date(2026, 1, 1), 1, 1, 10, 20, 30, repeated)


def test_a_first_demand_keeps_the_guardian_with_a_warning() -> None:
    kept, why = outcome(_review(False), True)
    assert kept == "kept" and "warning" in why


def test_a_repeated_demand_revokes_a_guardianship_still_in_force() -> None:
    assert outcome(_review(True), True)[0] == "revoked"
    assert outcome(_review(True), False)[0] == "kept"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_demo_town_imports_with_recent_open_reviews_only(registry: Any, clock: Any) -> None:
    today = date(2026, 6, 1)
    clock.set(today)
    report = load_town(registry, 3000, years=2.0, seed=11)
    assert report.violations == 0, [(e.rule, e.message) for e in report.examples]
    assert report.dependent == 0
    with reader(registry) as conn:
        rows = conn.execute(select(tc.incidents.c.on, tc.incidents.c.status,
                                   tc.incidents.c.decision, tc.incidents.c.decided_on)
                            .where(tc.incidents.c.kind == "payment_demand")).all()
    assert len(rows) >= 10
    open_ages = [(today - r.on).days for r in rows if r.status == "open"]
    assert all(age <= 120 for age in open_ages), open_ages
    decided = [r for r in rows if r.decision]
    assert decided and report.created["DecideWelfareReview"] == len(decided)
    assert all(r.decided_on <= today for r in decided)
    assert all(timedelta(days=1) <= r.decided_on - r.on <= timedelta(days=G.review_max_days)
               for r in decided)
    assert {r.decision for r in decided} <= {"kept", "transferred", "revoked"}
    assert {"kept", "transferred"} <= {r.decision for r in decided}


def test_a_repeated_demand_transfers_when_another_guardian_is_eligible() -> None:
    assert outcome(_review(True), True, True)[0] == "transferred"
    assert outcome(_review(False), True, True)[0] == "kept"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_reviews_due_after_the_import_s_today_stay_open(registry: Any, clock: Any) -> None:
    today = date(2026, 4, 10)  # the same town as above, ending six days after a demand
    clock.set(today)
    horizon = (today - date(2024, 6, 2)).days + 1
    report = load_town(registry, 3000, years=(horizon + 0.5) / 365.2425, seed=11)
    assert report.violations == 0, [(e.rule, e.message) for e in report.examples]
    with reader(registry) as conn:
        rows = conn.execute(select(tc.incidents.c.on, tc.incidents.c.status)
                            .where(tc.incidents.c.kind == "payment_demand")).all()
    open_ages = sorted((today - r.on).days for r in rows if r.status == "open")
    assert open_ages and max(open_ages) <= G.review_max_days

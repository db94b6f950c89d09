"""The rules the importer and the simulator now share with the registry, as properties:
who may serve at a Visit, calendar-year ages, and "a refusal ends the matter"."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from troth.domain.courtship import Courtship
from troth.domain.courtship_rules import check_handler
from troth.domain.errors import Refused
from troth.domain.people import Person
from troth.sim import default_scenario
from troth.sim.check import calendar_age
from troth.sim.courtship import Seekers, introduce, pair_keys
from troth.sim.demography import days, full_years_days
from troth.sim.population import NEVER
from troth.sim.town import Resident, Town

DAY = date(2010, 6, 15)
EPOCH = date(1970, 1, 1)


@st.composite
def towns(draw: st.DrawFn) -> tuple[Town, list[int]]:
    n = draw(st.integers(8, 40))
    town = Town(seed=draw(st.integers(0, 9)), districts=2)
    for i in range(n):
        born = DAY - timedelta(days=draw(st.integers(0, 70 * 365)))
        died = draw(st.one_of(st.none(), st.integers(-400, 400)))
        family = st.integers(0, min(i - 1, 3))  # few parents: many siblings and cousins
        parents = tuple(sorted(draw(st.sets(family, max_size=2)))) if i else ()
        town.add(i, Resident(
            reg_id=1000 + i, name=f"P{i}", born=born, district=i % 2, parents=parents,
            designation=draw(st.sampled_from(["alpha", "beta", "omega", None])),
            died=None if died is None else DAY + timedelta(days=died)))
    parties = draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True))
    if draw(st.booleans()):
        town.guardian_of[parties[1]] = draw(st.integers(0, n - 1))
    return town, parties


def _person(town: Town, sim_id: int) -> Person:
    r = town.people[sim_id]
    return Person(sim_id, r.name, r.born, parents=r.parents, died=r.died)


def _may_serve(town: Town, who: int, parties: list[int]) -> bool:
    r = town.people[who]
    court = Courtship(1, parties[0], parties[1], None, DAY)
    try:
        check_handler(_person(town, who), court, [_person(town, p) for p in parties],
                      town.guardian_of.get(parties[1]))
    except Refused:
        return False
    person = _person(town, who)
    return (r.designation == "beta" and r.district == 0 and person.alive_on(DAY)
            and r.died != DAY and person.age_on(DAY) >= 18)


@settings(max_examples=80, deadline=None)
@given(towns(), st.lists(st.integers(1, 4), min_size=1, max_size=4))
def test_handlers_picked_may_serve_by_the_registrys_rules_and_are_booked_once_a_day(
        world: tuple[Town, list[int]], counts: list[int]) -> None:
    town, parties = world
    eligible = {w for w in town.people if _may_serve(town, w, parties)}
    seen: list[int] = []
    for visit, count in enumerate(counts):
        chosen = town.pick(DAY, 0, count, parties, (7, visit))
        assert set(chosen) <= eligible
        assert len(chosen) == len(set(chosen)) == min(count, len(eligible - set(seen)))
        assert not set(chosen) & set(seen)  # no one in two places on one day
        seen += chosen


@settings(max_examples=50, deadline=None)
@given(towns())
def test_the_same_town_and_key_always_pick_the_same_people(
        world: tuple[Town, list[int]]) -> None:
    town, parties = world
    again = Town(town.seed, town.districts, people={
        k: Resident(**vars(v)) for k, v in town.people.items()},
        betas={k: list(v) for k, v in town.betas.items()}, guardian_of=dict(town.guardian_of))
    assert town.pick(DAY, 0, 2, parties, (3, 1)) == again.pick(DAY, 0, 2, parties, (3, 1))


@settings(max_examples=300)
@given(st.dates(date(1900, 1, 1), date(2100, 1, 1)), st.integers(0, 150))
def test_the_checkers_calendar_age_counts_years_as_the_registry_does(born: date,
                                                                     later: int) -> None:
    day = born + timedelta(days=later * 97)
    got = calendar_age(np.array([(born - EPOCH).days]), np.array([(day - EPOCH).days]))
    assert int(got[0]) == Person(1, "x", born).age_on(day)


@settings(max_examples=300)
@given(st.dates(date(1900, 1, 1), date(2100, 1, 1)), st.integers(1, 80))
def test_after_full_years_days_everyone_has_had_that_many_birthdays(born: date,
                                                                   years: int) -> None:
    assert Person(1, "x", born).age_on(born + timedelta(days=full_years_days(years))) >= years
    assert 0 <= full_years_days(years) - int(days(float(years))) <= 2  # a day or two late


def test_a_sponsor_never_proposes_an_alpha_to_an_omega_who_declined_him() -> None:
    s = default_scenario()
    ids = np.arange(1, 41, dtype=np.int64)
    omega = ids % 2 == 0
    pool = Seekers(ids, omega, np.full(ids.size, NEVER))
    alpha, om, _, _ = introduce(3, s, 50, pool)
    assert alpha.size > 0
    refused = np.sort(pair_keys(alpha, om))
    again_a, again_o, _, _ = introduce(3, s, 50, pool, refused)
    assert not np.isin(pair_keys(again_a, again_o), refused).any()
    everyone = np.sort(pair_keys(np.repeat(ids[~omega], omega.sum()),
                                 np.tile(ids[omega], (~omega).sum())))
    assert introduce(3, s, 50, pool, everyone)[0].size == 0

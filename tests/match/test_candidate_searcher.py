"""Candidates are searched for an unbonded adult only (the searcher, as those listed)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from troth.domain.errors import TrothError
from troth.domain.matchmaking import not_searchable
from troth.domain.people import Designation, Person, Scent
from troth.match.population import generate
from troth.registry.candidate_search import check_searcher

ON = date(2026, 11, 25)


def test_a_minor_or_a_bonded_searcher_is_refused_with_the_reason() -> None:
    pop = generate(alphas=3, omegas=3, seed=1, on=ON)
    born = pop.born.copy()
    born[0] = np.datetime64("2010-11-26")  # 15 on ON, 16 the next day
    born[1] = np.datetime64("2008-11-25")  # 18 on ON itself
    bonded = pop.bonded.copy()
    bonded[2] = True
    pop = replace(pop, born=born, bonded=bonded)
    ids = pop.ids.tolist()
    with pytest.raises(TrothError,
                       match=r"is a minor \(15 on 2026-11-25\); introductions are for adults"):
        check_searcher(pop, ids[0], ON, 18)
    check_searcher(pop, ids[1], ON, 18)  # an eighteenth birthday counts on the day
    with pytest.raises(TrothError, match="is bonded on 2026-11-25") as bonded_exc:
        check_searcher(pop, ids[2], ON, 18)
    assert bonded_exc.value.rule == "person_matchable"


def test_someone_outside_the_population_is_refused_with_the_reason() -> None:
    pop = generate(alphas=2, omegas=2, seed=1, on=ON)
    with pytest.raises(TrothError, match="#99 is not a living, presented Alpha or Omega"):
        check_searcher(pop, 99, ON, 18)


def _person(**kw: object) -> Person:
    base: dict[str, object] = dict(id=7, legal_name="Ada Vell", born=date(2000, 1, 1),
                                   designation=Designation.OMEGA,
                                   presented_on=date(2014, 5, 1), scent=Scent((0.5, 0.5),
                                                                              (0.5, 0.5)))
    return Person(**{**base, **kw})  # type: ignore[arg-type]


@pytest.mark.parametrize(("changes", "words"), [
    ({"died": date(2026, 1, 1)}, "#7 is not living on 2026-11-25"),
    ({"designation": None, "presented_on": None},
     "#7 has not presented by 2026-11-25; candidates are searched for presented Alphas"),
    ({"presented_on": date(2026, 12, 1)}, "#7 has not presented by 2026-11-25"),
    ({"designation": Designation.BETA}, "#7 is a Beta; introductions are between an Alpha"),
    ({"born": date(2012, 1, 1), "presented_on": date(2025, 1, 1)},
     "#7 is a minor (14 on 2026-11-25); introductions are for adults (18 and over)"),
    ({"scent": None}, "#7 has no scent signature on record; a physician the person chose"),
    ({"scent": Scent((0.1, 0.2, 0.3), (0.3, 0.2, 0.1))},
     "#7's scent signature has 3 numbers, not the 16 the registry's other signatures have"),
])
def test_someone_not_listed_is_told_the_exact_reason_from_their_record(
        changes: dict[str, object], words: str) -> None:
    pop = generate(alphas=2, omegas=2, seed=1, on=ON)
    with pytest.raises(TrothError, match=re.escape(words)) as exc:
        check_searcher(pop, 7, ON, 18, _person(**changes))
    assert exc.value.rule == "person_matchable"


def test_the_reason_for_a_bonded_person_is_that_they_are_bonded() -> None:
    assert not_searchable(_person(), ON, 18, True, 2) == (
        "#7 is bonded on 2026-11-25; candidates are searched only for unbonded people")
    assert not_searchable(_person(), ON, 18, False, 2) is None


@settings(max_examples=60, deadline=None)
@given(born=st.dates(date(1950, 1, 1), date(2026, 11, 25)),
       presented=st.one_of(st.none(), st.dates(date(1960, 1, 1), date(2027, 12, 31))),
       designation=st.sampled_from([*Designation]), bonded=st.booleans(),
       scented=st.booleans())
def test_a_person_is_searchable_exactly_when_no_reason_stands_against_it(
        born: date, presented: date | None, designation: Designation, bonded: bool,
        scented: bool) -> None:
    p = _person(born=born, presented_on=presented,
                designation=designation if presented else None,
                scent=Scent((0.5, 0.5), (0.5, 0.5)) if scented else None)
    eligible = (presented is not None and presented <= ON
                and designation is not Designation.BETA and p.age_on(ON) >= 18
                and not bonded and scented)
    assert (not_searchable(p, ON, 18, bonded, 2) is None) == eligible

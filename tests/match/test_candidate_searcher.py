"""Candidates are searched for an unbonded adult only (the searcher, as those listed)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from troth.domain.errors import TrothError
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
    with pytest.raises(TrothError, match=r"is 15 on 2026-11-25; introductions are for adults"):
        check_searcher(pop, ids[0], ON, 18)
    check_searcher(pop, ids[1], ON, 18)  # an eighteenth birthday counts on the day
    with pytest.raises(TrothError, match="is bonded on 2026-11-25") as bonded_exc:
        check_searcher(pop, ids[2], ON, 18)
    assert bonded_exc.value.rule == "person_matchable"


def test_someone_outside_the_population_is_refused_with_the_reason() -> None:
    pop = generate(alphas=2, omegas=2, seed=1, on=ON)
    with pytest.raises(TrothError, match="#99 is not a living, presented Alpha or Omega"):
        check_searcher(pop, 99, ON, 18)

"""Matchmaking opt-in: a person's own, dated choice; opting out is never refused."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from troth.domain.customs import Customs
from troth.domain.errors import Refused
from troth.domain.history import describe
from troth.domain.matchmaking import SetMatchmakingOptIn, set_opt_in
from troth.domain.people import Designation, Person, Scent

TODAY = date(2026, 6, 1)
SCENT = Scent((0.2, 0.4), (0.1, 0.3))


def person(designation: Designation | None = Designation.OMEGA, born: date = date(2006, 4, 1),
           scent: Scent | None = SCENT, died: date | None = None) -> Person:
    return Person(2, "Rey", born, died=died, designation=designation, scent=scent)


def opt(p: Person, opted_in: bool = True, on: date = TODAY) -> bool:
    return set_opt_in(SetMatchmakingOptIn(p.id, opted_in, on), p, TODAY, Customs()).opted_in


def refused(p: Person, on: date = TODAY) -> str:
    with pytest.raises(Refused) as e:
        opt(p, True, on)
    return e.value.rule


@pytest.mark.parametrize("designation", [Designation.ALPHA, Designation.OMEGA])
def test_an_adult_alpha_or_omega_with_a_scent_may_opt_in(designation: Designation) -> None:
    assert opt(person(designation)) is True


@pytest.mark.parametrize("designation", [Designation.BETA, None])
def test_matchmaking_introduces_alphas_and_omegas_only(designation: Designation | None) -> None:
    assert refused(person(designation)) == "matchmaking_alpha_or_omega"


def test_a_minor_does_not_take_part_in_matchmaking() -> None:
    assert refused(person(born=date(2009, 1, 1))) == "matchmaking_adults_only"


def test_opting_in_needs_a_recorded_scent() -> None:
    assert refused(person(scent=None)) == "scent_recorded"


def test_a_person_who_has_died_does_not_opt_in() -> None:
    assert refused(person(died=date(2026, 1, 1))) == "person_alive"


def test_an_opt_in_dated_after_today_is_refused() -> None:
    assert refused(person(), TODAY + timedelta(days=1)) == "date_in_future"


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([Designation.ALPHA, Designation.BETA, Designation.OMEGA, None]),
       st.dates(date(1990, 1, 1), date(2020, 1, 1)), st.booleans(),
       st.dates(date(2020, 1, 2), TODAY))
def test_opting_out_is_never_refused(designation: Designation | None, born: date,
                                     has_scent: bool, on: date) -> None:
    p = person(designation, born, SCENT if has_scent else None)
    assert opt(p, False, on) is False


def test_an_opt_in_is_told_in_plain_words() -> None:
    e = set_opt_in(SetMatchmakingOptIn(2, True, TODAY), person(), TODAY, Customs())
    assert describe(e, {2: "Rey"}) == ("Rey (#2) opted in to the registry's matchmaking,"
                                       " from 2026-06-01")

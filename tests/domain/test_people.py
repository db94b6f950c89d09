"""People: age in full years, life span, and scent signatures."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from troth.domain.errors import InvalidInput
from troth.domain.people import Person, Scent

births = st.dates(date(1900, 1, 1), date(2030, 12, 31))
days = st.dates(date(1900, 1, 1), date(2060, 12, 31))


def person(born: date, died: date | None = None) -> Person:
    return Person(id=1, legal_name="Rey", born=born, died=died)


def anniversary(born: date, years: int) -> date:
    """The day a person turns `years` (a 29 February birthday falls on 1 March)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 3, 1)


@settings(max_examples=40, deadline=None)
@given(births, days, st.integers(16, 25))
def test_a_person_is_an_adult_iff_the_birthday_of_majority_has_come(
        born: date, day: date, majority: int) -> None:
    if day < born:
        return
    adult = person(born).age_on(day) >= majority
    assert adult == (day >= anniversary(born, majority))


@settings(max_examples=40, deadline=None)
@given(births, days)
def test_age_never_decreases_and_grows_by_one_on_each_birthday(born: date, day: date) -> None:
    if day < born:
        return
    p = person(born)
    assert p.age_on(day + timedelta(days=1)) in (p.age_on(day), p.age_on(day) + 1)
    assert p.age_on(born) == 0


def test_a_birthday_on_29_february_comes_of_age_on_1_march_in_a_common_year() -> None:
    p = person(date(2008, 2, 29))
    assert p.age_on(date(2026, 2, 28)) == 17
    assert p.age_on(date(2026, 3, 1)) == 18


def test_a_person_is_alive_from_birth_to_the_day_of_death_inclusive() -> None:
    p = person(date(2000, 5, 1), died=date(2040, 1, 1))
    assert not p.alive_on(date(2000, 4, 30))
    assert p.alive_on(date(2000, 5, 1))
    assert p.alive_on(date(2040, 1, 1))
    assert not p.alive_on(date(2040, 1, 2))


def test_a_scent_carries_what_a_person_gives_and_what_draws_them() -> None:
    s = Scent((0.1, -0.2), (0.3, 0.4), "cedar, rain")
    assert s.gives == (0.1, -0.2) and s.draws == (0.3, 0.4) and s.notes == "cedar, rain"


def test_a_scent_vector_is_parsed_from_comma_separated_numbers() -> None:
    assert Scent.parse_vector(" 0.1, -2 ,3e-1 ") == (0.1, -2.0, 0.3)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False, width=32),
                min_size=1, max_size=64))
def test_a_parsed_vector_round_trips_through_its_text(values: list[float]) -> None:
    text = ",".join(repr(v) for v in values)
    assert Scent.parse_vector(text) == tuple(values)


def test_an_infinite_scent_value_is_refused() -> None:
    with pytest.raises(InvalidInput, match="finite numbers only"):
        Scent((float("inf"),), (1.0,))

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from troth.domain import commands as c
from troth.domain import people_rules as rp
from troth.domain.customs import Customs
from troth.domain.errors import InvalidInput, Refused
from troth.domain.people import Designation, Person, Scent

TODAY = date(2026, 11, 25)


def person(pid: int = 1, born: date = date(2007, 3, 1), **kw: object) -> Person:
    return Person(id=pid, legal_name=f"P{pid}", born=born, **kw)  # type: ignore[arg-type]


def test_a_date_of_birth_in_the_future_is_refused() -> None:
    with pytest.raises(Refused) as e:
        rp.register_person(c.RegisterPerson("Rey", date(2027, 1, 1)), 1, [], TODAY)
    assert e.value.rule == "date_in_future"


def test_a_blank_legal_name_is_refused() -> None:
    with pytest.raises(InvalidInput, match="legal name is required"):
        rp.register_person(c.RegisterPerson("   ", date(2000, 1, 1)), 1, [], TODAY)


def test_a_parent_who_died_before_the_conception_is_refused() -> None:
    father = person(2, date(1970, 1, 1), died=date(1999, 1, 1))
    with pytest.raises(Refused) as e:
        rp.register_birth(c.RegisterBirth("Ben", date(1999, 10, 25), (2,)), 3, [father], TODAY)
    assert e.value.rule == "parent_alive_at_conception"


def test_a_parent_who_died_during_the_pregnancy_is_still_a_parent() -> None:
    father = person(2, date(1970, 1, 1), died=date(1999, 6, 1))
    e = rp.register_birth(c.RegisterBirth("Ben", date(1999, 10, 25), (2,)), 3, [father], TODAY)
    assert e.parents == (2,)


def test_a_birth_needs_at_least_one_parent() -> None:
    with pytest.raises(Refused) as e:
        rp.register_birth(c.RegisterBirth("Ben", date(1999, 10, 25), ()), 3, [], TODAY)
    assert e.value.rule == "birth_needs_parent"


def test_a_birth_is_marked_as_a_birth_registration() -> None:
    mother = person(2, date(1970, 1, 1))
    e = rp.register_birth(c.RegisterBirth("Ben", date(1999, 10, 25), (2,)), 3, [mother], TODAY)
    assert e.as_birth and e.parents == (2,)


def test_a_designation_never_changes() -> None:
    p = person(designation=Designation.OMEGA, presented_on=date(2021, 5, 1))
    with pytest.raises(Refused) as e:
        rp.record_presentation(p, c.RecordPresentation(1, "alpha", date(2022, 1, 1)), TODAY,
                               Customs())
    assert e.value.rule == "designation_never_changes"


def test_presenting_outside_the_age_window_needs_a_reason() -> None:
    p = person(born=date(2000, 1, 1))
    late = c.RecordPresentation(1, "omega", date(2025, 1, 1))
    with pytest.raises(Refused) as e:
        rp.record_presentation(p, late, TODAY, Customs())
    assert e.value.rule == "presentation_age_window"
    with_reason = c.RecordPresentation(1, "omega", date(2025, 1, 1), "late presentation, clinic")
    assert rp.record_presentation(p, with_reason, TODAY, Customs()).reason


def test_an_unknown_designation_is_invalid_input() -> None:
    with pytest.raises(InvalidInput, match="alpha, beta or omega"):
        rp.parse_designation("gamma")


@pytest.mark.parametrize(("gives", "draws"), [
    ((), ()), ((1.0,), (1.0, 2.0)), ((float("nan"),), (1.0,)), ((1.0,) * 65, (1.0,) * 65)])
def test_malformed_scent_vectors_are_refused(gives: tuple[float, ...],
                                             draws: tuple[float, ...]) -> None:
    with pytest.raises(InvalidInput) as e:
        Scent(gives, draws)
    assert e.value.rule == "scent_vector"


def test_a_scent_vector_that_is_not_numbers_says_so() -> None:
    with pytest.raises(InvalidInput, match="not a comma-separated list"):
        Scent.parse_vector("0.1, apple")


def test_a_death_before_birth_is_refused() -> None:
    with pytest.raises(Refused) as e:
        rp.record_death(person(born=date(2000, 1, 1)), date(1999, 1, 1), TODAY)
    assert e.value.rule == "death_after_birth"


def test_age_counts_birthdays_not_years() -> None:
    p = person(born=date(2007, 12, 1))
    assert p.age_on(date(2025, 11, 30)) == 17
    assert p.age_on(date(2025, 12, 1)) == 18


@given(st.lists(st.tuples(st.sampled_from(["alpha", "beta", "omega"]),
                          st.integers(8, 30), st.booleans()), min_size=1, max_size=8))
def test_a_designation_once_recorded_never_changes(attempts: list[tuple[str, int, bool]]) -> None:
    p = person(born=date(1990, 6, 1))
    first = None
    for designation, age, with_reason in attempts:
        cmd = c.RecordPresentation(1, designation, date(1990 + age, 6, 1),
                                   "clinic" if with_reason else "")
        try:
            e = rp.record_presentation(p, cmd, TODAY, Customs())
        except Refused:
            continue
        p.designation, p.presented_on = Designation(e.designation), e.on
        first = first or e.designation
    assert p.designation is None or p.designation.value == first

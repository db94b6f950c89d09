"""Registering people, births, deaths and presentations (beyond test_people_rules.py)."""

from datetime import date

import pytest

from troth.domain import commands as c
from troth.domain import people_rules as rp
from troth.domain.customs import Customs
from troth.domain.errors import InvalidInput, Refused
from troth.domain.people import OtherName, Person, Scent

TODAY = date(2026, 11, 25)


def person(pid: int, born: date, died: date | None = None) -> Person:
    return Person(id=pid, legal_name=f"P{pid}", born=born, died=died)


def test_registering_a_person_records_names_parents_and_scent() -> None:
    cmd = c.RegisterPerson(" Ben Solo ", date(1995, 10, 25),
                           other_names=(OtherName("work", "Kylo"),), parents=(2, 3),
                           scent=Scent((0.5,), (0.1,), "cedar"), district=" Coruscant ")
    parents = [person(2, date(1965, 1, 1)), person(3, date(1962, 1, 1))]
    e = rp.register_person(cmd, 7, parents, TODAY)
    assert (e.person_id, e.legal_name, e.parents) == (7, "Ben Solo", (2, 3))
    assert e.other_names == (("work", "Kylo"),)
    assert (e.scent_gives, e.scent_draws, e.scent_notes) == ((0.5,), (0.1,), "cedar")
    assert e.district == "Coruscant" and not e.as_birth


def test_a_legal_name_longer_than_two_hundred_characters_is_refused() -> None:
    with pytest.raises(InvalidInput) as e:
        rp.register_person(c.RegisterPerson("x" * 201, date(2000, 1, 1)), 1, [], TODAY)
    assert e.value.rule == "name_length"


def test_a_person_has_at_most_two_recorded_parents() -> None:
    parents = [person(i, date(1960, 1, 1)) for i in (2, 3, 4)]
    with pytest.raises(Refused) as e:
        rp.register_person(c.RegisterPerson("Rey", date(2007, 1, 1)), 1, parents, TODAY)
    assert e.value.rule == "parents_at_most_two"


def test_the_same_parent_named_twice_is_refused() -> None:
    mother = person(2, date(1960, 1, 1))
    with pytest.raises(Refused) as e:
        rp.register_person(c.RegisterPerson("Rey", date(2007, 1, 1)), 1, [mother, mother],
                           TODAY)
    assert e.value.rule == "parents_distinct"


def test_a_parent_born_after_the_child_is_refused() -> None:
    with pytest.raises(Refused) as e:
        rp.register_person(c.RegisterPerson("Rey", date(2007, 1, 1)), 1,
                           [person(2, date(2010, 1, 1))], TODAY)
    assert e.value.rule == "parent_born_before_child"


def test_a_death_is_recorded_once() -> None:
    p = person(1, date(1950, 1, 1), died=date(2020, 1, 1))
    with pytest.raises(Refused) as e:
        rp.record_death(p, date(2021, 1, 1), TODAY)
    assert e.value.rule == "death_recorded_once"


def test_a_death_in_the_future_is_refused() -> None:
    with pytest.raises(Refused) as e:
        rp.record_death(person(1, date(1950, 1, 1)), date(2027, 1, 1), TODAY)
    assert e.value.rule == "date_in_future"


def test_a_death_is_recorded_with_its_date() -> None:
    e = rp.record_death(person(1, date(1950, 1, 1)), date(2020, 1, 1), TODAY)
    assert (e.person_id, e.died) == (1, date(2020, 1, 1))


def test_a_presentation_within_the_usual_window_needs_no_reason() -> None:
    e = rp.record_presentation(person(1, date(2007, 3, 1)),
                               c.RecordPresentation(1, " Omega ", date(2021, 5, 1)), TODAY,
                               Customs())
    assert (e.designation, e.on, e.reason) == ("omega", date(2021, 5, 1), "")


def test_a_person_presents_only_while_alive() -> None:
    p = person(1, date(2000, 1, 1), died=date(2012, 1, 1))
    with pytest.raises(Refused) as e:
        rp.record_presentation(p, c.RecordPresentation(1, "beta", date(2014, 1, 1)), TODAY,
                               Customs())
    assert e.value.rule == "presented_while_alive"


def test_the_presentation_window_follows_the_jurisdictions_customs() -> None:
    p = person(1, date(2000, 1, 1))
    cmd = c.RecordPresentation(1, "alpha", date(2009, 1, 1))
    with pytest.raises(Refused):
        rp.record_presentation(p, cmd, TODAY, Customs())
    wide = Customs(presentation_min_age=8)
    assert rp.record_presentation(p, cmd, TODAY, wide).designation == "alpha"

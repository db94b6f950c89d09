"""Events of people and guardianship: each names whom it concerns and when it takes effect,
and survives its trip through the ledger's JSON unchanged."""

from datetime import date

from hypothesis import given, settings
from tests.domain.strategies import events_of, through_the_ledger

from troth.domain import events as ev

PEOPLE_EVENTS = (ev.PersonRegistered, ev.DeathRecorded, ev.Presented, ev.GuardianAppointed,
                 ev.GuardianshipEnded)


@settings(max_examples=40, deadline=None)
@given(events_of(*PEOPLE_EVENTS))
def test_an_event_read_back_from_the_ledger_is_the_event_recorded(e: ev.Event) -> None:
    assert through_the_ledger(e) == e


def test_every_event_kind_is_registered_under_its_name() -> None:
    for cls in PEOPLE_EVENTS:
        assert ev.EVENT_TYPES[cls.kind] is cls


def test_a_registration_takes_effect_at_birth_and_concerns_the_parents_too() -> None:
    e = ev.PersonRegistered(7, "Ben Solo", date(1995, 10, 25), parents=(5, 6))
    assert e.effective == date(1995, 10, 25)
    assert e.subjects == (7, 5, 6)


def test_a_guardianship_concerns_both_the_ward_and_the_guardian() -> None:
    start = ev.GuardianAppointed(1, 2, 3, "Jakku Family Court", "JFC-1", date(2019, 6, 1))
    end = ev.GuardianshipEnded(1, 2, 3, date(2026, 4, 18), "bonded")
    assert set(start.subjects) == set(end.subjects) == {2, 3}
    assert (start.effective, end.effective) == (date(2019, 6, 1), date(2026, 4, 18))


def test_a_presentation_and_a_death_take_effect_on_their_own_dates() -> None:
    assert ev.Presented(2, "omega", date(2021, 5, 1)).effective == date(2021, 5, 1)
    assert ev.DeathRecorded(2, date(2090, 1, 1)).effective == date(2090, 1, 1)

"""Courtship, bonding and health events: both parties always concerned, health kept private,
and each survives the ledger's JSON unchanged."""

import dataclasses
from datetime import date

from hypothesis import given, settings
from tests.domain.strategies import events_of, through_the_ledger

from troth.domain import courtship_events as ev
from troth.domain.events import Event

COURTSHIP_EVENTS = tuple(
    cls for cls in vars(ev).values()
    if isinstance(cls, type) and issubclass(cls, Event) and not cls.kind.startswith("_")
    and cls.__module__ == ev.__name__)


def test_every_courtship_event_kind_is_registered() -> None:
    from troth.domain.events import EVENT_TYPES

    assert len(COURTSHIP_EVENTS) >= 15
    assert all(EVENT_TYPES[cls.kind] is cls for cls in COURTSHIP_EVENTS)


@settings(max_examples=40, deadline=None)
@given(events_of(*COURTSHIP_EVENTS))
def test_a_courtship_event_read_back_from_the_ledger_is_the_event_recorded(e: Event) -> None:
    assert through_the_ledger(e) == e


@settings(max_examples=40, deadline=None)
@given(events_of(*COURTSHIP_EVENTS))
def test_every_event_of_a_pair_concerns_both_the_alpha_and_the_omega(e: Event) -> None:
    names = {f.name for f in dataclasses.fields(e)}
    for party in ("alpha_id", "omega_id", "ward_id", "person_id", "petitioner_id"):
        if party in names and getattr(e, party) is not None:  # None: nobody to concern
            assert getattr(e, party) in e.subjects
    assert e.effective == e.on  # type: ignore[attr-defined]


def test_a_health_entry_reaches_the_ledger_as_a_digest_without_owner_or_content() -> None:
    e = ev.HealthEntryRecorded(5, "ab" * 32, date(2026, 9, 20))
    assert {f.name for f in dataclasses.fields(e)} == {"entry_id", "digest", "on"}
    assert e.subjects == ()


def test_a_guardians_acknowledgement_concerns_the_ward() -> None:
    e = ev.GuardianAcknowledged(10, 3, 2, date(2026, 1, 12))
    assert set(e.subjects) == {2, 3}


def test_a_scheduled_visit_concerns_its_handlers_as_well_as_the_pair() -> None:
    e = ev.VisitScheduled(20, 10, 1, 2, "tea", "2026-04-03T15:00:00", "home", True, (5, 6),
                          date(2026, 4, 1))
    assert set(e.subjects) == {1, 2, 5, 6}

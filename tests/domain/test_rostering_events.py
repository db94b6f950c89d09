"""Rostering events: spans kept as ISO minutes, read back unchanged, told in plain words."""

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.domain.strategies import events_of, through_the_ledger

from troth.domain import rostering_events as ev
from troth.domain.events import Event
from troth.domain.history import describe

ROSTER_EVENTS = (ev.ResidenceRecorded, ev.VisitRequested, ev.VisitRequestWithdrawn,
                 ev.HandlerRegistered, ev.HandlerAvailabilityRecorded,
                 ev.UnavailabilityRecorded, ev.RosterProposed, ev.RosterPlacementAccepted)
DAY = date(2026, 6, 1)


@settings(max_examples=40, deadline=None)
@given(events_of(*ROSTER_EVENTS))
def test_a_rostering_event_read_back_from_the_ledger_is_the_event_recorded(e: Event) -> None:
    assert through_the_ledger(e) == e


@settings(max_examples=40, deadline=None)
@given(st.datetimes(datetime(2000, 1, 1), datetime(2040, 1, 1)).map(
    lambda d: d.replace(second=0, microsecond=0)), st.integers(1, 10_000))
def test_a_span_to_the_minute_survives_its_wire_form(start: datetime, minutes: int) -> None:
    span = (start, start + timedelta(minutes=minutes))
    assert ev.unwire(ev.wire(span)) == span


def test_a_handler_entered_on_the_list_is_told_with_district_and_cap() -> None:
    e = ev.HandlerRegistered(3, 5, "Niima", 51.5, -0.1, 10, DAY)
    assert describe(e, {5: "Maz"}) == ("Maz (#5) entered on the handlers' list as handler #3"
                                       " (Niima, up to 10 Visits a week)")


def test_a_visit_request_is_told_with_its_week_and_windows() -> None:
    e = ev.VisitRequested(70, 10, 1, 2, "tea", "2026-W24",
                          (("2026-06-08T15:00", "2026-06-08T18:00"),), "1 Junkyard Lane",
                          "Niima", 51.5, -0.1, True, True, DAY)
    assert describe(e, {}) == ("A tea Visit requested for courtship #10 in 2026-W24 (1"
                               " acceptable window(s), at 1 Junkyard Lane); request #70")
    assert set(e.subjects) == {1, 2}


def test_an_unavailability_concerns_only_the_person_and_is_told_with_its_span() -> None:
    e = ev.UnavailabilityRecorded(2, "2026-06-09T09:00", "2026-06-09T17:00", "clinic", DAY)
    assert e.subjects == (2,)
    assert describe(e, {2: "Rey"}) == ("Rey (#2) unavailable for Visits 2026-06-09T09:00 .."
                                       " 2026-06-09T17:00")

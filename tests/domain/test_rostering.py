"""Rostering rules: Visit requests, handlers' list, availability, and rosters as proposals."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from troth.domain import rostering as r
from troth.domain.courtship import Courtship, CourtshipStatus, Visit, VisitKind, VisitStatus
from troth.domain.customs import Customs
from troth.domain.errors import InvalidInput, Refused
from troth.domain.people import Designation, Person
from troth.domain.rostering_events import HandlerRegistered, RosterProposed, VisitRequested

TODAY = date(2026, 6, 1)
MON = datetime(2026, 6, 8, 0, 0)  # Monday of 2026-W24
HOME = r.Residence(2, "1 Junkyard Lane", "Niima", 51.5, -0.1)


def court(status: CourtshipStatus = CourtshipStatus.OPEN, visits: int = 0) -> Courtship:
    c = Courtship(10, 1, 2, 4, date(2026, 1, 10), status=status)
    c.visits = [Visit(i, 10, VisitKind.TEA, MON - timedelta(days=30 - i), "home", True, (5,),
                      VisitStatus.HELD) for i in range(visits)]
    return c


def request(kind: str = "tea", windows: tuple[r.Span, ...] | None = None, at_home: bool = True,
            c: Courtship | None = None, home: r.Residence | None = HOME,
            place: str = "", district: str = "", lat: float | None = None,
            lon: float | None = None) -> VisitRequested:
    spans = windows or ((MON + timedelta(hours=15), MON + timedelta(hours=18)),)
    cmd = r.RequestVisit(10, kind, spans, TODAY, at_home, place, district, lat, lon)
    return r.request_visit(cmd, 70, c or court(), home, Customs())


def test_a_visit_request_at_the_omegas_home_takes_its_address_and_week() -> None:
    e = request()
    assert (e.request_id, e.week, e.place, e.district) == (70, "2026-W24", "1 Junkyard Lane",
                                                           "Niima")
    assert (e.lat, e.lon, e.windows) == (51.5, -0.1, (("2026-06-08T15:00", "2026-06-08T18:00"),))


def test_visits_are_requested_only_once_the_omega_has_consented() -> None:
    with pytest.raises(Refused) as e:
        request(c=court(CourtshipStatus.PROPOSED))
    assert e.value.rule == "courtship_open"


def test_a_window_shorter_than_the_visit_is_refused() -> None:
    with pytest.raises(InvalidInput) as e:
        request("dinner", ((MON + timedelta(hours=18), MON + timedelta(hours=20)),))
    assert e.value.rule == "time_window"


def test_a_request_is_for_one_week() -> None:
    two_weeks = ((MON, MON + timedelta(hours=3)),
                 (MON + timedelta(days=7), MON + timedelta(days=7, hours=3)))
    with pytest.raises(InvalidInput) as e:
        request(windows=two_weeks)
    assert e.value.rule == "request_week"


def test_a_first_visit_away_from_the_omegas_home_is_refused_by_custom() -> None:
    with pytest.raises(Refused) as e:
        request(at_home=False, place="the park", district="Niima", lat=51.5, lon=-0.1)
    assert e.value.rule == "first_visits_at_omega_residence"


def test_a_later_visit_elsewhere_needs_its_place_and_coordinates() -> None:
    e = request(at_home=False, c=court(visits=2), place="the park", district="Niima", lat=51.0,
                lon=0.0)
    assert (e.place, e.at_omega_residence) == ("the park", False)
    with pytest.raises(InvalidInput) as err:
        request(at_home=False, c=court(visits=2), place="the park", district="Niima")
    assert err.value.rule == "place_coordinates"


def test_a_visit_at_home_with_no_residence_on_record_says_so() -> None:
    with pytest.raises(InvalidInput, match="no residence is recorded"):
        request(home=None)


@settings(max_examples=40, deadline=None)
@given(st.dates(date(2000, 1, 1), date(2040, 12, 31)))
def test_every_day_lies_in_the_iso_week_that_check_week_accepts(day: date) -> None:
    week = r.iso_week(day)
    assert r.check_week(week) == week
    assert r.check_week(week.lower()) == week


@pytest.mark.parametrize("week", ["2026-24", "W24", "2026-W60", ""])
def test_a_week_that_is_not_an_iso_week_is_refused(week: str) -> None:
    with pytest.raises(InvalidInput) as e:
        r.check_week(week)
    assert e.value.rule == "roster_week"


def test_a_residence_needs_an_address_a_district_and_coordinates() -> None:
    p = Person(2, "Rey", date(2006, 4, 1))
    cmd = r.RecordResidence(2, " 1 Junkyard Lane ", "Niima", 51.5, -0.1, TODAY)
    assert r.record_residence(cmd, p).address == "1 Junkyard Lane"
    with pytest.raises(InvalidInput):
        r.record_residence(r.RecordResidence(2, "", "Niima", 51.5, -0.1, TODAY), p)
    with pytest.raises(InvalidInput):
        r.record_residence(r.RecordResidence(2, "x", "Niima", 91.0, -0.1, TODAY), p)


def record(status: str = "open", week: str = "2026-W24", rid: int = 70) -> r.VisitRequestRecord:
    return r.VisitRequestRecord(rid, 10, "tea", week, (), "1 Junkyard Lane", "Niima", 51.5,
                                -0.1, True, True, status,
                                80 if status == "scheduled" else None, TODAY)


@pytest.mark.parametrize("status", ["withdrawn", "scheduled"])
def test_a_request_already_withdrawn_or_scheduled_is_not_withdrawn(status: str) -> None:
    with pytest.raises(Refused) as e:
        r.withdraw(record(status), r.WithdrawVisitRequest(70, "plans changed", TODAY))
    assert e.value.rule == "request_state"


def handler_person(born: date = date(1970, 1, 1)) -> Person:
    return Person(5, "Maz", born, designation=Designation.BETA)


def register(person: Person | None = None, cap: int = 10,
             existing: r.HandlerProfile | None = None, district: str = "Niima",
             ) -> HandlerRegistered:
    cmd = r.RegisterHandler(5, cap, TODAY, district, 51.5, -0.1)
    return r.register_handler(cmd, 3, person or handler_person(), existing, None, Customs())


def test_an_adult_is_entered_on_the_handlers_list_with_a_weekly_cap() -> None:
    e = register()
    assert (e.handler_id, e.person_id, e.weekly_cap, e.district) == (3, 5, 10, "Niima")


def test_a_handler_is_an_adult() -> None:
    with pytest.raises(Refused) as e:
        register(handler_person(born=date(2010, 1, 1)))
    assert e.value.rule == "handler_adult"


@pytest.mark.parametrize("cap", [0, 41])
def test_a_weekly_cap_is_between_one_and_forty(cap: int) -> None:
    with pytest.raises(InvalidInput) as e:
        register(cap=cap)
    assert e.value.rule == "handler_cap"


def profile(active: bool = True) -> r.HandlerProfile:
    return r.HandlerProfile(3, 5, "Maz", "Niima", 51.5, -0.1, 10, active)


def test_a_person_is_on_the_handlers_list_once() -> None:
    with pytest.raises(Refused) as e:
        register(existing=profile())
    assert e.value.rule == "one_handler_profile"


def test_a_handler_off_the_list_records_no_availability() -> None:
    cmd = r.RecordHandlerAvailability(3, ((MON, MON + timedelta(hours=8)),), TODAY)
    assert r.availability(cmd, profile()).windows == (("2026-06-08T00:00", "2026-06-08T08:00"),)
    with pytest.raises(Refused) as e:
        r.availability(cmd, profile(active=False))
    assert e.value.rule == "handler_active"


def test_an_unavailability_must_end_after_it_starts() -> None:
    with pytest.raises(InvalidInput):
        r.unavailability(r.RecordUnavailability(5, MON, MON, TODAY), handler_person())


def planned(rid: int = 70, handlers: tuple[int, ...] = (3,)) -> r.PlannedVisit:
    return r.PlannedVisit(rid, MON + timedelta(hours=15), MON + timedelta(hours=16, minutes=30),
                          handlers, 0)


def propose(placements: tuple[r.PlannedVisit, ...], requests: dict[int, r.VisitRequestRecord],
            ) -> RosterProposed:
    cmd = r.ProposeRoster("2026-W24", "Niima", "exact", 1, 1, 0.5, placements, (), (), TODAY)
    return r.propose_roster(cmd, 90, requests, {3})


def test_a_roster_places_open_requests_of_its_week_with_listed_handlers() -> None:
    e = propose((planned(),), {70: record()})
    assert e.placements == ((70, "2026-06-08T15:00", "2026-06-08T16:30", (3,), 0),)


@pytest.mark.parametrize(("placements", "requests"), [
    ((planned(71),), {70: record()}),
    ((planned(),), {70: record("withdrawn")}),
    ((planned(),), {70: record(week="2026-W25")}),
    ((planned(), planned()), {70: record()}),
    ((planned(handlers=(4,)),), {70: record()}),
])
def test_a_roster_refuses_unknown_or_closed_requests_duplicates_and_unlisted_handlers(
        placements: tuple[r.PlannedVisit, ...], requests: dict[int, r.VisitRequestRecord]
) -> None:
    with pytest.raises(Refused) as e:
        propose(placements, requests)
    assert e.value.rule in ("roster_request", "roster_handler")


def roster(rid: int = 90) -> r.RosterRecord:
    return r.RosterRecord(rid, "2026-W24", "Niima", "exact", 1, 1, 1, 0.5, TODAY,
                          (planned(),), (), (), frozenset())


def test_accepting_a_placement_schedules_the_visit_through_the_ordinary_command() -> None:
    cmd = r.placement_visit(roster(), 90, record(), lambda h: h + 2)
    assert (cmd.courtship_id, cmd.kind, cmd.starts_at, cmd.handlers) == (
        10, "tea", MON + timedelta(hours=15), (5,))


def test_a_placement_is_accepted_only_from_the_newest_roster() -> None:
    with pytest.raises(Refused) as e:
        r.placement_visit(roster(90), 91, record(), lambda h: h)
    assert e.value.rule == "roster_superseded"


def test_a_placement_already_scheduled_is_not_accepted_twice() -> None:
    with pytest.raises(Refused) as e:
        r.placement_visit(roster(), 90, record("scheduled"), lambda h: h)
    assert e.value.rule == "request_state"

"""Rostering records: residences, Visit requests, handlers, unavailability and rosters.

Records the planner reads, commands (imperatives) for the week's Visit planning, and the
rules that judge them (the events are in rostering_events.py). A roster is only a proposal:
accepting one of its placements schedules the Visit through the ordinary ScheduleVisit
command, with its own verdicts and ledger entry.
Pure Python, no I/O; times are naive local datetimes of the registry office.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from troth.domain import commands as c
from troth.domain.courtship import (
    DURATION_MINUTES,
    Courtship,
    CourtshipStatus,
    handlers_required,
    parse_kind,
    visit_findings,
)
from troth.domain.customs import Customs
from troth.domain.errors import InvalidInput
from troth.domain.people import Person
from troth.domain.rostering_events import (
    HandlerAvailabilityRecorded,
    HandlerRegistered,
    ResidenceRecorded,
    RosterProposed,
    UnavailabilityRecorded,
    VisitRequested,
    VisitRequestWithdrawn,
    wire,
)
from troth.domain.verdicts import refuse

Span = tuple[datetime, datetime]
MAX_WEEKLY_CAP = 40

# --- records (what the read side hands to the planner) ----------------------------------


@dataclass(frozen=True)
class Residence:
    person_id: int
    address: str
    district: str
    lat: float
    lon: float


@dataclass(frozen=True)
class VisitRequestRecord:
    id: int
    courtship_id: int
    kind: str
    week: str
    windows: tuple[Span, ...]
    place: str
    district: str
    lat: float
    lon: float
    at_omega_residence: bool
    required: bool
    status: str  # open | scheduled | withdrawn
    visit_id: int | None
    requested_on: date


@dataclass(frozen=True)
class HandlerProfile:
    id: int
    person_id: int
    name: str
    district: str
    lat: float
    lon: float
    weekly_cap: int
    active: bool = True


@dataclass(frozen=True)
class PlannedVisit:
    """One placement of a proposed roster (handler ids are handler-profile ids)."""

    request_id: int
    starts_at: datetime
    ends_at: datetime
    handler_ids: tuple[int, ...]
    window_index: int


@dataclass(frozen=True)
class Left:
    """A request a roster could not place (or an accepted placement it released)."""

    request_id: int
    rule: str
    reason: str


@dataclass(frozen=True)
class RosterRecord:
    id: int
    week: str
    district: str  # "" for all districts
    method: str
    required: int
    placed: int
    bound: int
    seconds: float
    proposed_on: date
    placements: tuple[PlannedVisit, ...]
    unplaced: tuple[Left, ...]
    released: tuple[Left, ...]
    accepted: frozenset[int]  # request ids whose Visit is scheduled


@dataclass(frozen=True)
class Parties:
    """Who must attend a courtship's Visits, and since when the courtship has waited."""

    courtship_id: int
    alpha_id: int
    omega_id: int
    guardian_id: int | None
    waiting_since: date


@dataclass(frozen=True)
class WeekInputs:
    """Everything the planner needs for one week (and district), read from the registry.

    `visits` holds, for each scheduled request, its Visit's start and handler persons;
    `busy` holds each person's unavailability and other Visits that week.
    """

    week: str
    district: str
    requests: tuple[VisitRequestRecord, ...]
    parties: dict[int, Parties]
    handlers: tuple[HandlerProfile, ...]
    available: dict[int, tuple[Span, ...]]
    busy: dict[int, tuple[Span, ...]]
    kin: dict[int, frozenset[int]]
    visits: dict[int, tuple[datetime, tuple[int, ...]]]


# --- commands -----------------------------------------------------------------------


@dataclass(frozen=True)
class RecordResidence(c.Command):
    person_id: int
    address: str
    district: str
    lat: float
    lon: float
    on: date


@dataclass(frozen=True)
class RequestVisit(c.Command):
    """A courtship asks for a Visit this week; `windows` are in the families' order."""

    courtship_id: int
    kind: str
    windows: tuple[Span, ...]
    on: date
    at_omega_residence: bool = True
    place: str = ""
    district: str = ""
    lat: float | None = None
    lon: float | None = None
    required: bool = True


@dataclass(frozen=True)
class WithdrawVisitRequest(c.Command):
    request_id: int
    reason: str
    on: date


@dataclass(frozen=True)
class RegisterHandler(c.Command):
    person_id: int
    weekly_cap: int
    on: date
    district: str = ""
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class RecordHandlerAvailability(c.Command):
    handler_id: int
    windows: tuple[Span, ...]
    on: date


@dataclass(frozen=True)
class RecordUnavailability(c.Command):
    """A person (party, guardian or handler) cannot attend Visits in a span of time."""

    person_id: int
    starts_at: datetime
    ends_at: datetime
    on: date
    reason: str = ""


@dataclass(frozen=True)
class ProposeRoster(c.Command):
    week: str
    district: str
    method: str
    required: int
    bound: int
    seconds: float
    placements: tuple[PlannedVisit, ...]
    unplaced: tuple[Left, ...]
    released: tuple[Left, ...]
    on: date


@dataclass(frozen=True)
class AcceptRosterPlacement(c.Command):
    roster_id: int
    request_id: int


# --- rules ----------------------------------------------------------------------------


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def check_week(week: str) -> str:
    try:
        year, num = week.upper().split("-W")
        return iso_week(date.fromisocalendar(int(year), int(num), 1))
    except ValueError:
        raise InvalidInput(f"week '{week}' is not an ISO week like 2026-W49",
                           rule="roster_week") from None


def check_spans(spans: Sequence[Span], shortest: int = 1) -> None:
    if not spans:
        raise InvalidInput("give at least one window (start/end)", rule="time_window")
    for start, end in spans:
        if end - start < timedelta(minutes=shortest):
            raise InvalidInput(f"the window {start:%Y-%m-%d %H:%M} .. {end:%Y-%m-%d %H:%M} is"
                               f" shorter than the {shortest} minutes needed",
                               rule="time_window")


def _coords(lat: float | None, lon: float | None) -> tuple[float, float]:
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidInput("a place needs coordinates (latitude, longitude in degrees)",
                           rule="place_coordinates")
    return lat, lon


def record_residence(cmd: RecordResidence, person: Person) -> ResidenceRecorded:
    lat, lon = _coords(cmd.lat, cmd.lon)
    if not cmd.address.strip() or not cmd.district.strip():
        raise InvalidInput("a residence needs an address and a district", rule="residence")
    return ResidenceRecorded(person.id, cmd.address.strip(), cmd.district.strip(), lat, lon,
                             cmd.on)


def request_visit(cmd: RequestVisit, new_id: int, court: Courtship, home: Residence | None,
                  customs: Customs) -> VisitRequested:
    kind = parse_kind(cmd.kind)
    if court.status is not CourtshipStatus.OPEN:
        raise refuse("courtship_open", f"courtship #{court.id} is {court.status}; Visits are"
                     " requested once the Omega has consented")
    check_spans(cmd.windows, DURATION_MINUTES[kind])
    weeks = {iso_week(s.date()) for s, _ in cmd.windows}
    if len(weeks) > 1:
        raise InvalidInput(f"the windows lie in weeks {', '.join(sorted(weeks))}; a request"
                           " is for one week (make one per week)", rule="request_week")
    need = handlers_required(kind, customs)
    for f in visit_findings(court, kind, cmd.at_omega_residence, tuple(range(need)), customs):
        raise refuse(f.rule, f.reason)
    place, district, lat, lon = cmd.place.strip(), cmd.district.strip(), cmd.lat, cmd.lon
    if cmd.at_omega_residence and home is not None:
        place, district = place or home.address, district or home.district
        lat, lon = (home.lat, home.lon) if lat is None else (lat, lon)
    if not place or not district:
        where = "no residence is recorded for the Omega or her guardian" if (
            cmd.at_omega_residence) else "a Visit elsewhere needs its place and district"
        raise InvalidInput(f"{where}; give the place, district and coordinates",
                           rule="visit_place")
    lat, lon = _coords(lat, lon)
    return VisitRequested(new_id, court.id, court.alpha_id, court.omega_id, kind.value,
                          weeks.pop(), tuple(wire(w) for w in cmd.windows), place, district,
                          lat, lon, cmd.at_omega_residence, cmd.required, cmd.on)


def withdraw(req: VisitRequestRecord, cmd: WithdrawVisitRequest) -> VisitRequestWithdrawn:
    if req.status == "withdrawn":
        raise refuse("request_state", f"request #{req.id} is already withdrawn")
    if req.status == "scheduled":
        raise refuse("request_state", f"request #{req.id} is scheduled as Visit"
                     f" #{req.visit_id}; cancel the Visit itself")
    return VisitRequestWithdrawn(req.id, req.courtship_id, cmd.reason.strip(), cmd.on)


def register_handler(cmd: RegisterHandler, new_id: int, person: Person,
                     existing: HandlerProfile | None, home: Residence | None,
                     customs: Customs) -> HandlerRegistered:
    if existing is not None:
        raise refuse("one_handler_profile", f"#{person.id} is already handler"
                     f" #{existing.id}")
    if not person.alive_on(cmd.on):
        raise refuse("handler_living", f"#{person.id} is not living on {cmd.on}")
    if person.age_on(cmd.on) < customs.age_of_majority:
        raise refuse("handler_adult", f"#{person.id} is {person.age_on(cmd.on)}; a handler is"
                     f" at least {customs.age_of_majority}")
    if not 1 <= cmd.weekly_cap <= MAX_WEEKLY_CAP:
        raise InvalidInput(f"a weekly cap is 1 to {MAX_WEEKLY_CAP} Visits",
                           rule="handler_cap")
    district, lat, lon = cmd.district.strip(), cmd.lat, cmd.lon
    if home is not None:
        district = district or home.district
        lat, lon = (home.lat, home.lon) if lat is None else (lat, lon)
    if not district:
        raise InvalidInput("a handler needs a home district (or a recorded residence)",
                           rule="handler_home")
    lat, lon = _coords(lat, lon)
    return HandlerRegistered(new_id, person.id, district, lat, lon, cmd.weekly_cap, cmd.on)


def availability(cmd: RecordHandlerAvailability, h: HandlerProfile
                 ) -> HandlerAvailabilityRecorded:
    if not h.active:
        raise refuse("handler_active", f"handler #{h.id} is not on the list")
    check_spans(cmd.windows)
    return HandlerAvailabilityRecorded(h.id, h.person_id, tuple(wire(w) for w in cmd.windows),
                                       cmd.on)


def unavailability(cmd: RecordUnavailability, person: Person) -> UnavailabilityRecorded:
    check_spans([(cmd.starts_at, cmd.ends_at)])
    s, e = wire((cmd.starts_at, cmd.ends_at))
    return UnavailabilityRecorded(person.id, s, e, cmd.reason.strip(), cmd.on)


def propose_roster(cmd: ProposeRoster, new_id: int,
                   requests: dict[int, VisitRequestRecord], handlers: set[int]
                   ) -> RosterProposed:
    week = check_week(cmd.week)
    seen: set[int] = set()
    for p in cmd.placements:
        req = requests.get(p.request_id)
        if req is None or req.week != week or req.status == "withdrawn":
            raise refuse("roster_request", f"request #{p.request_id} is not open in {week}")
        if p.request_id in seen:
            raise refuse("roster_request", f"request #{p.request_id} is placed twice")
        seen.add(p.request_id)
        missing = [h for h in p.handler_ids if h not in handlers]
        if missing:
            raise refuse("roster_handler", f"handler #{missing[0]} is not on the list")
    placements = tuple((p.request_id, *wire((p.starts_at, p.ends_at)), p.handler_ids,
                        p.window_index) for p in cmd.placements)
    return RosterProposed(
        new_id, week, cmd.district, cmd.method, cmd.required, cmd.bound, cmd.seconds,
        placements, tuple((u.request_id, u.rule, u.reason) for u in cmd.unplaced),
        tuple((u.request_id, u.rule, u.reason) for u in cmd.released), cmd.on)


def placement_visit(roster: RosterRecord, latest_id: int, req: VisitRequestRecord,
                    person_of: Callable[[int], int]) -> c.ScheduleVisit:
    """The ordinary ScheduleVisit command for one placement of the latest roster."""
    if roster.id != latest_id:
        raise refuse("roster_superseded", f"roster #{roster.id} was replaced by roster"
                     f" #{latest_id} for {roster.week}; accept from the newest one")
    found = [p for p in roster.placements if p.request_id == req.id]
    if not found:
        raise refuse("roster_placement", f"roster #{roster.id} does not place request"
                     f" #{req.id}")
    if req.status != "open":
        raise refuse("request_state", f"request #{req.id} is {req.status}"
                     + (f" (Visit #{req.visit_id})" if req.visit_id else ""))
    p = found[0]
    return c.ScheduleVisit(req.courtship_id, req.kind, p.starts_at, req.place,
                           req.at_omega_residence, tuple(person_of(h) for h in p.handler_ids))

"""Events of rostering (past-tense facts) and their plain words in a person's history."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from troth.domain.courtship_events import _OnDate

Span = tuple[datetime, datetime]

# --- events -------------------------------------------------------------------------

Wire = tuple[str, str]  # an ISO span as stored in the ledger


@dataclass(frozen=True)
class ResidenceRecorded(_OnDate):
    kind: ClassVar[str] = "residence_recorded"
    person_id: int
    address: str
    district: str
    lat: float
    lon: float
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.person_id,)


@dataclass(frozen=True)
class VisitRequested(_OnDate):
    kind: ClassVar[str] = "visit_requested"
    request_id: int
    courtship_id: int
    alpha_id: int
    omega_id: int
    visit_kind: str
    week: str
    windows: tuple[Wire, ...]
    place: str
    district: str
    lat: float
    lon: float
    at_omega_residence: bool
    required: bool
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.alpha_id, self.omega_id)


@dataclass(frozen=True)
class VisitRequestWithdrawn(_OnDate):
    kind: ClassVar[str] = "visit_request_withdrawn"
    request_id: int
    courtship_id: int
    reason: str
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return ()


@dataclass(frozen=True)
class HandlerRegistered(_OnDate):
    kind: ClassVar[str] = "handler_registered"
    handler_id: int
    person_id: int
    district: str
    lat: float
    lon: float
    weekly_cap: int
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.person_id,)


@dataclass(frozen=True)
class HandlerAvailabilityRecorded(_OnDate):
    kind: ClassVar[str] = "handler_availability_recorded"
    handler_id: int
    person_id: int
    windows: tuple[Wire, ...]
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.person_id,)


@dataclass(frozen=True)
class UnavailabilityRecorded(_OnDate):
    kind: ClassVar[str] = "unavailability_recorded"
    person_id: int
    starts_at: str
    ends_at: str
    reason: str
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.person_id,)


PlacementWire = tuple[int, str, str, tuple[int, ...], int]
LeftWire = tuple[int, str, str]


@dataclass(frozen=True)
class RosterProposed(_OnDate):
    kind: ClassVar[str] = "roster_proposed"
    roster_id: int
    week: str
    district: str
    method: str
    required: int
    bound: int
    seconds: float
    placements: tuple[PlacementWire, ...]
    unplaced: tuple[LeftWire, ...]
    released: tuple[LeftWire, ...]
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return ()


@dataclass(frozen=True)
class RosterPlacementAccepted(_OnDate):
    kind: ClassVar[str] = "roster_placement_accepted"
    roster_id: int
    request_id: int
    visit_id: int
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return ()


def wire(span: Span) -> Wire:
    return (span[0].isoformat(timespec="minutes"), span[1].isoformat(timespec="minutes"))


def unwire(span: Sequence[str]) -> Span:
    return (datetime.fromisoformat(span[0]), datetime.fromisoformat(span[1]))


# --- plain words ------------------------------------------------------------------------

Who = Callable[[int], str]


def tell_residence_recorded(e: ResidenceRecorded, who: Who) -> str:
    return f"Residence of {who(e.person_id)} recorded: {e.address} ({e.district})"


def tell_visit_requested(e: VisitRequested, who: Who) -> str:
    return (f"A {e.visit_kind} Visit requested for courtship #{e.courtship_id} in {e.week}"
            f" ({len(e.windows)} acceptable window(s), at {e.place}); request #{e.request_id}")


def tell_handler_registered(e: HandlerRegistered, who: Who) -> str:
    return (f"{who(e.person_id)} entered on the handlers' list as handler #{e.handler_id}"
            f" ({e.district}, up to {e.weekly_cap} Visits a week)")


def tell_handler_availability_recorded(e: HandlerAvailabilityRecorded, who: Who) -> str:
    return f"Availability of handler #{e.handler_id} recorded: {len(e.windows)} window(s)"


def tell_unavailability_recorded(e: UnavailabilityRecorded, who: Who) -> str:
    return f"{who(e.person_id)} unavailable for Visits {e.starts_at} .. {e.ends_at}"

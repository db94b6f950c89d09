"""The rostering problem as plain data: Visit requests, handlers, customs, and a roster.

Everything here is a small frozen dataclass with no I/O, so the registry can build these
from its own records later (see docs/rostering.md, "Wiring to the registry").
Times are naive local datetimes of the registry office; inside the solver they become
whole minutes from Monday 00:00 of the ISO week being planned.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from troth.domain.errors import InvalidInput

WEEK_MINUTES = 7 * 24 * 60
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Window:
    """A span of time: an acceptable window for a Visit, a handler's availability block,
    or a person's unavailability."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidInput(
                f"a time window must end after it starts ({self.start} .. {self.end})",
                rule="time_window",
            )


@dataclass(frozen=True)
class Place:
    """Where a Visit happens (by custom the Omega's residence for the first Visits), or a
    handler's home. Coordinates are WGS84 degrees."""

    lat: float
    lon: float
    district: str
    label: str = ""


@dataclass(frozen=True)
class Unavailable:
    """A person (party or hosting guardian) who cannot attend during `window`."""

    person_id: int
    window: Window


@dataclass(frozen=True)
class VisitRequest:
    """One Visit a courtship asks to have this week.

    `windows` are the acceptable sittings in the families' order of preference; a Visit
    lasts `duration_minutes` and may start anywhere inside a window on the customs' step
    (a window exactly as long as the Visit is a fixed sitting).
    """

    id: int
    courtship_id: int
    kind: str
    duration_minutes: int
    windows: tuple[Window, ...]
    place: Place
    alpha_id: int
    omega_id: int
    guardian_id: int | None
    waiting_since: date
    unavailable: tuple[Unavailable, ...] = ()
    omega_attends: bool = True
    required: bool = True

    def __post_init__(self) -> None:
        if self.duration_minutes <= 0:
            raise InvalidInput(f"request {self.id}: duration must be positive", rule="visit")
        if not self.windows:
            raise InvalidInput(f"request {self.id}: no acceptable window", rule="visit")

    @property
    def persons(self) -> tuple[int, ...]:
        """The parties and the hosting guardian, who must all be present."""
        ids = (self.alpha_id, self.omega_id)
        return ids if self.guardian_id is None else (*ids, self.guardian_id)


@dataclass(frozen=True)
class Handler:
    """A handler (chaperone) who can be rostered.

    `kin` and `excluded` are person ids the handler may never attend for: kin of the
    handler, and anyone else the office has excluded (a former party, a complaint).
    """

    id: int
    person_id: int
    name: str
    home: Place
    available: tuple[Window, ...]
    weekly_cap: int
    kin: frozenset[int] = frozenset()
    excluded: frozenset[int] = frozenset()


def _default_per_kind() -> dict[str, int]:
    return {"courting_dinner": 2}


@dataclass(frozen=True)
class Customs:
    """The customs in force for rostering. Every field is a custom a jurisdiction may
    configure; the rule that a handler is never a party, the guardian or kin of either is
    a safeguard and has no switch."""

    handlers_per_kind: Mapping[str, int] = field(default_factory=_default_per_kind)
    default_handlers: int = 1  # at every Visit the Omega attends
    max_handler_km: float = 10.0  # from the handler's home to the Visit
    travel_overhead_minutes: int = 10  # leaving one house, settling at the next
    travel_speed_kmh: float = 20.0
    rest_minutes: int = 600  # between an evening duty and a next-morning duty
    evening_ends_after_minute: int = 20 * 60  # a duty ending after 20:00 is an evening duty
    morning_starts_before_minute: int = 12 * 60  # a duty starting before noon is a morning one
    start_step_minutes: int = 30

    def handlers_needed(self, request: VisitRequest) -> int:
        if not request.omega_attends:
            return 0
        return self.handlers_per_kind.get(request.kind, self.default_handlers)

    def travel_minutes(self, km: float) -> int:
        """Minutes a handler needs between two Visits `km` apart (0 at the same place)."""
        if km <= 1e-6:
            return 0
        return int(self.travel_overhead_minutes + round(60.0 * km / self.travel_speed_kmh))


@dataclass(frozen=True)
class Placement:
    """A request placed at a time with its handlers."""

    request_id: int
    courtship_id: int
    kind: str
    start: datetime
    end: datetime
    handler_ids: tuple[int, ...]
    window_index: int


@dataclass(frozen=True)
class Unplaced:
    """A request that could not be placed, with the binding constraint (`rule`) and a
    sentence a registrar can act on."""

    request_id: int
    courtship_id: int
    rule: str
    reason: str


@dataclass(frozen=True)
class Summary:
    """How good the roster is: placed required Visits against CP-SAT's proven bound."""

    method: str  # "cp-sat" or "greedy"
    requests: int
    required: int
    placed: int
    placed_required: int
    bound: int  # proven upper bound on placed required Visits
    seconds: float
    changed: int = 0  # re-plan: earlier placements moved or re-handled

    @property
    def optimal(self) -> bool:
        return self.placed_required >= self.bound

    @property
    def gap(self) -> float:
        """Relative gap of placed required Visits to the proven bound (0.0 when optimal)."""
        return 0.0 if self.bound <= 0 else max(0.0, 1.0 - self.placed_required / self.bound)

    def headline(self) -> str:
        text = f"placed {self.placed_required:,} of {self.required:,}"
        if self.method != "cp-sat":
            return f"{text} ({self.method}; no bound)"
        if self.optimal:
            return f"{text}; optimal"
        return f"{text}; within {100 * self.gap:.1f}% of the bound ({self.bound:,})"


@dataclass(frozen=True)
class Roster:
    week: str
    district: str | None
    placements: tuple[Placement, ...]
    unplaced: tuple[Unplaced, ...]
    summary: Summary
    accepted: frozenset[int] = frozenset()  # request ids whose placement is accepted
    released: tuple[Unplaced, ...] = ()  # accepted placements a change made impossible


@dataclass(frozen=True)
class Problem:
    """One week to roster."""

    week: str
    requests: tuple[VisitRequest, ...]
    handlers: tuple[Handler, ...]
    customs: Customs = field(default_factory=Customs)

    def __post_init__(self) -> None:
        week_monday(self.week)
        for label, ids in (
            ("request", [r.id for r in self.requests]),
            ("handler", [h.id for h in self.handlers]),
        ):
            if len(set(ids)) != len(ids):
                raise InvalidInput(f"duplicate {label} ids in the input", rule="roster_input")

    def in_district(self, district: str | None) -> Problem:
        """The requests placed in `district` and the handlers living there."""
        if district is None:
            return self
        return Problem(
            self.week,
            tuple(r for r in self.requests if r.place.district == district),
            tuple(h for h in self.handlers if h.home.district == district),
            self.customs,
        )


def week_monday(week: str) -> date:
    """'2026-W49' -> the Monday of that ISO week; a clear error on anything else."""
    try:
        year_text, num_text = week.upper().split("-W")
        return date.fromisocalendar(int(year_text), int(num_text), 1)
    except ValueError:
        raise InvalidInput(
            f"week '{week}' is not an ISO week like 2026-W49", rule="roster_week"
        ) from None


def week_start(week: str) -> datetime:
    return datetime.combine(week_monday(week), datetime.min.time())


def to_minute(week: str, moment: datetime) -> int:
    return int((moment - week_start(week)).total_seconds() // 60)


def from_minute(week: str, minute: int) -> datetime:
    return week_start(week) + timedelta(minutes=minute)


def describe_slot(minute: int) -> str:
    """Minute-of-week -> 'Tuesday evening' (the words a reason uses)."""
    day, in_day = divmod(minute, 24 * 60)
    part = "morning" if in_day < 12 * 60 else "afternoon" if in_day < 17 * 60 else "evening"
    name = DAY_NAMES[day] if 0 <= day < 7 else "outside the week"
    return f"{name} {part}"

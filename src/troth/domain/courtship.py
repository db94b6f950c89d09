"""Courtships and Visits: entities and the rules that judge them.

A courtship is always one Alpha and one Omega. The Omega's own consent opens it; either
party may end it at any time. Visits are scheduled, then held, missed or cancelled; a held
Visit counts toward the customary number only if the customary handlers were present.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from troth.domain.customs import Customs
from troth.domain.errors import InvalidInput
from troth.domain.verdicts import Finding


class CourtshipStatus(StrEnum):
    PROPOSED = "proposed"  # awaiting the Omega's consent
    OPEN = "open"
    DECLINED = "declined"
    ENDED = "ended"
    BONDED = "bonded"


class VisitKind(StrEnum):
    INTRODUCTION = "introduction"
    DINNER = "dinner"
    TEA = "tea"
    WALK = "walk"
    FILM = "film"
    OUTING = "outing"


class VisitStatus(StrEnum):
    SCHEDULED = "scheduled"
    HELD = "held"
    MISSED = "missed"
    CANCELLED = "cancelled"


MISSED_REASONS = ("absent", "late", "unwilling")
DURATION_MINUTES = {VisitKind.INTRODUCTION: 60, VisitKind.DINNER: 180, VisitKind.TEA: 90,
                    VisitKind.WALK: 90, VisitKind.FILM: 150, VisitKind.OUTING: 180}


def parse_kind(text: str) -> VisitKind:
    try:
        return VisitKind(text.strip().lower())
    except ValueError:
        kinds = ", ".join(k.value for k in VisitKind)
        raise InvalidInput(f"'{text}' is not a kind of Visit; use one of {kinds}",
                           rule="visit_kind") from None


@dataclass
class Consent:
    person_id: int
    stage: str  # "courtship" | "bonding"
    given: bool
    on: date


@dataclass
class Visit:
    id: int
    courtship_id: int
    kind: VisitKind
    starts_at: datetime
    place: str
    at_omega_residence: bool
    handlers: tuple[int, ...]
    status: VisitStatus = VisitStatus.SCHEDULED
    handlers_present: tuple[int, ...] = ()
    omega_attended: bool = False
    counted: bool = False
    flag: str = ""
    note: str = ""

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=DURATION_MINUTES[self.kind])

    def overlaps(self, other: Visit) -> bool:
        return self.starts_at < other.ends_at and other.starts_at < self.ends_at


@dataclass
class Waiver:
    id: int
    courtship_id: int
    custom: str
    granted_by: str  # "registrar" | "families"
    reason: str
    on: date
    granted_by_ids: tuple[int, ...] = ()  # the people who granted it
    relations: tuple[str, ...] = ()  # each one's relation to the courtship


@dataclass
class Courtship:
    id: int
    alpha_id: int
    omega_id: int
    sponsor_id: int | None
    proposed_on: date
    status: CourtshipStatus = CourtshipStatus.PROPOSED
    ended_by: int | None = None
    ended_on: date | None = None
    end_reason: str = ""
    guardian_ack: int | None = None
    consents: list[Consent] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    waivers: list[Waiver] = field(default_factory=list)

    @property
    def is_live(self) -> bool:
        return self.status in (CourtshipStatus.PROPOSED, CourtshipStatus.OPEN)

    def parties(self) -> tuple[int, int]:
        return (self.alpha_id, self.omega_id)

    def latest_consent(self, person_id: int, stage: str,
                       by: date | None = None) -> Consent | None:
        """The person's latest word on a stage (recorded on or before `by`, if given)."""
        found = [c for c in self.consents if c.person_id == person_id and c.stage == stage
                 and (by is None or c.on <= by)]
        return found[-1] if found else None

    def consented(self, person_id: int, stage: str, by: date | None = None) -> bool:
        c = self.latest_consent(person_id, stage, by)
        return c is not None and c.given

    def opened_on(self) -> date:
        """When the Omega's consent opened the courtship (else when it was proposed)."""
        c = self.latest_consent(self.omega_id, "courtship")
        return c.on if c is not None and c.given else self.proposed_on

    def counted_visits(self, by: date | None = None) -> int:
        return sum(1 for v in self.visits if v.status is VisitStatus.HELD and v.counted
                   and (by is None or v.starts_at.date() <= by))

    def waived(self, custom: str, by: date | None = None) -> Waiver | None:
        found = [w for w in self.waivers if w.custom == custom and (by is None or w.on <= by)]
        return found[-1] if found else None


def handlers_required(kind: VisitKind, customs: Customs) -> int:
    return customs.handlers_per_dinner if kind is VisitKind.DINNER else customs.handlers_per_visit


def visit_findings(c: Courtship, kind: VisitKind, at_home: bool, handlers: tuple[int, ...],
                   customs: Customs) -> list[Finding]:
    """Customs a new Visit would depart from (each needs a waiver, or is noted)."""
    findings = []
    number = 1 + sum(1 for v in c.visits if v.status is not VisitStatus.CANCELLED)
    if number <= customs.first_visits_at_omega_residence and not at_home and not c.waived(
            "first_visits_at_omega_residence"):
        findings.append(Finding(
            "first_visits_at_omega_residence",
            f"Visit {number} is one of the first {customs.first_visits_at_omega_residence},"
            " which by custom take place at the Omega's residence; record a waiver to hold it"
            " elsewhere"))
    short = handlers_finding(kind, len(handlers), customs)
    return findings + ([short] if short else [])


def handlers_finding(kind: VisitKind, assigned: int, customs: Customs) -> Finding | None:
    """The customs finding for a Visit with fewer handlers assigned than the custom says."""
    need = handlers_required(kind, customs)
    if assigned >= need:
        return None
    return Finding(
        "handlers_per_visit",
        f"a {kind.value} needs {need} handler(s) by custom and {assigned} are assigned;"
        " if held so, it will be flagged and will not count toward the customary number")


def visit_notes(visit: Visit, customs: Customs) -> list[Finding]:
    """What the families are told about a scheduled Visit at once: each custom it departs
    from (today: too few handlers), so nobody learns it only when it is not counted."""
    if visit.status is not VisitStatus.SCHEDULED:
        return []
    short = handlers_finding(visit.kind, len(visit.handlers), customs)
    return [short] if short else []


def bonding_custom_findings(c: Courtship, customs: Customs,
                            on: date | None = None) -> list[Finding]:
    """Customs a bonding on `on` would depart from, counting what was on record by then."""
    held, need = c.counted_visits(on), customs.min_visits_before_bonding
    if held >= need or c.waived("min_visits_before_bonding", on):
        return []
    return [Finding(
        "min_visits_before_bonding",
        f"{held} of the {need} customary Visits have been held; a bonding now needs a"
        " recorded waiver")]

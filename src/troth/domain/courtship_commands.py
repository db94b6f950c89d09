"""Commands of courtship: introductions, consents, Visits, incidents and welfare reviews,
waivers, ceremonies and bonds, annulments and the physician's findings for them. Their
rules: courtship_rules.py, bonding.py, welfare.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from troth.domain.commands import Command


@dataclass(frozen=True)
class ProposeIntroduction(Command):
    alpha_id: int
    omega_id: int
    sponsor_id: int | None
    on: date
    note: str = ""


@dataclass(frozen=True)
class RecordConsent(Command):
    """A party's own consent (given=True) or refusal, to the courtship or to the bonding."""

    courtship_id: int
    person_id: int
    given: bool
    on: date
    stage: str = "courtship"  # courtship | bonding


@dataclass(frozen=True)
class DeclarePressure(Command):
    """A party asked for a consent says, in confidence, that they are being pressured: no
    consent is recorded, and a welfare review opens that the registry alone sees."""

    courtship_id: int
    person_id: int
    stage: str  # courtship | bonding: the consent she was asked for
    on: date


@dataclass(frozen=True)
class AcknowledgeAsGuardian(Command):
    courtship_id: int
    guardian_id: int
    on: date


@dataclass(frozen=True)
class EndCourtship(Command):
    courtship_id: int
    by_id: int
    on: date
    reason: str = ""


@dataclass(frozen=True)
class ScheduleVisit(Command):
    courtship_id: int
    kind: str
    starts_at: datetime
    place: str
    at_omega_residence: bool
    handlers: tuple[int, ...]


@dataclass(frozen=True)
class RecordVisitHeld(Command):
    visit_id: int
    handlers_present: tuple[int, ...]
    omega_attended: bool = True
    note: str = ""


@dataclass(frozen=True)
class RecordVisitMissed(Command):
    visit_id: int
    reason: str  # absent | late | unwilling
    note: str = ""


@dataclass(frozen=True)
class CancelVisit(Command):
    visit_id: int
    reason: str


@dataclass(frozen=True)
class ReportIncident(Command):
    kind: str
    reported_by: int
    on: date
    description: str
    about_id: int | None = None
    visit_id: int | None = None
    guardianship_id: int | None = None


@dataclass(frozen=True)
class CloseIncident(Command):
    incident_id: int
    outcome: str
    on: date


@dataclass(frozen=True)
class DecideWelfareReview(Command):
    """The registrar decides the review an incident opened: the guardian kept (with
    reasons), or the guardianship transferred (to a new guardian, by a court order) or
    revoked. The incident leaves the queue."""

    incident_id: int
    outcome: str  # kept | transferred | revoked
    reasons: str
    decided_by: int
    on: date
    new_guardian_id: int | None = None
    court: str = ""
    order_ref: str = ""


@dataclass(frozen=True)
class AssignWelfareReviews(Command):
    """A registrar assigns open incidents of the welfare queue (one, or several at once) to
    a registrar's account, which works them to a decision. Nothing is decided by it; the
    day is the registry's today."""

    incident_ids: tuple[int, ...]
    assignee: int  # the registrar account that works them
    assigned_by: int  # the registrar account assigning them


@dataclass(frozen=True)
class GrantWaiver(Command):
    courtship_id: int
    custom: str
    granted_by: str  # registrar | families
    reason: str
    on: date
    granted_by_ids: tuple[int, ...] = ()  # the people who grant it
    relations: tuple[str, ...] = ()  # each one's relation to the courtship ("" = derive)


@dataclass(frozen=True)
class ScheduleCeremony(Command):
    courtship_id: int
    officiant_id: int
    witnesses: tuple[str, ...]
    on: date
    at: str | None = None  # the time of day, HH:MM (24 hours); None: not fixed
    place: str | None = None  # where it is held, in words ("Registry hall, Jakku")


@dataclass(frozen=True)
class SealBond(Command):
    ceremony_id: int
    officiant_id: int
    household: str
    on: date


@dataclass(frozen=True)
class PetitionAnnulment(Command):
    bond_id: int
    petitioner_id: int
    grounds: str
    evidence: str
    on: date
    finding_id: int | None = None  # a physician's finding (a health entry) to attach
    finding_consent_by: int | None = None  # who releases it: only the person it concerns
    attested_by: int | None = None  # she releases it in person: the registrar's account


@dataclass(frozen=True)
class RecordFinding(Command):
    """A physician she chose records a finding in her health file. Its `kind` (FINDING_KINDS
    in health.py): a plain finding (""), "no_heats_expected" (the heat forecast then says
    none are expected), or "no_heats_withdrawn" (a later finding withdrawing that one)."""

    person_id: int
    by_id: int
    text: str
    on: date
    kind: str = ""


@dataclass(frozen=True)
class ReleaseFinding(Command):
    """She releases her finding for one petition (or withdraws it, before the decision)."""

    petition_id: int
    finding_id: int
    by_id: int
    release: bool = True
    attested_by: int | None = None


@dataclass(frozen=True)
class DecideAnnulment(Command):
    petition_id: int
    granted: bool
    reasons: str
    on: date
    dissolve_on: date | None = None

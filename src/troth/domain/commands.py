"""Commands: imperatives a person issues to the registry. Small frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from troth.domain.people import OtherName, Scent


@dataclass(frozen=True)
class Command:
    pass


@dataclass(frozen=True)
class RegisterPerson(Command):
    legal_name: str
    born: date
    other_names: tuple[OtherName, ...] = ()
    parents: tuple[int, ...] = ()
    scent: Scent | None = None
    district: str = ""
    # Registering someone who looks like a registered person: who, and why not the same.
    not_duplicate_of: tuple[int, ...] = ()
    not_duplicate_reason: str = ""


@dataclass(frozen=True)
class RegisterBirth(Command):
    legal_name: str
    born: date
    parents: tuple[int, ...]
    district: str = ""


@dataclass(frozen=True)
class RecordDeath(Command):
    person_id: int
    died: date


@dataclass(frozen=True)
class RecordPresentation(Command):
    person_id: int
    designation: str
    on: date
    reason: str = ""


@dataclass(frozen=True)
class AppointGuardian(Command):
    ward_id: int
    guardian_id: int
    court: str
    order_ref: str
    start: date
    reason: str = ""  # recorded: a custom set aside, or why a ward with living parents
    court_waiver_ref: str = ""  # the court's reference waiving an open welfare review


@dataclass(frozen=True)
class TransferGuardianship(Command):
    ward_id: int
    new_guardian_id: int
    court: str
    order_ref: str
    on: date
    reason: str = ""
    court_waiver_ref: str = ""


@dataclass(frozen=True)
class EndGuardianship(Command):
    ward_id: int
    on: date
    how: str = "ended"  # ended | revoked
    note: str = ""


# --- courtship --------------------------------------------------------------------------


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
    """A physician she chose records a finding in her health file."""

    person_id: int
    by_id: int
    text: str
    on: date


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


# --- health (private to the owner) -------------------------------------------------------


@dataclass(frozen=True)
class RecordHeat(Command):
    person_id: int
    by_id: int
    start: date
    end: date | None = None
    temperature: float | None = None
    scent_intensity: int | None = None
    seeks_partner: bool = False
    notes: str = ""


@dataclass(frozen=True)
class CorrectHeat(Command):
    heat_id: int
    by_id: int
    start: date
    end: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class ExcludeHeat(Command):
    heat_id: int
    by_id: int
    reason: str
    excluded: bool = True


@dataclass(frozen=True)
class RecordPregnancy(Command):
    person_id: int
    by_id: int
    estimated_conception: date | None = None
    heat_id: int | None = None


@dataclass(frozen=True)
class EndPregnancy(Command):
    pregnancy_id: int
    by_id: int
    on: date
    outcome: str  # birth | loss | other
    child_id: int | None = None


@dataclass(frozen=True)
class ShareHealth(Command):
    """The owner grants (or revokes) read access to a physician or a partner."""

    owner_id: int
    grantee_id: int
    role: str = "physician"
    grant: bool = True
    by_id: int | None = None  # who asks; only the owner may (None: the owner herself)

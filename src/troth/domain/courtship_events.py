"""Events of courtship, Visits, incidents, waivers, bonding and annulment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from troth.domain.events import Event


@dataclass(frozen=True)
class _OnDate(Event):
    kind: ClassVar[str] = "_on_date"

    @property
    def effective(self) -> date:
        return self.on  # type: ignore[attr-defined, no-any-return]


@dataclass(frozen=True)
class IntroductionProposed(_OnDate):
    kind: ClassVar[str] = "introduction_proposed"
    courtship_id: int
    alpha_id: int
    omega_id: int
    sponsor_id: int | None
    on: date
    note: str = ""

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.alpha_id, self.omega_id) + ((self.sponsor_id,) if self.sponsor_id else ())


@dataclass(frozen=True)
class ConsentRecorded(_OnDate):
    kind: ClassVar[str] = "consent_recorded"
    courtship_id: int
    person_id: int
    other_id: int
    stage: str
    given: bool
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.person_id, self.other_id)


@dataclass(frozen=True)
class GuardianAcknowledged(_OnDate):
    kind: ClassVar[str] = "guardian_acknowledged"
    courtship_id: int
    guardian_id: int
    ward_id: int
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.guardian_id, self.ward_id)


@dataclass(frozen=True)
class CourtshipEnded(_OnDate):
    kind: ClassVar[str] = "courtship_ended"
    courtship_id: int
    by_id: int
    alpha_id: int
    omega_id: int
    on: date
    reason: str = ""

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.alpha_id, self.omega_id)


@dataclass(frozen=True)
class VisitScheduled(_OnDate):
    kind: ClassVar[str] = "visit_scheduled"
    visit_id: int
    courtship_id: int
    alpha_id: int
    omega_id: int
    visit_kind: str
    starts_at: str  # ISO datetime
    place: str
    at_omega_residence: bool
    handlers: tuple[int, ...]
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.alpha_id, self.omega_id, *self.handlers)


@dataclass(frozen=True)
class VisitHeld(_OnDate):
    kind: ClassVar[str] = "visit_held"
    visit_id: int
    courtship_id: int
    alpha_id: int
    omega_id: int
    handlers_present: tuple[int, ...]
    counted: bool
    flag: str
    on: date
    note: str = ""

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.alpha_id, self.omega_id, *self.handlers_present)


@dataclass(frozen=True)
class VisitMissed(_OnDate):
    kind: ClassVar[str] = "visit_missed"
    visit_id: int
    courtship_id: int
    alpha_id: int
    omega_id: int
    reason: str
    on: date
    note: str = ""

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.alpha_id, self.omega_id)


@dataclass(frozen=True)
class VisitCancelled(_OnDate):
    kind: ClassVar[str] = "visit_cancelled"
    visit_id: int
    courtship_id: int
    alpha_id: int
    omega_id: int
    reason: str
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.alpha_id, self.omega_id)


@dataclass(frozen=True)
class IncidentReported(_OnDate):
    kind: ClassVar[str] = "incident_reported"
    incident_id: int
    incident_kind: str
    reported_by: int
    about_id: int | None
    visit_id: int | None
    guardianship_id: int | None
    opens_review: bool
    description: str
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.reported_by,) + ((self.about_id,) if self.about_id else ())


@dataclass(frozen=True)
class IncidentClosed(_OnDate):
    kind: ClassVar[str] = "incident_closed"
    incident_id: int
    outcome: str
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return ()


@dataclass(frozen=True)
class WelfareReviewDecided(_OnDate):
    """A welfare review decided: the guardian kept, or the guardianship transferred or
    revoked (its end, and any new appointment, are recorded beside it)."""

    kind: ClassVar[str] = "welfare_review_decided"
    incident_id: int
    outcome: str  # kept | transferred | revoked
    reasons: str
    decided_by: int
    guardianship_id: int | None
    ward_id: int | None
    guardian_id: int | None
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return tuple(p for p in (self.ward_id, self.guardian_id) if p is not None)


@dataclass(frozen=True)
class WelfareReviewAssigned(_OnDate):
    """An open incident of the welfare queue assigned to a registrar's account. The office's
    own work: it joins no one's history (a pressured-consent review stays the registry's)."""

    kind: ClassVar[str] = "welfare_review_assigned"
    incident_id: int
    assignee: int  # account id
    assigned_by: int  # account id
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return ()


@dataclass(frozen=True)
class WaiverGranted(_OnDate):
    kind: ClassVar[str] = "waiver_granted"
    waiver_id: int
    courtship_id: int
    alpha_id: int
    omega_id: int
    custom: str
    granted_by: str  # registrar | families
    reason: str
    on: date
    granted_by_ids: tuple[int, ...] = ()  # the people who granted it (absent before 0011)
    relations: tuple[str, ...] = ()  # each one's relation to the courtship

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.alpha_id, self.omega_id, *self.granted_by_ids)


@dataclass(frozen=True)
class CeremonyScheduled(_OnDate):
    kind: ClassVar[str] = "ceremony_scheduled"
    ceremony_id: int
    courtship_id: int
    alpha_id: int
    omega_id: int
    officiant_id: int
    witnesses: tuple[str, ...]
    on: date
    at: str = ""  # HH:MM, "" when not fixed (absent before 0020)
    place: str = ""  # where, in words; "" when not named (absent before 0020)

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.alpha_id, self.omega_id, self.officiant_id)


@dataclass(frozen=True)
class BondSealed(_OnDate):
    kind: ClassVar[str] = "bond_sealed"
    bond_id: int
    ceremony_id: int
    courtship_id: int
    alpha_id: int
    omega_id: int
    officiant_id: int
    witnesses: tuple[str, ...]
    household: str
    certificate_code: str
    waivers: tuple[str, ...]
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.alpha_id, self.omega_id, self.officiant_id)


@dataclass(frozen=True)
class AnnulmentPetitioned(_OnDate):
    kind: ClassVar[str] = "annulment_petitioned"
    petition_id: int
    bond_id: int
    petitioner_id: int
    other_id: int
    grounds: str
    evidence: str
    physician_id: int | None
    finding: str
    finding_consent_by: int | None
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.petitioner_id, self.other_id)


@dataclass(frozen=True)
class AnnulmentDecided(_OnDate):
    kind: ClassVar[str] = "annulment_decided"
    petition_id: int
    bond_id: int
    alpha_id: int
    omega_id: int
    granted: bool
    reasons: str
    dissolved_on: date | None
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.alpha_id, self.omega_id)


@dataclass(frozen=True)
class HealthEntryRecorded(_OnDate):
    """A private health entry: the ledger keeps only its salted digest, no content, no owner."""

    kind: ClassVar[str] = "health_entry_recorded"
    entry_id: int
    digest: str
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return ()


@dataclass(frozen=True)
class FindingReleased(_OnDate):
    """She released her physician's finding for one petition. Ids only: the finding's text
    stays in her health file (the ledger holds its salted digest)."""

    kind: ClassVar[str] = "finding_released"
    petition_id: int
    finding_id: int
    owner_id: int
    attested_by: int | None  # the registrar's account, when given in person at the office
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.owner_id,)


@dataclass(frozen=True)
class FindingReleaseWithdrawn(_OnDate):
    kind: ClassVar[str] = "finding_release_withdrawn"
    petition_id: int
    finding_id: int
    owner_id: int
    attested_by: int | None
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.owner_id,)

"""Bodies of the courtship, Visit, incident, ceremony, bond and annulment endpoints.

Where a command names the person acting (who consents, who reports, who seals ...), the
API fills it from the signed-in account; only the registrar may name someone else.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, model_validator

from troth.web.api.schemas import Id, Name, Note, PageMeta, Strict

Witness = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\x00]*$")]


class ProposeIn(Strict):
    alpha_id: Id
    omega_id: Id
    on: date
    note: Note = ""
    sponsor_id: Id | None = Field(None, description="The registrar only; a sponsor is"
                                  " recorded as the signed-in person.")


class ConsentIn(Strict):
    given: bool
    on: date
    stage: Literal["courtship", "bonding"] = "courtship"
    pressured: bool = Field(False, description="In confidence: the party is being pressured."
                            " No consent is recorded, and a welfare review opens that the"
                            " registry alone sees. Send it with `given` false.")

    @model_validator(mode="after")
    def _pressured_gives_nothing(self) -> ConsentIn:
        if self.pressured and self.given:
            raise ValueError("a pressured answer records no consent: send 'given' false")
        return self


class AcknowledgeIn(Strict):
    on: date
    guardian_id: Id | None = Field(None, description="The registrar only.")


class EndCourtshipIn(Strict):
    on: date
    reason: Note = ""
    by_id: Id | None = Field(None, description="The registrar only: the party ending it.")


class WaiverIn(Strict):
    custom: Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[a-z_]+$")]
    granted_by: Literal["registrar", "families"] = "registrar"
    reason: Name
    on: date
    granted_by_ids: Annotated[list[Id], Field(max_length=10, description=(
        "The people who grant the waiver."))] = Field(default_factory=list)
    relations: Annotated[list[Note], Field(max_length=10, description=(
        "Each one's relation to the courtship, in the same order; empty where the registry"
        " knows it (a party, the sponsor, the Omega's guardian)."))] = Field(
        default_factory=list)


class VisitIn(Strict):
    kind: Literal["introduction", "dinner", "tea", "walk", "film", "outing"]
    starts_at: datetime
    place: Name
    at_omega_residence: bool
    handlers: Annotated[list[Id], Field(max_length=10)]


class HeldIn(Strict):
    handlers_present: Annotated[list[Id], Field(max_length=10)]
    omega_attended: bool = True
    note: Note = ""


class MissedIn(Strict):
    reason: Literal["absent", "late", "unwilling"]
    note: Note = ""


class CancelIn(Strict):
    reason: Name


class IncidentIn(Strict):
    kind: Annotated[str, Field(min_length=1, max_length=30, pattern=r"^[a-z_]+$")]
    on: date
    description: Annotated[str, Field(min_length=1, max_length=4000, pattern=r"^[^\x00]*$")]
    about_id: Id | None = None
    visit_id: Id | None = None
    guardianship_id: Id | None = None
    reported_by: Id | None = Field(None, description="The registrar only.")


class CloseIncidentIn(Strict):
    outcome: Name
    on: date


class AssignmentIn(Strict):
    incident_ids: list[Id] = Field(min_length=1, max_length=200,
                                   description="Open incidents of the welfare queue.")
    assignee: Id | None = Field(None, description="A registrar's account; default: the"
                                " signed-in account.")


class AssignmentOut(BaseModel):
    assigned: int = Field(description="How many were newly assigned (one ledger entry each).")


class ReviewDecisionIn(Strict):
    outcome: Literal["kept", "transferred", "revoked"]
    reasons: Name
    on: date
    decided_by: Id | None = Field(None, description="Default: the signed-in registrar's person.")
    new_guardian_id: Id | None = Field(None, description="For a transfer: the new guardian.")
    court: Note = Field("", description="For a transfer: the court that made the order.")
    order_ref: Note = Field("", description="For a transfer: the order's reference.")


class CeremonyIn(Strict):
    officiant_id: Id
    witnesses: Annotated[list[Witness], Field(max_length=10)]
    on: date
    at: Annotated[str | None, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$",
                                    description="The time of day, HH:MM (24 hours).")] = None
    place: Annotated[str | None, Field(min_length=1, max_length=200, pattern=r"^[^\x00]*$",
                                       description="Where it is held, in words.")] = None


class SealIn(Strict):
    household: Name
    on: date
    officiant_id: Id | None = Field(None, description="The registrar only.")


class PetitionIn(Strict):
    grounds: Annotated[str, Field(min_length=1, max_length=20, pattern=r"^[a-z_]+$")]
    evidence: Note
    on: date
    finding_id: Id | None = Field(None, description="A physician's finding (her health entry)"
                                  " to attach: only the person it concerns releases it.")
    finding_consent_by: Id | None = Field(None, description="Who releases the finding: the"
                                          " person it concerns (default: the petitioner).")
    petitioner_id: Id | None = Field(None, description="The registrar only.")
    attested: bool = Field(False, description="The registrar only: the person the finding"
                           " concerns releases it in person at the office.")


class FindingIn(Strict):
    text: Note
    on: date
    kind: Literal["", "no_heats_expected", "no_heats_withdrawn"] = Field(
        "", description='"" (a plain finding); "no_heats_expected": the heat forecast says'
        ' none are expected from `on`; "no_heats_withdrawn": a later finding withdrawing it.')


class ReleaseIn(Strict):
    petition_id: Id
    release: bool = Field(True, description="false withdraws the release (until decided).")


class ReleasedFindingOut(BaseModel):
    finding_id: int
    owner_id: int
    physician_id: int
    text: str
    on: date
    released_on: date
    attested_by: int | None


class DecisionIn(Strict):
    granted: bool
    reasons: Name
    on: date
    dissolve_on: date | None = None


class CodeIn(Strict):
    code: Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[^\x00]*$")]


class FindingOut(BaseModel):
    rule: str
    reason: str


class ScheduledVisitOut(BaseModel):
    id: int
    notes: list[FindingOut] = Field(
        default=[], description="Customs this Visit departs from, said at once (too few"
        " handlers: it will be flagged and not counted if held so).")


class VerdictOut(BaseModel):
    outcome: str
    findings: list[FindingOut]


class ConsentOut(BaseModel):
    person_id: int
    stage: str
    given: bool
    on: date


class VisitOut(BaseModel):
    id: int
    courtship_id: int
    kind: str
    starts_at: datetime
    place: str
    at_omega_residence: bool
    status: str
    counted: bool
    flag: str
    note: str
    handlers: list[int]
    handlers_present: list[int]


class WaiverOut(BaseModel):
    id: int
    custom: str
    granted_by: str
    reason: str
    on: date
    granted_by_ids: list[int] = []
    relations: list[str] = []


class CourtshipOut(BaseModel):
    id: int
    alpha_id: int
    omega_id: int
    sponsor_id: int | None
    proposed_on: date
    status: str
    ended_by: int | None
    ended_on: date | None
    end_reason: str
    guardian_ack: int | None
    consents: list[ConsentOut]
    visits: list[VisitOut]
    waivers: list[WaiverOut]
    bonding: VerdictOut = Field(description="The verdict on a bonding today, with reasons.")


class CourtshipPage(PageMeta):
    items: list[CourtshipOut]


class IncidentOut(BaseModel):
    id: int
    kind: str
    reported_by: int
    about_id: int | None
    visit_id: int | None
    guardianship_id: int | None
    opens_review: bool
    description: str
    on: date
    status: str
    outcome: str
    decision: str = ""
    decided_by: int | None = None
    decided_on: date | None = None


class IncidentPage(PageMeta):
    items: list[IncidentOut]


class CeremonyOut(BaseModel):
    id: int
    courtship_id: int
    officiant_id: int
    witnesses: list[str]
    on: date
    status: str
    at: str | None = Field(None, description="The time of day, HH:MM; null when not fixed.")
    place: str | None = Field(None, description="Where it is held; null when not named.")


class BondOut(BaseModel):
    id: int
    alpha_id: int
    omega_id: int
    courtship_id: int
    sealed_on: date
    household: str
    certificate_code: str
    dissolved_on: date | None


class PetitionOut(BaseModel):
    id: int
    bond_id: int
    petitioner_id: int
    grounds: str
    evidence: str
    finding_consent_by: int | None
    findings: list[ReleasedFindingOut] = Field(
        description="Findings released for this petition by the person each concerns.")
    filed_on: date
    status: str
    decided_on: date | None
    reasons: str


class CertificateOut(BaseModel):
    valid: bool
    message: str
    names: list[str]
    sealed_on: date | None
    officiant: str
    witnesses: list[str]


def fields_of(model: type[BaseModel], row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in model.model_fields if k in row}


"""Bodies of the marriage endpoints. Where a command names the person acting (who consents,
who solemnises, who petitions), the API fills it from the signed-in account; only the
registrar may name someone else, and a consent or petition the registrar records for
another is recorded as given in person at the office, attested by the registrar."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, Field

from troth.web.api.schemas import Id, Name, Note, Strict

Witness = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\x00]*$")]


class MarriageConsentIn(Strict):
    partner_id: Id
    on: date


class WithdrawalIn(Strict):
    on: date
    person_id: Id | None = Field(None, description="The registrar only: a person withdrawing"
                                 " in person at the office.")


class SolemniseIn(Strict):
    witnesses: list[Witness] = Field(min_length=1, max_length=12)
    on: date
    officiant_id: Id | None = Field(None, description="The registrar only; an officiant"
                                    " solemnises as themself.")


class DissolutionIn(Strict):
    grounds: Annotated[str, Field(min_length=1, max_length=20, pattern=r"^[a-z_]+$",
                                  description="breakdown, mutual_wish, cruelty, desertion or"
                                  " other")]
    evidence: Note = ""
    on: date
    petitioner_id: Id | None = Field(None, description="The registrar only: a spouse"
                                     " petitioning in person at the office.")


class DissolutionDecisionIn(Strict):
    granted: bool
    reasons: Name
    on: date
    dissolve_on: date | None = None


class MarriageOut(BaseModel):
    id: int
    spouse1_id: int
    spouse2_id: int
    status: str
    consents: dict[int, date]
    officiant_id: int | None
    witnesses: list[str]
    solemnised_on: date | None
    certificate_code: str
    dissolved_on: date | None


class DissolutionOut(BaseModel):
    id: int
    marriage_id: int
    petitioner_id: int
    grounds: str
    evidence: str
    filed_on: date
    status: str
    decided_on: date | None
    reasons: str


class MarriageCertificateOut(BaseModel):
    valid: bool
    message: str
    names: list[str]
    solemnised_on: date | None
    officiant: str
    witnesses: list[str]

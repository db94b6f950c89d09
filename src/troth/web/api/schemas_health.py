"""Bodies of the health API: private records, shown only to whom the owner chose."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from troth.web.api.schemas import Id, Note, Strict

Temperature = Annotated[float, Field(ge=34.0, le=43.0, allow_inf_nan=False)]
Intensity = Annotated[int, Field(ge=0, le=10)]


class HeatIn(Strict):
    start: date
    end: date | None = None
    temperature: Temperature | None = None
    scent_intensity: Intensity | None = None
    seeks_partner: bool = False
    notes: Note = ""


class HeatCorrectionIn(Strict):
    start: date
    end: date | None = None
    notes: Note = ""


class ExclusionIn(Strict):
    reason: Note = ""
    excluded: bool = True


class PregnancyIn(Strict):
    estimated_conception: date | None = None
    heat_id: Id | None = None


class PregnancyEndIn(Strict):
    on: date
    outcome: Literal["birth", "loss", "other"]
    child_id: Id | None = None


class ShareIn(Strict):
    grantee_id: Id
    role: Literal["physician", "partner"] = "physician"


class HeatOut(BaseModel):
    id: int
    start: date
    end: date | None
    temperature: float | None
    scent_intensity: int | None
    seeks_partner: bool
    notes: str
    excluded: bool
    exclusion_reason: str
    corrected: bool


class PregnancyOut(BaseModel):
    id: int
    estimated_conception: date
    expected_birth: date
    heat_id: int | None
    ended_on: date | None
    outcome: str
    child_id: int | None


class ShareOut(BaseModel):
    grantee_id: int
    role: str


class HealthOut(BaseModel):
    person_id: int
    heats: list[HeatOut]
    pregnancies: list[PregnancyOut]
    shares: list[ShareOut] = Field(description="Shown to the owner only.")


class ForecastOut(BaseModel):
    state: str
    message: str
    most_likely: date | None
    interval_50: tuple[date, date] | None
    interval_80: tuple[date, date] | None
    p_within_7: float | None
    p_within_30: float | None
    confidence: str


class ReadOut(BaseModel):
    """One logged use of her health record: when, by which account (null: the office's
    console with no operator named), what, allowed or not, and from which page, endpoint or
    CLI command (a template, never a URL)."""

    at: str
    account_id: int | None
    action: str
    allowed: bool
    source: str


class ReadsOut(BaseModel):
    items: list[ReadOut] = Field(description="Newest first; at most 500.")

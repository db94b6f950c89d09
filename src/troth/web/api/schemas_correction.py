"""Request and response bodies of corrections by two hands."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from troth.web.api.schemas import Id, Note, Short, Strict


class CorrectionIn(Strict):
    person_id: Id
    field: Short = Field(description="legal_name, other_names, born, parents, district,"
                         " scent or designation.")
    value: Note = Field(description="The corrected value: a name; a date YYYY-MM-DD; parents"
                        " '3,4' (or 'none'); other names 'work: Kylo; family: Solo'; a scent"
                        " 'GIVES | DRAWS | NOTES'; a designation alpha, beta or omega.")
    evidence: Note = Field(description="What the correction rests on. Required.")
    court_order_ref: Short = Field("", description="Required to correct a designation.")


class DecisionIn(Strict):
    reason: Note = Field("", description="Why; required to reject.")


class CorrectionOut(BaseModel):
    id: int
    person_id: int
    field: str
    old: str
    new: str
    old_shown: str
    new_shown: str
    evidence: str
    court_order_ref: str
    requested_by: int
    requested_on: date
    state: str
    decided_by: int | None
    decided_on: date | None
    reason: str

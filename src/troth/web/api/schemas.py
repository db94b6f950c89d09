"""Request and response bodies of the JSON API (people, guardianships, ledger, accounts).

Every string is bounded and free of NUL characters, every id fits a 32-bit column, so
bad input is a 422 with the standard error body, never a database error.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from troth.domain.people import Designation
from troth.domain.policy import Role
from troth.web.auth import MAX_TOKEN_DAYS, TOKEN_DAYS
from troth.web.ids import MAX_ID

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
NO_NUL = r"^[^\x00]*$"


Name = Annotated[str, Field(min_length=1, max_length=200, pattern=NO_NUL)]
Short = Annotated[str, Field(max_length=200, pattern=NO_NUL)]
Note = Annotated[str, Field(max_length=2000, pattern=NO_NUL)]
Number = Annotated[float, Field(allow_inf_nan=False, ge=-1e6, le=1e6)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Created(BaseModel):
    id: int


class OtherNameIO(Strict):
    kind: Annotated[str, Field(min_length=1, max_length=40, pattern=NO_NUL)]
    name: Name


class ScentIO(Strict):
    gives: Annotated[list[Number], Field(min_length=1, max_length=64)]
    draws: Annotated[list[Number], Field(min_length=1, max_length=64)]
    notes: Note = ""


class ScentIn(ScentIO):
    on: date = Field(description="The day the physician measured it (not after today).")


class PersonIn(Strict):
    legal_name: Name
    born: date
    other_names: Annotated[list[OtherNameIO], Field(max_length=10)] = []
    parents: Annotated[list[Id], Field(max_length=2)] = []
    scent: ScentIO | None = None
    district: Annotated[str, Field(max_length=100, pattern=NO_NUL)] = ""
    not_duplicate_of: Annotated[list[Id], Field(max_length=20, description=(
        "Registered people this one resembles but is not (a 409 lists them)."))] = []
    not_duplicate_reason: Note = Field("", description="Why not: recorded in the ledger.")


class BirthIn(Strict):
    legal_name: Name
    born: date
    parents: Annotated[list[Id], Field(min_length=1, max_length=2)]
    district: Annotated[str, Field(max_length=100, pattern=NO_NUL)] = ""


class DeathIn(Strict):
    died: date


class PresentationIn(Strict):
    designation: Designation
    on: date
    reason: Note = ""


class PersonOut(BaseModel):
    id: int
    legal_name: str
    born: date
    died: date | None
    designation: Designation | None
    presented_on: date | None
    parents: list[int]
    other_names: list[OtherNameIO]
    scent: ScentIO | None = Field(
        description="Present only to the person and the registrar; otherwise null.")


class SearchIn(Strict):
    text: Annotated[str, Field(max_length=200, pattern=NO_NUL)] = ""
    designation: Designation | None = None
    min_age: Annotated[int | None, Field(ge=0, le=150)] = None
    max_age: Annotated[int | None, Field(ge=0, le=150)] = None
    alive: bool | None = None
    district: Annotated[str | None, Field(max_length=100, pattern=NO_NUL)] = None
    page: Annotated[int, Field(ge=1, le=100_000)] = 1
    per_page: Annotated[int, Field(ge=1, le=500)] = 20
    after: Annotated[int | None, Field(
        ge=1, le=MAX_ID, description="The page after this person in (legal name, id) order:"
        " the previous answer's next_after. Faster than page numbers for deep pages.")] = None
    before: Annotated[int | None, Field(
        ge=1, le=MAX_ID, description="The page before this person: the previous answer's"
        " prev_before.")] = None


class PageMeta(BaseModel):
    total: int
    page: int
    per_page: int
    pages: int


class PersonPage(PageMeta):
    items: list[PersonOut]
    more: bool = Field(description="More people matched than `total` (the count stops at"
                       " 1,000); `pages` is then the number known so far.")
    next_after: int | None = Field(description="Send as `after` for the next page; null on"
                                   " the last.")
    prev_before: int | None = Field(description="Send as `before` for the previous page;"
                                    " null on the first.")


class HistoryItemOut(BaseModel):
    seq: int
    recorded_at: str
    effective: date
    kind: str
    text: str


class HistoryPage(PageMeta):
    items: list[HistoryItemOut]


class SnapshotOut(BaseModel):
    person_id: int
    on: date
    exists: bool
    legal_name: str
    born: date | None
    died: date | None
    designation: str | None
    presented_on: date | None
    guardian_id: int | None
    wards: list[int]
    bonded_to: int | None
    married_to: int | None = None
    other_names: list[str] = []
    parents: list[int] = []
    district: str = ""
    extra: dict[str, str]


class GuardianshipOut(BaseModel):
    id: int
    ward_id: int
    guardian_id: int
    court: str
    order_ref: str
    start: date
    end: date | None
    how_ended: str
    reason: str = ""
    court_waiver_ref: str = ""


class ReviewOut(BaseModel):
    id: int
    kind: str
    on: date
    reported_by: int
    about_id: int | None
    opens_review: bool
    status: str
    decision: str
    outcome: str
    decided_on: date | None
    description: str


class WardOut(BaseModel):
    guardianship: GuardianshipOut
    ward_name: str
    incidents: list[ReviewOut]


class GuardianRecordOut(BaseModel):
    guardian_id: int
    name: str
    open_reviews: int
    wards: list[WardOut]


class GuardianshipPage(PageMeta):
    items: list[GuardianshipOut]


class GuardianOn(BaseModel):
    ward_id: int
    on: date
    guardianship: GuardianshipOut | None


class AppointIn(Strict):
    guardian_id: Id
    court: Name
    order_ref: Name
    start: date
    reason: Note = Field("", description="Recorded: a custom set aside (a guardian who is not"
                         " a Beta), or the order's stated reason for a ward with living parents.")
    court_waiver_ref: Note = Field("", description="The court's reference waiving the"
                                   " guardian's open welfare reviews.")


class TransferIn(Strict):
    new_guardian_id: Id
    court: Name
    order_ref: Name
    on: date
    reason: Note = ""
    court_waiver_ref: Note = ""


class EndIn(Strict):
    on: date
    how: Literal["ended", "revoked"] = "ended"
    note: Note = ""


class VerifyIn(Strict):
    checkpoint: Annotated[str | None, Field(max_length=200, pattern=NO_NUL)] = None


class VerifyOut(BaseModel):
    ok: bool
    count: int
    head: str
    problems: list[str]


class CheckpointOut(BaseModel):
    count: int
    head: str
    checkpoint: str


class CustomOut(BaseModel):
    name: str
    value: Any
    help: str
    kind: str


class CustomsOut(BaseModel):
    source: str
    customs: list[CustomOut]


class LoginIn(Strict):
    username: Annotated[str, Field(min_length=1, max_length=80, pattern=NO_NUL)]
    password: Annotated[str, Field(min_length=1, max_length=500, pattern=NO_NUL)]


class AccountOut(BaseModel):
    id: int
    username: str
    person_id: int | None
    disabled: bool
    link: str | None = Field(None, description="How the account is bound to its person:"
                             " `enrolled` (by the person), `office` (linked by the office before"
                             " enrolment existed; the person confirms it at sign-in),"
                             " `confirmed`, or null (no person).")
    roles: list[Role]


class TokenIn(Strict):
    name: Annotated[str, Field(min_length=1, max_length=100, pattern=NO_NUL)]
    days: Annotated[int, Field(ge=1, le=MAX_TOKEN_DAYS,
                               description="Days until the token expires.")] = TOKEN_DAYS


class TokenOut(BaseModel):
    id: int
    name: str
    expires: str
    token: str = Field(description="Shown once; only its digest is kept.")


USERNAME = Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.-]+$")
PASSWORD = Field(min_length=12, max_length=500, pattern=NO_NUL)


class TokenInfo(BaseModel):
    id: int
    name: str
    created: str
    expires: str | None
    revoked: str | None
    made_from: Literal["session", "token"] | None = Field(
        description="What made it: a signed-in session, a parent token (before tokens"
                    " could no longer make tokens), or neither (the office's CLI).")


class TokenList(BaseModel):
    items: list[TokenInfo]


class AccountIn(Strict):
    """A staff account, linked to no person: a person's own account is made only by her
    enrolment (see `/people/{id}/invitations` and `/enrol`)."""

    username: Annotated[str, USERNAME]
    password: Annotated[str, PASSWORD]
    roles: Annotated[list[Role], Field(min_length=1, max_length=7)]


class InvitationIn(Strict):
    roles: Annotated[list[Role], Field(max_length=7)] = []


class InvitationOut(BaseModel):
    id: int
    person_id: int
    code: str = Field(description="The one-time enrolment code: shown once, never stored.")
    expires: str


class EnrolIn(Strict):
    code: Annotated[str, Field(min_length=1, max_length=200, pattern=NO_NUL)]
    username: Annotated[str, USERNAME]
    password: Annotated[str, PASSWORD]


class LinkIn(Strict):
    confirm: bool = Field(description="true: this account is mine; false: it is not.")


class RoleIn(Strict):
    role: Role
    scope: Annotated[str, Field(max_length=100, pattern=NO_NUL)] = ""


class AccessEntryOut(BaseModel):
    id: int
    at: str
    account_id: int | None
    action: str
    object_type: str
    object_id: int | None
    allowed: bool
    rule: str
    status: int
    source: str = Field(description="The page, endpoint or command it came from: a route"
                        " template or a CLI command, never a URL.")


class AccessLogPage(PageMeta):
    items: list[AccessEntryOut]


def pages(total: int, per_page: int) -> int:
    return max(1, -(-total // per_page))

"""What the registry's queries answer with: small frozen records the interfaces show.

The store fills them (troth.store.reads); web/ and cli/ read them through
`Registry.queries` and never see a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: the registry starts without loading the domain
    from troth.domain.bonding import Bond
    from troth.domain.guardianship import Guardianship
    from troth.domain.marriage import Marriage
    from troth.domain.policy import Role


__all__ = ["COUNT_CAP", "AccessEntry", "CertificateCheck", "DeepReport", "Difference",
           "GuardianRecord", "HistoryItem", "InvitationRecord", "Page", "Principal", "ReviewItem",
           "SearchFilter", "WardRecord"]


# A search counts its matches up to this many and then says "more than 1,000": an exact
# total over millions of people would cost more than the page itself.
COUNT_CAP = 1000


@dataclass(frozen=True)
class Page:
    """A page of results. `total` is exact unless `more` (then: more than `total`).
    Pages are found after the last (legal name, id) shown (keyset): `next_after` is the
    last item's id and `prev_before` the first item's, to ask for the next or previous."""

    items: list[Any]
    total: int
    page: int
    per_page: int
    more: bool = False
    next_after: int | None = None
    prev_before: int | None = None

    @property
    def pages(self) -> int:
        """The number of pages; with `more`, the number known so far (a lower bound)."""
        known = max(1, -(-self.total // self.per_page))
        return max(known, self.page + (1 if self.next_after is not None else 0))

    @property
    def total_text(self) -> str:
        """The count in words: "12", or "more than 1,000"."""
        return f"more than {self.total:,}" if self.more else f"{self.total:,}"


@dataclass(frozen=True)
class HistoryItem:
    seq: int
    recorded_at: str
    effective: date
    kind: str
    text: str


@dataclass(frozen=True)
class SearchFilter:
    text: str = ""
    designation: str | None = None
    min_age: int | None = None
    max_age: int | None = None
    alive: bool | None = None
    district: str | None = None


@dataclass(frozen=True)
class QueueFilter:
    """The welfare queue narrowed: by kind, by age (reported more than `older_than` days
    ago), by the district of the person it concerns, by the account working it (`assignee`;
    0 = no one yet)."""

    kind: str | None = None
    older_than: int | None = None
    district: str | None = None
    assignee: int | None = None


@dataclass(frozen=True)
class QueueItem:
    """An open incident as the queue lists it: never its description."""

    id: int
    kind: str
    on: date
    reported_by: int
    about_id: int | None
    guardianship_id: int | None
    opens_review: bool
    district: str  # of the person it concerns (or who reported it, concerning no one else)
    assignee: int | None
    assignee_name: str
    assigned_on: date | None

    @property
    def concerns(self) -> int:
        return self.about_id or self.reported_by


@dataclass(frozen=True)
class CertificateCheck:
    valid: bool
    message: str
    bond: Bond | None = None
    names: tuple[str, str] = ("", "")
    officiant: str = ""
    witnesses: tuple[str, ...] = ()
    # the ceremony it was sealed at: its day, and its time and place where given
    ceremony_on: date | None = None
    ceremony_at: str = ""
    ceremony_place: str = ""


@dataclass(frozen=True)
class MarriageCertificateCheck:
    valid: bool
    message: str
    marriage: Marriage | None = None
    names: tuple[str, str] = ("", "")
    officiant: str = ""
    witnesses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Principal:
    account_id: int
    person_id: int | None
    roles: frozenset[Role]
    via: str  # session | token
    credential_id: int | None = None  # the session's or token's row id


@dataclass(frozen=True)
class AccessEntry:
    id: int
    at: str
    account_id: int | None
    action: str
    object_type: str
    object_id: int | None
    allowed: bool
    rule: str
    status: int
    source: str  # "page GET /people/{person_id}/health", "cli heats list" ...


@dataclass(frozen=True)
class InvitationRecord:
    """An invitation to enrol, as the office lists it: never its code (only a digest of it is
    kept, and not here)."""

    id: int
    person_id: int
    roles: tuple[str, ...]
    issued_by: int | None
    issued: datetime
    expires: datetime
    used: datetime | None
    account_id: int | None  # the account her enrolment made with it

    def state(self, now: datetime) -> str:
        """used | expired | open"""
        if self.used is not None:
            return "used"
        return "expired" if now >= self.expires else "open"


@dataclass(frozen=True)
class Difference:
    """A live row that is not what the ledger, replayed, says it should be."""

    table: str
    key: str  # the row's primary key ("5", "3,17"); a row's live id where it has one
    column: str  # a column's name, or "(row)" for a row missing or extra
    expected: str  # what the replayed ledger holds
    found: str  # what the live table holds

    @property
    def where(self) -> str:
        return f"{self.table}/{self.key}/{self.column}"


@dataclass(frozen=True)
class DeepReport:
    """`troth ledger verify --deep`: the ledger replayed and compared with the live tables."""

    entries: int  # ledger entries replayed
    head: str  # the hash of the last one
    compared: tuple[tuple[str, int], ...]  # (table, live rows) derived from the ledger
    differences: tuple[Difference, ...]
    out_of_reach: tuple[tuple[str, str], ...]  # (table, why it is not derived)
    more: bool  # more differences exist than are listed
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.differences


@dataclass(frozen=True)
class ReviewItem:
    """An incident in a guardian's record: what it was, and how its review was decided."""

    id: int
    kind: str
    on: date
    reported_by: int
    about_id: int | None
    opens_review: bool
    status: str  # open | closed
    decision: str  # kept | transferred | revoked ("" while open, or for a plain incident)
    outcome: str  # the decision's reasons, or a plain incident's outcome
    decided_on: date | None
    description: str


@dataclass(frozen=True)
class WardRecord:
    guardianship: Guardianship
    ward_name: str
    incidents: tuple[ReviewItem, ...]


@dataclass(frozen=True)
class GuardianRecord:
    """A guardian's record across all wards and years, oldest guardianship first."""

    guardian_id: int
    name: str
    wards: tuple[WardRecord, ...]

    @property
    def open_reviews(self) -> int:
        return sum(1 for w in self.wards for i in w.incidents
                   if i.opens_review and i.status == "open")


@dataclass(frozen=True)
class DuplicateReview:
    """A pair recorded at registration (duplicate_reviews): `person_id` was registered
    declared "not_duplicate" of `other_id` (the note says why), or an import recorded it as a
    likely duplicate, "open" for a registrar (the note: "p=...: why")."""

    person_id: int
    other_id: int
    status: str
    note: str
    ledger_seq: int

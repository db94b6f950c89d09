"""The registry's read ports: every read the interfaces and workflows make, as Protocols.

troth.store.reads implements them; troth.bootstrap builds one `Queries` (pooled read-only
connections on the server, a connection per use on the CLI) and hands it to the Registry.
web/ and cli/ read only through `registry.queries`; none of them sees a table.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from troth.registry.queries_accounts import Accounts as Accounts  # re-exported

if TYPE_CHECKING:  # annotations only: the registry starts without loading the domain
    from troth.domain.bonding import Bond, Ceremony
    from troth.domain.correction import Correction
    from troth.domain.courtship import Courtship, Visit
    from troth.domain.customs import Customs
    from troth.domain.events import Event
    from troth.domain.guardianship import Guardianship
    from troth.domain.health import HealthEntry, HealthFile
    from troth.domain.history import Snapshot
    from troth.domain.ledger import Checkpoint, Entry, VerifyReport
    from troth.domain.linkage import LinkRecord
    from troth.domain.marriage import DissolutionPetition, Marriage
    from troth.domain.people import Person, Scent
    from troth.domain.policy import Relation
    from troth.domain.rostering import (
        HandlerProfile,
        RosterRecord,
        Span,
        VisitRequestRecord,
        WeekInputs,
    )
    from troth.domain.verdicts import Verdict
    from troth.registry.notices import InboxQueries, Outbox
    from troth.registry.views import (
        CertificateCheck,
        DeepReport,
        DuplicateReview,
        GuardianRecord,
        HistoryItem,
        MarriageCertificateCheck,
        Page,
        QueueFilter,
        QueueItem,
        SearchFilter,
    )


if TYPE_CHECKING:  # the matchmaking types carry NumPy arrays; the CLI must start without them
    from troth.match.population import ExcludedPairs, IntArray, RegistryPopulation

Band = tuple[int, int]
Relations: TypeAlias = frozenset["Relation"]


class PeopleQueries(Protocol):
    """People, their history and "as of" snapshots, guardianships, and the ledger."""

    def person(self, person_id: int) -> Person: ...

    def people(self, ids: list[int]) -> dict[int, Person]: ...

    def search(self, f: SearchFilter, today: date, page: int = 1, per_page: int = 20,
               after: int | None = None, before: int | None = None) -> Page:
        """People matching the filter in (legal name, id) order, `per_page` at a time: the
        page after person `after` (or before person `before`) in that order, else the
        `page`-th. The text is read by registry.search_text (a registry number, a birth
        date, or three letters or more of a name; InvalidInput otherwise). The count stops
        at COUNT_CAP (Page.more)."""
        ...

    def guardianships_of(self, ward_id: int) -> list[Guardianship]: ...

    def guardian_of(self, ward_id: int, on: date) -> Guardianship | None: ...

    def events_of(self, person_id: int) -> list[tuple[Entry, Event]]: ...

    def history(self, person_id: int, as_of: date | None = None,
                recorded_by: date | None = None) -> list[HistoryItem]:
        """Newest first; with as_of, "as of" that date: what had taken effect by it, as
        recorded by `recorded_by` (default: as_of itself; today: "as known today")."""
        ...

    def snapshot(self, person_id: int, on: date, recorded_by: date | None = None) -> Snapshot:
        """"As of" `on`: the facts in effect on `on` as the registry had recorded them by
        `recorded_by` (default: by `on` itself; the registry's today: "as known today")."""
        ...

    def scent_on(self, person_id: int, on: date) -> Scent | None:
        """Her scent signature on `on` (the latest measured on or before it, or the one
        given at registration); for the registry and matchmaking, never shown as values."""
        ...

    def ledger_entries(self, batch: int = 5000) -> Iterator[Entry]: ...

    def checkpoint(self) -> Checkpoint: ...

    def verify(self, checkpoint: Checkpoint | None = None) -> VerifyReport: ...

    def count_people(self) -> int: ...


class CourtshipQueries(Protocol):
    """Courtships, bonding verdicts, the welfare queue, bonds and certificates."""

    def courtship(self, courtship_id: int) -> Courtship: ...

    def courtships_of(self, person_id: int) -> list[Courtship]: ...

    def bonding_verdict(self, courtship_id: int, on: date, customs: Customs) -> Verdict: ...

    def welfare_queue(self, status: str = "open") -> list[dict[str, Any]]: ...

    def guardian_record(self, person_id: int) -> GuardianRecord:
        """Every guardianship the person held, each ward's incidents and reviews with their
        decisions (the registrar's)."""
        ...

    def bonds_of(self, person_id: int) -> list[Bond]: ...

    def bond(self, bond_id: int) -> Bond: ...

    def verify_certificate(self, code: str) -> CertificateCheck:
        """Check a code against the bond it names and the ledger entry that sealed it."""
        ...


class WelfareQueries(Protocol):
    """The welfare queue as registrars work it (the registry's own: pressured-consent
    reviews included, so only the registrar's pages read it)."""

    def queue(self, f: QueueFilter, today: date) -> list[QueueItem]:
        """Open incidents, oldest first, narrowed by the filter."""
        ...

    def registrars(self) -> list[tuple[int, str]]:
        """Accounts that may be assigned the queue's work: (id, username), by username."""
        ...


class HealthQueries(Protocol):
    """Private health files. Callers check access first (the policy, or readable_file)."""

    def file(self, person_id: int) -> HealthFile: ...

    def entries(self, person_id: int) -> list[HealthEntry]: ...

    def owner_of(self, entry_id: int) -> int | None:
        """Whose record a health entry (a heat, a pregnancy ...) is in; None if none is."""
        ...

    def patients_of(self, physician_id: int) -> list[int]:
        """Owners whose current shares name this person as their physician."""
        ...


class RosterQueries(Protocol):
    """Visit requests, handlers and rosters of a week (ISO week, e.g. 2026-W12)."""

    def requests(self, week: str, district: str = "") -> list[VisitRequestRecord]: ...

    def handlers(self, district: str = "") -> list[HandlerProfile]: ...

    def request(self, request_id: int) -> VisitRequestRecord:
        """One Visit request, whatever its state (NotFound if there is none)."""
        ...

    def availability(self, week: str, district: str = "") -> dict[int, tuple[Span, ...]]:
        """Each listed handler's recorded availability that week, by handler id."""
        ...

    def unavailability(self, week: str) -> dict[int, tuple[Span, ...]]:
        """Everyone's recorded unavailability overlapping the week, by person id."""
        ...

    def roster(self, roster_id: int) -> RosterRecord: ...

    def latest_roster(self, week: str, district: str = "") -> RosterRecord | None: ...

    def week_inputs(self, week: str, district: str = "") -> WeekInputs: ...


class MatchQueries(Protocol):
    """The registry's Alphas and Omegas as arrays, for matchmaking and candidate search."""

    def population(self, on: date) -> RegistryPopulation:
        """Every living Alpha and Omega presented by ``on``, with flags and vectors."""
        ...

    def excluded_pairs(self) -> ExcludedPairs:
        """Pairs with a live (proposed or open) courtship, and pairs where either declined."""
        ...

    def courting(self) -> IntArray:
        """Ids of everyone in a live (proposed or open) courtship, either side."""
        ...

    def opted_in(self, person_id: int, on: date) -> bool:
        """The person's matchmaking choice effective on ``on`` (False when never made)."""
        ...


class DashboardQueries(Protocol):
    """What needs a person now: a handler's week, an officiant's ceremonies, petitions."""

    def names(self, ids: Iterable[int | None]) -> dict[int, str]: ...

    def visit(self, visit_id: int) -> Visit | None: ...

    def visits_of_handler(self, person_id: int, start: datetime, end: datetime
                          ) -> list[Visit]: ...

    def unreported_visits_of_handler(self, person_id: int, before: datetime
                                     ) -> list[Visit]: ...

    def visits_of_courtships(self, ids: list[int], start: datetime, end: datetime
                             ) -> list[Visit]: ...

    def courtships(self, ids: list[int]) -> list[Courtship]: ...

    def ceremonies(self, *, courtship_id: int | None = None, officiant_id: int | None = None,
                   status: str | None = None) -> list[Ceremony]: ...

    def ceremony(self, ceremony_id: int) -> Ceremony | None: ...

    def bond_of_ceremony(self, ceremony_id: int) -> int | None: ...

    def petitions(self, *, bond_id: int | None = None, status: str | None = None
                  ) -> list[dict[str, Any]]: ...

    def petition(self, petition_id: int) -> dict[str, Any] | None: ...

    def incident(self, incident_id: int) -> dict[str, Any] | None: ...

    def incidents(self, *, guardianship_id: int | None = None,
                  visit_ids: list[int] | None = None) -> list[dict[str, Any]]: ...

    def guardianship(self, guardianship_id: int) -> Guardianship | None: ...

    def wards_of(self, guardian_id: int, on: date) -> list[Guardianship]: ...

    def courtship_ids_of(self, person_ids: list[int]) -> list[int]: ...


class LedgerQueries(Protocol):
    """The registry checks itself: deeper than the hash chain (PeopleQueries.verify)."""

    def deep_verify(self, limit: int = 100) -> DeepReport:
        """Replay the whole ledger into a scratch schema and compare every table derived from
        it with the live one row by row (at most `limit` differences listed per table);
        recompute the health digests; list the tables out of its reach."""
        ...


class StatsQueries(Protocol):
    """Aggregates only: no person is named."""

    def population(self, today: date, bands: list[Band]) -> dict[str, list[int]]:
        """Living people per designation ("unpresented" for none) in each age band."""
        ...

    def monthly(self, months: list[tuple[int, int]]) -> dict[str, list[int]]:
        """Visits held, bondings and annulments in each (year, month)."""
        ...

    def queue_waits(self, today: date, bands: list[Band]) -> list[int]:
        """Open incidents by days waited, in each band (inclusive bounds)."""
        ...


class RecordLookups(Protocol):
    """Single records by id, as the API shows them (NotFound when absent)."""

    def person(self, person_id: int) -> Person: ...

    def visit(self, visit_id: int) -> dict[str, Any]: ...

    def incident(self, incident_id: int) -> dict[str, Any]: ...

    def ceremony(self, ceremony_id: int) -> dict[str, Any]: ...

    def petition(self, petition_id: int) -> dict[str, Any]: ...

    def incidents(self, status: str, page: int, per_page: int
                  ) -> tuple[list[dict[str, Any]], int]: ...


class RelationQueries(Protocol):
    """How a person stands towards a record: what troth.domain.policy judges on."""

    def relations(self, me: int | None, subject: str, ids: tuple[int, ...], today: date
                  ) -> Relations:
        """Computed fresh on every call: a revoked role or share counts at once."""
        ...

    def known_people(self, me: int | None, today: date) -> set[int]:
        """The people `me` stands in a relation to as persons (themself, current wards,
        family, bonded partners, the other party of their courtships): the only people a
        suggestion list may name for an account without `person.search`; the policy still
        judges each of them."""
        ...


class CorrectionQueries(Protocol):
    """Requests for corrections, for the registrars' list and the interfaces."""

    def get(self, correction_id: int) -> Correction: ...

    def list(self, state: str | None = None, person_id: int | None = None,
             limit: int = 200) -> list[Correction]:
        """Newest first; only those in `state` (pending, approved, rejected) when given."""


class IdentityQueries(Protocol):
    """What record linkage reads: people as it compares them, and the pairs reviewed."""

    def link_records(self, after: int = 0, limit: int = 50_000) -> list[LinkRecord]:
        """People with ids above `after`, in id order, as linkage compares them."""
        ...

    def duplicate_reviews(self, status: str | None = None) -> list[DuplicateReview]:
        """Pairs recorded at registration: "open" (an import's likely duplicates) or
        "not_duplicate" (declared, with the reason)."""
        ...


class MarriageQueries(Protocol):
    """Marriages of Betas, petitions to dissolve them, and their certificates."""

    def marriage(self, marriage_id: int) -> Marriage: ...

    def of_person(self, person_id: int) -> list[Marriage]:
        """Every marriage the person is or was a party to, notices included, oldest first."""
        ...

    def petition(self, petition_id: int) -> DissolutionPetition: ...

    def petitions(self, marriage_id: int | None = None,
                  status: str | None = None) -> list[DissolutionPetition]: ...

    def verify_certificate(self, code: str) -> MarriageCertificateCheck:
        """Check a code against the marriage it names and the ledger entry that recorded it."""
        ...


@dataclass(frozen=True)
class Queries:
    """Every read port, built once by troth.bootstrap."""

    people: PeopleQueries
    courtships: CourtshipQueries
    health: HealthQueries
    roster: RosterQueries
    match: MatchQueries
    dashboards: DashboardQueries
    stats: StatsQueries
    lookups: RecordLookups
    relations: RelationQueries
    accounts: Accounts
    ledger: LedgerQueries
    corrections: CorrectionQueries
    identity: IdentityQueries
    inbox: InboxQueries  # notifications (registry/notices.py)
    outbox: Outbox  # their e-mail, for the delivery worker
    welfare: WelfareQueries
    marriages: MarriageQueries

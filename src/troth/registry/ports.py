"""What the registry needs from a store, as Protocols; store/ implements them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # annotations only: the registry starts without loading the domain
    from troth.domain import correction as co
    from troth.domain import identity as idn
    from troth.domain import rostering as ro
    from troth.domain.bonding import Bond, Ceremony, Petition
    from troth.domain.correction_rules import Standing
    from troth.domain.courtship import Courtship, Visit
    from troth.domain.events import Event
    from troth.domain.guardianship import Guardianship
    from troth.domain.health import HealthFile
    from troth.domain.linkage import LinkRecord
    from troth.domain.marriage import DissolutionPetition, Marriage
    from troth.domain.people import Person
    from troth.domain.welfare import Incident



class Clock(Protocol):
    def today(self) -> date: ...

    def now(self) -> datetime: ...


class PeopleRepo(Protocol):
    def get(self, person_id: int) -> Person: ...

    def get_many(self, ids: Sequence[int]) -> list[Person]: ...

    def link_candidates(self, record: LinkRecord) -> list[LinkRecord]:
        """Registered people sharing a blocking key with the record (linkage.py)."""
        ...

    def next_id(self) -> int: ...


class GuardianshipRepo(Protocol):
    def get(self, guardianship_id: int) -> Guardianship: ...

    def for_ward(self, ward_id: int) -> list[Guardianship]: ...

    def current(self, ward_id: int) -> Guardianship | None: ...

    def open_as_guardian(self, guardian_id: int) -> list[Guardianship]: ...

    def open_reviews_of_guardian(self, guardian_id: int) -> list[Incident]:
        """Open welfare reviews of guardianships the person holds or held."""
        ...

    def next_id(self) -> int: ...


class UnitOfWork(Protocol):
    @property
    def people(self) -> PeopleRepo: ...

    @property
    def guardianships(self) -> GuardianshipRepo: ...

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def record(self, event: Event) -> int:
        """Append the event to the ledger and apply it to the state; returns its seq."""
        ...

    def is_bonded(self, person_id: int, on: date) -> bool: ...

    def commit(self) -> None:
        """Make the work durable. The bus calls it after the handler returns; handlers never
        do (leaving the with-block without it rolls everything back)."""
        ...


class BulkUnitOfWork(UnitOfWork, Protocol):
    """One transaction for many commands, each inside its own savepoint (Registry.bulk)."""

    def begin_command(self) -> None:
        """Open the next command's savepoint."""
        ...

    def end_command(self) -> None:
        """Keep the command's work: release its savepoint (durable only at commit())."""
        ...

    def abandon_command(self) -> None:
        """Undo the command's work: roll back to its savepoint (it was refused)."""
        ...


class CourtshipRepo(Protocol):
    def get(self, courtship_id: int) -> Courtship: ...

    def between(self, alpha_id: int, omega_id: int) -> list[Courtship]: ...

    def visit(self, visit_id: int) -> Visit: ...

    def visits_of_handlers(self, handler_ids: Sequence[int], around: datetime) -> list[Visit]:
        ...

    def next_id(self) -> int: ...

    def next_visit_id(self) -> int: ...

    def next_waiver_id(self) -> int: ...


class BondRepo(Protocol):
    def bonded(self, person_ids: Sequence[int], on: date) -> list[int]: ...

    def get(self, bond_id: int) -> Bond: ...

    def ceremony(self, ceremony_id: int) -> Ceremony: ...

    def petition(self, petition_id: int) -> Petition: ...

    def released_findings(self, petition_id: int) -> set[int]: ...

    def incident(self, incident_id: int) -> Incident: ...

    def next_ids(self) -> dict[str, int]: ...

    def secret(self, fallback: str) -> str: ...


class CourtshipUnitOfWork(UnitOfWork, Protocol):
    @property
    def courtships(self) -> CourtshipRepo: ...

    @property
    def bonds(self) -> BondRepo: ...


class RosterRepo(Protocol):
    def residence(self, person_id: int) -> ro.Residence | None: ...

    def request(self, request_id: int) -> ro.VisitRequestRecord: ...

    def requests(self, ids: Sequence[int]) -> dict[int, ro.VisitRequestRecord]: ...

    def handler(self, handler_id: int) -> ro.HandlerProfile: ...

    def handler_of_person(self, person_id: int) -> ro.HandlerProfile | None: ...

    def active_handlers(self, ids: Sequence[int]) -> dict[int, ro.HandlerProfile]: ...

    def roster(self, roster_id: int) -> ro.RosterRecord: ...

    def latest_roster_id(self, week: str, district: str) -> int: ...

    def next_ids(self) -> dict[str, int]: ...


class RosterUnitOfWork(CourtshipUnitOfWork, Protocol):
    @property
    def rostering(self) -> RosterRepo: ...


class HealthRepo(Protocol):
    """Private health entries inside a unit of work; the ledger gets only a digest."""

    def file(self, person_id: int) -> HealthFile: ...

    def owner_of(self, entry_id: int) -> int | None: ...

    def add(self, person_id: int, type_: str, content: dict[str, Any], by_id: int,
            on: date) -> int:
        """Write the private row and its ledger entry (a salted digest); returns its id."""
        ...


class HealthUnitOfWork(UnitOfWork, Protocol):
    @property
    def health(self) -> HealthRepo: ...


class AccountsRepo(Protocol):
    """Accounts, roles and invitations inside a unit of work (kept beside the ledger, which
    records every change to who an account is)."""

    def next_invitation_id(self) -> int: ...

    def add_invitation(self, e: idn.InvitationIssued, code_hash: str, issued: datetime,
                       expires: datetime) -> None: ...

    def invitation(self, code_hash: str) -> idn.Invitation | None: ...

    def use_invitation(self, invitation_id: int, account_id: int, when: datetime) -> None: ...

    def add(self, username: str, password_hash: str, person_id: int | None, link: str | None,
            when: datetime) -> int: ...

    def get(self, account_id: int) -> tuple[int | None, str | None]:
        """(person id, link) of the account."""
        ...

    def of_person(self, person_id: int) -> list[int]: ...

    def set_link(self, account_id: int, person_id: int | None, link: str | None) -> None: ...

    def roles(self, account_id: int) -> list[str]: ...

    def grant(self, account_id: int, role: str, scope: str) -> bool: ...

    def revoke(self, account_id: int, role: str) -> bool: ...


class AccountsUnitOfWork(UnitOfWork, Protocol):
    @property
    def accounts(self) -> AccountsRepo: ...


class FindingsUnitOfWork(HealthUnitOfWork, Protocol):
    @property
    def bonds(self) -> BondRepo: ...


class CorrectionRepo(Protocol):
    """Requests for corrections, and what a corrected fact must stay true to."""

    def get(self, correction_id: int) -> co.Correction: ...

    def pending_fields(self, person_id: int) -> list[str]:
        """The facts of the person with a correction waiting for a decision."""
        ...

    def standing(self, person_id: int) -> Standing: ...

    def next_id(self) -> int: ...


class CorrectionUnitOfWork(AccountsUnitOfWork, Protocol):
    @property
    def corrections(self) -> CorrectionRepo: ...


class ContactsRepo(Protocol):
    def set_email(self, person_id: int, email: str) -> None:
        """Keep (or, given "", forget) the person's contact e-mail, beside the ledger."""
        ...


class ContactsUnitOfWork(UnitOfWork, Protocol):
    @property
    def contacts(self) -> ContactsRepo: ...


class MarriageRepo(Protocol):
    """Marriages of Betas and petitions to dissolve them."""

    def get(self, marriage_id: int) -> Marriage: ...

    def intended_between(self, a: int, b: int) -> Marriage | None:
        """The pair's marriage waiting to be solemnised, if any."""
        ...

    def notices(self, person_ids: Sequence[int]) -> list[Marriage]:
        """Marriages any of the people has waiting to be solemnised, with anyone."""
        ...

    def married(self, person_ids: Sequence[int], on: date) -> list[int]:
        """Those of the people married on the day (both spouses living)."""
        ...

    def petition(self, petition_id: int) -> DissolutionPetition: ...

    def open_petitions(self, marriage_id: int) -> list[int]: ...

    def next_ids(self) -> dict[str, int]: ...


class MarriageUnitOfWork(CourtshipUnitOfWork, Protocol):
    @property
    def marriages(self) -> MarriageRepo: ...

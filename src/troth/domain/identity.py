"""Who an account is: accounts bound to people by the people themselves.

Safeguards (never waived):
- A person has at most one account of their own, and only the person links it: the office
  issues an invitation (a one-time enrolment code that expires), and the person's own
  enrolment with that code — online, or in person at the office with the registrar attesting
  it — creates the account linked to them. No one else can link an account to a person.
- Every change to who an account is, or which roles it holds, is a ledger entry naming the
  person, so she sees it in her own history. The ledger holds ids only: never a code, a
  digest of one, a username or a password.
- Accounts linked before enrolment existed are "linked by the office" until the person
  confirms the link (or disowns it) at her next sign-in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import ClassVar

from troth.domain.commands import Command
from troth.domain.errors import InvalidInput
from troth.domain.events import Event
from troth.domain.people import Person
from troth.domain.policy import Role
from troth.domain.verdicts import refuse

INVITATION_LIFETIME = timedelta(days=14)
USERNAME_MAX = 80


class Link:
    """How an account is bound to its person (accounts.link)."""

    OFFICE = "office"  # linked by the office before enrolment existed; not yet confirmed
    ENROLLED = "enrolled"  # the person enrolled it herself (online or at the office)
    CONFIRMED = "confirmed"  # an office link the person has since confirmed


@dataclass(frozen=True)
class Invitation:
    id: int
    person_id: int
    roles: tuple[str, ...]
    issued_by: int | None
    expires: datetime
    used: bool


# --- commands ----------------------------------------------------------------------------


@dataclass(frozen=True)
class IssueInvitation(Command):
    """The office invites a person to enrol. Only the code's digest reaches the registry."""

    person_id: int
    code_digest: str
    roles: tuple[Role, ...] = ()
    by_account: int | None = None  # the registrar's account; None: the office console


@dataclass(frozen=True)
class Enrol(Command):
    """The person enrols with her code, choosing a username and a password."""

    code_digest: str
    username: str
    password_hash: str
    attested_by: int | None = None  # in person at the office: the registrar who saw her


@dataclass(frozen=True)
class CreateAccount(Command):
    """A staff account linked to no person (it can act as or for no one)."""

    username: str
    password_hash: str
    roles: tuple[Role, ...]
    by_account: int | None = None


@dataclass(frozen=True)
class GrantAccountRole(Command):
    account_id: int
    role: Role
    scope: str = ""
    by_account: int | None = None


@dataclass(frozen=True)
class RevokeAccountRole(Command):
    account_id: int
    role: Role
    by_account: int | None = None


@dataclass(frozen=True)
class ConfirmAccountLink(Command):
    """The person, signed in, confirms an office link (or disowns it: `confirm=False`)."""

    account_id: int
    confirm: bool = True


# --- events (ids only) -------------------------------------------------------------------


@dataclass(frozen=True)
class _Dated(Event):
    kind: ClassVar[str] = "_dated_identity"

    @property
    def effective(self) -> date:
        return self.on  # type: ignore[attr-defined, no-any-return]


@dataclass(frozen=True)
class InvitationIssued(_Dated):
    kind: ClassVar[str] = "invitation_issued"
    invitation_id: int
    person_id: int
    roles: tuple[str, ...]
    expires: date
    issued_by: int | None
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.person_id,)


@dataclass(frozen=True)
class AccountEnrolled(_Dated):
    kind: ClassVar[str] = "account_enrolled"
    account_id: int
    person_id: int
    invitation_id: int
    attested_by: int | None
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.person_id,)


@dataclass(frozen=True)
class AccountCreated(_Dated):
    kind: ClassVar[str] = "account_created"
    account_id: int
    by_account: int | None
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return ()


@dataclass(frozen=True)
class AccountRoleGranted(_Dated):
    kind: ClassVar[str] = "account_role_granted"
    account_id: int
    person_id: int | None
    role: str
    scope: str
    by_account: int | None
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return () if self.person_id is None else (self.person_id,)


@dataclass(frozen=True)
class AccountRoleRevoked(_Dated):
    kind: ClassVar[str] = "account_role_revoked"
    account_id: int
    person_id: int | None
    role: str
    by_account: int | None
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return () if self.person_id is None else (self.person_id,)


@dataclass(frozen=True)
class AccountLinkConfirmed(_Dated):
    kind: ClassVar[str] = "account_link_confirmed"
    account_id: int
    person_id: int
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.person_id,)


@dataclass(frozen=True)
class AccountUnlinked(_Dated):
    kind: ClassVar[str] = "account_unlinked"
    account_id: int
    person_id: int
    reason: str  # disowned | replaced
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.person_id,)


# --- rules -------------------------------------------------------------------------------


def invite(person: Person, new_id: int, roles: tuple[Role, ...], by_account: int | None,
           now: datetime) -> InvitationIssued:
    if person.died is not None:
        raise refuse("person_living", f"#{person.id} has died; no account is opened for them")
    expires = (now + INVITATION_LIFETIME).date()
    return InvitationIssued(new_id, person.id, tuple(sorted(r.value for r in set(roles))),
                            expires, by_account, now.date())


def check_invitation(inv: Invitation | None, now: datetime) -> Invitation:
    """The invitation behind a code, if it may still be used. One message for every failure,
    so a guess learns nothing about which codes exist."""
    if inv is None or inv.used or now >= inv.expires:
        raise refuse("enrolment_code", "the enrolment code is not valid: unknown, already used"
                     " or expired; ask the registry office for a new invitation")
    return inv


def check_attester(roles: list[str]) -> None:
    """An act done in person at the office is attested by a registrar's account."""
    if Role.REGISTRAR.value not in roles:
        raise refuse("attested_by_registrar", "an act in person at the office is attested by"
                     " an account holding the registrar role")


def check_username(username: str) -> str:
    name = username.strip()
    if not name or len(name) > USERNAME_MAX or not name.replace("_", "").replace(
            ".", "").replace("-", "").isalnum() or not name.isascii():
        raise InvalidInput("a username is 1 to 80 letters, digits, '.', '_' or '-'",
                           rule="username_format")
    return name


def confirm_link(account_id: int, person_id: int | None, link: str | None, confirm: bool,
                 on: date) -> AccountLinkConfirmed | AccountUnlinked:
    if person_id is None or link != Link.OFFICE:
        raise refuse("office_link", "only an account linked by the office, and not yet"
                     " confirmed, is confirmed or disowned by its person")
    if confirm:
        return AccountLinkConfirmed(account_id, person_id, on)
    return AccountUnlinked(account_id, person_id, "disowned", on)


# --- plain words (the person's own history) -----------------------------------------------

Who = Callable[[int], str]


def _by(account: int | None) -> str:
    return "the registry office" if account is None else f"the office (account #{account})"


def tell_invitation_issued(e: InvitationIssued, who: Who) -> str:
    roles = f" with the role(s) {', '.join(e.roles)}" if e.roles else ""
    return (f"{_by(e.issued_by).capitalize()} invited {who(e.person_id)} to enrol an account"
            f"{roles}; the invitation expires on {e.expires}")


def tell_account_enrolled(e: AccountEnrolled, who: Who) -> str:
    how = ("in person at the office, attested by account"
           f" #{e.attested_by}" if e.attested_by is not None else "online, with their own code")
    return f"{who(e.person_id)} enrolled account #{e.account_id} ({how})"


def tell_account_created(e: AccountCreated, who: Who) -> str:
    return f"Account #{e.account_id} was created, linked to no one, by {_by(e.by_account)}"


def tell_account_role_granted(e: AccountRoleGranted, who: Who) -> str:
    return f"Account #{e.account_id} was given the role {e.role} by {_by(e.by_account)}"


def tell_account_role_revoked(e: AccountRoleRevoked, who: Who) -> str:
    return f"The role {e.role} was taken from account #{e.account_id} by {_by(e.by_account)}"


def tell_account_link_confirmed(e: AccountLinkConfirmed, who: Who) -> str:
    return f"{who(e.person_id)} confirmed that account #{e.account_id} is their own"


def tell_account_unlinked(e: AccountUnlinked, who: Who) -> str:
    why = ("disowned by the person" if e.reason == "disowned"
           else "replaced by the person's own enrolment")
    return f"Account #{e.account_id} no longer acts as {who(e.person_id)} ({why})"

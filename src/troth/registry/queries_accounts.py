"""The read port of who an account is: sign-in accounts, roles, sessions, API tokens, sign-in
attempts and the access log (troth.store.accounts implements it). Part of `Queries`
(troth.registry.queries), as `queries.accounts`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from troth.domain.policy import Role
    from troth.registry.views import AccessEntry, InvitationRecord, Principal


class Accounts(Protocol):
    """Sign-in accounts, roles, sessions, API tokens, sign-in attempts, the access log."""

    def now(self) -> str: ...

    def credentials(self, username: str) -> tuple[int, str, bool] | None: ...

    def account_id(self, username: str) -> int: ...

    def rehash(self, account_id: int, password_hash: str) -> None: ...

    def disable(self, account_id: int) -> None:
        """Disable the account and end every session and token it holds, at once."""
        ...

    def roles_of(self, account_id: int) -> list[tuple[Role, str]]: ...

    def people_with_role(self, role: Role) -> list[int]:
        """The people whose accounts (not disabled) hold the role: the office's handlers,
        officiants, physicians."""
        ...

    def describe(self, account_id: int) -> dict[str, Any]:
        """id, username, person_id, disabled, link (troth.domain.identity.Link) and roles."""
        ...

    def invitations_of(self, person_id: int) -> list[InvitationRecord]:
        """The invitations issued for a person, newest first (never a code)."""
        ...

    def open_session(self, account_id: int, token_hash: str, expires: datetime) -> None: ...

    def end_sessions(self, account_id: int) -> None: ...

    def create_token(self, account_id: int, name: str, token_hash: str,
                     expires: datetime | None = None, parent_session: int | None = None,
                     parent_token: int | None = None) -> int: ...

    def tokens(self, account_id: int) -> list[dict[str, Any]]:
        """The account's tokens (id, name, created, expires, revoked, made_from)."""
        ...

    def revoke_token(self, account_id: int, token_id: int) -> bool:
        """Revoke the token and every token made from it."""
        ...

    def principal(self, token_hash: str, via: str) -> Principal | None: ...

    def begin_attempt(self, keys: Sequence[tuple[str, bool]], since: datetime
                      ) -> tuple[list[int], list[int]]:
        """Count a sign-in attempt atomically under each (key, counted since its last
        success) before the password is checked; (failures in the window, attempt ids)."""
        ...

    def attempt_succeeded(self, attempt_ids: Sequence[int]) -> None: ...

    def log_access(self, account_id: int | None, action: str, object_type: str,
                   object_id: int | None, allowed: bool, rule: str, status: int,
                   source: str = "") -> None:
        """`source`: the page, endpoint or command the use came from — a route template
        ("page GET /people/{person_id}/health") or a command ("cli heats list"), never a
        URL, a query string or any other request data."""
        ...

    def reads_of(self, person_id: int, limit: int = 500) -> list[AccessEntry]:
        """Who used the person's health record: the access log's rows on it (object_type
        "health"), newest first — reads, writes, shares and refused attempts."""
        ...

    def access_log(self, page: int, per_page: int) -> tuple[list[AccessEntry], int]: ...

"""The CLI as the office's operator console (issue 14): every use of a health record on the
CLI is written to the access log — the command it came from ("cli heats list"), the action
the policy names for the same act on the web, and the operator's account (TROTH_OPERATOR) —
and the ledger records the writes as done by that account (`account:<id>`)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from troth.cli.common import registry
from troth.domain.errors import NotFound, TrothError

T = TypeVar("T")
NO_OPERATOR = " (no operator named)"
# The refusals that mean "not yours to read or write" (the web's 404 of a hidden record);
# other refusals (a bad date, a missing --as) are no use of the record and are not logged.
DENIALS = frozenset({"health_records_private", "health_owner_or_physician",
                     "health_owner_shares"})


@functools.cache
def operator() -> int | None:
    """The operator's account id, or None when TROTH_OPERATOR is empty; an unknown or
    disabled account is refused before anything is read or written."""
    from troth.settings import Settings

    settings = Settings.read()
    name = settings.operator.strip()
    if not name:
        return None
    found = registry().queries.accounts.credentials(name)
    if found is None or found[2]:
        raise NotFound(f"TROTH_OPERATOR names no live account ('{name}')",
                       rule="operator_account")
    return found[0]


def actor() -> str:
    """How the ledger names who issued a CLI command: the operator's account, else "cli"."""
    op = operator()
    return "cli" if op is None else f"account:{op}"


def logged(command: str, action: str, owner: int, act: Callable[[], T],
           relation: Callable[[], str] = lambda: "as named") -> T:
    """Run `act` on the owner's health record and log it, allowed or refused.

    `relation`, asked after `act` succeeds, says how the person named (--as/--by) stands
    to the record ("self", "physician", "partner"); it goes into the logged rule."""
    op = operator()
    source = f"cli {command}" + ("" if op is not None else NO_OPERATOR)
    try:
        result = act()
    except TrothError as exc:
        if exc.rule in DENIALS:
            _log(op, action, owner, False, f"deny:{action}", 404, source)
        raise
    _log(op, action, owner, True, f"cli:{action}[{relation()}]", 200, source)
    return result


def _log(op: int | None, action: str, owner: int, allowed: bool, rule: str, status: int,
         source: str) -> None:
    registry().queries.accounts.log_access(op, action, "health", owner, allowed, rule[:80],
                                           status, source)


def owner_of(entry_id: int) -> int:
    """Whose record a heat or pregnancy id is in (a missing one: the handler's NotFound)."""
    owner = registry().queries.health.owner_of(entry_id)
    if owner is None:
        raise NotFound(f"no health entry #{entry_id}", rule="health_entry_exists")
    return owner

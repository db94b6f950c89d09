"""The documented exception hierarchy of troth.

Every refusal names the rule that refused and says, in a sentence a person can act on,
what was wrong. Interfaces map them: the CLI exits 2, the API answers 4xx.
"""

from __future__ import annotations


class TrothError(Exception):
    """Base of every error troth raises on purpose."""

    code = "error"

    def __init__(self, message: str, rule: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.rule = rule


class Refused(TrothError):
    """A command was judged and refused by a named rule; nothing was written."""

    code = "refused"


class NotFound(TrothError):
    """A record the command names does not exist."""

    code = "not_found"


class InvalidInput(TrothError):
    """The input itself is malformed (a bad date, a malformed vector)."""

    code = "invalid"


class Conflict(TrothError):
    """The record changed since it was read (optimistic locking)."""

    code = "conflict"

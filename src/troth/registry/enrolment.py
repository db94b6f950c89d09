"""Invitations and enrolment, one workflow for the API, the pages, the CLI and the demo.

An enrolment code is 160 random bits, written as eight groups of four base-32 letters and
digits (easy to read out at the office counter). It is shown once; the registry keeps only
its SHA-256 digest, and the ledger not even that.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from datetime import date

from troth.domain import identity as idn
from troth.domain.errors import InvalidInput
from troth.domain.policy import Role
from troth.registry.passwords import hash_password
from troth.registry.service import Registry


@dataclass(frozen=True)
class IssuedInvitation:
    id: int
    person_id: int
    code: str  # shown once
    expires: date


def new_code() -> str:
    raw = base64.b32encode(secrets.token_bytes(20)).decode()
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def code_digest(code: str) -> str:
    """The digest of a code as typed: case, spaces and dashes do not matter."""
    plain = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(f"troth-enrolment:{plain}".encode()).hexdigest()


def invite(registry: Registry, person_id: int, roles: tuple[Role, ...] = (),
           by_account: int | None = None, actor: str = "registry") -> IssuedInvitation:
    code = new_code()
    iid = registry.execute(idn.IssueInvitation(person_id, code_digest(code), roles, by_account),
                           actor=actor)
    expires = (registry.clock.now() + idn.INVITATION_LIFETIME).date()
    return IssuedInvitation(iid, person_id, code, expires)


def enrol(registry: Registry, code: str, username: str, password: str,
          attested_by: int | None = None, actor: str = "enrolment") -> int:
    """The person's own enrolment; returns the new account's id."""
    if len(password) < 12:
        raise InvalidInput("a password needs at least 12 characters", rule="password_length")
    return registry.execute(idn.Enrol(code_digest(code), username, hash_password(password),
                                      attested_by), actor=actor)

"""Authentication: argon2 passwords, session cookies, API tokens, login rate limiting.

- Passwords are argon2id hashes (argon2-cffi), rehashed when the parameters change.
- A session is a random 256-bit token in a Secure, HttpOnly, SameSite=Lax cookie; only its
  SHA-256 digest is stored. Each login issues a new token (no fixation).
- An API token is a random 256-bit token sent as `Authorization: Bearer ...`; only its
  digest is stored. It is made from a signed-in session only (never by another token),
  expires (TOKEN_DAYS by default, at most MAX_TOKEN_DAYS), and records the session it was
  made from: ending that session (signing out) or revoking a parent token ends it too.
- Logging out ends every session of the account; disabling an account ends its sessions
  and its tokens. Both are read on every request, so they take effect at once.
- Sign-in attempts are counted per username and per client address (digests only),
  atomically and *before* the password is checked: an attempt past LOGIN_LIMIT failures
  of the account within LOGIN_WINDOW (or ADDRESS_LIMIT of the address) is refused with 429
  without checking its password, so a burst of parallel guesses gets LOGIN_LIMIT checks
  in all, and the right password is refused during the lockout. A success ends the
  account's count (not the address's). The address of a trusted proxy (TROTH_TRUSTED_PROXIES)
  speaks for many clients and is not limited; behind one, the client's address comes
  from its X-Forwarded-For, which is believed from those proxies only.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from starlette.requests import Request

from troth.domain.errors import TrothError
from troth.registry.passwords import hash_password, needs_rehash, verify_password
from troth.registry.ports import Clock
from troth.registry.queries import Accounts
from troth.registry.views import Principal

COOKIE = "troth_session"
SESSION_LIFETIME = timedelta(hours=12)
LOGIN_LIMIT = 5
ADDRESS_LIMIT = 50
LOGIN_WINDOW = timedelta(minutes=15)
TOKEN_PREFIX = "troth_"
TOKEN_DAYS = 90  # an API token's life unless its maker chooses a shorter or longer one
MAX_TOKEN_DAYS = 365
# A hash to verify against when the username is unknown, so timing does not tell.
_DUMMY = hash_password("not a password of anyone's")


class Unauthenticated(TrothError):
    code = "unauthenticated"


class TooManyAttempts(TrothError):
    code = "rate_limited"


def new_token(prefix: str = "") -> tuple[str, str]:
    """A fresh random token (256 bits) and the digest that is stored in its place."""
    token = prefix + secrets.token_urlsafe(32)
    return token, digest(token)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _key(kind: str, value: str) -> str:
    return digest(f"{kind}:{value}")


@dataclass
class Authenticator:
    store: Accounts
    clock: Clock
    trusted_proxies: frozenset[str] = frozenset()

    def login(self, username: str, password: str, address: str) -> tuple[int, str]:
        """Count the attempt, then check the password; open a session.
        Returns (account id, session token)."""
        keys = [(_key("user", username.casefold()), True)]
        limits = [LOGIN_LIMIT]
        if address not in self.trusted_proxies:
            keys.append((_key("addr", address), False))
            limits.append(ADDRESS_LIMIT)
        counts, attempts = self.store.begin_attempt(keys, self.clock.now() - LOGIN_WINDOW)
        if any(n > limit for n, limit in zip(counts, limits, strict=True)):
            raise TooManyAttempts("too many failed sign-ins; try again in 15 minutes",
                                  rule="login_rate_limit")
        found = self.store.credentials(username)
        ok = verify_password(found[1] if found else _DUMMY, password)
        if found is None or not ok or found[2]:
            raise Unauthenticated("the username or password is wrong, or the account is"
                                  " disabled", rule="login")
        account_id, stored, _ = found
        if needs_rehash(stored):
            self.store.rehash(account_id, hash_password(password))
        self.store.attempt_succeeded(attempts)
        token, token_hash = new_token()
        self.store.open_session(account_id, token_hash, self.clock.now() + SESSION_LIFETIME)
        return account_id, token

    def principal(self, request: Request) -> Principal | None:
        """The signed-in account, from a Bearer token or the session cookie; None if neither
        is presented. A credential that is presented but not live is an error (401)."""
        header = request.headers.get("authorization", "")
        if header:
            scheme, _, token = header.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise Unauthenticated("use 'Authorization: Bearer <token>'", rule="auth_header")
            return self._live(token.strip(), "token")
        cookie = request.cookies.get(COOKIE)
        return None if cookie is None else self._live(cookie, "session")

    def _live(self, token: str, via: str) -> Principal:
        found = self.store.principal(digest(token), via)
        if found is None:
            raise Unauthenticated("the session or token has ended; sign in again",
                                  rule="credential_live")
        return found

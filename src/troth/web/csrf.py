"""Forged requests (CSRF): what a state-changing request must carry.

A request authenticated by the session cookie is one a browser may send on another site's
behalf, so every POST, PUT, PATCH or DELETE that carries the cookie must also carry

- the CSRF token bound to that session (header `X-CSRF-Token`, or form field
  `csrf_token`): a digest of the session's random token, which only troth's own pages
  (and the sign-in response) tell; another site can neither read nor guess it;
- and, when the browser says where the request comes from, this site: `Sec-Fetch-Site`
  same-origin (or none); without that header, `Origin` this very host and port (another
  port is another origin).

The sign-in form has no session yet: GET /login sets a pre-session cookie (random,
HttpOnly, Secure, SameSite=Strict) and puts a digest of it in the form (a double-submit
token), so a cross-site form cannot sign a browser into an attacker's account. The API's
JSON sign-in is checked by origin (and a JSON body is not something a cross-site form can
send). A request with `Authorization: Bearer` is not authenticated by a cookie, and a
browser never adds that header across sites: it needs no token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response

from troth.domain.errors import TrothError
from troth.web.auth import COOKIE

HEADER = "X-CSRF-Token"
FIELD = "csrf_token"
PRESESSION = "troth_presession"
SAFE = {"GET", "HEAD", "OPTIONS"}
SAME = {"same-origin", "none"}
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
NO_TOKEN = {"/api/v1/auth/login", "/verify", "/enrol", "/api/v1/enrol"}  # no session acts
# here (enrolment is by the one-time code); Origin is still checked


class Forged(TrothError):
    """A state-changing request from another site, or without the session's token."""

    code = "forbidden"


def _digest(kind: str, secret: str) -> str:
    return hashlib.sha256(f"{kind}:{secret}".encode()).hexdigest()[:40]


def session_token(request: Request) -> str:
    """The token of the session cookie sent (empty when there is none)."""
    session = request.cookies.get(COOKIE, "")
    return _digest("csrf", session) if session else ""


def token_for_session(session: str) -> str:
    """The token of a session just opened (its cookie is not in this request yet)."""
    return _digest("csrf", session)


def presession(request: Request) -> tuple[str, str]:
    """(cookie value, form token) for the sign-in form: the browser's pre-session cookie,
    or a fresh one to set."""
    value = request.cookies.get(PRESESSION, "")
    if len(value) < 32:
        value = secrets.token_urlsafe(32)
    return value, _digest("login", value)


def set_presession(response: Response, value: str) -> None:
    response.set_cookie(PRESESSION, value, max_age=3600, secure=True, httponly=True,
                        samesite="strict", path="/")


def _same_origin(request: Request) -> bool:
    """`Sec-Fetch-Site` decides when sent (a browser sets it; no page can). Without it,
    `Origin` must name this host and port. (Under troth's `Referrer-Policy: no-referrer`
    a browser's form posts say `Origin: null`, so that alone is refused only when the
    browser sends no `Sec-Fetch-Site`.)"""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site in SAME
    origin = request.headers.get("origin")
    if origin is None:
        return True  # not a browser, or one that says nothing: the token decides
    host = request.headers.get("host", "")
    return origin != "null" and urlsplit(origin).netloc.lower() == host.lower()


async def _sent(request: Request) -> str:
    sent = request.headers.get(HEADER.lower(), "")
    if not sent and request.headers.get("content-type", "").startswith(FORM_TYPES):
        sent = str((await request.form()).get(FIELD, ""))
    return sent


async def check(request: Request) -> None:
    """Refuse (403) a state-changing request that a cookie authenticates (or the sign-in
    form) unless it carries the right token and does not come from another origin."""
    if request.method in SAFE or request.headers.get("authorization"):
        return
    if not _same_origin(request):
        raise Forged("this request came from another site; troth accepts changes only from"
                     " its own pages", rule="csrf_origin")
    path = request.url.path
    if path == "/login":
        expected = _digest("login", request.cookies.get(PRESESSION, "")) \
            if request.cookies.get(PRESESSION) else ""
    elif path in NO_TOKEN:
        return
    else:
        expected = session_token(request)
        if not expected:
            return  # no cookie: nothing a forger could borrow; the route asks for sign-in
    sent = await _sent(request)
    if not expected or not sent or not hmac.compare_digest(sent, expected):
        raise Forged("the form or request was sent without this session's token; reload"
                     " the page and try again", rule="csrf_token")

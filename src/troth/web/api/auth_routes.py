"""Signing in and out, the signed-in account, personal API tokens."""

from __future__ import annotations

from datetime import UTC, timedelta

from fastapi import APIRouter, Response
from starlette.requests import Request

from troth.domain.errors import NotFound
from troth.web import csrf
from troth.web.access import Ctx, authenticator_of, registry_of
from troth.web.api.schemas import AccountOut, LoginIn, TokenIn, TokenInfo, TokenList, TokenOut
from troth.web.auth import COOKIE, SESSION_LIFETIME, TOKEN_PREFIX, new_token
from troth.web.errors import Denied
from troth.web.ids import RecordId

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/login", response_model=AccountOut)
def login(body: LoginIn, request: Request, response: Response) -> AccountOut:
    """Sign in with a password; sets a Secure, HttpOnly, SameSite=Lax session cookie
    holding a new random token, and answers the session's CSRF token in the
    `X-CSRF-Token` header: send it back in that header on every state-changing request
    made with the cookie. Repeated failures are refused for 15 minutes (429)."""
    address = request.client.host if request.client else "-"
    account_id, token = authenticator_of(request).login(body.username, body.password, address)
    response.set_cookie(COOKIE, token, max_age=int(SESSION_LIFETIME.total_seconds()),
                        secure=True, httponly=True, samesite="lax", path="/")
    response.headers[csrf.HEADER] = csrf.token_for_session(token)
    return AccountOut(**registry_of(request).queries.accounts.describe(account_id))


@router.post("/logout", status_code=204, response_class=Response)
def logout(ctx: Ctx) -> Response:
    """Sign out: every session of this account ends, on every device, at once."""
    ctx.queries.accounts.end_sessions(ctx.principal.account_id)
    response = Response(status_code=204)
    response.delete_cookie(COOKIE, secure=True, httponly=True, samesite="lax", path="/")
    return response


@router.get("/me", response_model=AccountOut)
def me(ctx: Ctx, request: Request, response: Response) -> AccountOut:
    """The signed-in account: its person (if any) and roles; signed in by the cookie, also
    the session's CSRF token (header `X-CSRF-Token`)."""
    if ctx.principal.via == "session":
        response.headers[csrf.HEADER] = csrf.session_token(request)
    return AccountOut(**ctx.queries.accounts.describe(ctx.principal.account_id))


@router.post("/tokens", status_code=201, response_model=TokenOut)
def create_token(body: TokenIn, ctx: Ctx) -> TokenOut:
    """Create a personal API token for scripts, from a signed-in session only (a token
    cannot make tokens: 403). It expires after `days` (default 90, at most 365); signing
    out of the session it was made from ends it. It is shown once; only its digest is
    kept. Send it as `Authorization: Bearer <token>`."""
    p = ctx.principal
    if p.via != "session":
        raise Denied("API tokens are made from a signed-in session, not by another token",
                     "token_from_session", 403)
    token, token_hash = new_token(TOKEN_PREFIX)
    expires = ctx.registry.clock.now() + timedelta(days=body.days)
    tid = ctx.queries.accounts.create_token(p.account_id, body.name, token_hash, expires,
                                            parent_session=p.credential_id)
    return TokenOut(id=tid, name=body.name, token=token,
                    expires=expires.astimezone(UTC).isoformat(timespec="microseconds"))


@router.get("/tokens", response_model=TokenList)
def list_tokens(ctx: Ctx) -> TokenList:
    """This account's API tokens, live and ended, newest first (never the tokens)."""
    return TokenList(items=[TokenInfo(**t)
                            for t in ctx.queries.accounts.tokens(ctx.principal.account_id)])


@router.delete("/tokens/{token_id}", status_code=204, response_class=Response)
def revoke_token(token_id: RecordId, ctx: Ctx) -> Response:
    """Revoke one of this account's API tokens, and any made from it; they stop working
    at once."""
    if not ctx.queries.accounts.revoke_token(ctx.principal.account_id, token_id):
        raise NotFound("no live token with that id on this account", rule="token_exists")
    return Response(status_code=204)

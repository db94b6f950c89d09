"""Signing in and out of the pages, and the vendored static files.

The sign-in form posts a username and password to the API engineer's Authenticator, which
opens the same session (cookie `troth_session`: Secure, HttpOnly, SameSite=Lax) that
/api/v1/auth/login opens; signing out ends every session of the account.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from troth.domain.errors import NotFound, TrothError
from troth.registry.enrolment import enrol as enrol_with_code
from troth.web import csrf
from troth.web.access import authenticator_of, registry_of
from troth.web.auth import COOKIE, SESSION_LIFETIME, TooManyAttempts, Unauthenticated
from troth.web.errors import status_of
from troth.web.pages.context import PageCtx, PageRoute
from troth.web.pages.render import page, redirect

router = APIRouter(route_class=PageRoute)
STATIC = {"htmx.min.js": "text/javascript", "troth.js": "text/javascript",
          "troth.css": "text/css"}


def _safe_next(target: str) -> str:
    """Only a path on this site (never //host or a scheme) is followed after sign-in."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _login_page(request: Request, status: int = 200, **values: str) -> Response:
    """The sign-in form with its pre-session token (see troth.web.csrf)."""
    cookie, token = csrf.presession(request)
    response = page(request, "login.html", status=status, login_csrf=token, **values)
    csrf.set_presession(response, cookie)
    return response


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    return _login_page(request, next=_safe_next(next), error="", username="")


@router.post("/login")
async def login(request: Request) -> Response:
    form = await request.form()
    username, password = str(form.get("username", "")), str(form.get("password", ""))
    target = _safe_next(str(form.get("next", "/")))
    address = request.client.host if request.client else "-"
    try:
        _, token = authenticator_of(request).login(username.strip(), password, address)
    except (Unauthenticated, TooManyAttempts) as e:
        status = 429 if isinstance(e, TooManyAttempts) else 401
        return _login_page(request, status=status, next=target, username=username,
                           error=e.message[:1].upper() + e.message[1:] + ".")
    response = redirect(request, target)
    response.headers[csrf.HEADER] = csrf.token_for_session(token)
    response.set_cookie(COOKIE, token, max_age=int(SESSION_LIFETIME.total_seconds()),
                        secure=True, httponly=True, samesite="lax", path="/")
    return response


@router.get("/enrol")
def enrol_form(request: Request) -> Response:
    return page(request, "enrol.html", error="", username="")


@router.post("/enrol")
async def enrol(request: Request) -> Response:
    """Her own enrolment with the office's one-time code; then she signs in."""
    form = await request.form()
    username = str(form.get("username", ""))
    try:
        enrol_with_code(registry_of(request), str(form.get("code", "")), username.strip(),
                        str(form.get("password", "")))
    except TrothError as e:
        return page(request, "enrol.html", status=status_of(e), username=username,
                    error=e.message[:1].upper() + e.message[1:] + ".")
    return redirect(request, "/login", "Your account is enrolled; sign in with it.")


@router.post("/logout")
def logout(request: Request, ctx: PageCtx) -> Response:
    ctx.queries.accounts.end_sessions(ctx.principal.account_id)
    response = redirect(request, "/login", "You are signed out on every device.")
    response.delete_cookie(COOKIE, secure=True, httponly=True, samesite="lax", path="/")
    return response


@cache
def _static(name: str) -> bytes:
    return resources.files("troth.web").joinpath("static", name).read_bytes()


@router.get("/static/{name}", include_in_schema=False)
def static(name: str) -> Response:
    if name not in STATIC:
        raise NotFound("no such file", rule="static_exists")
    return Response(_static(name), media_type=STATIC[name],
                    headers={"Cache-Control": "public, max-age=3600"})

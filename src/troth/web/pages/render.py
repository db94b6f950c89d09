"""Rendering: one Jinja2 environment (autoescaped), filters in plain words, the response.

Pages that show records are `Cache-Control: no-store`; a one-shot notice ("Visit #4
recorded as held") travels to the next page in a short-lived HttpOnly cookie.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any
from urllib.parse import quote, unquote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from troth.domain.policy import GRANTS
from troth.web.csrf import session_token
from troth.web.pages.links import VIEWER, may, person_link
from troth.web.pages.wording import in_words, occasion, prose, rule

FLASH = "troth_notice"
ROLE_WORDS = {"registrar": "Registrar", "sponsor": "Sponsor", "party": "Party",
              "guardian": "Guardian", "handler": "Handler", "officiant": "Officiant",
              "physician": "Physician"}


def day(value: date | datetime | str | None) -> str:
    """7 March 2026 — dates in words a person reads without thinking."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    return in_words(value)


def held(ceremony: Any) -> str:
    """A ceremony's day in words with its time and place where they are known."""
    return occasion(ceremony.on, ceremony.at, ceremony.place)


def words(value: str | None) -> str:
    return (value or "").replace("_", " ")


def holds(roles: list[str], action: str) -> bool:
    """Whether any of the roles holds the action through some relation (for navigation;
    every page still asks the policy about the record itself)."""
    return any(g.action == action and g.role.value in roles for g in GRANTS)


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("troth.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["day"] = day
    env.filters["words"] = words
    env.filters["held"] = held
    env.filters["prose"] = prose
    env.filters["rule"] = rule
    env.globals["role_words"] = ROLE_WORDS
    env.globals["holds"] = holds
    env.globals["person_link"] = person_link
    env.globals["may_open"] = may
    return env


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def page(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    """Render a template with the common values; an HTMX request may get a fragment."""
    notice = unquote(request.cookies.get(FLASH, ""))
    viewer = VIEWER.set(getattr(request.state, "ctx", None))
    try:
        body = environment().get_template(template).render(
            request=request, csrf=session_token(request), notice=notice,
            me=getattr(request.state, "me", None), path=request.url.path,
            unread=getattr(request.state, "unread", None), **values)
    finally:
        VIEWER.reset(viewer)
    response = HTMLResponse(body, status_code=status, headers={"Cache-Control": "no-store"})
    if notice:
        response.delete_cookie(FLASH, path="/")
    return response


def redirect(request: Request, url: str, notice: str = "") -> Response:
    """After a successful POST: 303 to the record's page (HTMX: a client-side redirect)."""
    if is_htmx(request):
        response: Response = Response(status_code=204, headers={"HX-Redirect": url})
    else:
        response = RedirectResponse(url, status_code=303)
    if notice:
        response.set_cookie(FLASH, quote(notice[:300]), max_age=60, httponly=True,
                            samesite="lax", path="/")
    return response

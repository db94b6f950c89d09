"""Who is asking, for the pages: the API's session and access policy, answered in HTML.

`PageCtx` is troth.web.access.RequestContext (the same principal, the same `allow`/`may`, the
same access log); only the failures are answered differently: not signed in → a 303 to
the sign-in page; denied → an HTML page with the policy's message and status. Every
page route uses `PageRoute`, which does that translation, and checks the CSRF token on
every POST.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response

from troth.domain.errors import NotFound, TrothError
from troth.domain.policy import GRANTS, Role
from troth.registry.queries import DashboardQueries
from troth.web import csrf
from troth.web.access import RequestContext, authenticator_of, registry_of, source_of
from troth.web.auth import COOKIE, TooManyAttempts, Unauthenticated
from troth.web.errors import Denied, status_of
from troth.web.guards import text_form
from troth.web.ids import BOUND
from troth.web.pages.forms import sentence
from troth.web.pages.render import is_htmx, page, redirect

log = logging.getLogger("troth.web.pages")


class SignInRequired(Exception):
    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def page_context(request: Request) -> RequestContext:
    try:
        principal = authenticator_of(request).principal(request)
    except Unauthenticated:
        principal = None
    if principal is None:
        raise SignInRequired(request.url.path)
    ctx = RequestContext(registry_of(request), principal, source_of(request))
    request.state.me = ctx.queries.accounts.describe(principal.account_id)
    request.state.ctx = ctx  # the viewer the pages' links are judged for (pages.links)
    registrar = Role.REGISTRAR in principal.roles  # the unread count in the navigation
    request.state.unread = ctx.queries.inbox.unread(principal.person_id, registrar)
    return ctx


PageCtx = Annotated[RequestContext, Depends(page_context)]


def queries(ctx: RequestContext) -> DashboardQueries:
    return ctx.queries.dashboards


def could(ctx: RequestContext, action: str) -> bool:
    """Whether any of the account's roles holds the action through some relation (a form
    is offered); the record itself is checked when the form is sent."""
    return any(g.action == action and g.role in ctx.principal.roles for g in GRANTS)


def require_could(ctx: RequestContext, action: str) -> None:
    if not could(ctx, action):
        ctx.allow(action)  # raises Denied (and logs it) with the policy's own message


def _error(request: Request, status: int, title: str, message: str) -> Response:
    response = page(request, "error.html", status=status, title=title, message=message)
    if is_htmx(request):  # replace the page's content, not the fragment that asked
        response.headers.update({"HX-Retarget": "#main", "HX-Reswap": "innerHTML",
                                 "HX-Reselect": "#page"})
    return response


def _sign_in(request: Request, path: str) -> Response:
    target = f"/login?next={quote(path)}"
    response = redirect(request, target)
    if request.cookies.get(COOKIE):
        response.delete_cookie(COOKIE, path="/")
    return response


async def _answer(request: Request, call: Callable[[], Coroutine[Any, Any, Response]]
                  ) -> Response:
    try:
        await text_form(request)
        await csrf.check(request)
        return await call()
    except SignInRequired as s:
        return _sign_in(request, s.path)
    except csrf.Forged as e:
        return _error(request, 403, "This form has expired", sentence(e.message))
    except Denied as d:
        title = "Not found" if d.status == 404 else "Not allowed"
        return _error(request, d.status, title, d.message)
    except RequestValidationError:
        return _error(request, 404, "Not found", f"There is no such page: {BOUND}.")
    except NotFound as e:
        return _error(request, 404, "Not found", e.message)
    except (TooManyAttempts, TrothError) as e:
        return _error(request, status_of(e), "Refused", e.message)


class PageRoute(APIRoute):
    """An APIRoute whose failures are HTML pages, not JSON bodies."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        original = super().get_route_handler()

        async def handler(request: Request) -> Response:
            return await _answer(request, lambda: original(request))

        return handler

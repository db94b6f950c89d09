"""The roster's records as lists: the week's Visit requests, and the handlers' list.

GET /roster/requests?week=&district= lists the week's requests (open first), each open one
with "Withdraw"; GET /roster/handlers?week=&district= lists the handlers on the list with
their availability that week and the unavailability recorded for them. Both are the
registry office's (`roster.manage`, judged without a record: others get the policy's 403);
the forms they link to are /do/request_visit, /do/withdraw_visit_request,
/do/register_handler, /do/record_handler_availability and /do/record_unavailability.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from troth.domain import rostering as ro
from troth.domain.errors import InvalidInput
from troth.web.access import RequestContext
from troth.web.pages.context import PageCtx, PageRoute, queries
from troth.web.pages.forms import sentence
from troth.web.pages.render import page
from troth.web.pages.roster import week_of

router = APIRouter(route_class=PageRoute)
ACTION = "roster.manage"
ORDER = {"open": 0, "scheduled": 1, "withdrawn": 2}


@dataclass(frozen=True)
class HandlerRow:
    profile: ro.HandlerProfile
    available: tuple[ro.Span, ...]
    unavailable: tuple[ro.Span, ...]


def _week(ctx: RequestContext, typed: str) -> tuple[str, str]:
    """The chosen week and "", or "" and the reason the typed one is not a week."""
    try:
        return week_of(ctx, typed[:20]), ""
    except InvalidInput as e:
        return "", sentence(e.message)


@router.get("/roster/requests")
def requests_page(request: Request, ctx: PageCtx, week: str = "",
                  district: str = "") -> Response:
    ctx.allow(ACTION)
    district = district.strip()[:80]
    chosen, error = _week(ctx, week)
    rows = sorted(ctx.queries.roster.requests(chosen, district) if chosen else [],
                  key=lambda q: (ORDER.get(q.status, 3), q.id))
    courts = queries(ctx).courtships(sorted({q.courtship_id for q in rows}))
    names = queries(ctx).names({x for c in courts for x in (c.alpha_id, c.omega_id)})
    couples = {c.id: f"{names.get(c.alpha_id, '?')} and {names.get(c.omega_id, '?')}"
               for c in courts}
    return page(request, "roster_requests.html", status=422 if error else 200,
                week=chosen or week[:20], district=district, error=error, rows=rows,
                couples=couples)


@router.get("/roster/handlers")
def handlers_page(request: Request, ctx: PageCtx, week: str = "",
                  district: str = "") -> Response:
    ctx.allow(ACTION)
    district = district.strip()[:80]
    chosen, error = _week(ctx, week)
    reads = ctx.queries.roster
    profiles = sorted(reads.handlers(district), key=lambda h: (h.name, h.id))
    available = reads.availability(chosen, district) if chosen else {}
    away = reads.unavailability(chosen) if chosen else {}
    rows = [HandlerRow(h, available.get(h.id, ()), away.get(h.person_id, ()))
            for h in profiles]
    return page(request, "roster_handlers.html", status=422 if error else 200,
                week=chosen or week[:20], district=district, error=error, rows=rows)

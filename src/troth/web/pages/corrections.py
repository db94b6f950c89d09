"""/corrections: the registrars' list of corrections, the pending ones first, each with its
approve and reject forms (sent to /do/approve_correction and /do/reject_correction)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from troth.domain import correction as co
from troth.web.pages.context import PageCtx, PageRoute, queries
from troth.web.pages.render import page

router = APIRouter(route_class=PageRoute)


@router.get("/corrections")
def corrections_page(request: Request, ctx: PageCtx,
                     state: Literal["pending", "approved", "rejected"] = "pending") -> Response:
    ctx.allow("correction.read")
    items = ctx.queries.corrections.list(state)
    names = queries(ctx).names({x.person_id for x in items})
    rows = [{"c": x, "what": co.FIELDS[x.field], "old": co.shown(x.field, x.old),
             "new": co.shown(x.field, x.new),
             "own": x.requested_by == ctx.principal.account_id} for x in items]
    return page(request, "corrections.html", rows=rows, names=names, state=state,
                may_decide=ctx.may("correction.decide"))

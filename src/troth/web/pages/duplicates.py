"""The registrar's list of likely duplicate people: the registry-wide scan's pairs (Splink;
run again only when the ledger has grown) and the pairs imports recorded for review."""

from __future__ import annotations

import threading
from typing import Any

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from troth.web.pages.context import PageCtx, PageRoute
from troth.web.pages.render import page

router = APIRouter(route_class=PageRoute)
PER_PAGE = 50
_CACHE: dict[str, Any] = {}  # the last scan: {"count": ledger entries, "pairs": [...]}
_LOCK = threading.Lock()


def _pairs(ctx: PageCtx) -> list[Any]:
    from troth.registry.duplicates import find_duplicates

    count = ctx.queries.people.checkpoint().count
    with _LOCK:
        if _CACHE.get("count") != count or _CACHE.get("location") != ctx.registry.location:
            _CACHE.update(count=count, location=ctx.registry.location,
                          pairs=find_duplicates(ctx.queries, min_p=0.9))
        pairs: list[Any] = _CACHE["pairs"]
    return pairs


@router.get("/duplicates")
def duplicates_page(request: Request, ctx: PageCtx,
                    page_no: int = Query(1, alias="page", ge=1, le=100_000)) -> Response:
    ctx.allow("person.register")
    pairs = _pairs(ctx)
    pages = max(1, -(-len(pairs) // PER_PAGE))
    shown = pairs[(page_no - 1) * PER_PAGE: page_no * PER_PAGE]
    recorded = ctx.queries.identity.duplicate_reviews("open")
    ids = sorted({i for p in shown for i in (p.left, p.right)}
                 | {i for r in recorded[:PER_PAGE] for i in (r.person_id, r.other_id)})
    people = ctx.queries.people.people(ids) if ids else {}
    names = {i: f"{p.legal_name} (#{i}, born {p.born})" for i, p in people.items()}
    return page(request, "duplicates.html", pairs=shown, total=len(pairs), page_no=page_no,
                pages=pages, recorded=recorded[:PER_PAGE], names=names)

"""/match/candidates: candidate search for one person, as a page (issue 6).

The filters travel in the query string (registry numbers and ages, never names), so a
search can be bookmarked and works without JavaScript; HTMX swaps only the results.
Who may search for whom is the policy's (`match.candidates`, via troth.web.candidates).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from troth.domain.errors import NotFound, TrothError
from troth.registry.candidate_search import SearchCache
from troth.web.access import RequestContext
from troth.web.candidates import MAX_TOP, CandidateQuery, find, search_cache
from troth.web.ids import BOUND, valid_id
from troth.web.pages.context import PageCtx, PageRoute, require_could
from troth.web.pages.render import page

router = APIRouter(route_class=PageRoute)
FIELDS = ("person", "top", "min_age", "max_age", "district")


def _int(raw: str, name: str, errors: dict[str, str], message: str) -> int | None:
    raw = raw.strip().lstrip("#")
    if not raw:
        return None
    if raw.isdigit() and len(raw) <= 10:
        return int(raw)
    errors[name] = message
    return None


def parse(typed: Mapping[str, str]) -> tuple[int | None, CandidateQuery, dict[str, str]]:
    """The person and the query as typed; never raises, each problem beside its field."""
    errors: dict[str, str] = {}
    person = _int(typed["person"], "person", errors, "Give a registry number, such as 17.")
    if person is not None and not valid_id(person):
        errors["person"], person = f"Give a registry number, such as 17; {BOUND}.", None
    top = _int(typed["top"], "top", errors, f"Give a whole number from 1 to {MAX_TOP}.")
    ages = [
        _int(typed[n], n, errors, "Give an age in whole years, from 0 to 150.")
        for n in ("min_age", "max_age")
    ]
    district = typed["district"].strip()[:100]
    query = CandidateQuery(
        20 if top is None else top, ages[0], ages[1], (district,) if district else ()
    )
    errors = {**query.problems(), **errors}
    return person, query, errors


def search(
    ctx: RequestContext,
    cache: SearchCache,
    person: int | None,
    query: CandidateQuery,
    errors: dict[str, str],
) -> dict[str, Any]:
    """What the results area shows: the answer, or why there is none."""
    if person is None or errors:
        return {"found": None, "refusal": ""}
    try:
        return {"found": find(ctx, person, query, cache), "refusal": ""}
    except NotFound as e:
        errors["person"] = f"{e.message[:1].upper()}{e.message[1:]}."
    except TrothError as e:
        if e.rule != "person_matchable":
            raise
        return {"found": None, "refusal": f"{e.message[:1].upper()}{e.message[1:]}."}
    return {"found": None, "refusal": ""}


@router.get("/match/candidates")
def candidates_page(request: Request, ctx: PageCtx) -> Response:
    require_could(ctx, "match.candidates")
    typed = {k: request.query_params.get(k, "") for k in FIELDS}
    if not typed["person"] and ctx.person_id is not None and not ctx.may("match.candidates"):
        typed["person"] = str(ctx.person_id)  # a party searches for themself
    person, query, errors = parse(typed)
    answer = search(ctx, search_cache(request), person, query, errors)
    return page(
        request,
        "candidates.html",
        status=422 if errors else 200,
        typed=typed,
        errors=errors,
        own_only=not ctx.may("match.candidates"),
        max_top=MAX_TOP,
        **answer,
    )

"""CSV beside each list the office works from (the welfare queue's is in pages.welfare):

- `POST /people/export.csv` — people search results, every page of them. The filters come
  in the POST body as on the search page (names and designations stay out of URLs);
- `GET /corrections/export.csv?state=` — the corrections list;
- `GET /roster/export.csv?week=&district=` — the newest roster's placements;
- `GET /stats/export.csv` — the statistics tables (counts only).

Each asks the policy as its page does, before anything is read, and parses the filters with
the page's own parser; bad input is a 422 with its sentence. No export carries a health
detail or a scent: people are listed by number, names, designation, dates and district.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from troth.domain import correction as co
from troth.domain.errors import InvalidInput
from troth.registry.views import SearchFilter
from troth.web.access import RequestContext
from troth.web.csrf import FIELD
from troth.web.pages import roster as roster_page
from troth.web.pages.context import PageCtx, PageRoute, queries
from troth.web.pages.export import csv_response
from troth.web.pages.people import search_filter
from troth.web.pages.stats import charts

router = APIRouter(route_class=PageRoute)
BATCH = 500  # people read per query while the export streams


def _people(ctx: RequestContext, f: SearchFilter) -> Iterator[tuple[Any, ...]]:
    today, number = ctx.registry.clock.today(), 1
    while True:
        found = ctx.queries.people.search(f, today, number, BATCH)
        for p in found.items:
            yield (p.id, p.legal_name, "; ".join(f"{n.kind}: {n.name}" for n in p.other_names),
                   p.designation.value if p.designation else "unpresented", p.born, p.died,
                   p.age_on(p.died or today), p.district)
        if number >= found.pages or not found.items:
            return
        number += 1


@router.post("/people/export.csv")
async def people_csv(request: Request, ctx: PageCtx) -> Response:
    ctx.allow("person.search")
    form = {k: str(v) for k, v in (await request.form()).items() if k != FIELD}
    f, errors = search_filter(form)
    if errors:
        raise InvalidInput(" ".join(sorted(set(errors.values()))), rule="search_filter")
    day = ctx.registry.clock.today().isoformat()
    return csv_response(f"people-{day}.csv", ("registry_number", "legal_name",
                                              "other_names", "designation", "born", "died",
                                              "age", "district"), _people(ctx, f))


@router.get("/corrections/export.csv")
def corrections_csv(ctx: PageCtx, state: str = "pending") -> Response:
    ctx.allow("correction.read")
    if state not in co.STATES:
        raise InvalidInput(f"a correction is {', '.join(co.STATES)}", rule="correction_state")
    items = ctx.queries.corrections.list(state)
    names = queries(ctx).names({x.person_id for x in items})
    rows = ((x.id, x.person_id, names.get(x.person_id, ""), co.FIELDS[x.field],
             co.shown(x.field, x.old), co.shown(x.field, x.new), x.evidence,
             x.court_order_ref, x.state, x.requested_by, x.requested_on, x.decided_by,
             x.decided_on, x.reason) for x in items)
    return csv_response(f"corrections-{state}.csv", (
        "correction", "person", "person_name", "fact", "from", "to", "evidence",
        "court_order", "state", "requested_by_account", "requested_on",
        "decided_by_account", "decided_on", "reason"), rows)


@router.get("/roster/export.csv")
def roster_csv(ctx: PageCtx, week: str = "", district: str = "") -> Response:
    roster_page.allow(ctx)
    chosen = roster_page.week_of(ctx, week[:20])
    district = district.strip()[:80]
    rec = ctx.queries.roster.latest_roster(chosen, district)
    rows: list[tuple[Any, ...]] = []
    if rec is not None:
        view = roster_page.build_view(ctx, rec, limit=10_000)
        for row in view.courtships:
            for cell in row.days:
                rows.extend((view.roster_id, chosen, district, e.request_id, e.courtship_id,
                             row.label, e.kind, e.start, e.end, "; ".join(e.handlers),
                             e.accepted) for e in cell)
    return csv_response(f"roster-{chosen}.csv", (
        "roster", "week", "district", "request", "courtship", "couple", "kind", "start",
        "end", "handlers", "accepted"), rows)


@router.get("/stats/export.csv")
def stats_csv(ctx: PageCtx) -> Response:
    today = ctx.registry.clock.today()
    rows = ((c["title"], series, label, value)
            for c in charts(ctx.queries.stats, today)
            for series, values in c["rows"].items()
            for label, value in zip(c["labels"], values, strict=True))
    return csv_response(f"statistics-{today.isoformat()}.csv",
                        ("table", "series", "label", "count"), rows)

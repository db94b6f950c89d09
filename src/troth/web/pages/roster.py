"""The registrar's roster page: the week's proposed roster, and accepting it.

GET /roster?week=2026-W49&district=Riverside shows the newest roster recorded for that
week and district (`troth roster plan` records it): the headline against CP-SAT's proven
bound, a week's calendar per handler and per courtship, the requests that could not be
placed with the binding rule, and accepted placements a re-plan had to release.
POST /roster/accept schedules placements through the ordinary Visit command (the same
`AcceptRosterPlacement` call `troth roster accept` makes), each with its own verdict.

Access: rostering is the office's work. Both routes require `visit.schedule` judged with
no record, which only a grant without a relation satisfies — the registrar's; a guardian
or sponsor who may schedule their own courtship's Visits is answered 404 here. Nothing is
added to the policy.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from troth.domain import rostering as ro
from troth.domain.errors import InvalidInput
from troth.registry.rostering import PlacementResult, accept_in_registry
from troth.schedule.model import DAY_NAMES, Placement, Roster, week_start
from troth.schedule.week import roster_from_record
from troth.web.access import RequestContext
from troth.web.ids import BOUND, valid_id
from troth.web.pages.context import PageCtx, PageRoute, queries
from troth.web.pages.render import page

router = APIRouter(route_class=PageRoute)
ACTION = "visit.schedule"  # judged without a record: the registrar's grant alone allows it
LIMIT = 50  # rows per calendar, as `troth roster show --limit`


@dataclass(frozen=True)
class Entry:
    """One placed Visit in a calendar cell."""

    request_id: int
    courtship_id: int
    kind: str
    start: datetime
    end: datetime
    handlers: tuple[str, ...]
    accepted: bool


@dataclass(frozen=True)
class Row:
    """One handler's or one courtship's week: seven cells of Visits."""

    key: int
    label: str
    days: tuple[tuple[Entry, ...], ...]
    count: int


@dataclass(frozen=True)
class View:
    roster_id: int
    roster: Roster
    proposed_on: Any
    handlers: list[Row]
    handler_total: int
    courtships: list[Row]
    courtship_total: int
    pending: int  # placements not yet accepted
    kinds: dict[int, str]  # request id -> kind (for the unplaced tables)


def allow(ctx: RequestContext) -> None:
    ctx.allow(ACTION)


def week_of(ctx: RequestContext, typed: str) -> str:
    """The typed ISO week, or the registry clock's current week."""
    typed = typed.strip()
    return ro.check_week(typed) if typed else ro.iso_week(ctx.registry.clock.today())


def _entry(p: Placement, accepted: frozenset[int], names: dict[int, str]) -> Entry:
    return Entry(p.request_id, p.courtship_id, p.kind, p.start, p.end,
                 tuple(names.get(h, f"handler #{h}") for h in p.handler_ids),
                 p.request_id in accepted)


def _rows(groups: dict[int, list[Entry]], labels: dict[int, str], monday: datetime,
          limit: int) -> list[Row]:
    rows = []
    for key in sorted(groups)[:limit]:
        cells: list[list[Entry]] = [[] for _ in DAY_NAMES]
        for e in sorted(groups[key], key=lambda x: x.start):
            cells[min(6, max(0, (e.start - monday).days))].append(e)
        rows.append(Row(key, labels.get(key, f"#{key}"), tuple(tuple(c) for c in cells),
                        len(groups[key])))
    return rows


def _courtship_labels(ctx: RequestContext, ids: list[int]) -> dict[int, str]:
    q = queries(ctx)
    found = q.courtships(ids)
    names = q.names({x for c in found for x in (c.alpha_id, c.omega_id)})
    return {c.id: f"{names.get(c.alpha_id, '?')} and {names.get(c.omega_id, '?')}"
            for c in found}


def build_view(ctx: RequestContext, rec: ro.RosterRecord, limit: int = LIMIT) -> View:
    reads = ctx.queries.roster
    requests = {q.id: q for q in reads.requests(rec.week)}
    roster = roster_from_record(rec, requests)
    handler_names = {h.id: h.name for h in reads.handlers()}
    by_handler: dict[int, list[Entry]] = defaultdict(list)
    by_courtship: dict[int, list[Entry]] = defaultdict(list)
    for p in roster.placements:
        e = _entry(p, roster.accepted, handler_names)
        by_courtship[p.courtship_id].append(e)
        for h in p.handler_ids:
            by_handler[h].append(e)
    monday = week_start(rec.week)
    shown = sorted(by_courtship)[:limit]
    pending = sum(1 for p in roster.placements if p.request_id not in roster.accepted)
    return View(rec.id, roster, rec.proposed_on,
                _rows(by_handler, handler_names, monday, limit), len(by_handler),
                _rows(by_courtship, _courtship_labels(ctx, shown), monday, limit),
                len(by_courtship), pending, {i: q.kind for i, q in requests.items()})


def _show(request: Request, ctx: RequestContext, week: str, district: str, *, error: str = "",
          outcome: list[PlacementResult] | None = None, status: int = 200) -> Response:
    rec = ctx.queries.roster.latest_roster(week, district) if week else None
    view = build_view(ctx, rec) if rec is not None else None
    return page(request, "roster.html", status=status, week=week, district=district,
                view=view, error=error, outcome=outcome, days=DAY_NAMES)


@router.get("/roster")
def roster_page(request: Request, ctx: PageCtx, week: str = "", district: str = "") -> Response:
    allow(ctx)
    district = district.strip()[:80]
    try:
        chosen = week_of(ctx, week[:20])
    except InvalidInput as e:
        return _show(request, ctx, "", district, error=_sentence(e.message), status=422)
    return _show(request, ctx, chosen, district)


def accept(ctx: RequestContext, roster_id: int, only: set[int] | None) -> list[PlacementResult]:
    """Schedule each placement not yet accepted (or only those named): one verdict each,
    through the same workflow `troth roster accept` runs, in the account's name."""
    results = accept_in_registry(ctx.registry, roster_id, only, actor=ctx.actor)
    return [{**r, "reason": _sentence(r["reason"]) if r["reason"] else ""} for r in results]


def _ids(values: list[Any], name: str) -> set[int]:
    try:
        ids = {int(str(v)) for v in values if str(v).strip()}
    except ValueError:
        ids = {0}
    if not all(valid_id(i) for i in ids):
        raise InvalidInput(f"'{name}' takes request numbers; {BOUND}",
                           rule="roster_accept") from None
    return ids


@router.post("/roster/accept")
async def roster_accept(request: Request, ctx: PageCtx) -> Response:
    allow(ctx)
    form = await request.form()
    roster_id = min(_ids([form.get("roster_id", "")], "roster_id") or {0})
    rec = ctx.queries.roster.roster(roster_id)  # NotFound: a 404 page
    only = _ids(form.getlist("only"), "only")
    if form.get("scope") == "checked" and not only:
        return _show(request, ctx, rec.week, rec.district, status=422,
                     error="Tick at least one placement to accept, or accept them all.")
    results = accept(ctx, roster_id, only if form.get("scope") == "checked" else None)
    return _show(request, ctx, rec.week, rec.district, outcome=results)


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")

"""The dashboard: for each role the account holds, what needs it now."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from troth.domain.bonding import Ceremony
from troth.domain.courtship import Courtship, CourtshipStatus
from troth.domain.policy import Role
from troth.domain.verdicts import Outcome, Verdict
from troth.registry.queries import DashboardQueries
from troth.registry.views import QueueFilter
from troth.web.access import RequestContext
from troth.web.pages.context import PageCtx, PageRoute, queries
from troth.web.pages.render import page

router = APIRouter(route_class=PageRoute)
QUEUE_SHOWN = 5  # the registrar's dashboard lists a few; /welfare holds the whole queue
ORDER = (Role.REGISTRAR, Role.HANDLER, Role.PARTY, Role.GUARDIAN, Role.SPONSOR,
         Role.OFFICIANT, Role.PHYSICIAN)


@dataclass
class Board:
    names: set[int] = field(default_factory=set)
    panels: dict[str, dict[str, Any]] = field(default_factory=dict)


def verdict_of(ctx: RequestContext, courtship_id: int) -> Verdict:
    reads = ctx.queries.courtships
    verdict: Verdict = reads.bonding_verdict(courtship_id, ctx.registry.clock.today(),
                                             ctx.registry.customs)
    return verdict


def _week(today: date) -> tuple[datetime, datetime]:
    start = datetime.combine(today, time.min)
    return start, start + timedelta(days=7)


def registrar(ctx: RequestContext, q: DashboardQueries, b: Board) -> dict[str, Any]:
    today = ctx.registry.clock.today()
    queue = ctx.queries.welfare.queue(QueueFilter(), today)
    mine = [i for i in queue if i.assignee == ctx.principal.account_id]
    shown = mine[:QUEUE_SHOWN] or [i for i in queue if i.assignee is None][:QUEUE_SHOWN]
    for i in shown:
        b.names.update({i.reported_by, i.concerns})
    petitions = q.petitions(status="filed")
    waivers = []
    for cer in q.ceremonies(status="scheduled"):
        v = verdict_of(ctx, cer.courtship_id)
        if v.outcome is not Outcome.ALLOWED:
            waivers.append((cer, v, q.courtships([cer.courtship_id])[0]))
    for _, _, court in waivers:
        b.names.update(court.parties())
    for p in petitions:
        b.names.add(p["petitioner_id"])
    corrections = ctx.queries.corrections.list("pending")
    b.names.update(x.person_id for x in corrections)
    dissolutions = ctx.queries.marriages.petitions(status="filed")
    b.names.update(p.petitioner_id for p in dissolutions)
    return {"queue": queue, "mine": mine, "shown": shown, "today": today,
            "unassigned": sum(1 for i in queue if i.assignee is None),
            "petitions": petitions, "waivers": waivers,
            "dissolutions": dissolutions,
            "corrections": corrections, "me": ctx.principal.account_id}


def handler(ctx: RequestContext, q: DashboardQueries, b: Board, me: int) -> dict[str, Any]:
    start, end = _week(ctx.registry.clock.today())
    week = [v for v in q.visits_of_handler(me, start, end)]
    due = q.unreported_visits_of_handler(me, start)
    courts = {c.id: c for c in q.courtships(sorted({v.courtship_id for v in week + due}))}
    for c in courts.values():
        b.names.update(c.parties())
    return {"week": week, "due": due, "courts": courts, "start": start.date(),
            "end": (end - timedelta(days=1)).date()}


def open_consents(ctx: RequestContext, q: DashboardQueries, me: int, courts: list[Courtship]
                  ) -> list[tuple[Courtship, str]]:
    out = []
    for c in courts:
        if me not in c.parties():
            continue
        if (c.status is CourtshipStatus.PROPOSED and me == c.omega_id
                and c.latest_consent(me, "courtship") is None):
            out.append((c, "courtship"))
        elif (c.status is CourtshipStatus.OPEN and not c.consented(me, "bonding")
              and q.ceremonies(courtship_id=c.id, status="scheduled")):
            out.append((c, "bonding"))
    return out


def party(ctx: RequestContext, q: DashboardQueries, b: Board, me: int) -> dict[str, Any]:
    reads = ctx.queries.courtships
    courts = [c for c in reads.courtships_of(me) if me in c.parties()]
    bonds = reads.bonds_of(me)
    for c in courts:
        b.names.update(c.parties())
    for bond in bonds:
        b.names.update({bond.alpha_id, bond.omega_id})
    person = ctx.queries.people.person(me)
    return {"consents": open_consents(ctx, q, me, courts), "courts": courts, "bonds": bonds,
            "is_omega": person.designation == "omega"}


def sponsor(ctx: RequestContext, q: DashboardQueries, b: Board, me: int) -> dict[str, Any]:
    courts = [c for c in ctx.queries.courtships.courtships_of(me) if c.sponsor_id == me]
    rows = []
    for c in courts:
        b.names.update(c.parties())
        rows.append((c, verdict_of(ctx, c.id) if c.is_live else None))
    return {"rows": rows, "need": ctx.registry.customs.min_visits_before_bonding}


def guardian(ctx: RequestContext, q: DashboardQueries, b: Board, me: int) -> dict[str, Any]:
    today = ctx.registry.clock.today()
    wards = q.wards_of(me, today)
    courts = q.courtships(q.courtship_ids_of([g.ward_id for g in wards]))
    start, _ = _week(today)
    visits = q.visits_of_courtships([c.id for c in courts if c.is_live], start,
                                    start + timedelta(days=28))
    b.names.update(g.ward_id for g in wards)
    for c in courts:
        b.names.update(c.parties())
    return {"wards": wards, "courts": courts, "visits": visits,
            "courts_by_id": {c.id: c for c in courts}}


def officiant(ctx: RequestContext, q: DashboardQueries, b: Board, me: int) -> dict[str, Any]:
    ceremonies = q.ceremonies(officiant_id=me)
    courts = {c.id: c for c in q.courtships(sorted({x.courtship_id for x in ceremonies}))}
    for c in courts.values():
        b.names.update(c.parties())
    upcoming: list[tuple[Ceremony, Verdict]] = [
        (x, verdict_of(ctx, x.courtship_id)) for x in ceremonies if x.status == "scheduled"]
    return {"upcoming": upcoming, "past": [x for x in ceremonies if x.status != "scheduled"],
            "courts": courts}


def physician(ctx: RequestContext, q: DashboardQueries, b: Board, me: int) -> dict[str, Any]:
    from troth.web.pages.health import patients_of

    patients = patients_of(ctx, me)
    b.names.update(patients)
    return {"patients": patients}


def build(ctx: RequestContext) -> Board:
    q, b, me = queries(ctx), Board(), ctx.person_id
    roles = ctx.principal.roles
    if Role.REGISTRAR in roles:
        b.panels["registrar"] = registrar(ctx, q, b)
    builders = {Role.HANDLER: handler, Role.PARTY: party, Role.GUARDIAN: guardian,
                Role.SPONSOR: sponsor, Role.OFFICIANT: officiant, Role.PHYSICIAN: physician}
    for role in ORDER:
        if role in roles and role in builders and me is not None:
            b.panels[role.value] = builders[role](ctx, q, b, me)
    return b


@router.get("/")
def dashboard(request: Request, ctx: PageCtx) -> Response:
    board = build(ctx)
    names = queries(ctx).names({n for n in board.names if n})
    if ctx.person_id:
        names.setdefault(ctx.person_id, ctx.queries.people.person(ctx.person_id).legal_name)
    return page(request, "dashboard.html", board=board, names=names,
                today=ctx.registry.clock.today(), person_id=ctx.person_id,
                unlinked=ctx.person_id is None and Role.REGISTRAR not in ctx.principal.roles)

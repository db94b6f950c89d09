"""Visits (read, held, missed, cancelled) and incidents (report, read, the welfare queue,
assignment to a registrar, close, a review's decision)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from troth.domain import commands as c
from troth.web.access import Ctx
from troth.web.api.schemas import Created, pages
from troth.web.api.schemas_courtship import (
    AssignmentIn,
    AssignmentOut,
    CancelIn,
    CloseIncidentIn,
    HeldIn,
    IncidentIn,
    IncidentOut,
    IncidentPage,
    MissedIn,
    ReviewDecisionIn,
    VisitOut,
    fields_of,
)
from troth.web.ids import RecordId

router = APIRouter(tags=["visits and incidents"])
VisitId = RecordId
IncidentId = RecordId


@router.get("/visits/{visit_id}", response_model=VisitOut)
def read_visit(visit_id: VisitId, ctx: Ctx) -> VisitOut:
    """A Visit: kind, time, place, assigned and present handlers, status, whether it counts."""
    ctx.allow("visit.read", visit_id)
    return VisitOut(**fields_of(VisitOut, ctx.queries.lookups.visit(visit_id)))


@router.post("/visits/{visit_id}/held", response_model=Created)
def held(visit_id: VisitId, body: HeldIn, ctx: Ctx) -> Created:
    """Record the Visit as held, with the handlers who were present (an assigned handler)."""
    ctx.allow("visit.report", visit_id)
    cmd = c.RecordVisitHeld(visit_id, tuple(body.handlers_present), body.omega_attended,
                            body.note)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/visits/{visit_id}/missed", response_model=Created)
def missed(visit_id: VisitId, body: MissedIn, ctx: Ctx) -> Created:
    """Record the Visit as missed (absent, late, unwilling: never held against the Omega)."""
    ctx.allow("visit.report", visit_id)
    cmd = c.RecordVisitMissed(visit_id, body.reason, body.note)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/visits/{visit_id}/cancel", response_model=Created)
def cancel(visit_id: VisitId, body: CancelIn, ctx: Ctx) -> Created:
    """Cancel a scheduled Visit, with a reason."""
    ctx.allow("visit.cancel", visit_id)
    return Created(id=ctx.registry.execute(c.CancelVisit(visit_id, body.reason),
                                           actor=ctx.actor))


@router.post("/incidents", status_code=201, response_model=Created)
def report(body: IncidentIn, ctx: Ctx) -> Created:
    """Report an incident on a Visit (its handlers, parties, guardian) or a guardianship
    (its ward or guardian). Force, payment demands and neglect open a review."""
    subject: str = ""
    ids: tuple[int, ...] = ()
    if body.visit_id is not None:
        subject, ids = "visit", (body.visit_id,)
    elif body.guardianship_id is not None:
        subject, ids = "guardianship", (body.guardianship_id,)
    d = ctx.allow("incident.report", *ids, subject=subject)
    cmd = c.ReportIncident(body.kind, ctx.acting(d, body.reported_by, "reported_by"), body.on,
                           body.description, body.about_id, body.visit_id, body.guardianship_id)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.get("/incidents", response_model=IncidentPage)
def queue(ctx: Ctx, status: Literal["open", "closed"] = "open",
          page: Annotated[int, Query(ge=1, le=100_000)] = 1,
          per_page: Annotated[int, Query(ge=1, le=500)] = 50) -> IncidentPage:
    """The welfare queue: incidents by status, oldest first (the registrar's)."""
    ctx.allow("incident.queue")
    rows, total = ctx.queries.lookups.incidents(status, page, per_page)
    return IncidentPage(items=[IncidentOut(**fields_of(IncidentOut, r)) for r in rows],
                        total=total, page=page, per_page=per_page, pages=pages(total, per_page))


@router.get("/incidents/{incident_id}", response_model=IncidentOut)
def read_incident(incident_id: IncidentId, ctx: Ctx) -> IncidentOut:
    """An incident (the registrar, or whoever reported it)."""
    ctx.allow("incident.read", incident_id)
    return IncidentOut(**fields_of(IncidentOut, ctx.queries.lookups.incident(incident_id)))


@router.post("/incidents/{incident_id}/close", response_model=Created)
def close(incident_id: IncidentId, body: CloseIncidentIn, ctx: Ctx) -> Created:
    """Close an incident with its outcome."""
    ctx.allow("incident.close", incident_id)
    cmd = c.CloseIncident(incident_id, body.outcome, body.on)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/incidents/assignments", response_model=AssignmentOut)
def assign(body: AssignmentIn, ctx: Ctx) -> AssignmentOut:
    """Assign open incidents of the welfare queue to a registrar's account (default: the
    signed-in one): one ledger entry each, all or none."""
    ctx.allow("welfare.assign")
    me = ctx.principal.account_id
    cmd = c.AssignWelfareReviews(tuple(body.incident_ids), body.assignee or me, me)
    return AssignmentOut(assigned=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/incidents/{incident_id}/decision", response_model=Created)
def decide(incident_id: IncidentId, body: ReviewDecisionIn, ctx: Ctx) -> Created:
    """Decide the welfare review an incident opened: the guardian kept (with reasons), or
    the guardianship transferred (new guardian, court, order) or revoked. It leaves the
    queue; a transfer or revocation ends the guardianship in the same transaction."""
    d = ctx.allow("welfare.decide", incident_id)
    cmd = c.DecideWelfareReview(incident_id, body.outcome, body.reasons,
                                ctx.acting(d, body.decided_by, "decided_by"), body.on,
                                body.new_guardian_id, body.court, body.order_ref)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))

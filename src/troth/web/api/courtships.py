"""Courtships: introductions, consents, the guardian's acknowledgement, ending, waivers,
and scheduling Visits. The verdict on a bonding travels with every courtship read."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from troth.domain import commands as c
from troth.domain.courtship import Courtship, visit_notes
from troth.web.access import Ctx, RequestContext
from troth.web.api.schemas import Created, pages
from troth.web.api.schemas_courtship import (
    AcknowledgeIn,
    ConsentIn,
    ConsentOut,
    CourtshipOut,
    CourtshipPage,
    EndCourtshipIn,
    FindingOut,
    ProposeIn,
    ScheduledVisitOut,
    VerdictOut,
    VisitIn,
    VisitOut,
    WaiverIn,
    WaiverOut,
)
from troth.web.ids import RecordId

router = APIRouter(tags=["courtships"])
CourtshipId = RecordId


def courtship_out(ctx: RequestContext, court: Courtship) -> CourtshipOut:
    verdict = ctx.queries.courtships.bonding_verdict(
        court.id, ctx.registry.clock.today(), ctx.registry.customs)
    return CourtshipOut(
        id=court.id, alpha_id=court.alpha_id, omega_id=court.omega_id,
        sponsor_id=court.sponsor_id, proposed_on=court.proposed_on, status=court.status,
        ended_by=court.ended_by, ended_on=court.ended_on, end_reason=court.end_reason,
        guardian_ack=court.guardian_ack,
        consents=[ConsentOut(**vars(x)) for x in court.consents],
        visits=[VisitOut(**_visit(v)) for v in court.visits],
        waivers=[WaiverOut(**{k: getattr(w, k) for k in WaiverOut.model_fields})
                 for w in court.waivers],
        bonding=VerdictOut(outcome=verdict.outcome, findings=[
            FindingOut(rule=f.rule, reason=f.reason) for f in verdict.findings]))


def _visit(v: Any) -> dict[str, Any]:
    return {**{k: getattr(v, k) for k in VisitOut.model_fields if hasattr(v, k)},
            "kind": str(v.kind), "status": str(v.status), "handlers": list(v.handlers),
            "handlers_present": list(v.handlers_present)}


@router.post("/courtships", status_code=201, response_model=Created)
def propose(body: ProposeIn, ctx: Ctx) -> Created:
    """Propose an introduction between an Alpha and an Omega (a sponsor: for their own
    family). The Omega then consents or declines."""
    d = ctx.allow("courtship.propose", body.alpha_id, body.omega_id)
    sponsor = body.sponsor_id if d.rule.startswith("registrar:") else ctx.person_id
    cmd = c.ProposeIntroduction(body.alpha_id, body.omega_id, sponsor, body.on, body.note)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.get("/courtships/mine", response_model=CourtshipPage)
def mine(ctx: Ctx, page: Annotated[int, Query(ge=1, le=100_000)] = 1,
         per_page: Annotated[int, Query(ge=1, le=100)] = 20) -> CourtshipPage:
    """The courtships the signed-in person is a party to or sponsored, newest first."""
    found = ([] if ctx.person_id is None
             else ctx.queries.courtships.courtships_of(ctx.person_id))
    found = [x for x in found if ctx.may("courtship.read", x.id)]
    chunk = found[(page - 1) * per_page: page * per_page]
    return CourtshipPage(items=[courtship_out(ctx, x) for x in chunk], total=len(found),
                         page=page, per_page=per_page, pages=pages(len(found), per_page))


@router.get("/courtships/{courtship_id}", response_model=CourtshipOut)
def read(courtship_id: CourtshipId, ctx: Ctx) -> CourtshipOut:
    """A courtship with its consents, Visits, waivers and the verdict on a bonding today."""
    ctx.allow("courtship.read", courtship_id)
    return courtship_out(ctx, ctx.queries.courtships.courtship(courtship_id))


@router.post("/courtships/{courtship_id}/consents", status_code=201, response_model=Created)
def consent(courtship_id: CourtshipId, body: ConsentIn, ctx: Ctx) -> Created:
    """Record the signed-in party's own consent or refusal. Nobody consents for another.
    With `pressured`, no consent is recorded and a confidential welfare review opens; the
    answer is the same either way (the courtship's id)."""
    d = ctx.allow("courtship.consent", courtship_id)
    who = ctx.acting(d, None, "person")
    cmd: c.Command = (c.DeclarePressure(courtship_id, who, body.stage, body.on) if body.pressured
                      else c.RecordConsent(courtship_id, who, body.given, body.on, body.stage))
    ctx.registry.execute(cmd, actor=ctx.actor)
    return Created(id=courtship_id)


@router.post("/courtships/{courtship_id}/acknowledgement", response_model=Created)
def acknowledge(courtship_id: CourtshipId, body: AcknowledgeIn, ctx: Ctx) -> Created:
    """The guardian acknowledges the courtship (an acknowledgement, never a consent)."""
    d = ctx.allow("courtship.acknowledge", courtship_id)
    cmd = c.AcknowledgeAsGuardian(courtship_id, ctx.acting(d, body.guardian_id, "guardian_id"),
                                  body.on)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/courtships/{courtship_id}/end", response_model=Created)
def end(courtship_id: CourtshipId, body: EndCourtshipIn, ctx: Ctx) -> Created:
    """Either party ends the courtship, at any time, with or without a reason."""
    d = ctx.allow("courtship.end", courtship_id)
    cmd = c.EndCourtship(courtship_id, ctx.acting(d, body.by_id, "by_id"), body.on, body.reason)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/courtships/{courtship_id}/waivers", status_code=201, response_model=Created)
def waive(courtship_id: CourtshipId, body: WaiverIn, ctx: Ctx) -> Created:
    """Record a waiver of a named custom (never of a safeguard), with who grants it and why."""
    ctx.allow("courtship.waive", courtship_id)
    cmd = c.GrantWaiver(courtship_id, body.custom, body.granted_by, body.reason, body.on,
                        tuple(body.granted_by_ids), tuple(body.relations))
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/courtships/{courtship_id}/visits", status_code=201,
             response_model=ScheduledVisitOut)
def schedule_visit(courtship_id: CourtshipId, body: VisitIn, ctx: Ctx) -> ScheduledVisitOut:
    """Schedule a Visit with its handlers (the families: sponsor or guardian; the registrar).
    The answer carries, at once, each custom the Visit departs from (too few handlers)."""
    ctx.allow("visit.schedule", courtship_id)
    cmd = c.ScheduleVisit(courtship_id, body.kind, body.starts_at, body.place,
                          body.at_omega_residence, tuple(body.handlers))
    vid = ctx.registry.execute(cmd, actor=ctx.actor)
    court = ctx.queries.courtships.courtship(courtship_id)
    notes = [f for v in court.visits if v.id == vid
             for f in visit_notes(v, ctx.registry.customs)]
    return ScheduledVisitOut(id=vid, notes=[FindingOut(rule=f.rule, reason=f.reason)
                                            for f in notes])

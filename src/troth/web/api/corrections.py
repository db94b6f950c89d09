"""Corrections by two hands: a registrar requests, a different registrar approves or
rejects. The signed-in account is the one recorded as requesting or deciding."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from troth.domain import correction as co
from troth.web.access import Ctx
from troth.web.api.schemas import Created
from troth.web.api.schemas_correction import CorrectionIn, CorrectionOut, DecisionIn
from troth.web.ids import MAX_ID, RecordId

router = APIRouter(tags=["corrections"])


def out(x: co.Correction) -> CorrectionOut:
    return CorrectionOut(id=x.id, person_id=x.person_id, field=x.field, old=x.old, new=x.new,
                         old_shown=co.shown(x.field, x.old), new_shown=co.shown(x.field, x.new),
                         evidence=x.evidence, court_order_ref=x.court_order_ref,
                         requested_by=x.requested_by, requested_on=x.requested_on,
                         state=x.state, decided_by=x.decided_by, decided_on=x.decided_on,
                         reason=x.reason)


@router.post("/corrections", status_code=201, response_model=Created)
def request(body: CorrectionIn, ctx: Ctx) -> Created:
    """Request the correction of a registered fact, with evidence; it waits for a
    different registrar's decision."""
    ctx.allow("correction.request", body.person_id)
    cmd = co.RequestCorrection(body.person_id, body.field, body.value, body.evidence,
                               ctx.principal.account_id, body.court_order_ref)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/corrections/{correction_id}/approval", response_model=Created)
def approve(correction_id: RecordId, body: DecisionIn, ctx: Ctx) -> Created:
    """Approve a correction another registrar requested: the fact is corrected today."""
    ctx.allow("correction.decide")
    cmd = co.ApproveCorrection(correction_id, ctx.principal.account_id, body.reason)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/corrections/{correction_id}/rejection", response_model=Created)
def reject(correction_id: RecordId, body: DecisionIn, ctx: Ctx) -> Created:
    """Reject a correction another registrar requested (a reason is required)."""
    ctx.allow("correction.decide")
    cmd = co.RejectCorrection(correction_id, ctx.principal.account_id, body.reason)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.get("/corrections", response_model=list[CorrectionOut])
def list_corrections(ctx: Ctx, state: Literal["pending", "approved", "rejected"] | None = None,
                     person_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None
                     ) -> list[CorrectionOut]:
    """Corrections, newest first; `state` filters (pending ones wait for a decision)."""
    ctx.allow("correction.read")
    return [out(x) for x in ctx.queries.corrections.list(state, person_id)]


@router.get("/corrections/{correction_id}", response_model=CorrectionOut)
def get(correction_id: RecordId, ctx: Ctx) -> CorrectionOut:
    """One correction: the fact, the values, the evidence, who requested and who decided."""
    ctx.allow("correction.read")
    return out(ctx.queries.corrections.get(correction_id))

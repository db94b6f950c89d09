"""The ledger (verify, checkpoint) and the customs in force."""

from __future__ import annotations

from fastapi import APIRouter

from troth.domain.ledger import Checkpoint
from troth.web.access import Ctx
from troth.web.api.schemas import CheckpointOut, CustomOut, CustomsOut, VerifyIn, VerifyOut

router = APIRouter(tags=["ledger"])


@router.post("/ledger/verify", response_model=VerifyOut)
def verify(body: VerifyIn, ctx: Ctx) -> VerifyOut:
    """Check every entry's hash and link; with a kept checkpoint, truncation and rebuilt
    chains are detected too. A broken ledger is reported in the body (ok=false)."""
    ctx.allow("ledger.read")
    cp = Checkpoint.parse(body.checkpoint) if body.checkpoint else None
    r = ctx.queries.people.verify(cp)
    return VerifyOut(ok=r.ok, count=r.count, head=r.head, problems=list(r.problems))


@router.get("/ledger/checkpoint", response_model=CheckpointOut)
def checkpoint(ctx: Ctx) -> CheckpointOut:
    """The ledger's head (count + hash); keep it outside the system."""
    ctx.allow("ledger.read")
    cp = ctx.queries.people.checkpoint()
    return CheckpointOut(count=cp.count, head=cp.head, checkpoint=str(cp))


@router.get("/customs", response_model=CustomsOut, tags=["customs"])
def customs(ctx: Ctx) -> CustomsOut:
    """The customs in force, each with its help text and kind (custom, safeguard ...)."""
    ctx.allow("customs.read")
    cs = ctx.registry.customs
    return CustomsOut(source=cs.source, customs=[CustomOut(name=n, value=v, help=h, kind=k)
                                                 for n, v, h, k in cs.as_rows()])

"""Health records: heats, pregnancies, shares and the forecast — private to the owner, her
chosen physicians (read, write) and a partner she shares with (read). Every use is logged."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter

from troth.domain import commands as c
from troth.domain.errors import NotFound
from troth.web.access import Ctx
from troth.web.api.schemas import Created
from troth.web.api.schemas_courtship import FindingIn, ReleaseIn
from troth.web.api.schemas_health import (
    ExclusionIn,
    ForecastOut,
    HealthOut,
    HeatCorrectionIn,
    HeatIn,
    HeatOut,
    PregnancyEndIn,
    PregnancyIn,
    PregnancyOut,
    ReadOut,
    ReadsOut,
    ShareIn,
    ShareOut,
)
from troth.web.ids import RecordId

router = APIRouter(tags=["health"])
Id = RecordId


def _owns(ctx: Ctx, person_id: int, entry_id: int, kind: str) -> None:
    file = ctx.queries.health.file(person_id)
    if entry_id not in (file.heats if kind == "heat" else file.pregnancies):
        raise NotFound(f"no {kind} #{entry_id} in this record", rule="health_entry_exists")


@router.get("/people/{person_id}/health", response_model=HealthOut)
def read(person_id: Id, ctx: Ctx) -> HealthOut:
    """The owner's heats and pregnancies (and, for her alone, whom she shares them with)."""
    ctx.allow("health.read", person_id)
    f = ctx.queries.health.file(person_id)
    shares = ([ShareOut(grantee_id=g, role=r) for g, r in sorted(f.shares.items())]
              if ctx.person_id == person_id else [])
    return HealthOut(person_id=person_id,
                     heats=[HeatOut(**asdict(h)) for h in f.heats.values()],
                     pregnancies=[PregnancyOut(**asdict(p)) for p in f.pregnancies.values()],
                     shares=shares)


@router.get("/people/{person_id}/health/reads", response_model=ReadsOut)
def reads(person_id: Id, ctx: Ctx) -> ReadsOut:
    """Who read her health record (and wrote, shared or was refused it): when, which
    account, from which page, endpoint or command. The owner alone; anyone else gets 404."""
    ctx.allow("health.reads", person_id)
    return ReadsOut(items=[ReadOut(at=e.at, account_id=e.account_id, action=e.action,
                                   allowed=e.allowed, source=e.source)
                           for e in ctx.queries.accounts.reads_of(person_id)])


@router.get("/people/{person_id}/health/forecast", response_model=ForecastOut)
def forecast(person_id: Id, ctx: Ctx) -> ForecastOut:
    """The next heat's forecast, or an explicit state saying why there is none."""
    ctx.allow("health.read", person_id)
    from troth.cycles import forecast as run
    from troth.registry.health import registry_history

    reg = ctx.registry
    today = reg.clock.today()
    fc = run(registry_history(reg, person_id, reg.queries.health.file(person_id), today), today)
    return ForecastOut(state=fc.state.value, message=fc.message, most_likely=fc.most_likely,
                       interval_50=fc.interval_50, interval_80=fc.interval_80,
                       p_within_7=fc.p_within_7, p_within_30=fc.p_within_30,
                       confidence=fc.confidence)


@router.post("/people/{person_id}/heats", status_code=201, response_model=Created)
def record_heat(person_id: Id, body: HeatIn, ctx: Ctx) -> Created:
    """Record a heat (the owner, or a physician she chose)."""
    ctx.allow("health.write", person_id)
    cmd = c.RecordHeat(person_id, ctx.acting_self(), body.start, body.end, body.temperature,
                       body.scent_intensity, body.seeks_partner, body.notes)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/people/{person_id}/heats/{heat_id}/correction", status_code=201,
             response_model=Created)
def correct_heat(person_id: Id, heat_id: Id, body: HeatCorrectionIn, ctx: Ctx) -> Created:
    """Correct a heat: a new entry; the original stays in the history."""
    ctx.allow("health.write", person_id)
    _owns(ctx, person_id, heat_id, "heat")
    cmd = c.CorrectHeat(heat_id, ctx.acting_self(), body.start, body.end, body.notes)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/people/{person_id}/heats/{heat_id}/exclusion", status_code=201,
             response_model=Created)
def exclude_heat(person_id: Id, heat_id: Id, body: ExclusionIn, ctx: Ctx) -> Created:
    """Keep a heat out of forecasting (an illness, say), or bring it back."""
    ctx.allow("health.write", person_id)
    _owns(ctx, person_id, heat_id, "heat")
    cmd = c.ExcludeHeat(heat_id, ctx.acting_self(), body.reason, body.excluded)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/people/{person_id}/pregnancies", status_code=201, response_model=Created)
def record_pregnancy(person_id: Id, body: PregnancyIn, ctx: Ctx) -> Created:
    """Record a pregnancy; the expected birth follows by human gestation."""
    ctx.allow("health.write", person_id)
    cmd = c.RecordPregnancy(person_id, ctx.acting_self(), body.estimated_conception,
                            body.heat_id)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/people/{person_id}/pregnancies/{pregnancy_id}/end", status_code=201,
             response_model=Created)
def end_pregnancy(person_id: Id, pregnancy_id: Id, body: PregnancyEndIn, ctx: Ctx) -> Created:
    """Record a pregnancy's end, linking the child's public birth registration."""
    ctx.allow("health.write", person_id)
    _owns(ctx, person_id, pregnancy_id, "pregnancy")
    cmd = c.EndPregnancy(pregnancy_id, ctx.acting_self(), body.on, body.outcome, body.child_id)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/people/{person_id}/health/shares", status_code=201, response_model=Created)
def share(person_id: Id, body: ShareIn, ctx: Ctx) -> Created:
    """The owner lets a physician (read and write) or a partner (read) see her records."""
    ctx.allow("health.share", person_id)
    cmd = c.ShareHealth(person_id, body.grantee_id, body.role, True, ctx.acting_self())
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.delete("/people/{person_id}/health/shares/{grantee_id}", status_code=201,
               response_model=Created)
def revoke(person_id: Id, grantee_id: Id, ctx: Ctx) -> Created:
    """Revoke a share; it holds from the very next request."""
    ctx.allow("health.share", person_id)
    cmd = c.ShareHealth(person_id, grantee_id, "physician", False, ctx.acting_self())
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/people/{person_id}/findings", status_code=201, response_model=Created)
def record_finding(person_id: Id, body: FindingIn, ctx: Ctx) -> Created:
    """A physician she chose records a finding in her health file (its text stays there;
    the ledger holds a salted digest). Of the kind "no_heats_expected", the heat forecast
    says none are expected; a later finding of the kind "no_heats_withdrawn" withdraws it."""
    ctx.allow("health.write", person_id)
    cmd = c.RecordFinding(person_id, ctx.acting_self(), body.text, body.on, body.kind)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/people/{person_id}/findings/{finding_id}/releases", response_model=Created)
def release_finding(person_id: Id, finding_id: Id, body: ReleaseIn, ctx: Ctx) -> Created:
    """She releases her finding for one petition (or withdraws it, until the decision),
    signed in as herself; or the registrar records that she did so in person at the office
    (attested, with the registrar's account)."""
    if ctx.judge("finding.attest").allowed:
        ctx.allow("finding.attest")
        by, attested = person_id, ctx.principal.account_id
    else:
        ctx.allow("finding.release", person_id)
        by, attested = ctx.acting_self(), None
    cmd = c.ReleaseFinding(body.petition_id, finding_id, by, body.release, attested)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))

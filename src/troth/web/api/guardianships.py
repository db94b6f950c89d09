"""Court guardianships: appoint, transfer, end or revoke; who guarded whom, and when."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from troth.domain import commands as c
from troth.domain.guardianship import Guardianship
from troth.web.access import Ctx
from troth.web.api.schemas import (
    AppointIn,
    Created,
    EndIn,
    GuardianOn,
    GuardianRecordOut,
    GuardianshipOut,
    GuardianshipPage,
    ReviewOut,
    TransferIn,
    WardOut,
    pages,
)
from troth.web.ids import RecordId

router = APIRouter(tags=["guardianships"])
PersonId = RecordId


def out(g: Guardianship) -> GuardianshipOut:
    return GuardianshipOut(id=g.id, ward_id=g.ward_id, guardian_id=g.guardian_id,
                           court=g.court, order_ref=g.order_ref, start=g.start, end=g.end,
                           how_ended=g.how_ended, reason=g.reason,
                           court_waiver_ref=g.court_waiver_ref)


@router.post("/people/{person_id}/guardianship", status_code=201, response_model=Created)
def appoint(person_id: PersonId, body: AppointIn, ctx: Ctx) -> Created:
    """Appoint a court guardian for an unbonded Omega (the ward is the person in the URL)."""
    ctx.allow("guardianship.order", person_id)
    cmd = c.AppointGuardian(person_id, body.guardian_id, body.court, body.order_ref,
                            body.start, body.reason, body.court_waiver_ref)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/people/{person_id}/guardianship/transfer", status_code=201,
             response_model=Created)
def transfer(person_id: PersonId, body: TransferIn, ctx: Ctx) -> Created:
    """Transfer the ward's guardianship to a new guardian from a date."""
    ctx.allow("guardianship.order", person_id)
    cmd = c.TransferGuardianship(person_id, body.new_guardian_id, body.court, body.order_ref,
                                 body.on, body.reason, body.court_waiver_ref)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/people/{person_id}/guardianship/end", response_model=Created)
def end(person_id: PersonId, body: EndIn, ctx: Ctx) -> Created:
    """End (or, by court order, revoke) the ward's current guardianship."""
    ctx.allow("guardianship.order", person_id)
    cmd = c.EndGuardianship(person_id, body.on, body.how, body.note)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.get("/people/{person_id}/guardian", response_model=GuardianOn)
def guardian_on(person_id: PersonId, ctx: Ctx, on: date | None = None) -> GuardianOn:
    """Who was the ward's guardian on a date (default: today)?"""
    ctx.allow("guardianship.read", person_id)
    day = on or ctx.registry.clock.today()
    g = ctx.queries.people.guardian_of(person_id, day)
    return GuardianOn(ward_id=person_id, on=day, guardianship=out(g) if g else None)


@router.get("/people/{person_id}/guardianships", response_model=GuardianshipPage)
def guardianships(person_id: PersonId, ctx: Ctx,
                  page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                  per_page: Annotated[int, Query(ge=1, le=500)] = 50) -> GuardianshipPage:
    """Every guardianship the person was under or held, oldest first."""
    ctx.allow("guardianship.read", person_id)
    ctx.queries.people.person(person_id)
    rows = ctx.queries.people.guardianships_of(person_id)
    chunk = rows[(page - 1) * per_page: page * per_page]
    return GuardianshipPage(items=[out(g) for g in chunk], total=len(rows), page=page,
                            per_page=per_page, pages=pages(len(rows), per_page))


@router.get("/people/{person_id}/guardian-record", response_model=GuardianRecordOut)
def guardian_record(person_id: PersonId, ctx: Ctx) -> GuardianRecordOut:
    """A guardian's record across all wards and years: each guardianship held, with the
    ward's incidents and reviews and how each was decided (the registrar's)."""
    ctx.allow("guardianship.record", person_id)
    r = ctx.queries.courtships.guardian_record(person_id)
    return GuardianRecordOut(
        guardian_id=r.guardian_id, name=r.name, open_reviews=r.open_reviews,
        wards=[WardOut(guardianship=out(w.guardianship), ward_name=w.ward_name,
                       incidents=[ReviewOut(**vars(i)) for i in w.incidents])
               for w in r.wards])

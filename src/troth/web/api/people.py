"""People: register, births, presentations, deaths, a record, history, snapshots, search.

Search takes its filters in a POST body: names are personal data and stay out of URLs.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from troth.domain import commands as c
from troth.domain.people import OtherName, Person, Scent
from troth.registry.views import SearchFilter
from troth.web.access import Ctx, RequestContext
from troth.web.api.schemas import (
    BirthIn,
    Created,
    DeathIn,
    HistoryItemOut,
    HistoryPage,
    OtherNameIO,
    PersonIn,
    PersonOut,
    PersonPage,
    PresentationIn,
    ScentIn,
    ScentIO,
    SearchIn,
    SnapshotOut,
    pages,
)
from troth.web.ids import RecordId

router = APIRouter(tags=["people"])
PersonId = RecordId
PageNo = Annotated[int, Query(ge=1, le=100_000)]
PerPage = Annotated[int, Query(ge=1, le=500)]


def person_out(ctx: RequestContext, p: Person) -> PersonOut:
    scent = None
    if p.scent is not None and ctx.may("person.scent", p.id):
        scent = ScentIO(gives=list(p.scent.gives), draws=list(p.scent.draws),
                        notes=p.scent.notes)
    return PersonOut(id=p.id, legal_name=p.legal_name, born=p.born, died=p.died,
                     designation=p.designation, presented_on=p.presented_on,
                     parents=list(p.parents), scent=scent,
                     other_names=[OtherNameIO(kind=n.kind, name=n.name)
                                  for n in p.other_names])


@router.post("/people", status_code=201, response_model=Created)
def register_person(body: PersonIn, ctx: Ctx) -> Created:
    """Register a person (legal name, birth date, other names, parents, scent).

    A person who looks like a registered one is refused (409, rule possible_duplicate, the
    candidates listed with their match probability and why); send `not_duplicate_of` with
    their ids and `not_duplicate_reason` to register a different person anyway."""
    ctx.allow("person.register")
    scent = body.scent and Scent(tuple(body.scent.gives), tuple(body.scent.draws),
                                 body.scent.notes)
    cmd = c.RegisterPerson(body.legal_name, body.born,
                           tuple(OtherName(n.kind, n.name) for n in body.other_names),
                           tuple(body.parents), scent or None, body.district,
                           tuple(body.not_duplicate_of), body.not_duplicate_reason)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/births", status_code=201, response_model=Created)
def register_birth(body: BirthIn, ctx: Ctx) -> Created:
    """Register a birth: the parents must have been alive at the time."""
    ctx.allow("person.register")
    cmd = c.RegisterBirth(body.legal_name, body.born, tuple(body.parents), body.district)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/people/{person_id}/presentation", response_model=Created)
def record_presentation(person_id: PersonId, body: PresentationIn, ctx: Ctx) -> Created:
    """Record a presentation; a designation is recorded once and never changes."""
    ctx.allow("person.record", person_id)
    cmd = c.RecordPresentation(person_id, body.designation.value, body.on, body.reason)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/people/{person_id}/scent", response_model=Created)
def record_scent(person_id: PersonId, body: ScentIn, ctx: Ctx) -> Created:
    """A physician the person chose records or re-measures her scent signature (an identity
    attribute, not a health record: others see only compatibility scores). Answers the
    person's id; her history says who measured it and when, never the values."""
    ctx.allow("scent.record", person_id)
    scent = Scent(tuple(body.gives), tuple(body.draws), body.notes)
    cmd = c.RecordScent(person_id, ctx.acting_self(), body.on, scent)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/people/{person_id}/death", response_model=Created)
def record_death(person_id: PersonId, body: DeathIn, ctx: Ctx) -> Created:
    """Record a death; guardianships the person held or was under end that day."""
    ctx.allow("person.record", person_id)
    return Created(id=ctx.registry.execute(c.RecordDeath(person_id, body.died),
                                           actor=ctx.actor))


@router.get("/people/{person_id}", response_model=PersonOut)
def read_person(person_id: PersonId, ctx: Ctx) -> PersonOut:
    """A person's record. The scent signature is shown to the person and the registrar."""
    ctx.allow("person.read", person_id)
    return person_out(ctx, ctx.queries.lookups.person(person_id))


@router.post("/people/search", response_model=PersonPage)
def search_people(body: SearchIn, ctx: Ctx) -> PersonPage:
    """Search by three letters or more of any name (accents and case ignored), a registry
    number ("#6" or "6") or a birth date (YYYY-MM-DD) in `text`, and by designation, age,
    alive, district. Listed by legal name; `after`/`before` page on from an earlier answer.
    The count stops at 1,000 (`more`)."""
    ctx.allow("person.search")
    f = SearchFilter(body.text, body.designation.value if body.designation else None,
                     body.min_age, body.max_age, body.alive, body.district)
    res = ctx.queries.people.search(f, ctx.registry.clock.today(), body.page, body.per_page,
                                    after=body.after, before=body.before)
    return PersonPage(items=[person_out(ctx, p) for p in res.items], total=res.total,
                      page=res.page, per_page=res.per_page, pages=res.pages, more=res.more,
                      next_after=res.next_after, prev_before=res.prev_before)


Known = Annotated[Literal["then", "today"], Query(
    description='"then" (the default): as the registry had recorded it by the date asked'
                ' about; "today": as known today, every correction approved since included')]


def _recorded_by(ctx: RequestContext, known: str, recorded_by: date | None) -> date | None:
    return ctx.registry.clock.today() if known == "today" else recorded_by


@router.get("/people/{person_id}/history", response_model=HistoryPage)
def history(person_id: PersonId, ctx: Ctx, as_of: date | None = None, known: Known = "then",
            page: PageNo = 1, per_page: PerPage = 50) -> HistoryPage:
    """The person's history in plain words, newest first; with as_of, "as of" that date:
    what had taken effect by it, as recorded by then (known=today: as known today)."""
    ctx.allow("person.history", person_id)
    items = ctx.queries.people.history(person_id, as_of, _recorded_by(ctx, known, None))
    chunk = items[(page - 1) * per_page: page * per_page]
    return HistoryPage(items=[HistoryItemOut(**vars(h)) for h in chunk], total=len(items),
                       page=page, per_page=per_page, pages=pages(len(items), per_page))


@router.get("/people/{person_id}/snapshot", response_model=SnapshotOut)
def snapshot(person_id: PersonId, on: date, ctx: Ctx, known: Known = "then",
             recorded_by: date | None = None) -> SnapshotOut:
    """What the registry says about the person "as of" a date: the facts in effect on `on`
    as recorded by `on` (or by `recorded_by`); known=today: the same date as known today,
    corrections approved since included."""
    ctx.allow("person.history", person_id)
    snap = ctx.queries.people.snapshot(person_id, on, _recorded_by(ctx, known, recorded_by))
    return SnapshotOut(**vars(snap))

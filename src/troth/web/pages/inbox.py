"""The inbox page: the account's notifications, newest first, paginated, each linking to
its record only where the account may open it; mark one or all read (CSRF forms). And the
contact e-mail form, kept by the person herself or the registrar."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from troth.domain.errors import TrothError
from troth.domain.notices import SetContactEmail
from troth.web.api.inbox import link, whose
from troth.web.api.schemas import pages
from troth.web.ids import RecordId
from troth.web.pages.context import PageCtx, PageRoute
from troth.web.pages.render import page, redirect

router = APIRouter(route_class=PageRoute)
PER_PAGE = 20


@router.get("/inbox")
def inbox_page(request: Request, ctx: PageCtx,
               p: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1) -> Response:
    person, registry = whose(ctx)
    rows, total = ctx.queries.inbox.inbox(person, registry, p, PER_PAGE)
    items = [(n, link(ctx, n)) for n in rows]
    return page(request, "inbox.html", items=items, page_no=p, pages=pages(total, PER_PAGE),
                total=total, linked=person is not None or registry)


@router.post("/inbox/{notification_id}/read")
def read_one(request: Request, notification_id: RecordId, ctx: PageCtx,
             p: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1) -> Response:
    person, registry = whose(ctx)
    ctx.queries.inbox.mark_read(person, registry, notification_id)
    return redirect(request, f"/inbox?page={p}", "Marked as read.")


@router.post("/inbox/read-all")
def read_all(request: Request, ctx: PageCtx) -> Response:
    person, registry = whose(ctx)
    marked = ctx.queries.inbox.mark_read(person, registry, None)
    return redirect(request, "/inbox", f"{marked} notification{'s' * (marked != 1)} marked"
                    " as read.")


@router.get("/people/{person_id}/contact")
def contact_page(request: Request, person_id: RecordId, ctx: PageCtx) -> Response:
    ctx.allow("person.contact", person_id)
    return page(request, "contact.html", person=ctx.queries.people.person(person_id),
                email=ctx.queries.inbox.contact_email(person_id), error="")


@router.post("/people/{person_id}/contact")
async def contact_save(request: Request, person_id: RecordId, ctx: PageCtx) -> Response:
    ctx.allow("person.contact", person_id)
    typed = str((await request.form()).get("email", ""))[:300]
    try:
        ctx.registry.execute(SetContactEmail(person_id, typed), actor=ctx.actor)
    except TrothError as e:
        return page(request, "contact.html", status=422,
                    person=ctx.queries.people.person(person_id), email=typed,
                    error=e.message[:1].upper() + e.message[1:] + ".")
    said = "recorded" if typed.strip() else "removed"
    return redirect(request, f"/people/{person_id}", f"The contact e-mail was {said}.")

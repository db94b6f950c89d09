"""The account's inbox (notifications, read marks) and a person's contact e-mail.

The inbox is the account's own: its person's notifications, and the registry's for a
registrar. A notification links to its record only where the policy lets the account open
it (`href` is null otherwise).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from troth.domain.notices import SetContactEmail
from troth.domain.policy import Role
from troth.registry.notices import NotificationRecord
from troth.web.access import Ctx, RequestContext
from troth.web.api.schemas import NO_NUL, PageMeta, Strict, pages
from troth.web.ids import RecordId

router = APIRouter(tags=["inbox"])


class NotificationOut(BaseModel):
    id: int
    kind: str
    words: str
    href: str | None  # the record, where this account may open it
    created_at: str
    read_at: str | None


class InboxPage(PageMeta):
    unread: int
    items: list[NotificationOut]


class ReadOut(BaseModel):
    marked: int
    unread: int


class ContactIn(Strict):
    email: Annotated[str, Field(max_length=254, pattern=NO_NUL)]  # "" clears it


class ContactOut(BaseModel):
    person_id: int
    email: str


def whose(ctx: RequestContext) -> tuple[int | None, bool]:
    """The inbox of the account: its person's, and the registry's for a registrar."""
    return ctx.person_id, Role.REGISTRAR in ctx.principal.roles


def link(ctx: RequestContext, n: NotificationRecord) -> str | None:
    if not n.href or not n.action or n.record_id is None:
        return None
    return n.href if ctx.may(n.action, n.record_id) else None


@router.get("/inbox", response_model=InboxPage)
def inbox(ctx: Ctx, page: Annotated[int, Query(ge=1, le=100_000)] = 1,
          per_page: Annotated[int, Query(ge=1, le=100)] = 20) -> InboxPage:
    """The account's notifications, newest first, with the number unread."""
    person, registry = whose(ctx)
    rows, total = ctx.queries.inbox.inbox(person, registry, page, per_page)
    return InboxPage(items=[NotificationOut(id=n.id, kind=n.kind, words=n.words,
                                            href=link(ctx, n), created_at=n.created_at,
                                            read_at=n.read_at) for n in rows],
                     unread=ctx.queries.inbox.unread(person, registry), total=total,
                     page=page, per_page=per_page, pages=pages(total, per_page))


@router.post("/inbox/{notification_id}/read", response_model=ReadOut)
def mark_read(notification_id: RecordId, ctx: Ctx) -> ReadOut:
    """Mark one of the account's notifications read (404: not in this inbox)."""
    person, registry = whose(ctx)
    marked = ctx.queries.inbox.mark_read(person, registry, notification_id)
    return ReadOut(marked=marked, unread=ctx.queries.inbox.unread(person, registry))


@router.post("/inbox/read", response_model=ReadOut)
def mark_all_read(ctx: Ctx) -> ReadOut:
    """Mark every notification of the account read."""
    person, registry = whose(ctx)
    marked = ctx.queries.inbox.mark_read(person, registry, None)
    return ReadOut(marked=marked, unread=0)


@router.get("/people/{person_id}/contact", response_model=ContactOut)
def contact(person_id: RecordId, ctx: Ctx) -> ContactOut:
    """The person's contact e-mail, where her notifications are also sent ("" when none)."""
    ctx.allow("person.contact", person_id)
    return ContactOut(person_id=person_id, email=ctx.queries.inbox.contact_email(person_id))


@router.put("/people/{person_id}/contact", response_model=ContactOut)
def set_contact(person_id: RecordId, body: ContactIn, ctx: Ctx) -> ContactOut:
    """Give, change or clear ("") the person's contact e-mail: the person herself, or the
    registrar. The ledger records that it changed, never the address."""
    ctx.allow("person.contact", person_id)
    ctx.registry.execute(SetContactEmail(person_id, body.email), actor=ctx.actor)
    return ContactOut(person_id=person_id, email=ctx.queries.inbox.contact_email(person_id))

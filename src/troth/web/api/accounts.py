"""Accounts (the registrar's): staff accounts, roles, disabling, invitations; the person's
own enrolment and confirmation of an office link; the access log.

Who an account *is* changes only through the registry, each change a ledger entry naming
the person: the registrar invites, only the person's enrolment links an account to her.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from starlette.requests import Request

from troth.domain import identity as idn
from troth.domain.policy import Role
from troth.registry.enrolment import enrol as enrol_with_code
from troth.registry.enrolment import invite as invite_person
from troth.registry.passwords import hash_password
from troth.web.access import Ctx, registry_of
from troth.web.api.schemas import (
    AccessEntryOut,
    AccessLogPage,
    AccountIn,
    AccountOut,
    EnrolIn,
    InvitationIn,
    InvitationOut,
    LinkIn,
    RoleIn,
    pages,
)
from troth.web.ids import RecordId

router = APIRouter(tags=["accounts"])
AccountId = RecordId
PersonId = RecordId


@router.post("/accounts", status_code=201, response_model=AccountOut)
def create_account(body: AccountIn, ctx: Ctx) -> AccountOut:
    """Create a staff account with its roles, linked to no person: it acts as and for no one.
    A person's own account is made only by her enrolment (invitations, `/enrol`)."""
    ctx.allow("account.manage")
    aid = ctx.registry.execute(idn.CreateAccount(body.username, hash_password(body.password),
                                                 tuple(body.roles), ctx.principal.account_id),
                               actor=ctx.actor)
    return AccountOut(**ctx.queries.accounts.describe(aid))


@router.post("/people/{person_id}/invitations", status_code=201, response_model=InvitationOut)
def invite(person_id: PersonId, body: InvitationIn, ctx: Ctx) -> InvitationOut:
    """Invite a person to enrol: a one-time code, shown once, that expires in 14 days. Only
    her enrolment with it links an account to her; the roles listed are given on enrolment."""
    ctx.allow("account.invite", person_id)
    issued = invite_person(ctx.registry, person_id, tuple(body.roles),
                           ctx.principal.account_id, actor=ctx.actor)
    return InvitationOut(id=issued.id, person_id=person_id, code=issued.code,
                         expires=issued.expires.isoformat())


@router.post("/enrol", status_code=201, response_model=AccountOut, tags=["public"])
def enrol(body: EnrolIn, request: Request) -> AccountOut:
    """The person's own enrolment: her code, a username and a password of her choosing. The
    account is linked to her; any other account linked to her stops acting as her."""
    reg = registry_of(request)
    aid = enrol_with_code(reg, body.code, body.username, body.password)
    return AccountOut(**reg.queries.accounts.describe(aid))


@router.post("/auth/me/link", response_model=AccountOut)
def confirm_link(body: LinkIn, ctx: Ctx) -> AccountOut:
    """Confirm (or disown) an account the office linked to you before enrolment existed."""
    ctx.registry.execute(idn.ConfirmAccountLink(ctx.principal.account_id, body.confirm),
                         actor=ctx.actor)
    return AccountOut(**ctx.queries.accounts.describe(ctx.principal.account_id))


@router.get("/accounts/{account_id}", response_model=AccountOut)
def read_account(account_id: AccountId, ctx: Ctx) -> AccountOut:
    """An account: its person, how it is linked, and its roles."""
    ctx.allow("account.manage")
    return AccountOut(**ctx.queries.accounts.describe(account_id))


@router.post("/accounts/{account_id}/roles", response_model=AccountOut)
def grant_role(account_id: AccountId, body: RoleIn, ctx: Ctx) -> AccountOut:
    """Grant a role (a ledger entry the person sees); it applies from the next request."""
    ctx.allow("account.manage")
    ctx.registry.execute(idn.GrantAccountRole(account_id, body.role, body.scope,
                                              ctx.principal.account_id), actor=ctx.actor)
    return AccountOut(**ctx.queries.accounts.describe(account_id))


@router.delete("/accounts/{account_id}/roles/{role}", response_model=AccountOut)
def revoke_role(account_id: AccountId, role: Role, ctx: Ctx) -> AccountOut:
    """Revoke a role (a ledger entry); it stops applying on the very next request."""
    ctx.allow("account.manage")
    ctx.registry.execute(idn.RevokeAccountRole(account_id, role, ctx.principal.account_id),
                         actor=ctx.actor)
    return AccountOut(**ctx.queries.accounts.describe(account_id))


@router.post("/accounts/{account_id}/disable", status_code=204, response_class=Response)
def disable(account_id: AccountId, ctx: Ctx) -> Response:
    """Disable an account: every session and API token it holds ends at once."""
    ctx.allow("account.manage")
    ctx.queries.accounts.disable(account_id)
    return Response(status_code=204)


@router.get("/access-log", response_model=AccessLogPage)
def access_log(ctx: Ctx, page: Annotated[int, Query(ge=1, le=100_000)] = 1,
               per_page: Annotated[int, Query(ge=1, le=500)] = 50) -> AccessLogPage:
    """Who was refused what, when, under which rule (newest first). Ids only."""
    ctx.allow("access_log.read")
    rows, total = ctx.queries.accounts.access_log(page, per_page)
    return AccessLogPage(items=[AccessEntryOut(**vars(r)) for r in rows], total=total,
                         page=page, per_page=per_page, pages=pages(total, per_page))

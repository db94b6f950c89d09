"""Accounts (the registrar's): create, grant and revoke roles, disable; the access log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from troth.domain.policy import Role
from troth.registry.passwords import hash_password
from troth.web.access import Ctx
from troth.web.api.schemas import (
    AccessEntryOut,
    AccessLogPage,
    AccountIn,
    AccountOut,
    RoleIn,
    pages,
)
from troth.web.ids import RecordId

router = APIRouter(tags=["accounts"])
AccountId = RecordId


@router.post("/accounts", status_code=201, response_model=AccountOut)
def create_account(body: AccountIn, ctx: Ctx) -> AccountOut:
    """Create an account, linked to a person where it has one, with its roles."""
    ctx.allow("account.manage")
    aid = ctx.queries.accounts.create(body.username, hash_password(body.password), body.person_id,
                              [(r, "") for r in body.roles])
    return AccountOut(**ctx.queries.accounts.describe(aid))


@router.get("/accounts/{account_id}", response_model=AccountOut)
def read_account(account_id: AccountId, ctx: Ctx) -> AccountOut:
    """An account: its person and roles."""
    ctx.allow("account.manage")
    return AccountOut(**ctx.queries.accounts.describe(account_id))


@router.post("/accounts/{account_id}/roles", response_model=AccountOut)
def grant_role(account_id: AccountId, body: RoleIn, ctx: Ctx) -> AccountOut:
    """Grant a role; it applies from the account's next request."""
    ctx.allow("account.manage")
    ctx.queries.accounts.grant(account_id, body.role, body.scope)
    return AccountOut(**ctx.queries.accounts.describe(account_id))


@router.delete("/accounts/{account_id}/roles/{role}", response_model=AccountOut)
def revoke_role(account_id: AccountId, role: Role, ctx: Ctx) -> AccountOut:
    """Revoke a role; it stops applying on the account's very next request."""
    ctx.allow("account.manage")
    ctx.queries.accounts.revoke(account_id, role)
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

"""Invitations to enrol (the registrar, from a person's record) and the answer an account
linked by the office gives about that link (the account holder, at sign-in).

The same registry workflows as the API (web/api/accounts.py): `troth.registry.enrolment.invite`
and `ConfirmAccountLink`. An enrolment code is shown once, in the answer to the form that
issued it, and never again: the registry keeps only its digest.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from troth.domain import identity as idn
from troth.domain.errors import InvalidInput
from troth.domain.policy import Role
from troth.registry.enrolment import invite as invite_person
from troth.web.access import RequestContext
from troth.web.ids import RecordId
from troth.web.pages.context import PageCtx, PageRoute
from troth.web.pages.render import page, redirect

router = APIRouter(route_class=PageRoute)
ENROL_WORDS = ("Go to /enrol, enter this code, choose a username and a password"
               " (at least 12 characters).")


def invitation_values(ctx: RequestContext, person_id: int) -> dict[str, Any]:
    """For the person page: the invitation form and the person's invitations (no code),
    for an account that may invite her; nothing for anyone else."""
    if not ctx.may("account.invite", person_id):
        return {"may_invite": False, "invitations": [], "invite_roles": [], "now": None}
    return {"may_invite": True, "invitations": ctx.queries.accounts.invitations_of(person_id),
            "invite_roles": [r.value for r in Role], "now": ctx.registry.clock.now()}


def _roles(values: list[str]) -> tuple[Role, ...]:
    known = {r.value: r for r in Role}
    wrong = [v for v in values if v not in known]
    if wrong:
        raise InvalidInput("Choose the roles to give on enrolment from the list on the"
                           f" person's page ({', '.join(known)}).", rule="role_known")
    return tuple(known[v] for v in dict.fromkeys(values))


@router.post("/people/{person_id}/invitations")
async def invite(person_id: RecordId, request: Request, ctx: PageCtx) -> Response:
    """Issue an invitation and show its code, once: the answer to this form is the only
    place it is ever shown."""
    ctx.allow("account.invite", person_id)
    form = await request.form()
    roles = _roles([str(v) for v in form.getlist("roles")][:10])
    p = ctx.queries.people.person(person_id)
    issued = invite_person(ctx.registry, person_id, roles, ctx.principal.account_id,
                           actor=ctx.actor)
    return page(request, "invitation.html", status=201, p=p, issued=issued,
                roles=[r.value for r in roles], words=ENROL_WORDS)


@router.post("/account/link")
async def answer_link(request: Request, ctx: PageCtx) -> Response:
    """The account holder's answer about an office link: "mine" confirms it; "not_mine"
    disowns it, and the account stops acting as the person at once."""
    answer = str((await request.form()).get("answer", ""))
    if answer not in ("mine", "not_mine"):
        raise InvalidInput("Answer with one of the two buttons: 'Yes, this account is mine'"
                           " or 'No, this is not my account'.", rule="link_answer")
    person_id = ctx.person_id
    ctx.registry.execute(idn.ConfirmAccountLink(ctx.principal.account_id, answer == "mine"),
                         actor=ctx.actor)
    if answer == "mine" and person_id is not None:
        return redirect(request, f"/people/{person_id}#timeline",
                        "Recorded: you confirmed that this account is yours. The entry is in"
                        " your timeline.")
    return redirect(request, "/", "Recorded: this account no longer acts as the person the"
                    " office linked it to. The entry is in that person's history.")

"""Releasing a physician's finding for an annulment petition, from the petition's page.

A finding is a health record of the person it concerns (troth.domain.health). It is
attached to a petition only by her own release (troth.domain.bonding.check_release):
given by her, signed in as herself — a party to the petition's bond, releasing a finding
of her own file — or in person at the office, attested by a registrar's account, with the
registrar ticking that she is there and asked for it. Both can be withdrawn until the
petition is decided. The petition page never shows a finding's text: only that it was
released, by whom, when, and who attested it.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from troth.domain import commands as c
from troth.domain.bonding import Bond
from troth.domain.errors import InvalidInput
from troth.domain.policy import Decision
from troth.web.access import RequestContext
from troth.web.errors import Denied
from troth.web.ids import RecordId, valid_id
from troth.web.pages.context import PageCtx, PageRoute, queries
from troth.web.pages.render import redirect

router = APIRouter(route_class=PageRoute)
NOT_HERS = ("Only the person a physician's finding concerns releases it for a petition:"
            " signed in as themselves, as a party to the petition's bond, or in person at the"
            " registry office.")
IN_PERSON = "the person is here in person and asked for this"


def release_values(ctx: RequestContext, p: dict[str, Any], b: Bond) -> dict[str, Any]:
    """For the petition page: the forms this account may use on the findings (none once
    the petition is decided). A party sees only her own findings, by number and date."""
    out: dict[str, Any] = {"own_findings": [], "may_attest": False, "released_ids": set()}
    if p["status"] != "filed":
        return out
    me = ctx.person_id
    if ctx.may("finding.attest") and ctx.may("annulment.read", p["id"]):
        out["may_attest"] = True
    elif me in (b.alpha_id, b.omega_id) and me is not None and ctx.may("finding.release", me):
        ctx.allow("health.read", me)  # her own file is read for the list: logged as a read
        findings = ctx.queries.health.file(me).findings
        out["own_findings"] = sorted(findings.values(), key=lambda f: f.id)
        out["released_ids"] = {f["finding_id"] for f in p["findings"] if f["owner_id"] == me}
    return out


def _refuse(ctx: RequestContext, petition_id: int) -> Denied:
    """One 403 for everyone who is not a party to the petition's bond, whether or not the
    petition exists (so the refusal tells nothing), written to the access log."""
    d = Decision(False, "deny:finding.release", 403, NOT_HERS)
    ctx.log("finding.release", "petition", (petition_id,), d)
    return Denied(NOT_HERS, d.rule, 403)


def _id(form: FormData, name: str, label: str) -> int:
    raw = str(form.get(name, "")).strip().lstrip("#")
    if not raw.isdigit() or len(raw) > 10 or not valid_id(int(raw)):
        raise InvalidInput(f"Give the {label} as a registry number, from 1 to 2147483647.",
                           rule="record_id")
    return int(raw)


def _bond_of(ctx: RequestContext, petition_id: int) -> Bond | None:
    pet = queries(ctx).petition(petition_id)
    return None if pet is None else ctx.queries.courtships.bond(pet["bond_id"])


@router.post("/petitions/{petition_id}/releases")
async def release(petition_id: RecordId, request: Request, ctx: PageCtx) -> Response:
    form = await request.form()
    release_it = str(form.get("action", "")) != "withdraw"
    finding_id = _id(form, "finding_id", "finding's number")
    attested: int | None = None
    if ctx.may("finding.attest"):
        ctx.allow("finding.attest")
        ctx.allow("annulment.read", petition_id)
        b = _bond_of(ctx, petition_id)
        if str(form.get("in_person", "")) != "yes":
            raise InvalidInput(f"To attest a release, tick '{IN_PERSON}'. Otherwise the person"
                               " releases it themselves, signed in.", rule="in_person")
        by = _id(form, "person_id", "person whose finding it is")
        if b is None or by not in (b.alpha_id, b.omega_id):
            raise InvalidInput("Choose the petitioner or the respondent: a finding released"
                               " for a petition is one of theirs.", rule="finding_of_party")
        attested = ctx.principal.account_id
    else:
        b, me = _bond_of(ctx, petition_id), ctx.person_id
        if b is None or me is None or me not in (b.alpha_id, b.omega_id) \
                or not ctx.may("finding.release", me):
            raise _refuse(ctx, petition_id)
        ctx.allow("annulment.read", petition_id)
        ctx.allow("finding.release", me)
        if finding_id not in ctx.queries.health.file(me).findings:
            raise _refuse(ctx, petition_id)
        by = me
    ctx.registry.execute(c.ReleaseFinding(petition_id, finding_id, by, release_it, attested),
                         actor=ctx.actor)
    done = "released for this petition" if release_it else "no longer released"
    return redirect(request, f"/petitions/{petition_id}",
                    f"Recorded: finding #{finding_id} is {done}.")

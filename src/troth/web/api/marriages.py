"""Marriages of Betas: consents, solemnisation with a certificate, petitions to dissolve."""

from __future__ import annotations

import dataclasses

from fastapi import APIRouter
from starlette.requests import Request

from troth.domain import commands as c
from troth.web.access import Ctx
from troth.web.api.schemas import Created
from troth.web.api.schemas_courtship import CodeIn
from troth.web.api.schemas_marriage import (
    DissolutionDecisionIn,
    DissolutionIn,
    DissolutionOut,
    MarriageCertificateOut,
    MarriageConsentIn,
    MarriageOut,
    SolemniseIn,
    WithdrawalIn,
)
from troth.web.ids import RecordId

router = APIRouter(tags=["marriages"])
Id = RecordId


def _attested(ctx: Ctx, person_id: int) -> int | None:
    """None when the person acts signed in as themself; else the registrar's account,
    attesting that the person gave it in person at the office."""
    return None if person_id == ctx.person_id else ctx.principal.account_id


@router.post("/people/{person_id}/marriage-consent", status_code=201, response_model=Created)
def consent(person_id: Id, body: MarriageConsentIn, ctx: Ctx) -> Created:
    """The person's own consent to marry the partner; the first of a pair gives notice of
    the marriage (returns its id). Both must be adult Betas, living, neither married nor
    bonded. The registrar records a consent given in person at the office, attested."""
    ctx.allow("marriage.consent", person_id)
    cmd = c.ConsentToMarriage(person_id, body.partner_id, body.on,
                              _attested(ctx, person_id))
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/marriages/{marriage_id}/withdrawal", status_code=201, response_model=Created)
def withdraw(marriage_id: Id, body: WithdrawalIn, ctx: Ctx) -> Created:
    """A person named in the notice withdraws their own consent before the marriage is
    solemnised; the notice lapses. The registrar records one given in person, attested."""
    d = ctx.allow("marriage.consent", marriage_id, subject="marriage")
    person = ctx.acting(d, body.person_id, "person_id")
    cmd = c.WithdrawMarriageConsent(marriage_id, person, body.on, _attested(ctx, person))
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.get("/marriages/{marriage_id}", response_model=MarriageOut)
def read(marriage_id: Id, ctx: Ctx) -> MarriageOut:
    """A marriage and its certificate's code (the spouses, its officiant, the registrar)."""
    ctx.allow("marriage.read", marriage_id)
    found = ctx.queries.marriages.marriage(marriage_id)
    return MarriageOut(**{**dataclasses.asdict(found), "witnesses": list(found.witnesses)})


@router.post("/marriages/{marriage_id}/solemnisation", status_code=201, response_model=Created)
def solemnise(marriage_id: Id, body: SolemniseIn, ctx: Ctx) -> Created:
    """The officiant solemnises the marriage before its witnesses, once both spouses'
    own consents are on record; the registry issues the certificate."""
    d = ctx.allow("marriage.solemnise", marriage_id)
    cmd = c.SolemniseMarriage(marriage_id, ctx.acting(d, body.officiant_id, "officiant_id"),
                              tuple(body.witnesses), body.on)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/marriages/{marriage_id}/petitions", status_code=201, response_model=Created)
def petition(marriage_id: Id, body: DissolutionIn, ctx: Ctx) -> Created:
    """Either spouse petitions to dissolve the marriage, with grounds; the registrar
    decides. The registrar records a petition made in person at the office, attested."""
    d = ctx.allow("marriage.petition", marriage_id)
    petitioner = ctx.acting(d, body.petitioner_id, "petitioner_id")
    cmd = c.PetitionDissolution(marriage_id, petitioner, body.grounds, body.on,
                                body.evidence, _attested(ctx, petitioner))
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.get("/marriage-petitions/{petition_id}", response_model=DissolutionOut)
def read_petition(petition_id: Id, ctx: Ctx) -> DissolutionOut:
    """A petition to dissolve a marriage (the spouses, the registrar)."""
    ctx.allow("dissolution.read", petition_id)
    return DissolutionOut(**dataclasses.asdict(ctx.queries.marriages.petition(petition_id)))


@router.post("/marriage-petitions/{petition_id}/decision", response_model=Created)
def decide(petition_id: Id, body: DissolutionDecisionIn, ctx: Ctx) -> Created:
    """The registrar decides a petition, with reasons; a grant dissolves the marriage on a
    date (the decision's, unless another is given)."""
    ctx.allow("dissolution.decide", petition_id)
    cmd = c.DecideDissolution(petition_id, body.granted, body.reasons, body.on,
                              body.dissolve_on)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/marriage-certificates/verify", response_model=MarriageCertificateOut,
             tags=["public"])
def verify_certificate(body: CodeIn, request: Request) -> MarriageCertificateOut:
    """Public: check a marriage certificate's code against the ledger (no sign-in; the
    code travels in the body, never in a URL)."""
    check = request.app.state.registry.queries.marriages.verify_certificate(body.code)
    on = check.marriage.solemnised_on if check.marriage and check.valid else None
    return MarriageCertificateOut(valid=check.valid, message=check.message,
                                  names=list(check.names) if check.valid else [],
                                  solemnised_on=on, officiant=check.officiant,
                                  witnesses=list(check.witnesses))

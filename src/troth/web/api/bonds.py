"""Ceremonies (schedule, read, seal), bonds and certificates, annulment petitions."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request

from troth.domain import commands as c
from troth.web.access import Ctx
from troth.web.api.schemas import Created
from troth.web.api.schemas_courtship import (
    BondOut,
    CeremonyIn,
    CeremonyOut,
    CertificateOut,
    CodeIn,
    DecisionIn,
    PetitionIn,
    PetitionOut,
    SealIn,
    fields_of,
)
from troth.web.ids import RecordId

router = APIRouter(tags=["bonding"])
Id = RecordId


@router.post("/courtships/{courtship_id}/ceremonies", status_code=201, response_model=Created)
def schedule(courtship_id: Id, body: CeremonyIn, ctx: Ctx) -> Created:
    """Schedule a bonding ceremony with its officiant and witnesses."""
    ctx.allow("ceremony.schedule", courtship_id)
    cmd = c.ScheduleCeremony(courtship_id, body.officiant_id, tuple(body.witnesses), body.on,
                             body.at, body.place)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.get("/ceremonies/{ceremony_id}", response_model=CeremonyOut)
def read_ceremony(ceremony_id: Id, ctx: Ctx) -> CeremonyOut:
    """A ceremony (its parties, its officiant, the registrar)."""
    ctx.allow("ceremony.read", ceremony_id)
    row = fields_of(CeremonyOut, ctx.queries.lookups.ceremony(ceremony_id))
    return CeremonyOut(**{**row, "at": row.get("at") or None, "place": row.get("place") or None})


@router.post("/ceremonies/{ceremony_id}/seal", status_code=201, response_model=Created)
def seal(ceremony_id: Id, body: SealIn, ctx: Ctx) -> Created:
    """The officiant seals the bond: both consents are confirmed, the guardianship ends, the
    household is formed and a certificate issued. Returns the bond's id."""
    d = ctx.allow("ceremony.seal", ceremony_id)
    cmd = c.SealBond(ceremony_id, ctx.acting(d, body.officiant_id, "officiant_id"),
                     body.household, body.on)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.get("/bonds/{bond_id}", response_model=BondOut)
def read_bond(bond_id: Id, ctx: Ctx) -> BondOut:
    """A bond and its certificate's verification code (its parties, the registrar)."""
    ctx.allow("bond.read", bond_id)
    b = ctx.queries.courtships.bond(bond_id)
    return BondOut(**{k: getattr(b, k) for k in BondOut.model_fields})


@router.post("/bonds/{bond_id}/petitions", status_code=201, response_model=Created)
def petition(bond_id: Id, body: PetitionIn, ctx: Ctx) -> Created:
    """Either party petitions for an annulment, with grounds and evidence. A physician's
    finding is attached only by the release of the person it concerns: she petitions
    herself, or she is at the office and the registrar attests it (`attested`)."""
    d = ctx.allow("annulment.petition", bond_id)
    petitioner = ctx.acting(d, body.petitioner_id, "petitioner_id")
    attested = None
    if body.attested and body.finding_id is not None:
        ctx.allow("finding.attest")
        attested = ctx.principal.account_id
    cmd = c.PetitionAnnulment(bond_id, petitioner, body.grounds, body.evidence, body.on,
                              body.finding_id, body.finding_consent_by or (
                                  petitioner if body.finding_id is not None else None),
                              attested)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.get("/petitions/{petition_id}", response_model=PetitionOut)
def read_petition(petition_id: Id, ctx: Ctx) -> PetitionOut:
    """An annulment petition (the bond's parties, the registrar)."""
    ctx.allow("annulment.read", petition_id)
    return PetitionOut(**fields_of(PetitionOut, ctx.queries.lookups.petition(petition_id)))


@router.post("/petitions/{petition_id}/decision", response_model=Created)
def decide(petition_id: Id, body: DecisionIn, ctx: Ctx) -> Created:
    """The registrar decides a petition, with reasons; a grant dissolves the bond on a date."""
    ctx.allow("annulment.decide", petition_id)
    cmd = c.DecideAnnulment(petition_id, body.granted, body.reasons, body.on, body.dissolve_on)
    return Created(id=ctx.registry.execute(cmd, actor=ctx.actor))


@router.post("/certificates/verify", response_model=CertificateOut, tags=["public"])
def verify_certificate(body: CodeIn, request: Request) -> CertificateOut:
    """Public: check a bonding certificate's code against the ledger (no sign-in; the code
    travels in the body, never in a URL)."""
    check = request.app.state.registry.queries.courtships.verify_certificate(body.code)
    sealed = check.bond.sealed_on if check.bond and check.valid else None
    return CertificateOut(valid=check.valid, message=check.message,
                          names=list(check.names) if check.valid else [],
                          sealed_on=sealed, officiant=check.officiant,
                          witnesses=list(check.witnesses))

"""The pages of courtships, Visits, ceremonies, bonds, incidents and petitions.

Each page asks the access policy about the record itself (never only the URL), then
offers the forms the account may use on it.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from troth.documents.certificate import certificate_pdf
from troth.domain.courtship import bonding_custom_findings, visit_notes
from troth.domain.errors import NotFound
from troth.web.access import RequestContext
from troth.web.ids import RecordId
from troth.web.pages.context import PageCtx, PageRoute, queries
from troth.web.pages.forms_consent import asked as consent_asked
from troth.web.pages.releases import IN_PERSON, release_values
from troth.web.pages.render import page

router = APIRouter(route_class=PageRoute)


def _missing(ctx: RequestContext, action: str, what: str, rid: int) -> NotFound:
    ctx.allow(action)  # those without a grant get the same 404 as for a record not theirs
    return NotFound(f"no {what} #{rid}", rule=f"{what}_exists")


@router.get("/courtships/{courtship_id}")
def courtship_page(courtship_id: RecordId, request: Request, ctx: PageCtx) -> Response:
    ctx.allow("courtship.read", courtship_id)
    reads, q, today = ctx.queries.courtships, queries(ctx), ctx.registry.clock.today()
    c = reads.courtship(courtship_id)
    verdict = reads.bonding_verdict(c.id, today, ctx.registry.customs)
    guardian = ctx.queries.people.guardian_of(c.omega_id, today)
    ceremonies = q.ceremonies(courtship_id=c.id)
    ids = {c.alpha_id, c.omega_id, c.sponsor_id, guardian.guardian_id if guardian else None}
    for v in c.visits:
        ids.update(v.handlers + v.handlers_present)
    ids.update(x.officiant_id for x in ceremonies)
    me = ctx.person_id
    may = {a: ctx.may(a, c.id) for a in ("courtship.consent", "courtship.acknowledge",
                                         "courtship.end", "courtship.waive", "visit.schedule",
                                         "ceremony.schedule")}
    scheduled = any(x.status == "scheduled" for x in ceremonies)
    coming = sorted((v for v in c.visits  # today's and later: a Visit's time is local
                     if v.status.value == "scheduled" and v.starts_at.date() >= today),
                    key=lambda v: v.starts_at)
    asked = consent_asked(c, me, scheduled) if may["courtship.consent"] else ""
    return page(request, "courtship.html", c=c, verdict=verdict, guardian=guardian,
                ceremonies=ceremonies, names=q.names(ids), may=may, my_id=me, asked=asked,
                coming=coming, past=[v for v in c.visits if v not in coming],
                need=ctx.registry.customs.min_visits_before_bonding,
                waived=c.waived("min_visits_before_bonding"),
                customs=bonding_custom_findings(c, ctx.registry.customs))


@router.get("/visits/{visit_id}")
def visit_page(visit_id: RecordId, request: Request, ctx: PageCtx) -> Response:
    ctx.allow("visit.read", visit_id)
    q = queries(ctx)
    v = q.visit(visit_id)
    if v is None:
        raise _missing(ctx, "visit.read", "visit", visit_id)
    c = ctx.queries.courtships.courtship(v.courtship_id)
    incidents = [i for i in q.incidents(visit_ids=[v.id]) if ctx.may("incident.read", i["id"])]
    ids = {c.alpha_id, c.omega_id, *v.handlers, *v.handlers_present}
    ids.update(i["reported_by"] for i in incidents)
    may = {a: ctx.may(a, v.id) for a in ("visit.report", "visit.cancel")}
    may["incident.report"] = ctx.judge("incident.report", v.id, subject="visit").allowed
    return page(request, "visit.html", v=v, c=c, incidents=incidents, names=q.names(ids),
                may=may, started=v.starts_at.date() <= ctx.registry.clock.today(),
                courtship_visible=ctx.may("courtship.read", c.id),
                notes=visit_notes(v, ctx.registry.customs))


@router.get("/ceremonies/{ceremony_id}")
def ceremony_page(ceremony_id: RecordId, request: Request, ctx: PageCtx) -> Response:
    ctx.allow("ceremony.read", ceremony_id)
    q = queries(ctx)
    cer = q.ceremony(ceremony_id)
    if cer is None:
        raise _missing(ctx, "ceremony.read", "ceremony", ceremony_id)
    reads = ctx.queries.courtships
    c = reads.courtship(cer.courtship_id)
    verdict = reads.bonding_verdict(c.id, ctx.registry.clock.today(), ctx.registry.customs)
    bond_id = q.bond_of_ceremony(cer.id)
    code = reads.bond(bond_id).certificate_code if bond_id else ""
    return page(request, "ceremony.html", cer=cer, c=c, verdict=verdict, bond_id=bond_id,
                code=code, names=q.names({c.alpha_id, c.omega_id, cer.officiant_id}),
                may_seal=ctx.may("ceremony.seal", cer.id) and cer.status == "scheduled",
                bond_visible=bool(bond_id) and ctx.may("bond.read", bond_id or 0),
                courtship_visible=ctx.may("courtship.read", c.id))


@router.get("/bonds/{bond_id}")
def bond_page(bond_id: RecordId, request: Request, ctx: PageCtx) -> Response:
    ctx.allow("bond.read", bond_id)
    reads, q = ctx.queries.courtships, queries(ctx)
    b = reads.bond(bond_id)
    check = reads.verify_certificate(b.certificate_code)
    petitions = [p for p in q.petitions(bond_id=b.id) if ctx.may("annulment.read", p["id"])]
    return page(request, "bond.html", b=b, check=check, petitions=petitions,
                names=q.names({b.alpha_id, b.omega_id}),
                may_petition=ctx.may("annulment.petition", b.id) and not b.dissolved_on
                and ctx.person_id in (b.alpha_id, b.omega_id))


@router.get("/bonds/{bond_id}/certificate.pdf")
def certificate(bond_id: RecordId, ctx: PageCtx) -> Response:
    ctx.allow("bond.read", bond_id)
    reads = ctx.queries.courtships
    code = reads.bond(bond_id).certificate_code
    check = reads.verify_certificate(code)
    if not check.valid:
        raise NotFound(check.message, rule="certificate_valid")
    return Response(certificate_pdf(check, code), media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="bonding-certificate-{bond_id}.pdf"',
        "Cache-Control": "no-store"})


@router.get("/incidents/{incident_id}")
def incident_page(incident_id: RecordId, request: Request, ctx: PageCtx) -> Response:
    ctx.allow("incident.read", incident_id)
    q = queries(ctx)
    i = q.incident(incident_id)
    if i is None:
        raise _missing(ctx, "incident.read", "incident", incident_id)
    g = q.guardianship(i["guardianship_id"]) if i["guardianship_id"] else None
    return page(request, "incident.html", i=i, names=q.names({i["reported_by"], i["about_id"]}),
                today=ctx.registry.clock.today(),
                guardianship_visible=g is not None and ctx.may("guardianship.read", g.ward_id),
                may_close=ctx.may("incident.close", i["id"]) and i["status"] == "open"
                and not i["opens_review"],  # a review is decided, never closed
                may_decide=ctx.may("welfare.decide", i["id"]),
                assigned=_assigned_to(ctx, i))


def _assigned_to(ctx: RequestContext, i: dict[str, Any]) -> str:
    """Who works the incident, for those who work the queue (else nothing is said)."""
    if not i.get("assignee") or not ctx.may("incident.queue"):
        return ""
    names = dict(ctx.queries.welfare.registrars())
    return f"{names.get(i['assignee'], 'account #' + str(i['assignee']))}, {i['assigned_on']}"


@router.get("/petitions/{petition_id}")
def petition_page(petition_id: RecordId, request: Request, ctx: PageCtx) -> Response:
    ctx.allow("annulment.read", petition_id)
    q = queries(ctx)
    p = q.petition(petition_id)
    if p is None:
        raise _missing(ctx, "annulment.read", "petition", petition_id)
    p = ctx.queries.lookups.petition(petition_id)  # with the findings released for it
    # A released finding is read by whoever decides the petition and by its owner; to anyone
    # else the page shows only the release (the text and physician stay in her health file).
    deciding = ctx.may("annulment.decide", p["id"])
    p["findings"] = [f if deciding or f["owner_id"] == ctx.person_id else
                     {k: f[k] for k in ("finding_id", "owner_id", "released_on", "attested_by")}
                     for f in p["findings"]]
    b = ctx.queries.courtships.bond(p["bond_id"])
    ids = {b.alpha_id, b.omega_id, *(f["owner_id"] for f in p["findings"]),
           *(f["physician_id"] for f in p["findings"] if "physician_id" in f)}
    return page(request, "petition.html", p=p, b=b, names=q.names(ids),
                may_decide=ctx.may("annulment.decide", p["id"]) and p["status"] == "filed",
                in_person=IN_PERSON, **release_values(ctx, p, b))

"""The page of a marriage: its spouses, consents, officiant, certificate and petitions, with
the forms the viewer may use on it."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from troth.documents.certificate import marriage_certificate_pdf
from troth.domain.errors import NotFound
from troth.web.ids import RecordId
from troth.web.pages.context import PageCtx, PageRoute, queries
from troth.web.pages.render import page, redirect

router = APIRouter(route_class=PageRoute)


@router.get("/marriages/{marriage_id}")
def marriage_page(marriage_id: RecordId, request: Request, ctx: PageCtx) -> Response:
    ctx.allow("marriage.read", marriage_id)
    reads = ctx.queries.marriages
    m = reads.marriage(marriage_id)
    check = reads.verify_certificate(m.certificate_code) if m.certificate_code else None
    petitions = [p for p in reads.petitions(marriage_id=m.id)
                 if ctx.may("dissolution.read", p.id)]
    spouse = ctx.person_id in m.spouses()
    return page(request, "marriage.html", m=m, check=check, petitions=petitions,
                viewer_person=ctx.person_id,
                names=queries(ctx).names({*m.spouses(), m.officiant_id}),
                may_consent=m.status == "intended" and spouse
                and ctx.person_id not in m.consents,
                may_withdraw=m.status == "intended" and spouse,
                may_solemnise=m.status == "intended" and len(m.consents) == 2
                and ctx.may("marriage.solemnise", m.id) and ctx.person_id is not None
                and not spouse,
                may_petition=m.status == "solemnised" and spouse
                and ctx.may("marriage.petition", m.id)
                and not any(p.status == "filed" for p in petitions))


@router.get("/marriages/{marriage_id}/certificate.pdf")
def certificate(marriage_id: RecordId, ctx: PageCtx) -> Response:
    ctx.allow("marriage.read", marriage_id)
    reads = ctx.queries.marriages
    code = reads.marriage(marriage_id).certificate_code
    check = reads.verify_certificate(code)
    if not check.valid:
        raise NotFound(check.message, rule="certificate_valid")
    return Response(marriage_certificate_pdf(check, code), media_type="application/pdf",
                    headers={"Content-Disposition": "attachment;"
                             f' filename="marriage-certificate-{marriage_id}.pdf"',
                             "Cache-Control": "no-store"})


@router.get("/marriage-petitions/{petition_id}")
def petition_page(petition_id: RecordId, request: Request, ctx: PageCtx) -> Response:
    """A petition is shown on its marriage's page."""
    ctx.allow("dissolution.read", petition_id)
    p = ctx.queries.marriages.petition(petition_id)
    return redirect(request, f"/marriages/{p.marriage_id}#petition-{p.id}", "")

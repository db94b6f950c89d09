"""The ledger (verify against a kept checkpoint; print the head), and public certificate
verification by code — the one page that needs no account."""

from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from troth.domain.errors import InvalidInput
from troth.domain.ledger import Checkpoint
from troth.web.access import authenticator_of
from troth.web.auth import Unauthenticated
from troth.web.pages.context import PageCtx, PageRoute, page_context
from troth.web.pages.render import page

router = APIRouter(route_class=PageRoute)


@router.get("/ledger")
def ledger_page(request: Request, ctx: PageCtx) -> Response:
    ctx.allow("ledger.read")
    return page(request, "ledger.html", checkpoint=ctx.queries.people.checkpoint(), report=None,
                typed="", error="", deep=None)


@router.post("/ledger/deep")
def ledger_deep_check(request: Request, ctx: PageCtx) -> Response:
    """Replay the whole ledger and compare every table derived from it (registrar only:
    the same action as verifying the chain)."""
    ctx.allow("ledger.read")
    return page(request, "ledger.html", checkpoint=ctx.queries.people.checkpoint(), report=None,
                typed="", error="", deep=ctx.queries.ledger.deep_verify())


@router.post("/ledger")
async def ledger_verify(request: Request, ctx: PageCtx) -> Response:
    ctx.allow("ledger.read")
    typed = str((await request.form()).get("checkpoint", "")).strip()[:200]
    try:
        kept = Checkpoint.parse(typed) if typed else None
    except InvalidInput as e:
        return page(request, "ledger.html", status=422, checkpoint=ctx.queries.people.checkpoint(),
                    report=None, typed=typed, error=e.message[:1].upper() + e.message[1:],
                    deep=None)
    return page(request, "ledger.html", checkpoint=ctx.queries.people.checkpoint(),
                report=ctx.queries.people.verify(kept), typed=typed, error="", deep=None)


def _signed_in_bond_reader(request: Request, bond_id: int) -> bool:
    """Whether the visitor is signed in and may read this bond (then: the PDF link)."""
    try:
        if authenticator_of(request).principal(request) is None:
            return False
    except Unauthenticated:
        return False
    return page_context(request).may("bond.read", bond_id)


@router.get("/verify")
def verify_form(request: Request) -> Response:
    return page(request, "verify.html", code="", check=None, pdf=False)


@router.post("/verify")
async def verify(request: Request) -> Response:
    code = str((await request.form()).get("code", "")).strip()[:60]
    if not code:
        return page(request, "verify.html", status=422, code=code, check=None, pdf=False,
                    error="Type the code printed on the certificate.")
    queries = request.app.state.registry.queries
    check = queries.courtships.verify_certificate(code)
    if check.bond is None:  # no bond carries it: a marriage certificate's code, perhaps
        wed = queries.marriages.verify_certificate(code)
        if wed.marriage is None:
            wed = replace(wed, message="No bond or marriage in the registry carries this"
                          " code.")
        return page(request, "verify.html", code=code, check=wed, pdf=False, error="")
    pdf = check.valid and check.bond is not None and _signed_in_bond_reader(request,
                                                                             check.bond.id)
    return page(request, "verify.html", code=code, check=check, pdf=pdf, error="")

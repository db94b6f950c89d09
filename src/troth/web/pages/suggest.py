"""GET /suggest/{field_kind}?q=&form=: the people a form's person field may suggest, as JSON for
the combobox (static/troth.js).

The form is looked up and the account must hold its action (the policy, as for the form
itself) before anyone is looked up; the kind must be one the form asks for. At most ten
people, each with a registry number, a name and a short detail to tell namesakes apart —
never more than the account may know (troth.web.pages.choose).
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import JSONResponse

from troth.domain.errors import InvalidInput
from troth.web.pages.actions import form_named
from troth.web.pages.choose import KINDS, LIMIT, MIN_LETTERS, Chooser, busy_time
from troth.web.pages.context import PageCtx, PageRoute, require_could
from troth.web.pages.forms import person_number

router = APIRouter(route_class=PageRoute)
TOO_SHORT = (f"Type at least {MIN_LETTERS} letters of a name, or a registry number such as"
             " 12.")


@router.get("/suggest/{field_kind}")
def suggest(field_kind: str, request: Request, ctx: PageCtx, q: str = "",
            form: str = "") -> JSONResponse:
    kind = field_kind
    f = form_named(form)
    require_could(ctx, f.action)
    if kind not in KINDS or kind not in {x.suggests for x in f.fields}:
        raise InvalidInput(f"the form '{f.name}' asks for no one of the kind '{kind[:40]}'",
                           rule="suggest_kind")
    text = q.strip()
    if len(text) > 100 or "\x00" in text:
        raise InvalidInput("type a shorter part of the name (under 100 characters)",
                           rule="suggest_query")
    if len(text) < MIN_LETTERS and person_number(text) is None:
        return JSONResponse({"query": text, "results": [], "message": TOO_SHORT})
    params = request.query_params
    chooser = Chooser(ctx, kind, busy_time(params.get("starts_at", "")),
                      params.get("kind", ""))
    found = chooser.find(text, LIMIT)
    if found:
        message = (f"{len(found)} {'suggestion' if len(found) == 1 else 'suggestions'};"
                   " use the Down and Up arrows to choose, Enter to take one.")
    else:
        free = " free at that time" if kind == "handler" and chooser.busy_at else ""
        message = (f"No one among the {KINDS[kind]}{free} matches “{text}”. Try another part"
                   " of the name, or give the registry number.")
    return JSONResponse({"query": text, "message": message, "results": [
        {"id": c.id, "name": c.name, "detail": c.detail, "label": c.label} for c in found]})

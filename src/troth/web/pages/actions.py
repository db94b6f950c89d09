"""/do/{form}: every command a role may issue, as a form.

GET shows the form (prefilled from the query: the record it acts on, today's date);
POST parses, checks the policy against the record named, executes through the registry,
and either redirects to the record with a notice or shows the form again — as typed —
with each refusal beside the field it concerns (422).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from troth.domain.errors import Conflict, InvalidInput, NotFound, Refused
from troth.web.access import RequestContext
from troth.web.csrf import FIELD
from troth.web.errors import Denied
from troth.web.pages import (
    forms_bonding,
    forms_consent,
    forms_correction,
    forms_courtship,
    forms_marriage,
    forms_people,
    forms_roster,
)
from troth.web.pages.choose import resolve
from troth.web.pages.context import PageCtx, PageRoute, could, require_could
from troth.web.pages.forms import FORM_LEVEL, Form, Values, field_for, parse, sentence, shown
from troth.web.pages.render import page, redirect

router = APIRouter(route_class=PageRoute)
FORMS: dict[str, Form] = {f.name: f for f in (*forms_people.FORMS, *forms_courtship.FORMS,
                                               *forms_consent.FORMS, *forms_bonding.FORMS,
                                               *forms_correction.FORMS,
                                               *forms_marriage.FORMS,
                                               *forms_roster.FORMS)}


def extra_forms(*more: Form) -> None:
    """Register forms defined elsewhere (the health forms)."""
    FORMS.update({f.name: f for f in more})


def form_named(name: str) -> Form:
    if name not in FORMS:
        raise NotFound("there is no such form", rule="form_exists")
    return FORMS[name]


def _check_target(form: Form, values: Values, ctx: RequestContext) -> None:
    if form.target is None:
        require_could(ctx, form.action)
        return
    names, subject = form.target
    ids = [values.get(n) for n in names]
    if any(not isinstance(i, int) for i in ids):
        require_could(ctx, form.action)
        return
    ctx.allow(form.action, *(int(i) for i in ids if isinstance(i, int)), subject=subject)


PAGES = {"courtship": "/courtships/{}", "visit": "/visits/{}", "ceremony": "/ceremonies/{}",
         "bond": "/bonds/{}", "incident": "/incidents/{}", "petition": "/petitions/{}",
         "person": "/people/{}", "marriage": "/marriages/{}"}


def back_to(form: Form, typed: Mapping[str, str]) -> str:
    """Where "Cancel" leads: the record the form acts on, else the dashboard."""
    if form.target is not None:
        names, subject = form.target
        value = str(typed.get(names[0], ""))
        if subject in PAGES and value.isdigit():
            return PAGES[subject].format(value)
    return "/"


def show(request: Request, form: Form, typed: Mapping[str, str], errors: dict[str, str],
         status: int = 200) -> Response:
    return page(request, "form.html", status=status, form=form, typed=typed, errors=errors,
                fields=list(form.fields), back=back_to(form, typed))


@router.get("/do/{name}", name="form")
def get_form(name: str, request: Request, ctx: PageCtx) -> Response:
    form = form_named(name)
    given = {k: v for k, v in request.query_params.items() if k in {f.name for f in form.fields}}
    values, _ = parse(form, given)
    _check_target(form, values, ctx)
    typed = {**(form.defaults(ctx, given) if form.defaults else {}), **given}
    return show(request, form, typed, {})


@router.post("/do/{name}")
async def post_form(name: str, request: Request, ctx: PageCtx) -> Response:
    form = form_named(name)
    data = {k: str(v) for k, v in (await request.form()).items() if k != FIELD}
    # "Rey" → her number, if she is the only Rey among those the account may choose
    numbered, named_errors = resolve(ctx, form, data) if could(ctx, form.action) else (data, {})
    values, errors = parse(form, numbered)
    errors.update(named_errors)
    if not errors:
        try:
            _check_target(form, values, ctx)
            new_id = form.execute(values, ctx)
        except Denied:
            raise
        except (InvalidInput, Refused, NotFound, Conflict) as e:
            errors[field_for(form, e, values)] = sentence(e.message)
        else:
            url, notice = form.done(new_id, values)
            return redirect(request, url, notice)
    typed: dict[str, Any] = shown(form, values, data)
    if FORM_LEVEL not in errors and len(errors) > 1:
        errors[FORM_LEVEL] = "Some answers need correcting; see the notes beside them."
    return show(request, form, typed, errors, status=422)

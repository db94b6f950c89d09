"""Search, a person's page (record, timeline "as of" a date), a guardianship's page.

A search lives in the address (`GET /people?text=&min_age=&max_age=&alive=&district=&page=`)
so Back, reload and a bookmark keep it; a designation, which the address would reveal to
anyone who sees it (history, logs, a shared link), narrows a search only in a POST body.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from troth.domain.errors import InvalidInput, NotFound
from troth.domain.people import Designation, Person
from troth.registry.views import SearchFilter
from troth.web.access import RequestContext
from troth.web.ids import RecordId, valid_id
from troth.web.pages.context import PageCtx, PageRoute, queries
from troth.web.pages.enrolment import invitation_values
from troth.web.pages.render import page

router = APIRouter(route_class=PageRoute)
PER_PAGE = 20
FILTER_FIELDS = ("text", "designation", "min_age", "max_age", "alive", "district")
IN_URL = ("text", "min_age", "max_age", "alive", "district", "page", "after", "before", "at_page")


def _age(raw: str, label: str, errors: dict[str, str]) -> int | None:
    if not raw.strip():
        return None
    if raw.strip().isdigit() and int(raw) <= 150:
        return int(raw)
    errors[label] = "Give an age in whole years, from 0 to 150."
    return None


def search_filter(form: dict[str, str]) -> tuple[SearchFilter, dict[str, str]]:
    errors: dict[str, str] = {}
    designation = form.get("designation", "")
    if designation not in ("", *(d.value for d in Designation)):
        errors["designation"] = "Choose a designation from the list."
        designation = ""
    alive = {"": None, "alive": True, "dead": False}.get(form.get("alive", ""))
    lo = _age(form.get("min_age", ""), "min_age", errors)
    hi = _age(form.get("max_age", ""), "max_age", errors)
    if lo is not None and hi is not None and lo > hi:
        errors["max_age"] = "The oldest age is below the youngest."
    return SearchFilter(form.get("text", "")[:200], designation or None, lo, hi, alive,
                        form.get("district", "").strip()[:100] or None), errors


def _cursor(form: dict[str, str], name: str, errors: dict[str, str]) -> int | None:
    raw = form.get(name, "").strip()
    if not raw:
        return None
    if raw.isdigit() and len(raw) <= 10 and valid_id(int(raw)):
        return int(raw)
    errors["text"] = "That page link is out of date; search again."
    return None


async def _search(request: Request, ctx: RequestContext) -> Response:
    """GET: the search lives in the address (Back, reload and a bookmark keep it), all but
    the designation. POST: the same search narrowed by designation, which stays out of the
    address and the history."""
    ctx.allow("person.search")
    if request.method == "POST":
        form = {k: str(v) for k, v in (await request.form()).items()}
    else:
        form = {k: v for k, v in request.query_params.items() if k in IN_URL}
    f, errors = search_filter(form)
    after, before = _cursor(form, "after", errors), _cursor(form, "before", errors)
    raw_page = form.get("page", "")
    number = int(raw_page) if raw_page.isdigit() and len(raw_page) <= 6 else 1
    at = form.get("at_page", "")
    if (after or before) and at.isdigit() and len(at) <= 6:  # the pager: one page on or back
        number = max(1, int(at) + (1 if after else -1))
    result = None
    if not errors:
        try:
            result = ctx.queries.people.search(f, ctx.registry.clock.today(), number,
                                               PER_PAGE, after=after, before=before)
        except (InvalidInput, NotFound) as e:
            errors["text"] = e.message
    typed = {k: form.get(k, "") for k in FILTER_FIELDS}
    query = urlencode({k: typed[k] for k in IN_URL if k != "page" and typed.get(k)})
    return page(request, "search.html", status=422 if errors else 200, result=result,
                typed=typed, errors=errors, today=ctx.registry.clock.today(),
                searched=any(form.get(k) for k in FILTER_FIELDS), query=query,
                private=request.method == "POST" and bool(f.designation),
                designations=[d.value for d in Designation])


@router.get("/people")
async def search_page(request: Request, ctx: PageCtx) -> Response:
    return await _search(request, ctx)


@router.post("/people")
async def search_post(request: Request, ctx: PageCtx) -> Response:
    return await _search(request, ctx)


def _as_of(raw: str | None) -> tuple[date | None, str]:
    if not raw:
        return None, ""
    try:
        return date.fromisoformat(raw), ""
    except ValueError:
        return None, "Give the date as YYYY-MM-DD, for example 2026-03-21."


def person_actions(ctx: RequestContext, p: Person, today: date) -> list[tuple[str, str]]:
    """The registrar's forms that can apply to this person today: a presentation only
    before one, nothing on the dead, a guardian appointed only for an Omega without one who
    is not bonded, a guardianship transferred or ended only where one is in force."""
    if not ctx.may("person.record", p.id) or p.died:
        return []
    out = [] if p.designation else [("record_presentation?person_id", "Record a presentation")]
    out.append(("record_death?person_id", "Record a death"))
    if p.designation is Designation.OMEGA:
        guarded = ctx.queries.people.guardian_of(p.id, today) is not None
        bonded = any(b.dissolved_on is None for b in ctx.queries.courtships.bonds_of(p.id))
        if guarded:
            out += [("transfer_guardianship?ward_id", "Transfer the guardianship"),
                    ("end_guardianship?ward_id", "End the guardianship")]
        elif not bonded:
            out.append(("appoint_guardian?ward_id", "Appoint a guardian"))
    return [(f"/do/{form}={p.id}", label) for form, label in out]


def person_sections(ctx: RequestContext, p: Person, as_of: date | None,
                    known_today: bool = False) -> dict[str, Any]:
    """The record's sections. As of a date: the timeline as recorded then (or as known
    today), and both snapshots — as the registry recorded it by then, and as known today.
    What takes effect after today (a Visit ahead) is "coming up", not past."""
    reads, creads = ctx.queries.people, ctx.queries.courtships
    today = ctx.registry.clock.today()
    out: dict[str, Any] = {"history": None, "snapshot": None, "known_today": None,
                           "guardianships": None, "coming": []}
    if ctx.may("person.history", p.id):
        history = reads.history(p.id, as_of, today if known_today else None)
        out["coming"] = sorted((h for h in history if h.effective > today),
                               key=lambda h: h.effective)
        out["history"] = [h for h in history if h.effective <= today]
        if as_of is not None:
            out["snapshot"] = reads.snapshot(p.id, as_of)
            out["known_today"] = reads.snapshot(p.id, as_of, today)
    if ctx.may("guardianship.read", p.id):
        out["guardianships"] = reads.guardianships_of(p.id)
    out["courtships"] = [c for c in creads.courtships_of(p.id)
                         if ctx.may("courtship.read", c.id)]
    out["bonds"] = [b for b in creads.bonds_of(p.id) if ctx.may("bond.read", b.id)]
    out["marriages"] = [m for m in ctx.queries.marriages.of_person(p.id)
                        if ctx.may("marriage.read", m.id)]
    return out


@router.get("/people/{person_id}")
def person_page(person_id: RecordId, request: Request, ctx: PageCtx,
                as_of: str | None = None, known: str = "then") -> Response:
    ctx.allow("person.read", person_id)
    p = ctx.queries.people.person(person_id)
    day, as_of_error = _as_of(as_of)
    s = person_sections(ctx, p, day, known_today=known == "today")
    ids = set(p.parents)
    for g in s["guardianships"] or []:
        ids.update({g.ward_id, g.guardian_id})
    for c in s["courtships"]:
        ids.update({c.alpha_id, c.omega_id})
    for b in s["bonds"]:
        ids.update({b.alpha_id, b.omega_id})
    for m in s["marriages"]:
        ids.update(m.spouses())
    for snap in (s["snapshot"], s["known_today"]):
        if snap is not None:
            ids.update(x for x in (snap.guardian_id, snap.bonded_to, snap.married_to) if x)
    today = ctx.registry.clock.today()
    return page(request, "person.html", p=p, s=s, names=queries(ctx).names(ids),
                as_of=day, as_of_raw=as_of or "", as_of_error=as_of_error, today=today,
                age=p.age_on(p.died or today), actions=person_actions(ctx, p, today),
                known=known, may_correct=ctx.may("correction.request", person_id),
                may_marry=p.designation is Designation.BETA and not p.died
                and ctx.may("marriage.consent", person_id),
                health=ctx.may("health.read", person_id)
                and p.designation is Designation.OMEGA, **invitation_values(ctx, person_id))


@router.get("/guardianships/{guardianship_id}")
def guardianship_page(guardianship_id: RecordId, request: Request,
                      ctx: PageCtx) -> Response:
    q = queries(ctx)
    g = q.guardianship(guardianship_id)
    if g is None:
        ctx.allow("guardianship.read")  # others get the same 404 as for a record not theirs
        raise NotFound(f"no guardianship #{guardianship_id}", rule="guardianship_exists")
    ctx.allow("guardianship.read", g.ward_id, subject="person")
    incidents = [i for i in q.incidents(guardianship_id=g.id)
                 if ctx.may("incident.read", i["id"])]
    ids = {g.ward_id, g.guardian_id} | {i["reported_by"] for i in incidents} | {
        i["about_id"] for i in incidents if i["about_id"]}
    return page(request, "guardianship.html", g=g, incidents=incidents,
                names=q.names(ids), today=ctx.registry.clock.today(),
                may_order=ctx.may("guardianship.order", g.ward_id),
                may_report=ctx.judge("incident.report", g.id, subject="guardianship").allowed)


@router.get("/lookup/person")
def lookup(request: Request, ctx: PageCtx) -> Response:
    """Who a typed registry number names, for the person fields of the forms — only the
    people this account may read are named; the rest are checked when the form is sent."""
    raw = next(iter(request.query_params.values()), "")
    ids = [int(x) for x in raw.replace(",", " ").replace("#", " ").split()
           if x.isdigit() and valid_id(int(x))][:6]
    readable = [i for i in ids if ctx.may("person.read", i)]
    people = ctx.queries.people.people(readable) if readable else {}
    parts = []
    for i in ids:
        p = people.get(i)
        parts.append(f"#{i}: {p.legal_name} ({p.designation or 'unpresented'},"
                     f" {p.age_on(ctx.registry.clock.today())})" if p else
                     f"#{i}: not a record you may see; it is checked when you send the form")
    return page(request, "_lookup.html", parts=parts)

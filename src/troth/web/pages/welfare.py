"""/welfare: the registrars' welfare queue, worked from the page.

Open incidents, oldest first, narrowed by kind, age ("reported more than N days ago"), the
district of the person concerned and who works them ("assigned to me", to no one yet);
the filters live in the URL (GET), so Back, reload and a bookmark keep them. A registrar
assigns incidents to a registrar's account (one, or the selected ones at once: "Assign
selected to me"), decides a review with its outcome (the form "Decide a welfare review")
or closes an incident that opened none. `/welfare/export.csv` is the same list, with the
same filters, as CSV. The queue holds pressured-consent reviews, which the registry alone
sees: every route here asks the policy for the registrar's `incident.queue` first.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from troth.domain import commands as c
from troth.domain.errors import InvalidInput, NotFound, Refused
from troth.domain.welfare import DECISIONS, KINDS, MAX_ASSIGNED, PRESSURED
from troth.registry.views import QueueFilter, QueueItem
from troth.web.access import RequestContext
from troth.web.csrf import FIELD
from troth.web.errors import status_of
from troth.web.ids import valid_id
from troth.web.pages.context import PageCtx, PageRoute, queries
from troth.web.pages.export import csv_response
from troth.web.pages.forms import Field, Form
from troth.web.pages.forms_courtship import hidden
from troth.web.pages.forms_people import on, today
from troth.web.pages.render import page, redirect

router = APIRouter(route_class=PageRoute)
FILTERS = ("kind", "older_than", "district", "assignee")
QUEUE_KINDS = (*KINDS, PRESSURED)
CSV_HEADER = ("incident", "kind", "reported_on", "days_waiting", "opens_review",
              "concerns", "concerns_name", "reported_by", "reported_by_name", "district",
              "guardianship", "assigned_to", "assigned_on")


def parse_filter(params: Mapping[str, str], me: int
                 ) -> tuple[QueueFilter, dict[str, str], dict[str, str]]:
    """(the filter, what was typed, a message per filter that would not parse)."""
    typed = {k: str(params.get(k, "")).strip()[:100] for k in FILTERS}
    errors: dict[str, str] = {}
    kind = typed["kind"] or None
    if kind is not None and kind not in QUEUE_KINDS:
        errors["kind"], kind = "Choose a kind of incident from the list.", None
    older: int | None = None
    if typed["older_than"]:
        if typed["older_than"].isdigit() and int(typed["older_than"]) <= 36_500:
            older = int(typed["older_than"])
        else:
            errors["older_than"] = "Give a number of whole days, for example 30."
    who = typed["assignee"]
    assignee: int | None = None
    if who == "me":
        assignee = me
    elif who == "none":
        assignee = 0
    elif who:
        if who.isdigit() and valid_id(int(who)):
            assignee = int(who)
        else:
            errors["assignee"] = "Choose whose incidents to show from the list."
    return QueueFilter(kind, older, typed["district"] or None, assignee), typed, errors


def _query(typed: Mapping[str, str]) -> str:
    kept = {k: v for k, v in typed.items() if v}
    return ("?" + urlencode(kept)) if kept else ""


def _show(request: Request, ctx: RequestContext, params: Mapping[str, str], *,
          error: str = "", status: int = 200) -> Response:
    ctx.allow("incident.queue")
    today_ = ctx.registry.clock.today()
    f, typed, errors = parse_filter(params, ctx.principal.account_id)
    items = [] if errors else ctx.queries.welfare.queue(f, today_)
    names = queries(ctx).names({n for i in items for n in (i.reported_by, i.about_id) if n})
    return page(request, "welfare.html", status=422 if errors else status, items=items,
                names=names, typed=typed, errors=errors, error=error, today=today_,
                kinds=QUEUE_KINDS, registrars=ctx.queries.welfare.registrars(),
                query=_query(typed), max_assigned=MAX_ASSIGNED,
                may_assign=ctx.may("welfare.assign"))


@router.get("/welfare")
def queue_page(request: Request, ctx: PageCtx) -> Response:
    return _show(request, ctx, request.query_params)


def _rows(items: list[QueueItem], names: dict[int, str], today_: date
          ) -> Iterator[tuple[Any, ...]]:
    for i in items:
        yield (i.id, i.kind, i.on, (today_ - i.on).days, i.opens_review, i.concerns,
               names.get(i.concerns, ""), i.reported_by, names.get(i.reported_by, ""),
               i.district, i.guardianship_id, i.assignee_name, i.assigned_on)


@router.get("/welfare/export.csv")
def queue_csv(request: Request, ctx: PageCtx) -> Response:
    ctx.allow("incident.queue")
    f, _, errors = parse_filter(request.query_params, ctx.principal.account_id)
    if errors:
        raise InvalidInput(" ".join(errors.values()), rule="queue_filter")
    today_ = ctx.registry.clock.today()
    items = ctx.queries.welfare.queue(f, today_)
    names = queries(ctx).names({n for i in items for n in (i.reported_by, i.about_id) if n})
    return csv_response(f"welfare-queue-{today_.isoformat()}.csv", CSV_HEADER,
                        _rows(items, names, today_))


def _ids(values: list[Any]) -> tuple[int, ...]:
    out = []
    for raw in values:
        text = str(raw).strip().lstrip("#")
        if not (text.isdigit() and len(text) <= 10 and valid_id(int(text))):
            raise InvalidInput(f"'{str(raw)[:20]}' is not an incident's number",
                               rule="assign_some")
        out.append(int(text))
    return tuple(out)


@router.post("/welfare/assign")
async def assign(request: Request, ctx: PageCtx) -> Response:
    """Assign the selected incidents (or the one whose button was pressed) to the account
    chosen, "me" by default; back to the queue with the same filters."""
    ctx.allow("welfare.assign")
    form = await request.form()
    back = {k: str(form.get(k, "")) for k in FILTERS}
    _, typed, _ = parse_filter(back, ctx.principal.account_id)
    try:
        only = str(form.get("only", "")).strip()
        ids = _ids([only] if only else [v for v in form.getlist("incident_id") if v != FIELD])
        to = "me" if only else (str(form.get("to", "me")).strip() or "me")
        account = ctx.principal.account_id if to == "me" else _ids([to])[0]
        cmd = c.AssignWelfareReviews(ids, account, ctx.principal.account_id)
        count = ctx.registry.execute(cmd, actor=ctx.actor)
    except (InvalidInput, Refused, NotFound) as e:
        return _show(request, ctx, back, error=e.message, status=status_of(e))
    whom = "you" if account == ctx.principal.account_id else f"account #{account}"
    done = (f"{count} incident{'' if count == 1 else 's'} assigned to {whom}." if count
            else f"Already assigned to {whom}; nothing changed.")
    return redirect(request, "/welfare" + _query(typed), done)


def _decide(v: dict[str, Any], ctx: RequestContext) -> c.DecideWelfareReview:
    d = ctx.judge("welfare.decide", v["incident_id"])
    by = ctx.acting(d, v["decided_by"], "decided by")
    return c.DecideWelfareReview(v["incident_id"], v["outcome"], v["reasons"], by, v["on"],
                                 v["new_guardian_id"], v["court"], v["order_ref"])


OUTCOMES = {"kept": "The guardian is kept (give the reasons)",
            "transferred": "The guardianship is transferred to a new guardian, by a court"
                           " order",
            "revoked": "The guardianship is revoked"}
DECIDE_REVIEW = Form(
    "decide_welfare_review", "Decide a welfare review", "welfare.decide",
    (hidden("incident_id", "Incident"),
     Field("outcome", "Decision", "radio", choices=tuple((o, OUTCOMES[o]) for o in DECISIONS)),
     Field("reasons", "Reasons", "textarea", help="On record with the decision."),
     on("Decided on"),
     Field("new_guardian_id", "New guardian (registry number)", "person", required=False,
           help="For a transfer only."),
     Field("court", "Court", required=False, help="For a transfer: the court that ordered"
           " it."),
     Field("order_ref", "Court order reference", required=False, help="For a transfer."),
     Field("decided_by", "Decided by (the registrar's registry number)", "person",
           required=False, help="Leave empty when this account is linked to your own"
           " record.")),
    build=_decide, target=(("incident_id",), "incident"), defaults=today,
    rules={"review_outcome": "outcome", "review_reasons": "reasons",
           "decided_after_report": "on", "guardianship_active": "outcome",
           "acting_person": "decided_by", "person_exists": "decided_by"},
    done=lambda i, v: ("/welfare", f"The review of incident #{i} is decided:"
                       f" {OUTCOMES[v['outcome']].split(' (')[0].lower()}."),
    submit="Record the decision",
    intro="A review opened by an incident ends with a decision on record. A transfer or a"
          " revocation ends the guardianship in force on the same day; a transfer appoints"
          " the new guardian named by the court.")

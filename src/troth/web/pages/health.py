"""An Omega's health page: heats, pregnancies, who she shares them with, the forecast.

Access is the policy's `health.read` (the owner herself) widened by the owner's own
choices, which the policy's relations do not compute yet: a physician she shared with
(while the account holds the physician role) and a partner she shared with. Everyone
else — the registrar, a guardian — gets the policy's 404, written to the access log;
every allowed read is logged too. The share is read on every request, so a revocation
takes effect on the next one.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response

from troth.domain import commands as c
from troth.domain.health import SHARE_ROLES, HealthFile, chosen_physician
from troth.web.access import RequestContext
from troth.web.ids import RecordId
from troth.web.pages.charts import Span, calendar_chart
from troth.web.pages.context import PageCtx, PageRoute, queries
from troth.web.pages.forms import Field, Form, Values
from troth.web.pages.forms_courtship import hidden, me
from troth.web.pages.forms_people import person, today
from troth.web.pages.render import page

router = APIRouter(route_class=PageRoute)


def health_file(ctx: RequestContext, owner_id: int) -> HealthFile:
    """The owner's file if this account may read it (the policy judges her current shares,
    fresh on every request, and logs every use); a 404 otherwise."""
    ctx.allow("health.read", owner_id)
    file: HealthFile = ctx.queries.health.file(owner_id)
    return file


def patients_of(ctx: RequestContext, physician_id: int) -> list[int]:
    """Owners whose current shares name this person as their physician."""
    return ctx.queries.health.patients_of(physician_id)


def _forecast(ctx: RequestContext, owner_id: int, file: HealthFile) -> tuple[Any, Markup]:
    from troth.cycles import forecast
    from troth.registry.health import registry_history

    day = ctx.registry.clock.today()
    hist = registry_history(ctx.registry, owner_id, file, day)
    bond_on = hist.bond_date
    hist = replace(hist, heats=tuple(h for h in hist.heats if h.start <= day))
    fc = forecast(hist, day)
    return fc, _calendar(file, fc, day, bond_on)


def _calendar(file: HealthFile, fc: Any, day: date, bond_on: date | None) -> Markup:
    first = day - timedelta(days=365)
    last = max(day + timedelta(days=90),
               fc.interval_80[1] + timedelta(days=21) if fc.interval_80 else day)
    heats = [Span(h.start, h.end or h.start + timedelta(days=3),
                  f"heat #{h.id}: {h.start:%d %b %Y}" + (" (left out)" if h.excluded else ""),
                  h.excluded) for h in file.heats.values() if h.start >= first]
    bands = []
    if fc.interval_80 and fc.interval_50:
        (a, b), (c, d) = fc.interval_80, fc.interval_50
        bands = [Span(a, b, f"80% interval: {a:%d %b} to {b:%d %b %Y}"),
                 Span(c, d, f"50% interval: {c:%d %b} to {d:%d %b %Y}")]
    marks = [(day, "today")] + ([(bond_on, "bond")] if bond_on and bond_on >= first else [])
    if fc.most_likely:
        marks.append((fc.most_likely, "most likely"))
    summary = (f"{len(heats)} heat(s) recorded in the last twelve months. {fc.message}")
    return calendar_chart("calendar", summary, first, last, heats, bands, marks)


@router.get("/people/{person_id}/health")
def health_page(person_id: RecordId, request: Request, ctx: PageCtx) -> Response:
    file = health_file(ctx, person_id)
    p = ctx.queries.people.person(person_id)
    fc, chart = _forecast(ctx, person_id, file)
    heats = sorted(file.heats.values(), key=lambda h: h.start, reverse=True)
    pregnancies = sorted(file.pregnancies.values(), key=lambda x: x.estimated_conception,
                         reverse=True)
    owner = ctx.person_id == person_id
    return page(request, "health.html", p=p, heats=heats, pregnancies=pregnancies,
                shares=file.shares, names=queries(ctx).names(set(file.shares)), fc=fc,
                chart=chart, owner=owner, writer=file.may_write(ctx.person_id or 0),
                physician=chosen_physician(file, ctx.person_id or 0))


VERBS = {"health.read": "read", "health.write": "wrote", "health.share": "shared or stopped"
         " sharing", "health.reads": "looked at this list"}


@router.get("/people/{person_id}/health/reads")
def reads_page(person_id: RecordId, request: Request, ctx: PageCtx) -> Response:
    """Who read my record: every logged use of her health record, newest first (the owner
    alone: the policy's `health.reads`, as the API's)."""
    ctx.allow("health.reads", person_id)
    entries = ctx.queries.accounts.reads_of(person_id)
    accounts = {a: ctx.queries.accounts.describe(a)
                for a in {e.account_id for e in entries} if a is not None}
    names = queries(ctx).names({d["person_id"] for d in accounts.values() if d["person_id"]})
    who = {a: names.get(d["person_id"]) or d["username"] for a, d in accounts.items()}
    return page(request, "health_reads.html", p=ctx.queries.people.person(person_id),
                entries=entries, who=who, verbs=VERBS)


def _done(i: int, v: Values) -> tuple[str, str]:
    return f"/people/{v['person_id']}/health", "Recorded in your private health record."


def _as_owner(v: Values, ctx: RequestContext, cmd: c.Command) -> int:
    health_file(ctx, v["person_id"])
    return ctx.registry.execute(cmd, actor=ctx.actor)


def _heat(v: Values, ctx: RequestContext) -> int:
    intensity = None if v["scent_intensity"] is None else round(v["scent_intensity"])
    return _as_owner(v, ctx, c.RecordHeat(v["person_id"], me(ctx), v["start"], v["end"],
                                          v["temperature"], intensity, v["seeks_partner"],
                                          v["notes"]))


def _share(v: Values, ctx: RequestContext) -> int:
    return _as_owner(v, ctx, c.ShareHealth(v["person_id"], v["grantee_id"], v["role"],
                                           v["grant"] == "grant", me(ctx)))


def _pregnancy(v: Values, ctx: RequestContext) -> int:
    return _as_owner(v, ctx, c.RecordPregnancy(v["person_id"], me(ctx),
                                               v["estimated_conception"], v["heat_id"]))


def _end(v: Values, ctx: RequestContext) -> int:
    return _as_owner(v, ctx, c.EndPregnancy(v["pregnancy_id"], me(ctx), v["on"], v["outcome"],
                                            v["child_id"]))


def _correct(v: Values, ctx: RequestContext) -> int:
    return _as_owner(v, ctx, c.CorrectHeat(v["heat_id"], me(ctx), v["start"], v["end"],
                                           v["notes"]))


def _exclude(v: Values, ctx: RequestContext) -> int:
    return _as_owner(v, ctx, c.ExcludeHeat(v["heat_id"], me(ctx), v["reason"],
                                           v["excluded"] == "yes"))


OWNER = hidden("person_id", "Owner")
ON_OWNER = (("person_id",), "health")  # judged on her health file: owner, her shares
HEALTH_FORMS = (
    Form("record_heat", "Record a heat", "health.write",
         (OWNER, Field("start", "Started on", "date"),
          Field("end", "Ended on", "date", required=False),
          Field("temperature", "Highest temperature (°C)", "number", required=False),
          Field("scent_intensity", "Scent intensity, 0 to 10", "number", required=False),
          Field("seeks_partner", "Sought the partner's company", "checkbox", required=False),
          Field("notes", "Notes", "textarea", required=False)),
         target=ON_OWNER, run=_heat, done=_done,
         defaults=lambda ctx, g: {"start": today(ctx)["on"]},
         intro="Only you, and those you choose, can read this record."),
    Form("record_pregnancy", "Record a pregnancy", "health.write",
         (OWNER, Field("estimated_conception", "Estimated conception", "date", required=False),
          Field("heat_id", "Following heat number", "int", required=False,
                help="Or give the heat it followed; its start is then the estimate.")),
         target=ON_OWNER, run=_pregnancy, done=_done),
    Form("end_pregnancy", "Record the end of a pregnancy", "health.write",
         (OWNER, hidden("pregnancy_id", "Pregnancy"), Field("on", "On", "date"),
          Field("outcome", "Outcome", "select",
                choices=(("birth", "A birth"), ("loss", "A loss"), ("other", "Other"))),
          person("child_id", "The child's registry number", required=False,
                 help="After a birth: the child's birth registration, a public record.")),
         target=ON_OWNER, run=_end, done=_done, defaults=today),
    Form("correct_heat", "Correct a heat's record", "health.write",
         (OWNER, hidden("heat_id", "Heat"), Field("start", "Started on", "date"),
          Field("end", "Ended on", "date", required=False),
          Field("notes", "Notes", "textarea", required=False)),
         target=ON_OWNER, run=_correct, done=_done,
         intro="The correction is a new entry; the original stays in the record's history."),
    Form("exclude_heat", "Set a heat aside from forecasting", "health.write",
         (OWNER, hidden("heat_id", "Heat"),
          Field("excluded", "Forecasting", "select",
                choices=(("yes", "Leave it out"), ("no", "Count it again"))),
          Field("reason", "Reason", required=False, help="For example: an illness.")),
         target=ON_OWNER, run=_exclude, done=_done),
    Form("share_health", "Choose who may read your health records", "health.share",
         (OWNER, person("grantee_id", "Person", "Your physician or your partner, by name or"
                        " registry number.", choose="share"),
          Field("role", "As your", "select", choices=tuple((r, r) for r in SHARE_ROLES)),
          Field("grant", "Share", "select",
                choices=(("grant", "Share with them"), ("revoke", "Stop sharing")))),
         target=ON_OWNER, run=_share, done=_done,
         intro="A share can be stopped at any time; it ends on their very next request."),
)


"""Forms for courtships, Visits, incidents and waivers.

Who speaks is never a field: a consent is the signed-in party's own (forms_consent), an incident is
reported by the signed-in person, a guardian acknowledges as themself.
"""

from __future__ import annotations

from collections.abc import Mapping

from troth.domain import commands as c
from troth.domain.courtship import MISSED_REASONS, VisitKind
from troth.domain.courtship_rules import WAIVABLE
from troth.domain.customs import CUSTOM_SPECS
from troth.domain.errors import InvalidInput
from troth.domain.welfare import KINDS
from troth.web.access import RequestContext
from troth.web.pages.forms import Field, Form, Values
from troth.web.pages.forms_people import on, person, today
from troth.web.pages.wording import rule

INCIDENT_KINDS = tuple((k, k.replace("_", " ").capitalize()) for k in KINDS)


def me(ctx: RequestContext) -> int:
    if ctx.person_id is None:
        raise InvalidInput("this account is not linked to a person in the registry, so it"
                           " cannot speak for one", rule="account_person")
    return ctx.person_id


def hidden(name: str, label: str) -> Field:
    return Field(name, label, "hidden")


def _courtship(i: int, v: Values) -> tuple[str, str]:
    return f"/courtships/{v.get('courtship_id') or i}", "Recorded."


PROPOSE = Form(
    "propose_introduction", "Propose an introduction", "courtship.propose",
    (person("alpha_id", "The Alpha", choose="alpha"),
     person("omega_id", "The Omega", choose="omega"), on("Proposed on"),
     Field("note", "Note", "textarea", required=False,
           help="For example: arranged by his mother.")),
    build=lambda v, ctx: c.ProposeIntroduction(v["alpha_id"], v["omega_id"], ctx.person_id,
                                               v["on"], v["note"]),
    done=lambda i, v: (f"/courtships/{i}", f"Courtship #{i} is proposed; it opens when the"
                       " Omega consents."),
    target=(("alpha_id", "omega_id"), "couple"), defaults=today, submit="Propose",
    rules={"both_adults": "omega_id", "one_alpha_one_omega": "alpha_id"},
    intro="A courtship is one Alpha and one Omega. It opens only with the Omega's own"
          " consent, and either of them may end it at any time.")

ACKNOWLEDGE = Form(
    "acknowledge_courtship", "Acknowledge as guardian", "courtship.acknowledge",
    (hidden("courtship_id", "Courtship"), on()),
    build=lambda v, ctx: c.AcknowledgeAsGuardian(v["courtship_id"], me(ctx), v["on"]),
    done=_courtship, target=(("courtship_id",), "courtship"), defaults=today,
    submit="Acknowledge",
    intro="A guardian acknowledges that the courtship has been proposed; this is not a"
          " consent and never replaces the ward's.")

END = Form(
    "end_courtship", "End the courtship", "courtship.end",
    (hidden("courtship_id", "Courtship"), on(),
     Field("reason", "Reason", "textarea", required=False, help="You need not give one.")),
    build=lambda v, ctx: c.EndCourtship(v["courtship_id"], me(ctx), v["on"], v["reason"]),
    done=_courtship, target=(("courtship_id",), "courtship"), defaults=today,
    submit="End the courtship", intro="Either party may end a courtship at any time.")

SCHEDULE_VISIT = Form(
    "schedule_visit", "Schedule a Visit", "visit.schedule",
    (hidden("courtship_id", "Courtship"),
     Field("kind", "Kind of Visit", "select",
           choices=tuple((k.value, k.value.capitalize()) for k in VisitKind)),
     Field("starts_at", "Starts at", "datetime"),
     Field("place", "Place"),
     Field("at_omega_residence", "At the Omega's residence (the guardian's home)", "checkbox",
           required=False, help="By custom the first Visits take place there."),
     Field("handlers", "Handlers", "people", choose="handler",
           help="The office's handlers, by name or registry number, separated by commas:"
                " one at every Visit, two at a courting dinner.")),
    build=lambda v, ctx: c.ScheduleVisit(v["courtship_id"], v["kind"], v["starts_at"],
                                         v["place"], v["at_omega_residence"],
                                         tuple(v["handlers"])),
    done=lambda i, v: (f"/visits/{i}", f"Visit #{i} is scheduled."),
    target=(("courtship_id",), "courtship"), submit="Schedule")


def _report_defaults(ctx: RequestContext, given: Mapping[str, str]) -> dict[str, str]:
    out = {"outcome": "held"}
    if given.get("visit_id", "").isdigit():
        visit = ctx.queries.dashboards.visit(int(given["visit_id"]))
        if visit is not None:
            out["handlers_present"] = ", ".join(str(h) for h in visit.handlers)
    return out


def _report(v: Values, ctx: RequestContext) -> int:
    """The Visit as held or missed and, optionally, an incident at it — checked first, so a
    bad incident leaves the Visit unrecorded too."""
    visit_id, kind = v["visit_id"], v["incident_kind"]
    if v["outcome"] == "missed" and not v["missed_reason"]:
        raise InvalidInput("say why the Visit was missed: absent, late or unwilling",
                           rule="missed_reason")
    if kind and not v["incident_description"]:
        raise InvalidInput("say what happened", rule="incident_description")
    if kind:
        ctx.allow("incident.report", visit_id, subject="visit")
        if v["incident_about"] is not None:
            ctx.queries.people.person(v["incident_about"])
    cmd: c.Command = (c.RecordVisitHeld(visit_id, tuple(v["handlers_present"]), True, v["note"])
                      if v["outcome"] == "held"
                      else c.RecordVisitMissed(visit_id, v["missed_reason"], v["note"]))
    ctx.registry.execute(cmd, actor=ctx.actor)
    if kind:
        ctx.registry.execute(c.ReportIncident(
            kind, me(ctx), ctx.registry.clock.today(), v["incident_description"],
            v["incident_about"], visit_id), actor=ctx.actor)
    return int(visit_id)


VISIT_REPORT = Form(
    "report_visit", "File a Visit report", "visit.report",
    (hidden("visit_id", "Visit"),
     Field("outcome", "What happened", "select",
           choices=(("held", "The Visit was held"), ("missed", "The Visit was missed"))),
     Field("handlers_present", "Handlers present", "people", required=False,
           choose="handler", help="The handlers who were there, by name or registry number,"
                                  " separated by commas."),
     Field("missed_reason", "If missed: why", "select", required=False,
           choices=(("", "—"), *tuple((r, r.capitalize()) for r in MISSED_REASONS)),
           help="A missed Visit is never held against the Omega."),
     Field("note", "Note", "textarea", required=False),
     Field("incident_kind", "Incident at this Visit", "select", required=False,
           choices=(("", "No incident"), *INCIDENT_KINDS)),
     person("incident_about", "The incident concerns", required=False,
            help="The person it concerns, if any: a name or a registry number."),
     Field("incident_description", "What happened (the incident)", "textarea",
           required=False)),
    run=_report, done=lambda i, v: (f"/visits/{i}", "The Visit report is filed."
                                    + (" The incident is in the welfare queue."
                                       if v["incident_kind"] else "")),
    target=(("visit_id",), "visit"), defaults=_report_defaults, submit="File the report")

CANCEL_VISIT = Form(
    "cancel_visit", "Cancel a Visit", "visit.cancel",
    (hidden("visit_id", "Visit"), Field("reason", "Reason", "textarea")),
    build=lambda v, ctx: c.CancelVisit(v["visit_id"], v["reason"]),
    done=lambda i, v: (f"/visits/{i}", "The Visit is cancelled."),
    target=(("visit_id",), "visit"), submit="Cancel the Visit")


def _incident(v: Values, ctx: RequestContext) -> int:
    if v["visit_id"] is not None:
        ctx.allow("incident.report", v["visit_id"], subject="visit")
    elif v["guardianship_id"] is not None:
        ctx.allow("incident.report", v["guardianship_id"], subject="guardianship")
    else:
        ctx.allow("incident.report", *(x for x in [v["about_id"]] if x), subject="person")
    return ctx.registry.execute(c.ReportIncident(
        v["kind"], me(ctx), v["on"], v["description"], v["about_id"], v["visit_id"],
        v["guardianship_id"]), actor=ctx.actor)


REPORT_INCIDENT = Form(
    "report_incident", "Report an incident", "incident.report",
    (Field("kind", "Kind", "select", choices=INCIDENT_KINDS),
     Field("description", "What happened", "textarea"), on("When"),
     person("about_id", "It concerns", "The person it concerns, if any: a name or a registry"
           " number.",
            required=False),
     Field("visit_id", "At Visit number", "int", required=False),
     Field("guardianship_id", "Guardianship number", "int", required=False,
           help="Force against a ward, a payment demand or neglect concern a guardianship.")),
    run=_incident, defaults=today, submit="Report",
    done=lambda i, v: ("/", f"Incident #{i} is recorded and in the registrar's welfare queue."),
    intro="A demand for payment for a ward is always recorded as a welfare incident; no step"
          " in troth ever depends on a payment.")

CLOSE_INCIDENT = Form(
    "close_incident", "Close an incident", "incident.close",
    (hidden("incident_id", "Incident"), Field("outcome", "Outcome of the review", "textarea"),
     on("Closed on")),
    build=lambda v, ctx: c.CloseIncident(v["incident_id"], v["outcome"], v["on"]),
    done=lambda i, v: (f"/incidents/{i}", f"Incident #{i} is closed."),
    target=(("incident_id",), "incident"), defaults=today, submit="Close")

_HELP = {s.name: s.help for s in CUSTOM_SPECS}
WAIVER = Form(
    "grant_waiver", "Grant a waiver", "courtship.waive",
    (hidden("courtship_id", "Courtship"),
     Field("custom", "Custom waived", "select",
           choices=tuple((n, f"{rule(n)[:1].upper()}{rule(n)[1:]} — {_HELP[n]}")
                         for n in sorted(WAIVABLE))),
     Field("granted_by", "Granted by", "select",
           choices=(("registrar", "the registrar"), ("families", "the families jointly"))),
     Field("reason", "Reason", "textarea"), on("Granted on")),
    build=lambda v, ctx: c.GrantWaiver(v["courtship_id"], v["custom"], v["granted_by"],
                                       v["reason"], v["on"]),
    done=_courtship, target=(("courtship_id",), "courtship"), defaults=today,
    submit="Grant the waiver",
    intro="Customs may be waived on record with a reason. Safeguards — both parties' own"
          " consent, both adults, neither already bonded — are never waived.")

FORMS = (PROPOSE, ACKNOWLEDGE, END, SCHEDULE_VISIT, VISIT_REPORT, CANCEL_VISIT,
         REPORT_INCIDENT, CLOSE_INCIDENT, WAIVER)

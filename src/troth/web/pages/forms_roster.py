"""Forms for the roster's records: Visit requests, the handlers' list, availability.

A Visit request is asked for a courtship by whoever may schedule its Visits (the registrar,
its sponsor, the Omega's guardian: `visit.schedule` on the courtship) and withdrawn by the
same; the handlers' list, a handler's availability and anyone's unavailability are the
registry office's (`roster.manage`). Each form runs the command `troth roster` and
`troth handler` run, with the same verdicts.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from troth.domain import rostering as ro
from troth.domain.courtship import VisitKind
from troth.domain.errors import InvalidInput
from troth.web.access import RequestContext
from troth.web.pages.context import could
from troth.web.pages.forms import Field, Form, Values
from troth.web.pages.forms_people import person

MANAGE = "roster.manage"
_HOURS = "For example 2026-12-01 14:00."


def _week(when: object) -> str:
    return ro.iso_week(when.date()) if isinstance(when, datetime) else ""


def _requests_page(v: Values) -> str:
    week = _week(v.get("earliest"))
    return "/roster/requests" + (f"?week={week}" if week else "")


def _coord(v: Values, name: str) -> float | None:
    value = v.get(name)
    return None if value is None else float(value)


def _request_defaults(ctx: RequestContext, _: Mapping[str, str]) -> dict[str, str]:
    return {"at_omega_residence": "on"}


def _request(v: Values, ctx: RequestContext) -> ro.RequestVisit:
    earliest, latest = v["earliest"], v["latest"]
    last = ro.iso_week((latest - timedelta(minutes=1)).date())
    if latest > earliest and ro.iso_week(earliest.date()) != last:
        raise InvalidInput(f"the window runs from {ro.iso_week(earliest.date())} into {last};"
                           " a request is for one week (make one per week)",
                           rule="request_week")
    return ro.RequestVisit(v["courtship_id"], v["kind"], ((earliest, latest),),
                           ctx.registry.clock.today(), v["at_omega_residence"], v["place"],
                           v["district"], _coord(v, "lat"), _coord(v, "lon"))


REQUEST_VISIT = Form(
    "request_visit", "Request a Visit", "visit.schedule",
    (Field("courtship_id", "Courtship number", "int",
           help="The courtship's registry number, as on its page."),
     Field("kind", "Kind of Visit", "select",
           choices=tuple((k.value, k.value.capitalize()) for k in VisitKind)),
     Field("earliest", "Earliest start", "datetime", help=_HOURS),
     Field("latest", "Latest end", "datetime",
           help="The Visit may start anywhere between the two, on a half-hour step; both"
                " within one week (Monday to Sunday)."),
     Field("at_omega_residence", "At the Omega's residence (the guardian's home)", "checkbox",
           required=False, help="By custom the first Visits take place there."),
     Field("district", "District", required=False,
           help="Leave empty to use the district of the Omega's residence."),
     Field("place", "Place", required=False,
           help="Needed only for a Visit away from the Omega's residence."),
     Field("lat", "Latitude", "number", required=False,
           help="Needed only for a Visit away from the Omega's residence."),
     Field("lon", "Longitude", "number", required=False)),
    build=_request,
    done=lambda i, v: (_requests_page(v), f"Visit request #{i} is recorded; the week's"
                       " roster will place it."),
    target=(("courtship_id",), "courtship"), defaults=_request_defaults, submit="Request",
    rules={"courtship_open": "courtship_id", "time_window": "latest",
           "request_week": "latest", "place_coordinates": "lat"},
    intro="A request asks the office to place a Visit in the week's roster, with handlers;"
          " nothing is scheduled until the registrar accepts the roster's placement.")


def _withdraw(v: Values, ctx: RequestContext) -> int:
    req = ctx.queries.roster.request(v["request_id"])
    ctx.allow("visit.schedule", req.courtship_id, subject="courtship")
    v["back"] = (f"/roster/requests?week={req.week}" if could(ctx, MANAGE)
                 else f"/courtships/{req.courtship_id}")
    return ctx.registry.execute(ro.WithdrawVisitRequest(req.id, v["reason"],
                                                        ctx.registry.clock.today()),
                                actor=ctx.actor)


WITHDRAW_REQUEST = Form(
    "withdraw_visit_request", "Withdraw a Visit request", "visit.schedule",
    (Field("request_id", "Request number", "int"),
     Field("reason", "Reason", "textarea", required=False, help="You need not give one.")),
    run=_withdraw, done=lambda i, v: (v.get("back") or "/roster/requests",
                                     f"Visit request #{i} is withdrawn."),
    rules={"request_state": "request_id", "request_exists": "request_id"},
    submit="Withdraw the request",
    intro="A request may be withdrawn until its Visit is scheduled; a scheduled Visit is"
          " cancelled on its own page.")


def _cap(v: Values) -> int:
    cap = v["weekly_cap"]
    if cap != int(cap):
        raise InvalidInput("a weekly cap is a whole number of Visits", rule="handler_cap")
    return int(cap)


REGISTER_HANDLER = Form(
    "register_handler", "Add a handler to the list", MANAGE,
    (person("person_id", "The handler"),
     Field("weekly_cap", "Visits a week at most", "number", help="From 1 to 40."),
     Field("district", "Home district", required=False,
           help="Leave empty to use the district of the recorded residence."),
     Field("lat", "Latitude of home", "number", required=False,
           help="Leave both empty to use the recorded residence."),
     Field("lon", "Longitude of home", "number", required=False)),
    build=lambda v, ctx: ro.RegisterHandler(
        v["person_id"], _cap(v), ctx.registry.clock.today(), v["district"],
        _coord(v, "lat"), _coord(v, "lon")),
    done=lambda i, v: ("/roster/handlers", f"Handler #{i} is on the list."),
    defaults=lambda ctx, given: {"weekly_cap": "8"}, submit="Add to the list",
    rules={"one_handler_profile": "person_id", "handler_living": "person_id",
           "handler_adult": "person_id", "handler_cap": "weekly_cap",
           "handler_home": "district", "place_coordinates": "lat"},
    intro="A handler chaperones Visits within 10 km of home; an adult, never at a Visit of"
          " their own kin.")


def _availability(v: Values, ctx: RequestContext) -> int:
    found = [h for h in ctx.queries.roster.handlers() if h.person_id == v["handler"]]
    if not found:
        raise InvalidInput(f"#{v['handler']} is not on the handlers' list; add them first",
                           rule="handler_active")
    return ctx.registry.execute(ro.RecordHandlerAvailability(
        found[0].id, ((v["starts_at"], v["ends_at"]),), ctx.registry.clock.today()),
        actor=ctx.actor)


AVAILABILITY = Form(
    "record_handler_availability", "Record a handler's availability", MANAGE,
    (person("handler", "The handler", choose="handler"),
     Field("starts_at", "Available from", "datetime", help=_HOURS),
     Field("ends_at", "Until", "datetime", help="For example 2026-12-01 23:00.")),
    run=_availability,
    done=lambda i, v: ("/roster/handlers" + (f"?week={_week(v.get('starts_at'))}"),
                       "The availability is recorded."),
    rules={"handler_active": "handler", "time_window": "ends_at"}, submit="Record",
    intro="One block of time the handler can work; record one block for each shift.")

UNAVAILABILITY = Form(
    "record_unavailability", "Record an unavailability", MANAGE,
    (person("person_id", "Who"),
     Field("starts_at", "Unavailable from", "datetime", help=_HOURS),
     Field("ends_at", "Until", "datetime", help="For example 2026-12-04 00:00."),
     Field("reason", "Reason", required=False,
           help="A few words, never medical details: for example 'away'.")),
    build=lambda v, ctx: ro.RecordUnavailability(
        v["person_id"], v["starts_at"], v["ends_at"], ctx.registry.clock.today(),
        v["reason"]),
    done=lambda i, v: ("/roster/handlers" + (f"?week={_week(v.get('starts_at'))}"),
                       "The unavailability is recorded."),
    rules={"time_window": "ends_at"}, submit="Record",
    intro="A party, a guardian or a handler who cannot attend Visits for a time; the"
          " roster places no Visit of theirs then.")

FORMS = (REQUEST_VISIT, WITHDRAW_REQUEST, REGISTER_HANDLER, AVAILABILITY, UNAVAILABILITY)

"""Forms for corrections by two hands: request (from a person's page), approve, reject
(from the list of corrections). The signed-in account is the one recorded."""

from __future__ import annotations

from collections.abc import Mapping

from troth.domain import correction as co
from troth.web.access import RequestContext
from troth.web.pages.forms import Field, Form, Values

CORRECTION = Field("correction_id", "Correction", "int",
                   help="The correction's number, as shown in the list of corrections.")


def _listed(_: int, v: Values) -> tuple[str, str]:
    return "/corrections", f"Correction #{v['correction_id']} is decided."


def _requested(i: int, v: Values) -> tuple[str, str]:
    return (f"/people/{v['person_id']}",
            f"Correction #{i} is requested; a different registrar approves or rejects it.")


def _no_defaults(ctx: RequestContext, _: Mapping[str, str] | None = None) -> dict[str, str]:
    return {}


REQUEST = Form(
    "request_correction", "Request a correction", "correction.request",
    (Field("person_id", "Person", "person",
           help="A name or the registry number (as on the record); choose from the list."),
     Field("field", "The fact to correct", "select",
           choices=tuple((k, v.capitalize()) for k, v in co.FIELDS.items())),
     Field("value", "The corrected value",
           help="A name; a date as YYYY-MM-DD; parents as registry numbers '3, 4' (or"
                " 'none'); other names as 'work: Kylo; family: Solo'; a scent as 'GIVES |"
                " DRAWS | NOTES'; a designation: alpha, beta or omega."),
     Field("evidence", "Evidence", "textarea",
           help="What the correction rests on: a hospital record, a certificate, a court"
                " order ..."),
     Field("court_order_ref", "Court order reference", required=False,
           help="Required to correct a designation.")),
    build=lambda v, ctx: co.RequestCorrection(v["person_id"], v["field"], v["value"],
                                              v["evidence"], ctx.principal.account_id,
                                              v["court_order_ref"]),
    done=_requested, target=(("person_id",), "person"), defaults=_no_defaults,
    rules={"evidence_required": "evidence", "designation_court_order": "court_order_ref",
           "correction_value": "value", "correction_changes_nothing": "value",
           "correction_makes_minor": "value", "parent_born_before_child": "value",
           "date_range": "value", "date_in_future": "value", "correction_field": "field"},
    intro="A different registrar approves or rejects the request; until then nothing"
          " changes. The original stays in the person's history.",
    submit="Request the correction")

APPROVE = Form(
    "approve_correction", "Approve a correction", "correction.decide",
    (CORRECTION, Field("reason", "Reason", "textarea", required=False)),
    build=lambda v, ctx: co.ApproveCorrection(v["correction_id"], ctx.principal.account_id,
                                              v["reason"]),
    done=_listed, submit="Approve",
    intro="The fact is corrected today. A request is decided by a registrar other than the"
          " one who made it.")

REJECT = Form(
    "reject_correction", "Reject a correction", "correction.decide",
    (CORRECTION, Field("reason", "Reason", "textarea")),
    build=lambda v, ctx: co.RejectCorrection(v["correction_id"], ctx.principal.account_id,
                                             v["reason"]),
    done=_listed, submit="Reject", rules={"decision_reasons": "reason"},
    intro="Nothing changes but the request's state.")

FORMS = (REQUEST, APPROVE, REJECT)

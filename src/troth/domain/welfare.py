"""Incidents and the welfare queue. Some incidents open a review of the guardianship.

Safeguard: a demand for payment for a ward is always recorded as a welfare incident, and no
step in troth is ever conditional on a payment (no command carries one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from troth.domain import commands as c
from troth.domain import events_courtship as ev
from troth.domain.errors import InvalidInput
from troth.domain.verdicts import refuse

KINDS = ("contact_breach", "assault", "force_against_ward", "payment_demand", "neglect",
         "other")
OPENS_REVIEW = frozenset({"force_against_ward", "payment_demand", "neglect"})


@dataclass
class Incident:
    id: int
    kind: str
    reported_by: int
    on: date
    status: str = "open"


def report(cmd: c.ReportIncident, new_id: int, guardianship_id: int | None,
           today: date) -> ev.IncidentReported:
    if cmd.kind not in KINDS:
        raise InvalidInput(f"an incident is one of {', '.join(KINDS)}", rule="incident_kind")
    if not cmd.description.strip():
        raise InvalidInput("say what happened in the description", rule="incident_description")
    if cmd.on > today:
        raise refuse("date_in_future", f"{cmd.on} is after today ({today})")
    if cmd.kind in OPENS_REVIEW and guardianship_id is None:
        raise refuse("incident_needs_guardianship",
                     f"a {cmd.kind.replace('_', ' ')} concerns a guardianship: name it, or the"
                     " Visit at the ward's home")
    return ev.IncidentReported(new_id, cmd.kind, cmd.reported_by, cmd.about_id, cmd.visit_id,
                               guardianship_id, cmd.kind in OPENS_REVIEW,
                               cmd.description.strip(), cmd.on)


def close(incident: Incident, cmd: c.CloseIncident) -> ev.IncidentClosed:
    if incident.status != "open":
        raise refuse("incident_state", f"incident #{incident.id} is already closed")
    if not cmd.outcome.strip():
        raise InvalidInput("record the outcome of the review", rule="incident_outcome")
    return ev.IncidentClosed(incident.id, cmd.outcome.strip(), cmd.on)

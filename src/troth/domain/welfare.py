"""Incidents and the welfare queue. Some incidents open a review of the guardianship.

Safeguard: a demand for payment for a ward is always recorded as a welfare incident, and no
step in troth is ever conditional on a payment (no command carries one).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from troth.domain import commands as c
from troth.domain import courtship_events as ev
from troth.domain import courtship_rules as cr
from troth.domain.courtship import Courtship
from troth.domain.errors import InvalidInput
from troth.domain.verdicts import Finding, refuse

KINDS = ("contact_breach", "assault", "force_against_ward", "payment_demand", "neglect",
         "threat", "other")
# Said in confidence on a consent page: never reported through the incident form, read by
# the registry alone (and the party who said it), and always opens a review.
PRESSURED = "pressured_consent"
OPENS_REVIEW = frozenset({"force_against_ward", "payment_demand", "neglect", PRESSURED})
# A threat against the ward or her family (“I can take her whenever I want … it's up to
# you”): recorded, and a waiver granted after it is flagged on the courtship's verdict.
THREAT = "threat"
DECISIONS = ("kept", "transferred", "revoked")


@dataclass
class Incident:
    id: int
    kind: str
    reported_by: int
    on: date
    status: str = "open"
    about_id: int | None = None
    visit_id: int | None = None
    guardianship_id: int | None = None
    opens_review: bool = False
    outcome: str = ""
    decision: str = ""  # kept | transferred | revoked, once a review is decided
    assignee: int | None = None  # the registrar account working it


def report(cmd: c.ReportIncident, new_id: int, guardianship_id: int | None,
           today: date) -> ev.IncidentReported:
    if cmd.kind not in KINDS:
        raise InvalidInput(f"an incident is one of {', '.join(KINDS)}", rule="incident_kind")
    if not cmd.description.strip():
        raise InvalidInput("say what happened in the description", rule="incident_description")
    if cmd.on > today:
        raise refuse("date_in_future", f"{cmd.on} is after today ({today})")
    own_report = cmd.about_id is None or cmd.about_id == cmd.reported_by
    if cmd.kind in OPENS_REVIEW and guardianship_id is None and not own_report:
        raise refuse("incident_needs_guardianship",
                     f"a {cmd.kind.replace('_', ' ')} concerns a guardianship: name it, or the"
                     " Visit at the ward's home")
    return ev.IncidentReported(new_id, cmd.kind, cmd.reported_by, cmd.about_id, cmd.visit_id,
                               guardianship_id, cmd.kind in OPENS_REVIEW,
                               cmd.description.strip(), cmd.on)


def pressured(court: Courtship, cmd: c.DeclarePressure, new_id: int, today: date
              ) -> ev.IncidentReported:
    """A party says, when asked for a consent, that they are being pressured. Judged as her
    consent would be (her own, a stage she may be asked, not in the future); it records no
    consent and opens a welfare review concerning her alone, so that the ledger names no one
    else (the other party, the guardian, the sponsor) and none of them is shown it."""
    cr.consent(court, c.RecordConsent(cmd.courtship_id, cmd.person_id, False, cmd.on,
                                      cmd.stage), today)
    text = (f"Asked for consent to the {cmd.stage} in courtship #{court.id}, the party said in"
            " confidence that they are being pressured. No consent was recorded. Only the"
            " registry sees this review.")
    return ev.IncidentReported(new_id, PRESSURED, cmd.person_id, cmd.person_id, None, None,
                               True, text, cmd.on)


def close(incident: Incident, cmd: c.CloseIncident) -> ev.IncidentClosed:
    if incident.status != "open":
        raise refuse("incident_state", f"incident #{incident.id} is already closed")
    if incident.opens_review:
        raise refuse("review_is_decided",
                     f"incident #{incident.id} opened a welfare review: it is decided (the"
                     " guardian kept, or the guardianship transferred or revoked), not closed")
    if not cmd.outcome.strip():
        raise InvalidInput("record the outcome of the review", rule="incident_outcome")
    return ev.IncidentClosed(incident.id, cmd.outcome.strip(), cmd.on)


def decide(incident: Incident, cmd: c.DecideWelfareReview, guardianship_id: int | None,
           ward_id: int | None, guardian_id: int | None, today: date
           ) -> ev.WelfareReviewDecided:
    """Judge a review's decision. `guardianship_id` is the guardianship under review (the one
    the incident names, or the ward's current one); the caller ends or transfers it."""
    if cmd.outcome not in DECISIONS:
        raise InvalidInput(f"a review is decided {', '.join(DECISIONS)}",
                           rule="review_outcome")
    if not incident.opens_review:
        raise refuse("review_open", f"incident #{incident.id} opened no welfare review;"
                     " close it with its outcome instead")
    if incident.status != "open":
        raise refuse("incident_state", f"the review of incident #{incident.id} is already"
                     f" decided ({incident.decision or incident.outcome})")
    if not cmd.reasons.strip():
        raise InvalidInput("record the reasons for the decision", rule="review_reasons")
    if cmd.on > today:
        raise refuse("date_in_future", f"{cmd.on} is after today ({today})")
    if cmd.on < incident.on:
        raise refuse("decided_after_report",
                     f"incident #{incident.id} was reported on {incident.on}; it is decided"
                     " on or after that day")
    if cmd.outcome != "kept" and guardianship_id is None:
        raise refuse("guardianship_active",
                     f"incident #{incident.id} names no guardianship in force to"
                     f" {'transfer' if cmd.outcome == 'transferred' else 'revoke'}")
    if cmd.outcome == "transferred" and (cmd.new_guardian_id is None or not cmd.court.strip()
                                         or not cmd.order_ref.strip()):
        raise InvalidInput("a transfer names the new guardian, the court and its order",
                           rule="court_order_required")
    return ev.WelfareReviewDecided(incident.id, cmd.outcome, cmd.reasons.strip(),
                                   cmd.decided_by, guardianship_id, ward_id, guardian_id,
                                   cmd.on)


MAX_ASSIGNED = 200  # incidents assigned by one command (a page's bulk "assign selected")


def assign(incidents: Sequence[Incident], cmd: c.AssignWelfareReviews,
           assignee_roles: Sequence[str], today: date) -> list[ev.WelfareReviewAssigned]:
    """Open incidents assigned to a registrar's account: an entry for each one not already
    its. All or none: one that is closed refuses the whole assignment."""
    if not incidents:
        raise InvalidInput("choose at least one incident of the welfare queue to assign",
                           rule="assign_some")
    if len(incidents) > MAX_ASSIGNED:
        raise InvalidInput(f"assign at most {MAX_ASSIGNED} incidents at once",
                           rule="assign_some")
    if "registrar" not in assignee_roles:
        raise refuse("assignee_registrar", f"account #{cmd.assignee} is not a registrar's;"
                     " only a registrar works the welfare queue")
    for i in incidents:
        if i.status != "open":
            raise refuse("incident_state", f"incident #{i.id} is no longer in the welfare"
                         f" queue ({i.decision or i.outcome or i.status})")
    return [ev.WelfareReviewAssigned(i.id, cmd.assignee, cmd.assigned_by, today)
            for i in incidents if i.assignee != cmd.assignee]


def concerns(incident: Incident, court: Courtship) -> bool:
    """Does the incident concern this courtship: reported on one of its Visits, or about one
    of its parties while it was live?"""
    if incident.visit_id is not None:
        return incident.visit_id in {v.id for v in court.visits}
    ended = court.ended_on
    return (incident.about_id in court.parties() and court.proposed_on <= incident.on
            and (ended is None or incident.on <= ended))


def waivers_after_threats(court: Courtship, incidents: Sequence[Incident]) -> list[Finding]:
    """A finding for each waiver granted on or after a reported threat concerning the
    courtship: the waiver may have been won by pressure."""
    threats = sorted((i for i in incidents if i.kind == THREAT and concerns(i, court)),
                     key=lambda i: (i.on, i.id))
    found: list[Finding] = []
    for w in court.waivers:
        before = [t for t in threats if t.on <= w.on]
        if before:
            t = before[-1]
            found.append(Finding(
                "waiver_after_threat",
                f"the waiver of '{w.custom}' was granted on {w.on}, after a threat was"
                f" reported on {t.on} (incident #{t.id}); the court should hear how it was"
                " agreed"))
    return found

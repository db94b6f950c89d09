"""The two consents, each its own page: to the courtship, and to the bonding.

Nothing is preselected. Each page says in plain words what she agrees to and that she may
refuse, or withdraw later. Each offers, in confidence, "I am being pressured": no consent
is recorded and a welfare review opens that the registry alone sees (troth.domain.welfare,
`pressured`) — the other party, the guardian and the sponsor are not told.
"""

from __future__ import annotations

from collections.abc import Callable

from troth.domain import commands as c
from troth.domain.courtship import Courtship, CourtshipStatus
from troth.web.access import RequestContext
from troth.web.pages.forms import Field, Form, Values
from troth.web.pages.forms_courtship import hidden, me
from troth.web.pages.forms_people import on, today

PRESSURED_HELP = ("If you choose the last answer, nothing is recorded as your consent. The"
                  " registry opens a confidential welfare review and will contact you. The"
                  " other party, your guardian and the sponsor are not told.")


def answer(stage: str) -> Field:
    return Field("answer", "Your answer", "radio", help=PRESSURED_HELP, choices=(
        ("yes", f"I consent to the {stage}"),
        ("no", f"I do not consent to the {stage}"),
        ("pressured", "I am being pressured to answer; tell the registry in confidence")))


def _run(stage: str) -> Callable[[Values, RequestContext], int]:
    def run(v: Values, ctx: RequestContext) -> int:
        who, court = me(ctx), v["courtship_id"]
        cmd: c.Command = (c.DeclarePressure(court, who, stage, v["on"])
                          if v["answer"] == "pressured"
                          else c.RecordConsent(court, who, v["answer"] == "yes", v["on"], stage))
        ctx.registry.execute(cmd, actor=ctx.actor)
        return int(court)
    return run


def _done(stage: str) -> Callable[[int, Values], tuple[str, str]]:
    def done(i: int, v: Values) -> tuple[str, str]:
        if v["answer"] == "pressured":
            return "/", ("Nothing was recorded as your answer. The registry will contact you"
                         " in confidence; no one else is told.")
        if v["answer"] == "yes":
            later = ("you may end the courtship at any time" if stage == "courtship"
                     else "you may withdraw it on the same page until the bond is sealed")
            return f"/courtships/{i}", f"Your consent to the {stage} is recorded; {later}."
        return f"/courtships/{i}", f"Your refusal of the {stage} is recorded."
    return done


CONSENT_COURTSHIP = Form(
    "consent_courtship", "Your consent to the courtship", "courtship.consent",
    (hidden("courtship_id", "Courtship"), answer("courtship"), on("Date")),
    run=_run("courtship"), done=_done("courtship"), target=(("courtship_id",), "courtship"),
    defaults=today, submit="Record my answer",
    intro="You are asked whether you agree to this courtship. If you consent, it opens: the"
          " families may schedule Visits, always with handlers present, the first ones at"
          " your residence. It is not a consent to a bonding; that is asked separately, and"
          " only when a ceremony is scheduled. You may refuse. If you consent, you may"
          " withdraw later by ending the courtship at any time. Only you can answer: no"
          " guardian or family member can answer for you.")

CONSENT_BONDING = Form(
    "consent_bonding", "Your consent to the bonding", "courtship.consent",
    (hidden("courtship_id", "Courtship"), answer("bonding"), on("Date")),
    run=_run("bonding"), done=_done("bonding"), target=(("courtship_id",), "courtship"),
    defaults=today, submit="Record my answer",
    intro="You are asked whether you agree to be bonded to the other party at the scheduled"
          " ceremony. The bond is sealed only if both of you consent. You may refuse. If you"
          " consent, you may withdraw your consent on this page at any time until the bond is"
          " sealed. Only you can answer: no guardian or family member can answer for you.")

FORMS = (CONSENT_COURTSHIP, CONSENT_BONDING)


def asked(court: Courtship, person_id: int | None, ceremony_scheduled: bool) -> str:
    """Which consent, if any, the person is asked for now: the courtship's while it is
    proposed and she has not answered; the bonding's once a ceremony is scheduled in an
    open courtship (an answer given may be changed until the seal). "" when none."""
    if person_id is None or person_id not in court.parties():
        return ""
    if court.status is CourtshipStatus.PROPOSED:
        return "courtship" if court.latest_consent(person_id, "courtship") is None else ""
    if court.status is CourtshipStatus.OPEN and ceremony_scheduled:
        return "bonding"
    return ""

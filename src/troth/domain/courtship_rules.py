"""Decisions on courtship commands: each returns the event to record, or raises Refused."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from troth.domain import commands as c
from troth.domain import courtship_events as ev
from troth.domain.courtship import (
    MISSED_REASONS,
    Courtship,
    CourtshipStatus,
    Visit,
    VisitStatus,
    handlers_required,
    parse_kind,
    visit_findings,
)
from troth.domain.customs import CUSTOM_SPECS, Customs
from troth.domain.errors import InvalidInput
from troth.domain.people import Designation, Person
from troth.domain.time_rules import not_before
from troth.domain.verdicts import Finding, refuse
from troth.domain.waivers import grantors

WAIVABLE = {s.name for s in CUSTOM_SPECS if s.waivable}


def check_adult_pair(alpha: Person, omega: Person, on: date, customs: Customs) -> None:
    if alpha.designation is not Designation.ALPHA or omega.designation is not Designation.OMEGA:
        raise refuse("one_alpha_one_omega",
                     f"a courtship is one Alpha and one Omega; #{alpha.id} is"
                     f" {alpha.designation or 'unpresented'} and #{omega.id} is"
                     f" {omega.designation or 'unpresented'}")
    for p in (alpha, omega):
        if not p.alive_on(on):
            raise refuse("parties_alive", f"#{p.id} is not living on {on}")
        if p.age_on(on) < customs.age_of_majority:
            raise refuse("both_adults",
                         f"#{p.id} is {p.age_on(on)} on {on}; both parties must be at least"
                         f" {customs.age_of_majority} (a safeguard, never waived)")


def propose(cmd: c.ProposeIntroduction, new_id: int, alpha: Person, omega: Person,
            between: Sequence[Courtship], bonded: Sequence[int], today: date,
            customs: Customs) -> ev.IntroductionProposed:
    if cmd.on > today:
        raise refuse("date_in_future", f"{cmd.on} is after today ({today})")
    check_adult_pair(alpha, omega, cmd.on, customs)
    for p in (alpha, omega):
        if p.id in bonded:
            raise refuse("neither_bonded", f"#{p.id} is bonded; a bonded person is not courted")
    for prior in between:
        if prior.is_live:
            raise refuse("one_courtship_per_pair",
                         f"courtship #{prior.id} between them is still {prior.status}")
        declined = prior.latest_consent(omega.id, "courtship")
        if declined is not None and not declined.given:
            raise refuse("refusal_ends_the_matter",
                         f"#{omega.id} declined #{alpha.id} on {declined.on}; a refusal ends"
                         " the matter")
    return ev.IntroductionProposed(new_id, alpha.id, omega.id, cmd.sponsor_id, cmd.on,
                                   cmd.note.strip())


def consent(court: Courtship, cmd: c.RecordConsent, today: date) -> ev.ConsentRecorded:
    if cmd.stage not in ("courtship", "bonding"):
        raise InvalidInput("a consent is to the 'courtship' or to the 'bonding'",
                           rule="consent_stage")
    if cmd.person_id not in court.parties():
        raise refuse("own_consent_only",
                     f"#{cmd.person_id} is not a party to courtship #{court.id}; only the Alpha"
                     " and the Omega themselves consent — a guardian's or a family's consent"
                     " never stands in for theirs")
    if cmd.on > today:
        raise refuse("date_in_future", f"{cmd.on} is after today ({today})")
    _after_proposal(court, cmd.on, f"a {cmd.stage} consent")
    wanted = (CourtshipStatus.PROPOSED, CourtshipStatus.OPEN) if cmd.stage == "courtship" else (
        CourtshipStatus.OPEN,)
    if court.status not in wanted:
        raise refuse("courtship_state",
                     f"courtship #{court.id} is {court.status}; a {cmd.stage} consent is"
                     f" recorded while it is {' or '.join(wanted)}")
    other = court.omega_id if cmd.person_id == court.alpha_id else court.alpha_id
    return ev.ConsentRecorded(court.id, cmd.person_id, other, cmd.stage, cmd.given, cmd.on)


def _after_proposal(court: Courtship, on: date, what: str) -> None:
    not_before(on, court.proposed_on, what, f"courtship #{court.id} was proposed",
               "not_before_proposal")


def acknowledge(court: Courtship, guardian_id: int | None, cmd: c.AcknowledgeAsGuardian
                ) -> ev.GuardianAcknowledged:
    if guardian_id is None or guardian_id != cmd.guardian_id:
        raise refuse("current_guardian_only",
                     f"#{cmd.guardian_id} is not the current guardian of #{court.omega_id}")
    return ev.GuardianAcknowledged(court.id, cmd.guardian_id, court.omega_id, cmd.on)


def end(court: Courtship, cmd: c.EndCourtship) -> ev.CourtshipEnded:
    if cmd.by_id not in court.parties():
        raise refuse("parties_end_courtships",
                     f"#{cmd.by_id} is not a party; either party may end a courtship")
    if not court.is_live:
        raise refuse("courtship_state", f"courtship #{court.id} is already {court.status}")
    _after_proposal(court, cmd.on, "its ending")
    return ev.CourtshipEnded(court.id, cmd.by_id, court.alpha_id, court.omega_id, cmd.on,
                             cmd.reason.strip())


def _is_kin(a: Person, b: Person) -> bool:
    return a.id in b.parents or b.id in a.parents or bool(set(a.parents) & set(b.parents))


def check_handler(h: Person, court: Courtship, parties: Sequence[Person],
                  guardian_id: int | None) -> None:
    if h.id in court.parties() or h.id == guardian_id:
        raise refuse("handler_independent",
                     f"#{h.id} is a party or the guardian; a handler is neither")
    if any(_is_kin(h, p) for p in parties):
        raise refuse("handler_independent", f"#{h.id} is kin of a party; a handler is not")


def schedule_visit(court: Courtship, cmd: c.ScheduleVisit, new_id: int,
                   handlers: Sequence[Person], parties: Sequence[Person],
                   guardian_id: int | None, handler_visits: Sequence[Visit],
                   customs: Customs) -> tuple[ev.VisitScheduled, list[Finding]]:
    kind = parse_kind(cmd.kind)
    if court.status is not CourtshipStatus.OPEN:
        raise refuse("courtship_open", f"courtship #{court.id} is {court.status}; Visits are"
                     " scheduled once the Omega has consented")
    if not cmd.place.strip():
        raise InvalidInput("a Visit needs a place", rule="visit_place")
    not_before(cmd.starts_at, court.opened_on(), "a Visit",
               "the Omega's consent to the courtship", "not_before_courtship")
    if len(set(cmd.handlers)) != len(cmd.handlers):
        raise InvalidInput("the same handler is listed twice", rule="visit_handlers")
    for h in handlers:
        check_handler(h, court, parties, guardian_id)
    visit = Visit(new_id, court.id, kind, cmd.starts_at, cmd.place, cmd.at_omega_residence,
                  tuple(cmd.handlers))
    for other in handler_visits:
        if other.status is VisitStatus.SCHEDULED and other.overlaps(visit):
            clash = sorted(set(other.handlers) & set(cmd.handlers))
            raise refuse("handler_in_one_place",
                         f"handler #{clash[0]} is at Visit #{other.id} from {other.starts_at}"
                         " then; no handler is in two places at once")
    findings = visit_findings(court, kind, cmd.at_omega_residence, tuple(cmd.handlers), customs)
    blocking = [f for f in findings if f.rule != "handlers_per_visit"]
    if blocking:
        raise refuse(blocking[0].rule, blocking[0].reason)
    event = ev.VisitScheduled(new_id, court.id, court.alpha_id, court.omega_id, kind.value,
                              cmd.starts_at.isoformat(), cmd.place.strip(),
                              cmd.at_omega_residence, tuple(cmd.handlers),
                              cmd.starts_at.date())
    return event, findings


def _scheduled(visit: Visit) -> None:
    if visit.status is not VisitStatus.SCHEDULED:
        raise refuse("visit_state", f"Visit #{visit.id} is already {visit.status}")


def _started(visit: Visit, today: date, what: str) -> None:
    if visit.starts_at.date() > today:
        raise refuse("not_before_visit_starts",
                     f"Visit #{visit.id} starts on {visit.starts_at.date()}; it is recorded as"
                     f" {what} once it has started, not before (today is {today})")


def held(visit: Visit, court: Courtship, cmd: c.RecordVisitHeld, present: Sequence[Person],
         parties: Sequence[Person], guardian_id: int | None, customs: Customs,
         today: date) -> ev.VisitHeld:
    _scheduled(visit)
    _started(visit, today, "held")
    if not cmd.omega_attended:
        raise refuse("visit_needs_omega", "if the Omega was not there, record the Visit as"
                     " missed (absent, late or unwilling); it is not held against her")
    for h in present:
        check_handler(h, court, parties, guardian_id)
    need = handlers_required(visit.kind, customs)
    counted = len(set(cmd.handlers_present)) >= need
    flag = "" if counted else (f"held with {len(set(cmd.handlers_present))} of the {need}"
                               " customary handlers; flagged and not counted")
    return ev.VisitHeld(visit.id, court.id, court.alpha_id, court.omega_id,
                        tuple(sorted(set(cmd.handlers_present))), counted, flag,
                        visit.starts_at.date(), cmd.note.strip())


def missed(visit: Visit, court: Courtship, cmd: c.RecordVisitMissed,
           today: date) -> ev.VisitMissed:
    _scheduled(visit)
    _started(visit, today, "missed")
    if cmd.reason not in MISSED_REASONS:
        raise InvalidInput(f"a missed Visit's reason is one of {', '.join(MISSED_REASONS)}",
                           rule="missed_reason")
    return ev.VisitMissed(visit.id, court.id, court.alpha_id, court.omega_id, cmd.reason,
                          visit.starts_at.date(), cmd.note.strip())


def cancel(visit: Visit, court: Courtship, cmd: c.CancelVisit, today: date) -> ev.VisitCancelled:
    _scheduled(visit)
    return ev.VisitCancelled(visit.id, court.id, court.alpha_id, court.omega_id,
                             cmd.reason.strip(), today)


def waive(court: Courtship, cmd: c.GrantWaiver, new_id: int,
          guardian_id: int | None = None) -> ev.WaiverGranted:
    if cmd.custom not in WAIVABLE:
        raise refuse("safeguards_never_waived",
                     f"'{cmd.custom}' is not a waivable custom (waivable: "
                     f"{', '.join(sorted(WAIVABLE))}); safeguards are never waived")
    if cmd.granted_by not in ("registrar", "families"):
        raise InvalidInput("a waiver is granted by the 'registrar' or by the 'families' jointly",
                           rule="waiver_grantor")
    if not cmd.reason.strip():
        raise InvalidInput("a waiver needs a recorded reason", rule="waiver_reason")
    if not court.is_live:
        raise refuse("courtship_state", f"courtship #{court.id} is {court.status}")
    _after_proposal(court, cmd.on, "a waiver")
    ids, relations = grantors(court, cmd.granted_by_ids, cmd.relations, guardian_id)
    return ev.WaiverGranted(new_id, court.id, court.alpha_id, court.omega_id, cmd.custom,
                            cmd.granted_by, cmd.reason.strip(), cmd.on, ids, relations)

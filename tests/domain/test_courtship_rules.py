"""Decisions on courtship commands: introductions, consents, endings, Visits and waivers."""

from collections.abc import Callable
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from troth.domain import commands as c
from troth.domain import courtship_events as ev
from troth.domain import courtship_rules as cr
from troth.domain.courtship import (
    Consent,
    Courtship,
    CourtshipStatus,
    Visit,
    VisitKind,
    VisitStatus,
)
from troth.domain.customs import Customs
from troth.domain.errors import InvalidInput, Refused
from troth.domain.people import Designation, Person
from troth.domain.verdicts import Finding

TODAY = date(2026, 6, 1)
ALPHA, OMEGA, GUARDIAN, SPONSOR, HANDLER, KNITTER = 1, 2, 3, 4, 5, 6


def person(pid: int, born: date, designation: Designation | None = None,
           parents: tuple[int, ...] = ()) -> Person:
    return Person(pid, f"P{pid}", born, parents=parents, designation=designation)


def ben() -> Person:
    return person(ALPHA, date(1995, 10, 25), Designation.ALPHA, parents=(SPONSOR,))


def rey(born: date = date(2006, 4, 1)) -> Person:
    return person(OMEGA, born, Designation.OMEGA)


def handler(pid: int = HANDLER, parents: tuple[int, ...] = ()) -> Person:
    return person(pid, date(1970, 1, 1), Designation.BETA, parents)


def court(status: CourtshipStatus = CourtshipStatus.OPEN) -> Courtship:
    return Courtship(10, ALPHA, OMEGA, SPONSOR, date(2026, 1, 10), status=status)


def propose(alpha: Person, omega: Person, between: list[Courtship] | None = None,
            bonded: tuple[int, ...] = (), on: date = date(2026, 1, 10),
            customs: Customs | None = None) -> ev.IntroductionProposed:
    cmd = c.ProposeIntroduction(alpha.id, omega.id, SPONSOR, on, " a family introduction ")
    return cr.propose(cmd, 10, alpha, omega, between or [], list(bonded), TODAY,
                      customs or Customs())


def rule_of(fn: Callable[..., object], *args: object) -> str:
    with pytest.raises(Refused) as e:
        fn(*args)
    return e.value.rule


# --- introductions --------------------------------------------------------------------


def test_an_introduction_of_two_adults_awaits_the_omegas_consent() -> None:
    e = propose(ben(), rey())
    assert (e.courtship_id, e.alpha_id, e.omega_id, e.sponsor_id) == (10, ALPHA, OMEGA, SPONSOR)
    assert e.note == "a family introduction"


def test_a_courtship_is_always_one_alpha_and_one_omega() -> None:
    beta = person(ALPHA, date(1995, 1, 1), Designation.BETA)
    assert rule_of(propose, beta, rey()) == "one_alpha_one_omega"
    assert rule_of(propose, rey(), ben()) == "one_alpha_one_omega"
    assert rule_of(propose, ben(), person(OMEGA, date(2000, 1, 1))) == "one_alpha_one_omega"


def test_introducing_an_omega_under_the_age_of_majority_is_refused() -> None:
    with pytest.raises(Refused) as e:
        propose(ben(), rey(born=date(2008, 1, 11)))
    assert e.value.rule == "both_adults"
    assert "never waived" in e.value.message


@settings(max_examples=40, deadline=None)
@given(st.dates(date(1990, 1, 1), date(2012, 12, 31)), st.integers(16, 25))
def test_an_introduction_is_refused_as_not_adult_iff_the_omega_is_under_majority(
        born: date, majority: int) -> None:
    on = date(2026, 1, 10)
    omega = rey(born)
    try:
        propose(ben(), omega, on=on, customs=Customs(age_of_majority=majority))
        refused_as_minor = False
    except Refused as e:
        refused_as_minor = e.rule == "both_adults"
    assert refused_as_minor == (omega.age_on(on) < majority)


def test_a_party_who_has_died_is_not_courted() -> None:
    omega = rey()
    omega.died = date(2026, 1, 1)
    assert rule_of(propose, ben(), omega) == "parties_alive"


def test_an_omega_comes_of_age_on_her_eighteenth_birthday() -> None:
    born = date(2008, 1, 10)
    assert rule_of(propose, ben(), rey(born), [], (), date(2026, 1, 9)) == "both_adults"
    assert propose(ben(), rey(born), on=date(2026, 1, 10)).omega_id == OMEGA


def test_a_bonded_person_is_not_courted() -> None:
    assert rule_of(propose, ben(), rey(), [], (OMEGA,)) == "neither_bonded"


def test_a_pair_has_one_live_courtship_at_a_time() -> None:
    assert rule_of(propose, ben(), rey(), [court()]) == "one_courtship_per_pair"


def test_an_omega_who_declined_an_alpha_is_not_proposed_to_him_again() -> None:
    declined = court(CourtshipStatus.DECLINED)
    declined.consents.append(Consent(OMEGA, "courtship", False, date(2025, 5, 1)))
    with pytest.raises(Refused) as e:
        propose(ben(), rey(), [declined])
    assert e.value.rule == "refusal_ends_the_matter"


def test_a_pair_whose_earlier_courtship_ended_without_a_refusal_may_be_introduced_again() -> None:
    ended = court(CourtshipStatus.ENDED)
    ended.ended_by = ALPHA
    ended.consents.append(Consent(OMEGA, "courtship", True, date(2025, 5, 1)))
    assert propose(ben(), rey(), [ended]).courtship_id == 10


def test_an_introduction_dated_after_today_is_refused() -> None:
    assert rule_of(propose, ben(), rey(), [], (), date(2026, 7, 1)) == "date_in_future"


# --- consent ----------------------------------------------------------------------------


def consent(person_id: int, stage: str = "courtship", given: bool = True,
            status: CourtshipStatus = CourtshipStatus.PROPOSED) -> ev.ConsentRecorded:
    return cr.consent(court(status), c.RecordConsent(10, person_id, given, TODAY, stage), TODAY)


def test_the_omegas_own_consent_is_recorded() -> None:
    e = consent(OMEGA)
    assert (e.person_id, e.other_id, e.stage, e.given) == (OMEGA, ALPHA, "courtship", True)


def test_the_omega_may_decline_the_courtship() -> None:
    assert consent(OMEGA, given=False).given is False


@pytest.mark.parametrize("who", [GUARDIAN, SPONSOR, HANDLER])
def test_a_guardians_or_familys_consent_never_stands_in_for_the_omegas(who: int) -> None:
    with pytest.raises(Refused) as e:
        consent(who)
    assert e.value.rule == "own_consent_only"
    assert "never stands in" in e.value.message


def test_a_bonding_consent_is_recorded_only_once_the_courtship_is_open() -> None:
    assert consent(OMEGA, "bonding", status=CourtshipStatus.OPEN).stage == "bonding"
    assert rule_of(consent, OMEGA, "bonding", True, CourtshipStatus.PROPOSED) == "courtship_state"


def test_no_consent_is_recorded_on_an_ended_courtship() -> None:
    assert rule_of(consent, OMEGA, "courtship", True, CourtshipStatus.ENDED) == "courtship_state"


def test_a_consent_is_to_the_courtship_or_to_the_bonding() -> None:
    with pytest.raises(InvalidInput):
        consent(OMEGA, "household")


def test_only_the_current_guardian_acknowledges_and_it_is_not_a_consent() -> None:
    e = cr.acknowledge(court(), GUARDIAN, c.AcknowledgeAsGuardian(10, GUARDIAN, TODAY))
    assert (e.guardian_id, e.ward_id) == (GUARDIAN, OMEGA)
    assert rule_of(cr.acknowledge, court(), GUARDIAN,
                   c.AcknowledgeAsGuardian(10, SPONSOR, TODAY)) == "current_guardian_only"
    assert rule_of(cr.acknowledge, court(), None,
                   c.AcknowledgeAsGuardian(10, GUARDIAN, TODAY)) == "current_guardian_only"


# --- ending -------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [CourtshipStatus.PROPOSED, CourtshipStatus.OPEN])
@pytest.mark.parametrize("party", [ALPHA, OMEGA])
def test_either_party_may_end_a_live_courtship_without_a_reason(
        party: int, status: CourtshipStatus) -> None:
    e = cr.end(court(status), c.EndCourtship(10, party, TODAY))
    assert (e.by_id, e.alpha_id, e.omega_id, e.reason) == (party, ALPHA, OMEGA, "")


@pytest.mark.parametrize("who", [GUARDIAN, SPONSOR])
def test_only_a_party_ends_a_courtship(who: int) -> None:
    assert rule_of(cr.end, court(), c.EndCourtship(10, who, TODAY)) == "parties_end_courtships"


def test_an_ended_courtship_cannot_be_ended_again() -> None:
    assert rule_of(cr.end, court(CourtshipStatus.ENDED),
                   c.EndCourtship(10, OMEGA, TODAY)) == "courtship_state"


# --- Visits -----------------------------------------------------------------------------


def schedule(kind: str = "tea", at_home: bool = True, handlers: tuple[int, ...] = (HANDLER,),
             status: CourtshipStatus = CourtshipStatus.OPEN, busy: tuple[Visit, ...] = (),
             handler_people: list[Person] | None = None
             ) -> tuple[ev.VisitScheduled, list[Finding]]:
    cmd = c.ScheduleVisit(10, kind, datetime(2026, 6, 10, 15), "the guardian's house", at_home,
                          handlers)
    hs = handler_people if handler_people is not None else [handler(h) for h in handlers]
    return cr.schedule_visit(court(status), cmd, 20, hs, [ben(), rey()], GUARDIAN, list(busy),
                             Customs())


def visit(kind: VisitKind = VisitKind.TEA, handlers: tuple[int, ...] = (HANDLER,)) -> Visit:
    return Visit(20, 10, kind, datetime(2026, 6, 10, 15), "the guardian's house", True, handlers)


def test_a_first_visit_at_the_omegas_home_with_a_handler_is_scheduled() -> None:
    e, findings = schedule()
    assert (e.visit_id, e.visit_kind, e.handlers, e.on) == (20, "tea", (HANDLER,),
                                                           date(2026, 6, 10))
    assert findings == []


def test_visits_are_scheduled_only_once_the_omega_has_consented() -> None:
    assert rule_of(schedule, "tea", True, (HANDLER,), CourtshipStatus.PROPOSED) == "courtship_open"


def test_a_first_visit_away_from_the_omegas_home_is_refused_without_a_waiver() -> None:
    assert rule_of(schedule, "walk", False) == "first_visits_at_omega_residence"


def test_a_dinner_with_one_handler_is_scheduled_but_flagged_as_not_counting() -> None:
    _, findings = schedule("dinner")
    assert [f.rule for f in findings] == ["handlers_per_visit"]


@pytest.mark.parametrize("who", [ALPHA, OMEGA, GUARDIAN])
def test_a_party_or_the_guardian_is_never_a_handler(who: int) -> None:
    assert rule_of(schedule, "tea", True, (who,), CourtshipStatus.OPEN, (),
                   [handler(who)]) == "handler_independent"


def test_kin_of_a_party_is_never_a_handler() -> None:
    sibling = handler(KNITTER, parents=(SPONSOR,))  # shares a parent with the Alpha
    parent = handler(SPONSOR)
    for h in (sibling, parent):
        assert rule_of(schedule, "tea", True, (h.id,), CourtshipStatus.OPEN, (),
                       [h]) == "handler_independent"


def test_a_handler_is_not_in_two_places_at_once() -> None:
    other = Visit(21, 11, VisitKind.FILM, datetime(2026, 6, 10, 14), "elsewhere", True,
                  (HANDLER,))
    assert rule_of(schedule, "tea", True, (HANDLER,), CourtshipStatus.OPEN,
                   (other,)) == "handler_in_one_place"


def test_an_unknown_kind_of_visit_is_refused_with_the_kinds_listed() -> None:
    with pytest.raises(InvalidInput, match="dinner"):
        schedule("party")


def held(v: Visit, present: tuple[int, ...], attended: bool = True) -> ev.VisitHeld:
    return cr.held(v, court(), c.RecordVisitHeld(20, present, attended),
                   [handler(h) for h in present], [ben(), rey()], GUARDIAN, Customs(),
                   v.starts_at.date())


def test_a_visit_held_with_its_handlers_counts() -> None:
    e = held(visit(), (HANDLER,))
    assert e.counted and e.flag == ""


def test_a_dinner_held_with_fewer_handlers_than_custom_is_flagged_and_not_counted() -> None:
    e = held(visit(VisitKind.DINNER), (HANDLER,))
    assert not e.counted
    assert "held with 1 of the 2 customary handlers" in e.flag


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(list(VisitKind)), st.sets(st.integers(50, 60), max_size=4))
def test_a_held_visit_counts_iff_the_customary_handlers_were_present(
        kind: VisitKind, present: set[int]) -> None:
    e = held(visit(kind), tuple(sorted(present)))
    need = 2 if kind is VisitKind.DINNER else 1
    assert e.counted == (len(present) >= need)


def test_a_visit_the_omega_did_not_attend_is_recorded_as_missed_not_held() -> None:
    with pytest.raises(Refused) as e:
        held(visit(), (HANDLER,), attended=False)
    assert e.value.rule == "visit_needs_omega"
    day = visit().starts_at.date()
    missed = cr.missed(visit(), court(), c.RecordVisitMissed(20, "absent"), day)
    assert missed.reason == "absent"


def test_a_missed_visits_reason_is_absent_late_or_unwilling() -> None:
    with pytest.raises(InvalidInput):
        cr.missed(visit(), court(), c.RecordVisitMissed(20, "forgot"),
                  visit().starts_at.date())


def test_a_visit_already_held_is_not_recorded_again_or_cancelled() -> None:
    v = visit()
    v.status = VisitStatus.HELD
    assert rule_of(held, v, (HANDLER,)) == "visit_state"
    assert rule_of(cr.cancel, v, court(), c.CancelVisit(20, "rain"), TODAY) == "visit_state"


def test_a_scheduled_visit_may_be_cancelled_with_its_reason() -> None:
    e = cr.cancel(visit(), court(), c.CancelVisit(20, " rain "), TODAY)
    assert (e.visit_id, e.reason) == (20, "rain")


# --- waivers ----------------------------------------------------------------------------


def waive(custom: str = "min_visits_before_bonding", by: str = "families",
          reason: str = "the families agree", status: CourtshipStatus = CourtshipStatus.OPEN
          ) -> ev.WaiverGranted:
    return cr.waive(court(status), c.GrantWaiver(10, custom, by, reason, TODAY), 30)


def test_a_waiver_of_the_eight_visits_names_who_granted_it_and_why() -> None:
    e = waive()
    assert (e.custom, e.granted_by, e.reason, e.on) == ("min_visits_before_bonding",
                                                        "families", "the families agree", TODAY)


@pytest.mark.parametrize("rule", ["age_of_majority", "omega_consent", "both_adults",
                                  "own_consent_only", "true_match_rate"])
def test_a_safeguard_is_never_waived(rule: str) -> None:
    with pytest.raises(Refused) as e:
        waive(rule)
    assert e.value.rule == "safeguards_never_waived"


def test_a_waiver_is_granted_by_the_registrar_or_the_families_only() -> None:
    with pytest.raises(InvalidInput) as e:
        waive(by="guardian")
    assert e.value.rule == "waiver_grantor"


def test_a_waiver_needs_a_recorded_reason() -> None:
    with pytest.raises(InvalidInput) as e:
        waive(reason="  ")
    assert e.value.rule == "waiver_reason"


def test_no_waiver_is_granted_on_a_courtship_that_is_over() -> None:
    assert rule_of(waive, "min_visits_before_bonding", "families", "x",
                   CourtshipStatus.ENDED) == "courtship_state"

"""Courtship, Visit, bonding and annulment events told in plain, civil words."""

from datetime import date

import pytest

import troth.domain.courtship_history  # noqa: F401  (registers the courtship tellers)
from troth.domain import courtship_events as ev
from troth.domain.events import Event
from troth.domain.history import describe, fold

BEN, REY, PLUTT, LEIA, OFFICIANT = 1, 2, 3, 4, 7
NAMES = {BEN: "Ben Solo", REY: "Rey", PLUTT: "Unkar Plutt", LEIA: "Leia Organa",
         OFFICIANT: "the officiant"}
DAY = date(2026, 4, 1)


def told(e: Event) -> str:
    return describe(e, NAMES)


def test_an_introduction_is_told_as_awaiting_the_omegas_consent() -> None:
    assert told(ev.IntroductionProposed(10, BEN, REY, LEIA, DAY)) == (
        "Introduction of Ben Solo (#1) and Rey (#2) proposed by Leia Organa (#4)"
        " (courtship #10); awaiting the Omega's consent")


def test_an_introduction_without_a_sponsor_is_told_as_the_registrys_matchmaking() -> None:
    assert "proposed by the registry's matchmaking" in told(
        ev.IntroductionProposed(10, BEN, REY, None, DAY))


@pytest.mark.parametrize(("given", "verb"), [(True, "consented to"), (False, "declined")])
def test_a_consent_or_refusal_is_told_as_the_partys_own(given: bool, verb: str) -> None:
    assert told(ev.ConsentRecorded(10, REY, BEN, "bonding", given, DAY)) == (
        f"Rey (#2) {verb} the bonding (courtship #10)")


def test_a_guardians_acknowledgement_is_told_as_not_a_consent() -> None:
    assert told(ev.GuardianAcknowledged(10, PLUTT, REY, DAY)).endswith(
        "(an acknowledgement, not a consent)")


def test_an_ended_courtship_is_told_with_who_ended_it_and_why() -> None:
    assert told(ev.CourtshipEnded(10, REY, BEN, REY, DAY, "no longer wished")) == (
        "Courtship #10 ended by Rey (#2): no longer wished")
    assert told(ev.CourtshipEnded(10, BEN, BEN, REY, DAY)) == "Courtship #10 ended by Ben Solo (#1)"


def test_a_missed_visit_is_told_as_not_held_against_the_omega() -> None:
    assert told(ev.VisitMissed(20, 10, BEN, REY, "absent", DAY)) == (
        "Visit #20 did not take place (the Omega absent); not held against her")


def test_a_visit_held_with_too_few_handlers_is_told_as_not_counted() -> None:
    e = ev.VisitHeld(20, 10, BEN, REY, (5,), False, "held with 1 of the 2 customary handlers",
                     DAY)
    assert told(e) == ("Visit #20 held with 1 handler(s) present; not counted — held with 1 of"
                       " the 2 customary handlers")


def test_a_scheduled_visit_is_told_with_its_time_place_and_handlers() -> None:
    e = ev.VisitScheduled(20, 10, BEN, REY, "dinner", "2026-04-03T19:00:00", "the junkyard house",
                          True, (5, 6), DAY)
    assert told(e) == ("Visit #20 (dinner) scheduled for 2026-04-03T19:00 at the junkyard"
                       " house, 2 handler(s) assigned")


def test_a_waiver_is_told_with_who_granted_it_and_why() -> None:
    e = ev.WaiverGranted(30, 10, BEN, REY, "min_visits_before_bonding", "families",
                         "the families agree", DAY)
    assert told(e) == ("Custom 'min_visits_before_bonding' waived for courtship #10 by the"
                       " families: the families agree")


def test_a_payment_demand_is_told_as_opening_a_review() -> None:
    e = ev.IncidentReported(7, "payment_demand", 5, PLUTT, 20, 1, True, "asked to be paid", DAY)
    assert told(e) == ("Incident #7 (payment demand) reported by person (#5) concerning Unkar"
                       " Plutt (#3); a review of the guardianship is open")


def test_a_sealed_bond_is_told_with_its_certificate() -> None:
    e = ev.BondSealed(40, 5, 10, BEN, REY, OFFICIANT, ("Han",), "12 Garden Row", "TR-0040", (),
                      DAY)
    assert told(e) == ("Bond #40 of Ben Solo (#1) and Rey (#2) sealed by the officiant (#7);"
                       " certificate TR-0040")


def test_an_annulment_petition_and_its_decision_are_told_with_grounds_and_reasons() -> None:
    petition = ev.AnnulmentPetitioned(50, 40, BEN, REY, "no_heats", "", 9, "", REY, DAY)
    assert told(petition) == "Ben Solo (#1) petitioned to annul bond #40 on grounds of no heats"
    assert told(ev.AnnulmentDecided(50, 40, BEN, REY, False, "grounds not made out", None,
                                    DAY)) == "Annulment of bond #40 refused: grounds not made out"
    granted = ev.AnnulmentDecided(50, 40, BEN, REY, True, "both heard", date(2026, 5, 1), DAY)
    assert told(granted) == "Annulment of bond #40 granted; dissolved on 2026-05-01"


def test_a_bond_is_folded_into_both_partners_histories() -> None:
    e = ev.BondSealed(40, 5, 10, BEN, REY, OFFICIANT, ("Han",), "12 Garden Row", "TR-0040", (),
                      DAY)
    assert fold(BEN, DAY, [e]).bonded_to == REY
    assert fold(REY, DAY, [e]).bonded_to == BEN


def test_the_officiant_is_not_shown_as_bonded() -> None:
    e = ev.BondSealed(40, 5, 10, BEN, REY, OFFICIANT, ("Han",), "12 Garden Row", "TR-0040", (),
                      DAY)
    assert fold(OFFICIANT, DAY, [e]).bonded_to is None

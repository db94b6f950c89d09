"""Bonding: the verdict and its findings, ceremonies, sealing, and annulment petitions."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from troth.domain import bonding as b
from troth.domain import commands as c
from troth.domain import courtship_events as ev
from troth.domain.courtship import (
    Consent,
    Courtship,
    CourtshipStatus,
    Visit,
    VisitKind,
    VisitStatus,
    Waiver,
)
from troth.domain.customs import Customs
from troth.domain.errors import InvalidInput, Refused
from troth.domain.health import PhysicianFinding
from troth.domain.people import Designation, Person
from troth.domain.verdicts import Outcome, Verdict

ALPHA, OMEGA, GUARDIAN, OFFICIANT, PHYSICIAN = 1, 2, 3, 7, 9
SEALED = date(2026, 4, 18)
TODAY = date(2026, 11, 1)


def ben() -> Person:
    return Person(ALPHA, "Ben Solo", date(1995, 10, 25), designation=Designation.ALPHA)


def rey(born: date = date(2006, 4, 1)) -> Person:
    return Person(OMEGA, "Rey", born, designation=Designation.OMEGA)


def court(visits: int = 8, consents: tuple[tuple[int, bool], ...] = ((ALPHA, True),
                                                                      (OMEGA, True)),
          waived: bool = False, status: CourtshipStatus = CourtshipStatus.OPEN) -> Courtship:
    ct = Courtship(10, ALPHA, OMEGA, 4, date(2026, 1, 10), status=status)
    ct.consents = [Consent(OMEGA, "courtship", True, date(2026, 1, 12))]
    ct.consents += [Consent(pid, "bonding", given, date(2026, 4, 10)) for pid, given in consents]
    ct.visits = [Visit(i, 10, VisitKind.TEA, datetime(2026, 2, 1, 15) + timedelta(days=i),
                       "home", True, (30,), VisitStatus.HELD, (30,), True, True)
        for i in range(visits)]
    if waived:
        ct.waivers.append(Waiver(1, 10, "min_visits_before_bonding", "families",
                                 "the families agree", date(2026, 4, 1)))
    return ct


def verdict(ct: Courtship, omega: Person | None = None, bonded: tuple[int, ...] = (),
            on: date = SEALED, customs: Customs | None = None) -> Verdict:
    return b.bonding_verdict(ct, ben(), omega or rey(), list(bonded), on, customs or Customs())


def rules(v: Verdict) -> list[str]:
    return [f.rule for f in v.findings]


# --- the verdict ------------------------------------------------------------------------


def test_a_bonding_with_both_consents_and_eight_visits_is_allowed() -> None:
    v = verdict(court())
    assert v.ok and v.findings == ()


def test_bonding_without_omega_consent_is_refused() -> None:
    v = verdict(court(consents=((ALPHA, True),)))
    assert v.outcome is Outcome.REFUSED
    assert rules(v) == ["omega_consent"]
    assert "troth refuses a bonding without it" in v.reasons[0]


def test_bonding_after_the_omega_withdrew_her_consent_is_refused() -> None:
    v = verdict(court(consents=((ALPHA, True), (OMEGA, True), (OMEGA, False))))
    assert rules(v) == ["omega_consent"]


def test_bonding_without_alpha_consent_is_refused() -> None:
    assert rules(verdict(court(consents=((OMEGA, True),)))) == ["alpha_consent"]


def test_a_guardians_consent_never_replaces_the_omegas() -> None:
    ct = court(consents=((ALPHA, True),))
    ct.guardian_ack = GUARDIAN
    ct.consents.append(Consent(GUARDIAN, "bonding", True, date(2026, 4, 10)))
    assert "omega_consent" in rules(verdict(ct))


def test_bonding_a_minor_is_refused_and_the_refusal_says_it_is_never_waived() -> None:
    v = verdict(court(waived=True), omega=rey(born=date(2008, 6, 1)))
    assert rules(v) == ["both_adults"]
    assert "never waived" in v.reasons[0]


def test_bonding_someone_already_bonded_is_refused() -> None:
    assert rules(verdict(court(), bonded=(ALPHA,))) == ["neither_bonded"]


def test_a_bonding_needs_an_open_courtship() -> None:
    assert "courtship_open" in rules(verdict(court(status=CourtshipStatus.ENDED)))


def test_three_of_eight_visits_need_a_recorded_waiver() -> None:
    v = verdict(court(visits=3))
    assert v.outcome is Outcome.NEEDS_WAIVER
    assert rules(v) == ["min_visits_before_bonding"]
    assert v.reasons[0].startswith("3 of the 8 customary Visits have been held")


def test_a_recorded_waiver_allows_a_bonding_after_three_visits() -> None:
    assert verdict(court(visits=3, waived=True)).ok


def test_every_finding_safeguards_and_customs_is_listed_with_its_rule_and_sentence() -> None:
    # issue 14 #3: a refusal also names the custom a waiver would need
    v = verdict(court(visits=0, consents=()), omega=rey(born=date(2010, 1, 1)), bonded=(ALPHA,))
    assert v.outcome is Outcome.REFUSED
    assert set(rules(v)) == {"both_adults", "neither_bonded", "omega_consent", "alpha_consent",
                             "min_visits_before_bonding"}
    assert all(f.reason for f in v.findings)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10), st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_a_bonding_is_allowed_iff_no_safeguard_refuses_and_no_custom_is_unwaived(
        visits: int, omega_yes: bool, alpha_yes: bool, waived: bool, adult: bool) -> None:
    ct = court(visits, ((ALPHA, alpha_yes), (OMEGA, omega_yes)), waived)
    v = verdict(ct, omega=rey() if adult else rey(born=date(2009, 1, 1)))
    refused = not (omega_yes and alpha_yes and adult)
    assert (v.outcome is Outcome.REFUSED) == refused
    assert v.ok == (not refused and (visits >= 8 or waived))


def test_an_omega_consent_dated_after_the_bonding_day_does_not_count_for_it() -> None:
    ct = court(consents=((ALPHA, True),))
    ct.consents.append(Consent(OMEGA, "bonding", True, SEALED + timedelta(days=3)))
    assert "omega_consent" in rules(verdict(ct, on=SEALED))


# --- ceremony and seal ------------------------------------------------------------------


def officiant(pid: int = OFFICIANT) -> Person:
    return Person(pid, "Officiant", date(1960, 1, 1), designation=Designation.BETA)


def test_a_ceremony_has_an_independent_officiant_and_a_witness() -> None:
    e = b.schedule_ceremony(court(), c.ScheduleCeremony(10, OFFICIANT, (" Han ", ""), SEALED),
                            5, officiant())
    assert (e.officiant_id, e.witnesses, e.on) == (OFFICIANT, ("Han",), SEALED)
    with pytest.raises(Refused) as r:
        b.schedule_ceremony(court(), c.ScheduleCeremony(10, ALPHA, ("Han",), SEALED), 5,
                            ben())
    assert r.value.rule == "officiant_independent"
    with pytest.raises(InvalidInput):
        b.schedule_ceremony(court(), c.ScheduleCeremony(10, OFFICIANT, (" ",), SEALED), 5,
                            officiant())


def ceremony() -> b.Ceremony:
    return b.Ceremony(5, 10, OFFICIANT, ("Han", "Leia"), SEALED)


def seal(v: Verdict, ct: Courtship | None = None, by: int = OFFICIANT, on: date = SEALED,
         household: str = "12 Garden Row") -> ev.BondSealed:
    return b.seal(ceremony(), ct or court(), c.SealBond(5, by, household, on), v, 40,
                  "TR-0040", TODAY)


def test_sealing_an_allowed_bonding_issues_a_certificate() -> None:
    e = seal(verdict(court()))
    assert (e.bond_id, e.alpha_id, e.omega_id, e.certificate_code,
            e.household, e.on) == (40, ALPHA, OMEGA, "TR-0040", "12 Garden Row", SEALED)


def test_a_sealed_bond_lists_the_customs_that_were_waived() -> None:
    ct = court(visits=3, waived=True)
    e = seal(verdict(ct), ct)
    assert e.waivers == ("min_visits_before_bonding",)


def test_sealing_without_the_omegas_consent_is_refused() -> None:
    with pytest.raises(Refused) as e:
        seal(verdict(court(consents=((ALPHA, True),))))
    assert e.value.rule == "omega_consent"


def test_sealing_without_the_waiver_the_custom_needs_is_refused() -> None:
    with pytest.raises(Refused) as e:
        seal(verdict(court(visits=3)))
    assert e.value.rule == "min_visits_before_bonding"


@pytest.mark.parametrize(("by", "on", "rule"), [
    (8, SEALED, "officiant_assigned"),
    (OFFICIANT, SEALED - timedelta(days=1), "ceremony_date"),
    (OFFICIANT, TODAY + timedelta(days=1), "date_in_future"),
])
def test_only_the_assigned_officiant_seals_on_or_after_the_ceremony_day(
        by: int, on: date, rule: str) -> None:
    with pytest.raises(Refused) as e:
        seal(verdict(court()), by=by, on=on)
    assert e.value.rule == rule


def test_a_bond_needs_the_households_address() -> None:
    with pytest.raises(InvalidInput):
        seal(verdict(court()), household=" ")


@settings(max_examples=40, deadline=None)
@given(st.dates(date(2020, 1, 1), date(2035, 1, 1)), st.none() | st.integers(1, 3000))
def test_a_bond_is_active_from_its_sealing_until_its_dissolution(
        day: date, dissolved_after: int | None) -> None:
    dissolved = None if dissolved_after is None else SEALED + timedelta(days=dissolved_after)
    bond = b.Bond(40, ALPHA, OMEGA, 10, SEALED, "12 Garden Row", "TR-0040", dissolved)
    assert bond.active_on(day) == (day >= SEALED and (dissolved is None or day < dissolved))


# --- annulment --------------------------------------------------------------------------


def bond(dissolved: date | None = None) -> b.Bond:
    return b.Bond(40, ALPHA, OMEGA, 10, SEALED, "12 Garden Row", "TR-0040", dissolved)


def petition(by: int, grounds: str = "mutual_wish", finding: str = "",
             consent_by: int | None = None, physician: int | None = None,
             dissolved: date | None = None, about: int = OMEGA,
             attested_by: int | None = None) -> ev.AnnulmentPetitioned:
    """A petition; with `finding`, a physician's finding about `about` (her health entry
    #70, recorded by `physician`) attached, released by `consent_by`."""
    found = None if not finding else PhysicianFinding(70, about, physician or 0, finding,
                                                      TODAY)
    cmd = c.PetitionAnnulment(40, by, grounds, "statement", TODAY,
                              None if found is None else found.id, consent_by, attested_by)
    return b.petition(bond(dissolved), cmd, 50, found)


@pytest.mark.parametrize("party", [ALPHA, OMEGA])
def test_either_party_may_petition_for_an_annulment(party: int) -> None:
    e = petition(party)
    assert (e.petitioner_id, e.other_id) == (
        party, OMEGA if party == ALPHA else ALPHA)


@pytest.mark.parametrize("who", [GUARDIAN, PHYSICIAN, OFFICIANT])
def test_no_one_but_a_party_petitions(who: int) -> None:
    with pytest.raises(Refused) as e:
        petition(who)
    assert e.value.rule == "parties_petition"


def test_a_dissolved_bond_is_not_petitioned_again() -> None:
    with pytest.raises(Refused) as e:
        petition(ALPHA, dissolved=date(2026, 9, 1))
    assert e.value.rule == "bond_active"


def test_unknown_grounds_are_refused() -> None:
    with pytest.raises(InvalidInput, match="no_heats"):
        petition(ALPHA, grounds="boredom")


def test_a_physicians_finding_without_a_partys_consent_is_refused() -> None:
    with pytest.raises(Refused) as e:
        petition(ALPHA, "no_heats", "no heats recorded in five months", None, PHYSICIAN)
    assert e.value.rule == "health_record_consent"


def test_the_omega_may_attach_a_finding_about_herself_with_her_consent() -> None:
    e = petition(OMEGA, "no_heats", "no heats recorded in five months", OMEGA, PHYSICIAN)
    assert e.finding_consent_by == OMEGA


def test_a_finding_about_the_omegas_heats_needs_her_consent_not_the_alphas() -> None:
    with pytest.raises(Refused) as e:
        petition(ALPHA, "no_heats", "no heats recorded in five months", ALPHA, PHYSICIAN)
    assert e.value.rule == "health_record_consent"


def test_the_alpha_cannot_release_a_finding_about_the_omega_even_naming_her() -> None:
    with pytest.raises(Refused) as e:
        petition(ALPHA, "no_heats", "no heats recorded in five months", OMEGA, PHYSICIAN)
    assert e.value.rule == "release_by_herself"


def test_her_release_given_in_person_at_the_office_is_attested_by_the_registrar() -> None:
    e = petition(ALPHA, "no_heats", "no heats recorded", OMEGA, PHYSICIAN, attested_by=1)
    assert e.finding_consent_by == OMEGA and e.finding == ""


def test_the_petition_event_never_carries_the_findings_text() -> None:
    e = petition(OMEGA, "no_heats", "a private finding", OMEGA, PHYSICIAN)
    assert "a private finding" not in repr(e.to_data())


def test_a_finding_about_someone_outside_the_bond_is_not_attached() -> None:
    with pytest.raises(Refused) as e:
        petition(OMEGA, "no_heats", "x", GUARDIAN, PHYSICIAN, about=GUARDIAN)
    assert e.value.rule == "finding_of_party"


def _release(by: int, release: bool = True, released: bool = False, status: str = "filed",
             attested_by: int | None = None) -> ev.Event:
    found = PhysicianFinding(70, OMEGA, PHYSICIAN, "no heats recorded", TODAY)
    p = b.Petition(50, 40, ALPHA, "no_heats", status)
    return b.release_finding(p, bond(), found, c.ReleaseFinding(50, 70, by, release,
                                                                attested_by), released, TODAY)


def test_she_releases_her_finding_for_one_petition_and_may_withdraw_it_until_the_decision(
        ) -> None:
    assert isinstance(_release(OMEGA), ev.FindingReleased)
    assert isinstance(_release(OMEGA, release=False, released=True),
                      ev.FindingReleaseWithdrawn)
    with pytest.raises(Refused) as e:
        _release(OMEGA, release=False, released=True, status="granted")
    assert e.value.rule == "petition_state"


@pytest.mark.parametrize("who", [ALPHA, PHYSICIAN, GUARDIAN])
def test_no_one_but_her_releases_her_finding(who: int) -> None:
    with pytest.raises(Refused) as e:
        _release(who)
    assert e.value.rule == "health_record_consent"


def decide(granted: bool, reasons: str = "both parties heard", on: date = TODAY,
           dissolve_on: date | None = None, status: str = "filed") -> ev.AnnulmentDecided:
    p = b.Petition(50, 40, OMEGA, "no_heats", status)
    return b.decide(p, bond(), c.DecideAnnulment(50, granted, reasons, on, dissolve_on))


def test_a_granted_annulment_dissolves_the_bond_on_the_day_decided() -> None:
    e = decide(True)
    assert e.granted and e.dissolved_on == TODAY


def test_a_refused_annulment_leaves_the_bond_and_keeps_its_reasons() -> None:
    e = decide(False, "grounds not made out")
    assert not e.granted and e.dissolved_on is None
    assert e.reasons == "grounds not made out"


def test_a_decision_is_recorded_with_its_reasons() -> None:
    with pytest.raises(InvalidInput) as e:
        decide(True, "  ")
    assert e.value.rule == "decision_reasons"


def test_a_petition_is_decided_once() -> None:
    with pytest.raises(Refused) as e:
        decide(True, status="granted")
    assert e.value.rule == "petition_state"


def test_a_bond_is_not_dissolved_on_or_before_its_sealing() -> None:
    with pytest.raises(Refused) as e:
        decide(True, dissolve_on=SEALED)
    assert e.value.rule == "dissolution_date"


# --- the story, through the domain's own decisions ---------------------------------------


def test_the_storys_bonding_a_week_after_the_third_visit_is_sealed_with_a_recorded_waiver() -> None:
    from troth.domain import courtship_rules as cr

    customs, today = Customs(), date(2026, 4, 30)
    handler = Person(5, "the handler who knits", date(1970, 1, 1), designation=Designation.BETA)
    intro = cr.propose(c.ProposeIntroduction(ALPHA, OMEGA, 4, date(2026, 3, 1)), 10, ben(),
                       rey(), [], [], today, customs)
    ct = Courtship(intro.courtship_id, ALPHA, OMEGA, 4, intro.on)
    own = cr.consent(ct, c.RecordConsent(10, OMEGA, True, date(2026, 3, 2)), today)
    ct.consents.append(Consent(own.person_id, own.stage, own.given, own.on))
    ct.status = CourtshipStatus.OPEN
    for i, kind in enumerate(("introduction", "dinner", "film"), start=1):
        cmd = c.ScheduleVisit(10, kind, datetime(2026, 3, 2 + 3 * i, 18), "the guardian's house",
                              True, (5,))
        sched, _ = cr.schedule_visit(ct, cmd, i, [handler], [ben(), rey()], GUARDIAN, [],
                                     customs)
        v = Visit(i, 10, VisitKind(sched.visit_kind), cmd.starts_at, cmd.place, True, (5,))
        if i == 1:  # she was not at home: missed, not held against her
            cr.missed(v, ct, c.RecordVisitMissed(i, "absent"), cmd.starts_at.date())
            v.status = VisitStatus.MISSED
        else:
            h = cr.held(v, ct, c.RecordVisitHeld(i, (5,)), [handler], [ben(), rey()],
                        GUARDIAN, customs, cmd.starts_at.date())
            v.status, v.counted = VisitStatus.HELD, h.counted
        ct.visits.append(v)
    assert ct.counted_visits() == 1  # the dinner had one handler of the customary two
    assert verdict(ct, on=date(2026, 4, 18)).outcome is Outcome.REFUSED  # no bonding consents
    for pid in (ALPHA, OMEGA):
        e = cr.consent(ct, c.RecordConsent(10, pid, True, date(2026, 4, 10), "bonding"), today)
        ct.consents.append(Consent(e.person_id, e.stage, e.given, e.on))
    assert verdict(ct, on=date(2026, 4, 18)).outcome is Outcome.NEEDS_WAIVER
    w = cr.waive(ct, c.GrantWaiver(10, "min_visits_before_bonding", "families",
                                   "the families agree to bond now", date(2026, 4, 11)), 1)
    ct.waivers.append(Waiver(w.waiver_id, 10, w.custom, w.granted_by, w.reason, w.on))
    v = verdict(ct, on=date(2026, 4, 18))
    assert v.ok
    sealed = b.seal(ceremony(), ct, c.SealBond(5, OFFICIANT, "12 Garden Row", SEALED), v, 40,
                    "TR-0040", today)
    assert sealed.waivers == ("min_visits_before_bonding",)

"""The story from WORLD.md replayed through the registry, asserting each verdict."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.registry.helpers import add
from troth.domain import commands as c
from troth.domain.errors import Refused
from troth.domain.verdicts import Outcome


@pytest.fixture
def story(registry):
    registry.clock.set(date(2026, 3, 4))
    ids = {
        "leia": add(registry, "Leia Organa", date(1968, 6, 10), "beta"),
        "han": add(registry, "Han Solo", date(1965, 7, 13), "beta"),
        "rey": add(registry, "Rey", date(2007, 3, 1), "omega"),
        "plutt": add(registry, "Unkar Plutt", date(1968, 2, 3), "beta"),
        "ada": add(registry, "Ada Wren", date(1972, 11, 2), "beta"),
        "tobias": add(registry, "Tobias Fenn", date(1985, 1, 20), "beta"),
        "tekka": add(registry, "Lor San Tekka", date(1950, 3, 3), "beta"),
    }
    ids["ben"] = add(registry, "Ben Solo", date(1999, 10, 25), "alpha",
                     parents=(ids["leia"], ids["han"]))
    ids["guardianship"] = registry.execute(c.AppointGuardian(
        ids["rey"], ids["plutt"], "Jakku Family Court", "JFC-2021-118", date(2021, 4, 2)))
    return registry, ids


def verdict(reg, courtship, on):
    return reg.queries.courtships.bonding_verdict(courtship, on, reg.customs)


def test_the_story_of_ben_and_rey(story) -> None:
    reg, p = story
    courtship = reg.execute(c.ProposeIntroduction(p["ben"], p["rey"], p["leia"],
                                                  date(2026, 3, 2), "arranged by his mother"))
    # The guardian's acknowledgement is not the ward's consent.
    with pytest.raises(Refused) as e:
        reg.execute(c.RecordConsent(courtship, p["plutt"], True, date(2026, 3, 3)))
    assert e.value.rule == "own_consent_only"
    reg.execute(c.AcknowledgeAsGuardian(courtship, p["plutt"], date(2026, 3, 3)))
    assert reg.queries.courtships.courtship(courtship).status == "proposed"
    reg.execute(c.RecordConsent(courtship, p["rey"], True, date(2026, 3, 4)))
    assert reg.queries.courtships.courtship(courtship).status == "open"

    # Visit 1, at the guardian's home: the Omega is absent; the guardian grabs her wrist and
    # the Alpha assaults the guardian. Both are incidents; the absence is not held against her.
    home = "Plutt's Yard, Jakku"
    v1 = reg.execute(c.ScheduleVisit(courtship, "introduction", datetime(2026, 3, 7, 18),
                                     home, True, (p["ada"], p["tobias"])))
    reg.clock.set(date(2026, 3, 8))
    reg.execute(c.RecordVisitMissed(v1, "absent", "met in the yard instead"))
    force = reg.execute(c.ReportIncident("force_against_ward", p["ada"], date(2026, 3, 7),
                                         "the guardian grabbed the ward's wrist",
                                         about_id=p["plutt"], visit_id=v1))
    reg.execute(c.ReportIncident("assault", p["ada"], date(2026, 3, 7),
                                 "the Alpha struck the guardian", about_id=p["ben"], visit_id=v1))
    queue = reg.queries.courtships.welfare_queue()
    assert [i["kind"] for i in queue] == ["force_against_ward", "assault"]
    assert queue[0]["opens_review"] and queue[0]["guardianship_id"] == p["guardianship"]
    assert force == queue[0]["id"]

    # Visit 2, a courting dinner with two handlers; Visit 3, a film with one handler.
    v2 = reg.execute(c.ScheduleVisit(courtship, "dinner", datetime(2026, 3, 14, 19), home, True,
                                     (p["ada"], p["tobias"])))
    v3 = reg.execute(c.ScheduleVisit(courtship, "film", datetime(2026, 3, 21, 19),
                                     "the Solo home", False, (p["ada"],)))
    reg.clock.set(date(2026, 3, 22))
    reg.execute(c.RecordVisitHeld(v2, (p["ada"], p["tobias"])))
    reg.execute(c.RecordVisitHeld(v3, (p["ada"],), note="the handler knitted throughout"))

    # The guardian signals he wants money: a welfare incident, never a condition.
    pay = reg.execute(c.ReportIncident("payment_demand", p["rey"], date(2026, 3, 22),
                                       "the guardian asked to be paid for letting her go",
                                       about_id=p["plutt"], guardianship_id=p["guardianship"]))
    assert any(i["id"] == pay and i["opens_review"] for i in reg.queries.courtships.welfare_queue())

    ceremony = reg.execute(c.ScheduleCeremony(courtship, p["tekka"], ("Han Solo", "Luke"),
                                              date(2026, 3, 28)))
    reg.clock.set(date(2026, 3, 28))
    v = verdict(reg, courtship, date(2026, 3, 28))
    assert v.outcome is Outcome.REFUSED  # every finding: the waiver is known before the day
    assert {f.rule for f in v.findings} == {"omega_consent", "alpha_consent",
                                            "min_visits_before_bonding"}
    reg.execute(c.RecordConsent(courtship, p["ben"], True, date(2026, 3, 28), "bonding"))
    reg.execute(c.RecordConsent(courtship, p["rey"], True, date(2026, 3, 28), "bonding"))
    v = verdict(reg, courtship, date(2026, 3, 28))
    assert v.outcome is Outcome.NEEDS_WAIVER
    assert v.reasons == ["2 of the 8 customary Visits have been held; a bonding now needs a"
                         " recorded waiver"]
    with pytest.raises(Refused) as e:
        reg.execute(c.SealBond(ceremony, p["tekka"], "14 Elm Row", date(2026, 3, 28)))
    assert e.value.rule == "min_visits_before_bonding"
    reg.execute(c.GrantWaiver(courtship, "min_visits_before_bonding", "families",
                              "both parties wish to bond after three Visits", date(2026, 3, 28)))
    assert verdict(reg, courtship, date(2026, 3, 28)).outcome is Outcome.ALLOWED
    bond = reg.execute(c.SealBond(ceremony, p["tekka"], "14 Elm Row, Takodana households",
                                  date(2026, 3, 28)))

    # Sealing ends the guardianship and closes the courtship; the certificate verifies.
    assert reg.queries.people.guardian_of(p["rey"], date(2026, 3, 28)) is None
    assert reg.queries.people.guardian_of(p["rey"], date(2026, 3, 27)).guardian_id == p["plutt"]
    assert reg.queries.courtships.courtship(courtship).status == "bonded"
    [b] = reg.queries.courtships.bonds_of(p["rey"])
    check = reg.queries.courtships.verify_certificate(b.certificate_code.lower())
    assert check.valid and check.names == ("Ben Solo", "Rey") and b.id == bond

    # Five months without a heat: a physician's finding is offered as a ground. It is a
    # petition, not a switch, and the finding is hers: a health entry recorded by the
    # physician she chose, attached only with her own release.
    reg.clock.set(date(2026, 9, 1))
    reg.execute(c.ShareHealth(p["rey"], p["tekka"], "physician", True, p["rey"]))
    finding = reg.execute(c.RecordFinding(p["rey"], p["tekka"], "no heat recorded",
                                          date(2026, 9, 1)))
    for consent_by, rule in ((None, "health_record_consent"),
                             (p["ben"], "health_record_consent"),
                             (p["rey"], "release_by_herself")):
        with pytest.raises(Refused) as e:
            reg.execute(c.PetitionAnnulment(bond, p["ben"], "no_heats", "no heat since bonding",
                                            date(2026, 9, 1), finding, consent_by))
        assert e.value.rule == rule
    assert reg.queries.courtships.bonds_of(p["rey"])[0].dissolved_on is None
    assert reg.queries.people.snapshot(p["ben"], date(2026, 9, 1)).bonded_to == p["rey"]
    assert reg.queries.people.verify().ok


def test_a_bonding_without_the_omegas_consent_is_refused(story) -> None:
    reg, p = story
    cid = reg.execute(c.ProposeIntroduction(p["ben"], p["rey"], p["leia"], date(2026, 3, 2)))
    reg.execute(c.RecordConsent(cid, p["rey"], True, date(2026, 3, 2)))
    reg.execute(c.GrantWaiver(cid, "min_visits_before_bonding", "registrar", "test",
                              date(2026, 3, 2)))
    cer = reg.execute(c.ScheduleCeremony(cid, p["tekka"], ("W",), date(2026, 3, 2)))
    reg.execute(c.RecordConsent(cid, p["ben"], True, date(2026, 3, 2), "bonding"))
    with pytest.raises(Refused) as e:
        reg.execute(c.SealBond(cer, p["tekka"], "home", date(2026, 3, 2)))
    assert e.value.rule == "omega_consent"


def test_a_declined_introduction_ends_the_matter(story) -> None:
    reg, p = story
    cid = reg.execute(c.ProposeIntroduction(p["ben"], p["rey"], p["leia"], date(2026, 3, 2)))
    reg.execute(c.RecordConsent(cid, p["rey"], False, date(2026, 3, 2)))
    assert reg.queries.courtships.courtship(cid).status == "declined"
    with pytest.raises(Refused) as e:
        reg.execute(c.ProposeIntroduction(p["ben"], p["rey"], p["han"], date(2026, 3, 2)))
    assert e.value.rule == "refusal_ends_the_matter"


def test_safeguards_cannot_be_waived(story) -> None:
    reg, p = story
    cid = reg.execute(c.ProposeIntroduction(p["ben"], p["rey"], p["leia"], date(2026, 3, 2)))
    for rule in ("age_of_majority", "omega_consent"):
        with pytest.raises(Refused) as e:
            reg.execute(c.GrantWaiver(cid, rule, "registrar", "please", date(2026, 3, 2)))
        assert e.value.rule == "safeguards_never_waived"


def test_either_party_may_end_a_courtship_and_the_guardian_may_not(story) -> None:
    reg, p = story
    cid = reg.execute(c.ProposeIntroduction(p["ben"], p["rey"], p["leia"], date(2026, 3, 2)))
    with pytest.raises(Refused):
        reg.execute(c.EndCourtship(cid, p["plutt"], date(2026, 3, 2)))
    reg.execute(c.EndCourtship(cid, p["rey"], date(2026, 3, 2)))
    assert reg.queries.courtships.courtship(cid).status == "ended"


def test_a_handler_cannot_be_in_two_places_or_be_the_guardian(story) -> None:
    reg, p = story
    cid = reg.execute(c.ProposeIntroduction(p["ben"], p["rey"], p["leia"], date(2026, 3, 2)))
    reg.execute(c.RecordConsent(cid, p["rey"], True, date(2026, 3, 2)))
    reg.execute(c.ScheduleVisit(cid, "tea", datetime(2026, 3, 5, 15), "home", True, (p["ada"],)))
    with pytest.raises(Refused) as e:
        reg.execute(c.ScheduleVisit(cid, "walk", datetime(2026, 3, 5, 16), "home", True,
                                    (p["ada"],)))
    assert e.value.rule == "handler_in_one_place"
    with pytest.raises(Refused) as e:
        reg.execute(c.ScheduleVisit(cid, "walk", datetime(2026, 3, 6, 16), "home", True,
                                    (p["plutt"],)))
    assert e.value.rule == "handler_independent"
    with pytest.raises(Refused) as e:  # Leia is the Alpha's mother: kin
        reg.execute(c.ScheduleVisit(cid, "walk", datetime(2026, 3, 6, 16), "home", True,
                                    (p["leia"],)))
    assert e.value.rule == "handler_independent"


def test_a_visit_held_without_its_handlers_is_flagged_and_not_counted(story) -> None:
    reg, p = story
    cid = reg.execute(c.ProposeIntroduction(p["ben"], p["rey"], p["leia"], date(2026, 3, 2)))
    reg.execute(c.RecordConsent(cid, p["rey"], True, date(2026, 3, 2)))
    vid = reg.execute(c.ScheduleVisit(cid, "dinner", datetime(2026, 3, 5, 19), "home", True,
                                      (p["ada"], p["tobias"])))
    reg.clock.set(date(2026, 3, 6))  # a Visit is recorded as held once it has started
    reg.execute(c.RecordVisitHeld(vid, (p["ada"],)))
    [visit] = reg.queries.courtships.courtship(cid).visits
    assert not visit.counted and "1 of the 2" in visit.flag
